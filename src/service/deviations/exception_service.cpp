#include "service/deviations/exception_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/stockholm_time.h"
#include "domain/deviations/exception_record.h"
#include "domain/deviations/exception_rules.h"
#include "service/assets/asset_access.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/deviations/exception_access.h"
#include "service/input.h"
#include "service/records/record_input.h"
#include "service/risk/risk_access.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/controls/control_tables.h"
#include "store/deviations/deviation_tables.h"
#include "store/org/org_tables.h"
#include "store/records/record_table.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

using domain::ExceptionState;
using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

const domain::RecordType& DeclaredException() {
  return domain::ExceptionRecord();
}

bool FilledText(const json& v) {
  return v.is_string() && !Trimmed(v.get<std::string>()).empty();
}

// The columns of a record to write: the systems live in their link table.
json ExceptionColumns(const json& r) {
  json values = StoredValues(DeclaredException(), r);
  values.erase("system_ids");
  return values;
}

std::vector<long long> SystemIdsOf(const json& r) {
  std::vector<long long> ids;
  if (r.contains("system_ids") && r["system_ids"].is_array())
    for (const auto& id : r["system_ids"]) ids.push_back(id.get<long long>());
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  return ids;
}

// The rules of an exception beyond its declaration: a title, exactly one subject, a validity
// within the maximum.
Status CheckException(json& r, int max_months) {
  r["title"] = Trimmed(r["title"].get<std::string>());
  if (r["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  if (!FilledText(r["reason"])) return Invalid("error.field_blank", "reason");
  bool requirement = FilledText(r["requirement_code"]);
  bool control = FilledText(r["control_ref"]) || r["framework_id"].is_number_integer();
  bool clause = FilledText(r["clause"]);
  if (requirement + control + clause != 1)
    return Invalid("error.exception_subject", "requirement_code");
  if (control && !(FilledText(r["control_ref"]) && r["framework_id"].is_number_integer()))
    return Invalid("error.exception_control",
                   FilledText(r["control_ref"]) ? "framework_id" : "control_ref");
  if (requirement && SystemIdsOf(r).empty())
    return Invalid("error.exception_systems", "system_ids");
  return domain::CheckValidity(r["valid_from"], r["valid_until"], max_months);
}

Status CheckSubject(Tx& tx, const json& r) {
  if (FilledText(r["requirement_code"]) &&
      !store::LiveRequirementWithCode(tx, r["requirement_code"].get<std::string>()))
    return Invalid("error.exception_requirement", "requirement_code");
  if (FilledText(r["control_ref"])) {
    auto controls = store::ControlsByRef(tx, r["framework_id"].get<long long>());
    auto it = controls.find(r["control_ref"].get<std::string>());
    if (it == controls.end() || !it->second["deleted_at"].is_null())
      return Invalid("error.exception_control", "control_ref");
  }
  return {};
}

// The records an exception names, each one the caller reads.
Status CheckReferences(Tx& tx, const Caller& caller, const json& r) {
  if (!store::GetRecord(tx, store::OrgUnitTable(), r["org_unit_id"].get<long long>()))
    return Invalid("error.org_unit_missing", "org_unit_id");
  for (long long id : SystemIdsOf(r)) {
    auto system = store::GetRecord(tx, store::SystemTable(), id);
    auto object =
        system ? store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>())
               : std::nullopt;
    if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
      return Invalid("error.exception_system_missing", "system_ids");
  }
  for (const auto& id : r["information_set_ids"]) {
    auto set = store::GetRecord(tx, store::InformationSetTable(), id.get<long long>());
    if (!set || !CanOnSet(tx, caller, Permission::kAssetRead, *set))
      return Invalid("error.exception_set_missing", "information_set_ids");
  }
  if (r["risk_id"].is_number_integer()) {
    auto risk = store::GetRecord(tx, store::RiskTable(), r["risk_id"].get<long long>());
    auto analysis = risk ? store::GetRecord(tx, store::RiskAnalysisTable(),
                                            (*risk)["analysis_id"].get<long long>())
                         : std::nullopt;
    if (!analysis || !CanOnRisk(tx, caller, Permission::kRiskRead, *risk, *analysis))
      return Invalid("error.exception_risk_missing", "risk_id");
  }
  if (r["previous_id"].is_number_integer() &&
      !SeenException(tx, caller, r["previous_id"].get<long long>()).ok())
    return Invalid("error.exception_previous_missing", "previous_id");
  return CheckSubject(tx, r);
}

// What the caller may do: request/edit, give the CISO's opinion (checked per field).
Status CheckMayWrite(Tx& tx, const Caller& caller, const json& r, const json& body) {
  if (!MayRequestException(tx, caller, r["org_unit_id"].get<long long>(), SystemIdsOf(r)) &&
      r.value("requested_by", json(nullptr)) != json(caller.user_id))
    return Forbidden();
  if (body.contains("ciso_opinion") &&
      !CanOnException(tx, caller, Permission::kExceptionOpinion, r)) {
    Error e = Forbidden();
    e.field = "ciso_opinion";
    return e;
  }
  return {};
}

Result<json> WriteChange(Tx& tx, const Caller& caller, long long id, long long version,
                         const json& r, const std::string& action) {
  auto updated =
      store::UpdateRecord(tx, store::ExceptionTable(), id, version, ExceptionColumns(r), action);
  if (!updated.ok()) return updated;
  (*updated)["system_ids"] = store::SystemsOfException(tx, id);
  return ShownException(tx, caller, std::move(*updated));
}

}  // namespace

Result<store::Page> ExceptionService::List(const Caller& caller, const ExceptionListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    store::AndExceptionsSeenBy(f, ScopesOf(caller, Permission::kExceptionRead), caller.user_id,
                               domain::ObjectsFor(caller.grants, Permission::kExceptionRead));
    store::AndExceptionFields(f, q, tx.dialect());
    auto page = store::ListRecords(tx, store::ExceptionTable(), f, store::ExceptionOrder(q.sort),
                                   q.page.limit, q.page.offset, q.deleted);
    std::vector<long long> ids;
    for (const auto& e : page.items) ids.push_back(e["id"].get<long long>());
    auto systems = store::SystemsOfExceptions(tx, ids);
    for (auto& e : page.items) e["system_ids"] = systems[e["id"].get<long long>()];
    return page;
  });
}

Result<json> ExceptionService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto e = SeenException(tx, caller, id);
    if (!e.ok()) return e;
    return ShownException(tx, caller, std::move(*e));
  });
}

Result<std::map<std::string, json>> ExceptionService::InForceForControls(const Caller& caller,
                                                                         long long org_unit_id,
                                                                         long long framework_id) {
  using Found = std::map<std::string, json>;
  return db_.ReadResult<Found>([&](Tx& tx) -> Result<Found> {
    Found out;
    std::string today = StockholmDate(std::chrono::system_clock::now());
    for (const auto& e : store::ExceptionsInForceOfControls(tx, org_unit_id, framework_id, today))
      if (!out.count(e.control_ref) && SeenException(tx, caller, e.id).ok())
        out[e.control_ref] = {{"id", e.id}, {"valid_until", e.valid_until}};
    return out;
  });
}

bool ExceptionService::MayRequestAt(const Caller& caller, long long org_unit_id) {
  auto may = db_.ReadResult<bool>(
      [&](Tx& tx) -> Result<bool> { return MayRequestException(tx, caller, org_unit_id, {}); });
  return may.ok() && *may;
}

Result<json> ExceptionService::Create(const Caller& caller, const json& body) {
  Status s = CheckRecordInput(DeclaredException(), body, false);
  if (!s.ok()) return s.error();
  json r = RecordFromInput(DeclaredException(), body);
  r["system_ids"] = SystemIdsOf(body);
  r["requested_by"] = caller.user_id;
  r["status"] = "requested";
  s = CheckException(r, max_months_);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status checked = CheckReferences(tx, caller, r);
    if (checked.ok()) {
      json unowned = r;
      unowned["requested_by"] = nullptr;  // a new request is the caller's only by its roles
      checked = CheckMayWrite(tx, caller, unowned, body);
    }
    if (!checked.ok()) return checked.error();
    json created = store::InsertRecord(tx, store::ExceptionTable(), ExceptionColumns(r));
    long long id = created["id"].get<long long>();
    store::SetSystemsOfException(tx, id, SystemIdsOf(r));
    created["system_ids"] = SystemIdsOf(r);
    return ShownException(tx, caller, std::move(created));
  });
}

Result<json> ExceptionService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckRecordInput(DeclaredException(), body, true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = SeenException(tx, caller, id);
    if (!current.ok()) return current;
    Status checked = CheckMayWrite(tx, caller, *current, body);
    if (!checked.ok()) return checked.error();
    if ((*current)["status"] != "requested")
      return MakeError(Code::kConflict, "error.exception_decided");
    json r = *current;
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "version" && it.key() != "comment") r[it.key()] = *it;
    r["system_ids"] = SystemIdsOf(r);
    checked = CheckException(r, max_months_);
    if (checked.ok()) checked = CheckReferences(tx, caller, r);
    if (checked.ok()) checked = CheckMayWrite(tx, caller, r, body);
    if (!checked.ok()) return checked.error();
    if (SystemIdsOf(r) != SystemIdsOf(*current))
      store::SetSystemsOfException(tx, id, SystemIdsOf(r));
    return WriteChange(tx, caller, id, InputVersion(body), r, "update");
  });
}

Result<json> ExceptionService::Delete(const Caller& caller, long long id,
                                      std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = SeenException(tx, caller, id);
    if (!current.ok()) return current;
    json shown = ShownException(tx, caller, *current);
    if (!shown["can"]["delete"].get<bool>()) return Forbidden();
    return store::DeleteRecord(tx, store::ExceptionTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<json> ExceptionService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = SeenException(tx, caller, id, true);
    if (!current.ok()) return current;
    if (!CanOnException(tx, caller, Permission::kExceptionOpinion, *current)) return Forbidden();
    auto old = history::Version(tx, store::ExceptionTable(), id, *target);
    if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
    json was = WithDeclaredFields(DeclaredException(), *old);
    json changes = json::object();
    for (const auto& name : store::RestoreFieldsOf(DeclaredException())) changes[name] = was[name];
    changes["deleted_at"] = nullptr;
    auto restored = store::UpdateRecord(tx, store::ExceptionTable(), id,
                                        (*current)["version"].get<long long>(), changes, "restore");
    if (!restored.ok()) return restored;
    (*restored)["system_ids"] = store::SystemsOfException(tx, id);
    return ShownException(tx, caller, std::move(*restored));
  });
}

Result<std::vector<json>> ExceptionService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::ExceptionTable(), id, [&](Tx& tx, const json& record) {
    return SeesException(tx, caller, record, store::SystemsOfException(tx, id));
  });
}

Result<json> ExceptionService::GetAt(const Caller& caller, long long id, const std::string& at) {
  auto record = history::ReadAt(db_, store::ExceptionTable(), id, at, [&](Tx& tx, const json& r) {
    return SeesException(tx, caller, r, store::SystemsOfException(tx, id));
  });
  if (!record.ok()) return record;
  json was = WithDeclaredFields(DeclaredException(), *record);
  // The systems are links, not versioned: the version shows the ones linked now.
  auto systems = db_.ReadResult<json>(
      [&](Tx& tx) -> Result<json> { return json(store::SystemsOfException(tx, id)); });
  if (!systems.ok()) return systems;
  was["system_ids"] = *systems;
  return was;
}

}  // namespace lis::service
