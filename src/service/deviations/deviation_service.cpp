#include "service/deviations/deviation_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/messages.h"
#include "core/stockholm_time.h"
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/deviation_rules.h"
#include "service/assets/asset_access.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/deviations/deviation_access.h"
#include "service/incidents/incident_access.h"
#include "service/input.h"
#include "service/org/user_reference.h"
#include "service/records/record_input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/controls/control_tables.h"
#include "store/controls/soa_tables.h"
#include "store/deviations/deviation_tables.h"
#include "store/incidents/incident_tables.h"
#include "store/org/org_tables.h"
#include "store/records/record_table.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

const domain::RecordType& Declared() {
  return domain::DeviationRecord();
}

// The fields only a handler gives: the handling, not the report.
const char* const kHandlingFields[] = {"root_cause", "responsible_id", "verification_due"};

bool Blank(const json& v) {
  return !v.is_string() || Trimmed(v.get<std::string>()).empty();
}

// The rules of a deviation beyond its declaration: a title that is not only spaces, a
// detection date not after today, an origin kind and id together, and a root cause kept once
// the deviation is analysed.
Status CheckDeviation(json& r) {
  r["title"] = Trimmed(r["title"].get<std::string>());
  if (r["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  if (r["detected_on"].get<std::string>() > TodayStockholm())
    return Invalid("error.date_future", "detected_on");
  if (r["origin_kind"].is_null() != r["origin_id"].is_null())
    return Invalid("error.deviation_origin",
                   r["origin_kind"].is_null() ? "origin_kind" : "origin_id");
  std::string status = r["status"];
  bool analysed = status == "analysed" || status == "actions_planned" || status == "verifying";
  if (analysed && Blank(r["root_cause"]))
    return Invalid("error.deviation_root_cause", "root_cause");
  return {};
}

// Whether the record an origin names exists and the caller sees it.
bool OriginSeen(Tx& tx, const Caller& caller, const std::string& kind, long long id) {
  if (kind == "incident") {
    auto incident = store::GetRecord(tx, store::IncidentTable(), id);
    return incident && IncidentViewFor(tx, caller, *incident) != IncidentView::kNone;
  }
  if (kind == "requirement_gap") {
    auto system = store::GetRecord(tx, store::SystemTable(), id);
    if (!system) return false;
    auto object =
        store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>());
    return object && CanOnObject(tx, caller, Permission::kAssetRead, *object);
  }
  if (kind == "soa_gap") {
    auto entry = store::GetRecord(tx, store::SoaEntryTable(), id);
    return entry &&
           Can(tx, caller, Permission::kControlRead, (*entry)["org_unit_id"].get<long long>());
  }
  return false;  // internal_control: the internal control arrives with a later issue
}

// Whether every id of `field` of `r` names a live record of `table`; checked only when the list
// differs from `before`'s.
bool BreaksExist(Tx& tx, const store::TableSpec& table, const char* field, const json& r,
                 const json& before) {
  if (!before.is_null() && before[field] == r[field]) return true;
  for (const auto& id : r[field])
    if (!store::GetRecord(tx, table, id.get<long long>())) return false;
  return true;
}

// The checks of a deviation against other records: its unit, its origin, the requirements and
// controls it breaks and its responsible person. `before` is the stored record of a change (null
// on create).
Status CheckReferences(Tx& tx, const Caller& caller, const json& r, const json& before) {
  long long unit = r["org_unit_id"].get<long long>();
  if (before.is_null() || before["org_unit_id"] != r["org_unit_id"]) {
    Status s = CheckDeviationUnit(tx, caller, unit);
    if (!s.ok()) return s;
    if (!before.is_null() && !Can(tx, caller, Permission::kDeviationHandle, unit))
      return Forbidden();
  }
  bool origin_changed = before.is_null() || before["origin_kind"] != r["origin_kind"] ||
                        before["origin_id"] != r["origin_id"];
  if (origin_changed && r["origin_kind"].is_string() &&
      !OriginSeen(tx, caller, r["origin_kind"], r["origin_id"].get<long long>()))
    return Invalid("error.deviation_origin_missing", "origin_id");
  if (!BreaksExist(tx, store::RequirementTable(), "requirement_ids", r, before))
    return Invalid("error.deviation_requirement_missing", "requirement_ids");
  if (!BreaksExist(tx, store::FrameworkControlTable(), "control_ids", r, before))
    return Invalid("error.deviation_control_missing", "control_ids");
  if (r["responsible_id"].is_number_integer() &&
      (before.is_null() || before["responsible_id"] != r["responsible_id"]))
    return CheckUserReference(tx, "responsible_id", r["responsible_id"].get<long long>(), unit);
  return {};
}

}  // namespace

bool DeviationService::ReadsByRole(const Caller& caller) {
  return ScopesOf(caller, Permission::kDeviationRead).any();
}

bool DeviationService::HandlesByRole(const Caller& caller) {
  return ScopesOf(caller, Permission::kDeviationHandle).any();
}

Result<store::Page> DeviationService::List(const Caller& caller, const DeviationListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    store::AndDeviationsSeenBy(f, ScopesOf(caller, Permission::kDeviationRead), caller.user_id);
    store::AndDeviationFields(f, q, tx.dialect());
    return store::ListRecords(tx, store::DeviationTable(), f, store::DeviationOrder(q.sort),
                              q.page.limit, q.page.offset, q.deleted,
                              store::DeviationPeopleColumns());
  });
}

Result<json> DeviationService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto d = SeenDeviation(tx, caller, id);
    if (!d.ok()) return d;
    return ShownDeviation(tx, caller, std::move(*d));
  });
}

Result<json> DeviationService::Create(const Caller& caller, const json& body) {
  Status s = CheckRecordInput(Declared(), body, false);
  if (!s.ok()) return s.error();
  json r = RecordFromInput(Declared(), body);
  r["reported_by"] = caller.user_id;
  r["status"] = "reported";
  r["verdict_count"] = 0;
  s = CheckDeviation(r);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status checked = CheckReferences(tx, caller, r, nullptr);
    if (!checked.ok()) return checked.error();
    if (!HandlesDeviation(tx, caller, r))
      for (const char* field : kHandlingFields)
        if (body.contains(field)) {
          Error e = Forbidden();
          e.field = field;
          return e;
        }
    json created = store::InsertRecord(tx, store::DeviationTable(), r);
    return ShownDeviation(tx, caller, std::move(created));
  });
}

namespace {

// The report a one-click deviation from an origin makes, or kInvalid naming origin_id.
Result<json> ReportFromOrigin(Tx& tx, const Caller& caller, const std::string& kind, long long id,
                              const std::string& ref) {
  const Messages& texts = Messages::Embedded();
  if (kind == "incident") {
    auto incident = store::GetRecord(tx, store::IncidentTable(), id);
    if (!incident || IncidentViewFor(tx, caller, *incident) != IncidentView::kFull)
      return Invalid("error.deviation_origin_missing", "origin_id");
    return json{{"title", texts.Text(caller.language, "deviations.from_incident",
                                     {{"id", std::to_string(id)}})},
                {"org_unit_id", (*incident)["org_unit_id"]},
                {"source", "incident_review"}};
  }
  if (kind == "soa_gap") {
    auto entry = store::GetRecord(tx, store::SoaEntryTable(), id);
    if (!entry ||
        !Can(tx, caller, Permission::kControlRead, (*entry)["org_unit_id"].get<long long>()))
      return Invalid("error.deviation_origin_missing", "origin_id");
    auto control = store::GetRecord(tx, store::FrameworkControlTable(),
                                    (*entry)["control_id"].get<long long>(), true);
    bool gap = (*entry)["applicable"] == json(true) && (*entry)["status"] != "implemented";
    if (!control || !gap) return Invalid("error.deviation_origin_missing", "origin_id");
    return json{{"title", texts.Text(caller.language, "deviations.from_soa_gap",
                                     {{"ref", (*control)["ref"].get<std::string>()}})},
                {"org_unit_id", (*entry)["org_unit_id"]},
                {"source", "self_reported"},
                {"control_ids", json::array({(*entry)["control_id"]})}};
  }
  if (kind != "requirement_gap") return Invalid("error.deviation_origin_missing", "origin_id");
  auto system = store::GetRecord(tx, store::SystemTable(), id);
  auto object =
      system ? store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>())
             : std::nullopt;
  if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
    return Invalid("error.deviation_origin_missing", "origin_id");
  auto requirement = store::LiveRequirementWithCode(tx, ref);
  auto status = requirement ? store::RequirementStatus(tx, id, *requirement) : std::nullopt;
  if (!status || (*status != "not_met" && *status != "partly_met"))
    return Invalid("error.deviation_origin_missing", "origin_id");
  return json{
      {"title", texts.Text(caller.language, "deviations.from_requirement_gap",
                           {{"code", ref}, {"system", (*system)["name"].get<std::string>()}})},
      {"org_unit_id", (*object)["org_unit_id"]},
      {"source", "self_reported"},
      {"requirement_ids", json::array({*requirement})}};
}

}  // namespace

Result<json> DeviationService::CreateFromOrigin(const Caller& caller, const std::string& kind,
                                                long long id, const std::string& ref) {
  auto body = db_.ReadResult<json>(
      [&](Tx& tx) -> Result<json> { return ReportFromOrigin(tx, caller, kind, id, ref); });
  if (!body.ok()) return body;
  (*body)["detected_on"] = TodayStockholm();
  (*body)["origin_kind"] = kind;
  (*body)["origin_id"] = id;
  return Create(caller, *body);
}

Result<json> DeviationService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckRecordInput(Declared(), body, true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = HandledDeviation(tx, caller, id);
    if (!current.ok()) return current;
    auto state = domain::ParseDeviationState((*current)["status"].get<std::string>());
    if (!domain::DeviationOpen(*state))
      return MakeError(Code::kConflict, "error.deviation_finished");
    json r = *current;
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "version" && it.key() != "comment") r[it.key()] = *it;
    Status checked = CheckDeviation(r);
    if (checked.ok()) checked = CheckReferences(tx, caller, r, *current);
    if (!checked.ok()) return checked.error();
    auto updated = store::UpdateRecord(tx, store::DeviationTable(), id, InputVersion(body),
                                       StoredValues(Declared(), r));
    if (!updated.ok()) return updated;
    return ShownDeviation(tx, caller, std::move(*updated));
  });
}

Result<json> DeviationService::Delete(const Caller& caller, long long id,
                                      std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = HandledDeviation(tx, caller, id);
    if (!current.ok()) return current;
    return store::DeleteRecord(tx, store::DeviationTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<json> DeviationService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = HandledDeviation(tx, caller, id, true);
    if (!current.ok()) return current;
    auto old = history::Version(tx, store::DeviationTable(), id, *target);
    if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
    json was = WithDeclaredFields(Declared(), *old);
    if (!store::GetRecord(tx, store::OrgUnitTable(), was["org_unit_id"].get<long long>()))
      return Invalid("error.org_unit_missing", "org_unit_id");
    json changes = json::object();
    for (const auto& name : store::RestoreFieldsOf(Declared())) changes[name] = was[name];
    changes["deleted_at"] = nullptr;
    auto restored = store::UpdateRecord(tx, store::DeviationTable(), id,
                                        (*current)["version"].get<long long>(), changes, "restore");
    if (!restored.ok()) return restored;
    return ShownDeviation(tx, caller, std::move(*restored));
  });
}

Result<std::vector<json>> DeviationService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::DeviationTable(), id, [&](Tx& tx, const json& record) {
    return SeesDeviation(tx, caller, record);
  });
}

Result<json> DeviationService::GetAt(const Caller& caller, long long id, const std::string& at) {
  auto record = history::ReadAt(
      db_, store::DeviationTable(), id, at,
      [&](Tx& tx, const json& record) { return SeesDeviation(tx, caller, record); });
  if (!record.ok()) return record;
  return WithDeclaredFields(Declared(), *record);
}

}  // namespace lis::service
