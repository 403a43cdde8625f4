#include "service/controls/soa_origin.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "service/controls/soa_access.h"
#include "store/controls/control_tables.h"
#include "store/controls/soa_tables.h"

namespace lis::service {

namespace {

using nlohmann::json;

Status CheckControlGap(store::Tx& tx, const Caller& caller, long long entry_id,
                       const std::string&) {
  auto entry = store::GetRecord(tx, store::SoaEntryTable(), entry_id);
  if (!entry) return Invalid("error.action_origin_missing", "origin_id");
  auto org = ReachOrganisation(tx, caller, (*entry)["org_unit_id"].get<long long>(),
                               domain::Permission::kControlRead);
  if (!org.ok()) return Invalid("error.action_origin_missing", "origin_id");
  const json& a = (*entry)["applicable"];
  bool applicable = a == true || a == 1;
  if (!applicable || (*entry)["status"] == "implemented")
    return Invalid("error.action_origin_no_control_gap", "origin_id");
  return {};
}

OriginLink ControlGapLink(store::Tx& tx, long long entry_id, const std::string&,
                          const std::string& language) {
  auto entry = store::GetRecord(tx, store::SoaEntryTable(), entry_id, true);
  if (!entry) return {};
  auto control = store::GetRecord(tx, store::FrameworkControlTable(),
                                  (*entry)["control_id"].get<long long>(), true);
  if (!control) return {};
  std::string ref = (*control)["ref"];
  std::string title = (*control)[language == "en" ? "title_en" : "title_sv"];
  return {"/org-units/" + std::to_string((*entry)["org_unit_id"].get<long long>()) + "/soa/" + ref +
              "?framework_id=" + std::to_string((*entry)["framework_id"].get<long long>()),
          Messages::Embedded().Text(language, "actions.origin_label.control_gap",
                                    {{"ref", ref}, {"title", title}})};
}

}  // namespace

void RegisterControlGapOrigin(ActionOrigins& origins) {
  OriginHandler gap;
  gap.check = CheckControlGap;
  gap.link = ControlGapLink;
  origins.Register("control_gap", gap);
}

}  // namespace lis::service
