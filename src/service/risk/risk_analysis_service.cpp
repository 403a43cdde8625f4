#include "service/risk/risk_analysis_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/risk/risk.h"
#include "service/audit/audit_service.h"
#include "service/input.h"
#include "service/risk/risk_access.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<std::string> kStatuses = {"ongoing", "completed"};
const std::vector<std::string> kScopeKinds = {"org_unit", "object", "system"};

const std::vector<InputField>& AnalysisFields() {
  static const std::vector<InputField> kFields = {
      {"title", InputType::kText, true, false, 200},
      {"org_unit_id", InputType::kInt},
      {"scope_kind", InputType::kText},
      {"scope_id", InputType::kInt},
      {"analysis_date", InputType::kText, false, false, 10},
      {"participants", InputType::kLongText, false, false, 4000},
      {"method", InputType::kLongText, false, false, 4000},
      {"status", InputType::kText},
  };
  return kFields;
}

bool OneOf(const std::vector<std::string>& all, const std::string& v) {
  return std::find(all.begin(), all.end(), v) != all.end();
}

// The node of `record`'s scope (a unit, an object's node or a system's object's node), or an
// error naming the field at fault. Objects and systems must be ones the caller reads.
Result<long long> ScopeNode(Tx& tx, const Caller& caller, const json& record) {
  const std::string kind = record["scope_kind"].get<std::string>();
  const long long scope = record["scope_id"].get<long long>();
  if (kind == "org_unit") {
    if (!store::GetRecord(tx, store::OrgUnitTable(), scope))
      return Invalid("error.org_unit_missing", "scope_id");
    return scope;
  }
  std::optional<json> object;
  if (kind == "object") {
    object = store::GetRecord(tx, store::ObjectTable(), scope);
  } else if (auto system = store::GetRecord(tx, store::SystemTable(), scope)) {
    object = store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>());
  }
  if (!object || !domain::AllowsOnObject(
                     caller.grants, Permission::kAssetRead, (*object)["id"].get<long long>(),
                     store::OrgPath(tx, (*object)["org_unit_id"].get<long long>())))
    return Invalid("error.risk_scope_missing", "scope_id");
  return (*object)["org_unit_id"].get<long long>();
}

// Checks `record` (title, scope, date, status) and sets its org_unit_id from its scope.
// `unit_given` is the org_unit_id the body named, if any.
Status CheckAnalysis(Tx& tx, const Caller& caller, json& record,
                     const std::optional<long long>& unit_given) {
  record["title"] = Trimmed(record["title"].get<std::string>());
  if (record["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  if (!OneOf(kScopeKinds, record["scope_kind"].get<std::string>()))
    return Invalid("error.risk_scope_kind", "scope_kind");
  if (!IsDate(record["analysis_date"].get<std::string>()))
    return Invalid("error.field_not_date", "analysis_date");
  if (!OneOf(kStatuses, record["status"].get<std::string>()))
    return Invalid("error.risk_analysis_status", "status");
  auto node = ScopeNode(tx, caller, record);
  if (!node.ok()) return node.error();
  if (unit_given && *unit_given != *node) return Invalid("error.risk_scope_unit", "org_unit_id");
  record["org_unit_id"] = *node;
  return {};
}

// A create body's record: an analysis of the unit org_unit_id unless a scope is named.
Result<json> NewAnalysis(const json& body) {
  json record = {{"title", body["title"]},
                 {"scope_kind", body.value("scope_kind", "org_unit")},
                 {"analysis_date", body.value("analysis_date", Today())},
                 {"participants", body.value("participants", "")},
                 {"method", body.value("method", "")},
                 {"status", body.value("status", "ongoing")}};
  if (body.contains("scope_id")) {
    record["scope_id"] = body["scope_id"];
  } else if (record["scope_kind"] == "org_unit" && body.contains("org_unit_id")) {
    record["scope_id"] = body["org_unit_id"];
  } else {
    return Invalid("error.field_missing", body.contains("scope_kind") ? "scope_id" : "org_unit_id");
  }
  return record;
}

std::optional<long long> GivenUnit(const json& body) {
  if (body.contains("org_unit_id") && body["org_unit_id"].is_number_integer())
    return body["org_unit_id"].get<long long>();
  return std::nullopt;
}

long long RiskCount(Tx& tx, long long id) {
  store::Filter f;
  f.And("analysis_id = ?", {Value(id)});
  return store::CountRecords(tx, store::RiskTable(), f);
}

// The name of an analysis's scope: the unit's, object's or system's (also a deleted one).
std::string ScopeName(Tx& tx, const json& analysis) {
  const std::string kind = analysis.value("scope_kind", "");
  const char* table = kind == "object" ? "objects" : kind == "system" ? "systems" : "org_units";
  auto row = tx.QueryOne(std::string("SELECT name FROM ") + table + " WHERE id = ?",
                         {Value(analysis.value("scope_id", 0LL))}, {store::Col::kText});
  return row ? row->Text(0) : "";
}

void AddShown(Tx& tx, const Caller& caller, json& analysis) {
  analysis["scope_name"] = ScopeName(tx, analysis);
  analysis["risk_count"] = RiskCount(tx, analysis["id"].get<long long>());
  analysis["can"] = {{"edit", CanOnAnalysis(tx, caller, Permission::kRiskWrite, analysis)}};
}

}  // namespace

Result<AnalysisListQuery> ReadAnalysisListQuery(const ParamLookup& param) {
  AnalysisListQuery q;
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  q.org_unit_id = *unit;
  auto status = ReadChoiceParam(param, "status", kStatuses);
  if (!status.ok()) return status.error();
  q.status = *status;
  q.q = Trimmed(param("q").value_or(""));
  auto deleted = ReadChoiceParam(param, "deleted", {"true", "false"});
  if (!deleted.ok()) return deleted.error();
  q.deleted = *deleted == "true";
  return q;
}

Result<store::Page> RiskAnalysisService::List(const Caller& caller, const AnalysisListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterAnalyses(f, caller, Permission::kRiskRead);
    if (q.org_unit_id)
      store::FilterToSubtrees(f, "risk_analyses.org_unit_id", {false, {*q.org_unit_id}});
    if (!q.status.empty()) f.And("risk_analyses.status = ?", {Value(q.status)});
    if (!q.q.empty())
      f.And("LOWER(risk_analyses.title) LIKE LOWER(?) ESCAPE '!'",
            {Value("%" + store::EscapeLike(q.q) + "%")});
    return store::ListRecords(
        tx, store::RiskAnalysisTable(), f, "analysis_date DESC, id DESC", q.page.limit,
        q.page.offset, q.deleted,
        {{"risk_count",
          "(SELECT COUNT(*) FROM risks r WHERE r.analysis_id = risk_analyses.id AND r.deleted_at "
          "IS NULL)"}});
  });
}

Result<json> RiskAnalysisService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto analysis = store::GetRecord(tx, store::RiskAnalysisTable(), id);
    if (!analysis || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *analysis))
      return NotFound();
    AddShown(tx, caller, *analysis);
    return *analysis;
  });
}

Result<json> RiskAnalysisService::Create(const Caller& caller, const json& body) {
  Status s = CheckInput(body, AnalysisFields(), false);
  if (!s.ok()) return s.error();
  auto record = NewAnalysis(body);
  if (!record.ok()) return record.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status checked = CheckAnalysis(tx, caller, *record, GivenUnit(body));
    if (!checked.ok()) return checked.error();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *record)) return Forbidden();
    json created = store::InsertRecord(tx, store::RiskAnalysisTable(), *record);
    AddShown(tx, caller, created);
    return created;
  });
}

Result<json> RiskAnalysisService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, AnalysisFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::RiskAnalysisTable(), id);
    if (!current || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *current)) return NotFound();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *current)) return Forbidden();
    json record = *current;
    for (const char* f :
         {"title", "scope_kind", "scope_id", "analysis_date", "participants", "method", "status"})
      if (body.contains(f)) record[f] = body[f];
    // An org_unit_id alone moves an analysis of a unit to another unit.
    if (body.contains("org_unit_id") && !body.contains("scope_id") &&
        record["scope_kind"] == "org_unit")
      record["scope_id"] = body["org_unit_id"];
    Status checked = CheckAnalysis(tx, caller, record, GivenUnit(body));
    if (!checked.ok()) return checked.error();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, record)) return Forbidden();
    json changes = json::object();
    for (const auto& f : store::RiskAnalysisTable().fields) changes[f.name] = record[f.name];
    auto updated =
        store::UpdateRecord(tx, store::RiskAnalysisTable(), id, InputVersion(body), changes);
    if (updated.ok()) AddShown(tx, caller, *updated);
    return updated;
  });
}

Result<json> RiskAnalysisService::Delete(const Caller& caller, long long id,
                                         std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::RiskAnalysisTable(), id);
    if (!current || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *current)) return NotFound();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *current)) return Forbidden();
    if (RiskCount(tx, id) > 0) return MakeError(Code::kConflict, "error.risk_analysis_has_risks");
    return store::DeleteRecord(tx, store::RiskAnalysisTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<json> RiskAnalysisService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::RiskAnalysisTable(), id, true);
    if (!current || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *current)) return NotFound();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *current)) return Forbidden();
    auto old = history::Version(tx, store::RiskAnalysisTable(), id, *target);
    if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
    if (!store::GetRecord(tx, store::OrgUnitTable(), (*old)["org_unit_id"].get<long long>()))
      return Invalid("error.org_unit_missing", "org_unit_id");
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *old)) return Forbidden();
    json changes = json::object();
    for (const auto& f : store::RiskAnalysisTable().fields) changes[f.name] = (*old)[f.name];
    changes["deleted_at"] = nullptr;
    auto restored = store::UpdateRecord(tx, store::RiskAnalysisTable(), id,
                                        (*current)["version"].get<long long>(), changes, "restore");
    if (restored.ok()) AddShown(tx, caller, *restored);
    return restored;
  });
}

Result<std::vector<json>> RiskAnalysisService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::RiskAnalysisTable(), id, [&](Tx& tx, const json& record) {
    return CanOnAnalysis(tx, caller, Permission::kRiskRead, record);
  });
}

Result<json> RiskAnalysisService::GetAt(const Caller& caller, long long id, const std::string& at) {
  return history::ReadAt(db_, store::RiskAnalysisTable(), id, at, [&](Tx& tx, const json& record) {
    return CanOnAnalysis(tx, caller, Permission::kRiskRead, record);
  });
}

}  // namespace lis::service
