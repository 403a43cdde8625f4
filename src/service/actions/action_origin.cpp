#include "service/actions/action_origin.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/actions/action_rules.h"
#include "service/assets/requirement_service.h"

namespace lis::service {

using nlohmann::json;

void ActionOrigins::Register(const std::string& kind, OriginHandler handler) {
  handlers_[kind] = std::move(handler);
}

const OriginHandler* ActionOrigins::Find(const std::string& kind) const {
  auto it = handlers_.find(kind);
  return it == handlers_.end() ? nullptr : &it->second;
}

Status ActionOrigins::Check(store::Tx& tx, const Caller& caller, const std::string& kind,
                            std::optional<long long> id, const std::string& ref) const {
  if (!domain::IsOneOf(kind, domain::ActionOriginKinds()))
    return Invalid("error.action_origin", "origin");
  const OriginHandler* handler = Find(kind);
  if (!handler) return Invalid("error.action_origin_unavailable", "origin").With("origin", kind);
  if (!handler->has_id) {
    if (id) return Invalid("error.action_origin_no_id", "origin_id");
    if (!ref.empty()) return Invalid("error.action_origin_no_id", "origin_ref");
    return {};
  }
  if (!id) return Invalid("error.field_missing", "origin_id");
  if (handler->has_ref && ref.empty()) return Invalid("error.field_missing", "origin_ref");
  return handler->check ? handler->check(tx, caller, *id, ref) : Status();
}

OriginLink ActionOrigins::Link(store::Tx& tx, const std::string& kind, std::optional<long long> id,
                               const std::string& ref, const std::string& language) const {
  const OriginHandler* handler = Find(kind);
  if (!handler || !handler->link || (handler->has_id && !id)) return {};
  return handler->link(tx, id.value_or(0), ref, language);
}

bool ActionOrigins::AfterStatusChange(store::Tx& tx, const std::string& kind,
                                      std::optional<long long> id, const std::string& ref,
                                      const std::string& before, const std::string& after,
                                      const std::vector<std::string>& all) const {
  const OriginHandler* handler = Find(kind);
  if (!handler || !handler->on_all_done || !id) return false;
  if (!domain::CompletesOrigin(before, after, all)) return false;
  handler->on_all_done(tx, *id, ref);
  return true;
}

namespace {

Status CheckRequirementGap(store::Tx& tx, const Caller& caller, long long system_id,
                           const std::string& code) {
  auto requirement = RequirementService::OfSystem(tx, caller, system_id, code);
  if (!requirement.ok()) {
    if (requirement.error().code == Code::kNotFound)
      return Invalid("error.action_origin_missing",
                     requirement.error().field == "code" ? "origin_ref" : "origin_id");
    return Invalid("error.action_origin_not_triggered", "origin_ref");
  }
  std::string status = (*requirement)["status"];
  if (status == "met" || status == "not_applicable")
    return Invalid("error.action_origin_no_gap", "origin_ref");
  return {};
}

OriginLink RequirementGapLink(store::Tx& tx, long long system_id, const std::string& code,
                              const std::string& language) {
  auto row = tx.QueryOne("SELECT name FROM systems WHERE id = ?", {store::Value(system_id)},
                         {store::Col::kText});
  return {"/assets/systems/" + std::to_string(system_id),
          Messages::Embedded().Text(language, "actions.origin_label.requirement_gap",
                                    {{"code", code}, {"system", row ? row->Text(0) : ""}})};
}

}  // namespace

void RegisterBuiltInOrigins(ActionOrigins& origins) {
  OriginHandler manual;
  manual.has_id = false;
  origins.Register("manual", manual);
  OriginHandler gap;
  gap.has_ref = true;
  gap.check = CheckRequirementGap;
  gap.link = RequirementGapLink;
  origins.Register("requirement_gap", gap);
}

}  // namespace lis::service
