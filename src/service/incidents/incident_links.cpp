// Links of an incident to systems, information sets, risks and actions (IncidentService).
// A target is shown and linked only when the caller may read it, by the rules of its area.
#include <nlohmann/json.hpp>

#include "domain/actions/action_rules.h"
#include "domain/incidents/incident_rules.h"
#include "service/actions/action_service.h"
#include "service/assets/asset_access.h"
#include "service/incidents/incident_service.h"
#include "service/incidents/incident_support.h"
#include "service/input.h"
#include "service/risk/risk_access.h"
#include "store/actions/action_tables.h"
#include "store/assets/asset_tables.h"
#include "store/incidents/incident_tables.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;
using namespace incidents;

namespace {

std::optional<std::string> SystemLabel(Tx& tx, const Caller& caller, long long id) {
  auto system = store::GetRecord(tx, store::SystemTable(), id);
  if (!system) return std::nullopt;
  auto object = store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>());
  if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object)) return std::nullopt;
  return (*system)["name"].get<std::string>();
}

std::optional<std::string> SetLabel(Tx& tx, const Caller& caller, long long id) {
  auto set = store::GetRecord(tx, store::InformationSetTable(), id);
  if (!set || !CanOnSet(tx, caller, Permission::kAssetRead, *set)) return std::nullopt;
  return (*set)["name"].get<std::string>();
}

std::optional<std::string> RiskLabel(Tx& tx, const Caller& caller, long long id) {
  auto risk = store::GetRecord(tx, store::RiskTable(), id);
  if (!risk) return std::nullopt;
  auto analysis =
      store::GetRecord(tx, store::RiskAnalysisTable(), (*risk)["analysis_id"].get<long long>());
  if (!analysis || !CanOnRisk(tx, caller, Permission::kRiskRead, *risk, *analysis))
    return std::nullopt;
  return (*risk)["title"].get<std::string>();
}

std::optional<std::string> ActionLabel(Tx& tx, const Caller& caller, long long id) {
  auto action = store::GetRecord(tx, store::ActionTable(), id);
  if (!action || !CanReadAction(tx, caller, *action)) return std::nullopt;
  return (*action)["title"].get<std::string>();
}

// The name or title of the live target when the caller may read it; nothing otherwise.
std::optional<std::string> TargetLabel(Tx& tx, const Caller& caller, const std::string& kind,
                                       long long id) {
  if (kind == "system") return SystemLabel(tx, caller, id);
  if (kind == "information_set") return SetLabel(tx, caller, id);
  if (kind == "risk") return RiskLabel(tx, caller, id);
  if (kind == "action") return ActionLabel(tx, caller, id);
  return std::nullopt;
}

// A link as shown: its label, or null (and readable false) when the caller may not read the
// target or it is gone.
json Shown(Tx& tx, const Caller& caller, json link) {
  auto label =
      TargetLabel(tx, caller, link["kind"].get<std::string>(), link["target_id"].get<long long>());
  link["label"] = label ? json(*label) : json(nullptr);
  link["readable"] = label.has_value();
  return link;
}

const std::vector<InputField>& LinkFields() {
  static const std::vector<InputField> kFields = {{"kind", InputType::kText, true, false, 40},
                                                  {"target_id", InputType::kInt, true, false}};
  return kFields;
}

store::Filter LinksFilter(long long id) {
  store::Filter f;
  f.And("incident_id = ?", {Value(id)});
  return f;
}

}  // namespace

std::vector<json> IncidentService::LinksOf(Tx& tx, const Caller& caller, long long id) {
  auto page = store::ListRecords(tx, store::IncidentLinkTable(), LinksFilter(id), "id", 100000, 0);
  std::vector<json> out;
  for (auto& link : page.items) out.push_back(Shown(tx, caller, link));
  return out;
}

Result<std::vector<json>> IncidentService::Links(const Caller& caller, long long id) {
  return db_.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    auto incident = FullyVisibleIncident(tx, caller, id);
    if (!incident.ok()) return incident.error();
    return LinksOf(tx, caller, id);
  });
}

Result<json> IncidentService::AddLink(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, LinkFields(), false);
  if (!s.ok()) return s.error();
  const std::string kind = body["kind"];
  if (!domain::IsOneOf(kind, domain::IncidentLinkKinds()))
    return Invalid("error.incident_link_kind", "kind")
        .With("allowed", JoinedList(domain::IncidentLinkKinds()));
  const long long target = body["target_id"];
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto incident = HandledIncident(tx, caller, id);
    if (!incident.ok()) return incident.error();
    if (!TargetLabel(tx, caller, kind, target))
      return Invalid("error.incident_link_target", "target_id");
    store::Filter same = LinksFilter(id);
    same.And("kind = ? AND target_id = ?", {Value(kind), Value(target)});
    if (store::CountRecords(tx, store::IncidentLinkTable(), same) > 0)
      return MakeError(Code::kConflict, "error.incident_link_exists");
    json link = store::InsertRecord(tx, store::IncidentLinkTable(),
                                    {{"incident_id", id},
                                     {"org_unit_id", (*incident)["org_unit_id"]},
                                     {"kind", kind},
                                     {"target_id", target}});
    return Shown(tx, caller, link);
  });
}

Status IncidentService::RemoveLink(const Caller& caller, long long id, long long link_id) {
  return db_.Write(caller.ToActor(), [&](Tx& tx) -> Status {
    auto incident = HandledIncident(tx, caller, id);
    if (!incident.ok()) return incident.error();
    auto link = store::GetRecord(tx, store::IncidentLinkTable(), link_id);
    if (!link || (*link)["incident_id"] != json(id)) return NotFound();
    return store::DeleteRecord(tx, store::IncidentLinkTable(), link_id,
                               (*link)["version"].get<long long>())
        .status();
  });
}

}  // namespace lis::service
