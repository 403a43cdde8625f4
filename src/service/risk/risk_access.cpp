#include "service/risk/risk_access.h"

#include <nlohmann/json.hpp>

#include "service/authorizer.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Value;

std::optional<long long> AnalysisObject(store::Tx& tx, const json& analysis) {
  const std::string kind = analysis.value("scope_kind", "");
  long long scope = analysis.value("scope_id", 0LL);
  if (kind == "object") return scope;
  if (kind != "system") return std::nullopt;
  auto row =
      tx.QueryOne("SELECT object_id FROM systems WHERE id = ?", {Value(scope)}, {store::Col::kInt});
  return row ? std::optional<long long>(row->Int(0)) : std::nullopt;
}

bool CanOnAnalysis(store::Tx& tx, const Caller& caller, Permission permission,
                   const json& analysis) {
  auto path = store::OrgPath(tx, analysis["org_unit_id"].get<long long>());
  auto object = AnalysisObject(tx, analysis);
  return object ? domain::AllowsOnObject(caller.grants, permission, *object, path)
                : domain::Allows(caller.grants, permission, path);
}

void FilterAnalyses(store::Filter& filter, const Caller& caller, Permission permission) {
  auto scopes = ScopesOf(caller, permission);
  if (scopes.everywhere) return;
  store::Filter unit;
  store::FilterToSubtrees(unit, "risk_analyses.org_unit_id", scopes);
  auto objects = domain::ObjectsFor(caller.grants, permission);
  if (objects.empty()) {
    filter.And(unit.sql, unit.params);
    return;
  }
  std::vector<Value> params = unit.params;
  std::string direct = store::Placeholders(objects, params);
  std::string via_system = store::Placeholders(objects, params);
  filter.And("(" + unit.sql +
                 " OR (risk_analyses.scope_kind = 'object' AND risk_analyses.scope_id IN (" +
                 direct +
                 ")) OR (risk_analyses.scope_kind = 'system' AND risk_analyses.scope_id IN (SELECT "
                 "id FROM systems WHERE object_id IN (" +
                 via_system + "))))",
             std::move(params));
}

bool CanOnRisk(store::Tx& tx, const Caller& caller, Permission permission, const json& risk,
               const json& analysis) {
  if (risk.value("owner_id", json(nullptr)) == json(caller.user_id)) return true;
  return CanOnAnalysis(tx, caller, permission, analysis);
}

void FilterReadableRisks(store::Filter& filter, const Caller& caller) {
  store::Filter analyses;
  FilterAnalyses(analyses, caller, Permission::kRiskRead);
  std::vector<Value> params = analyses.params;
  params.emplace_back(caller.user_id);
  filter.And(
      "(risks.analysis_id IN (SELECT risk_analyses.id FROM risk_analyses WHERE "
      "risk_analyses.deleted_at IS NULL" +
          (analyses.sql.empty() ? std::string() : " AND " + analyses.sql) +
          ") OR risks.owner_id = ?)",
      std::move(params));
}

bool CanAcceptRisk(store::Tx& tx, const Caller& caller, const json& analysis) {
  return domain::Allows(caller.grants, Permission::kRiskAccept,
                        store::OrgPath(tx, analysis["org_unit_id"].get<long long>()));
}

bool CanReadAnyRisk(const Caller& caller) {
  return ScopesOf(caller, Permission::kRiskRead).any() ||
         !domain::ObjectsFor(caller.grants, Permission::kRiskRead).empty();
}

bool CanWriteAnyRisk(const Caller& caller) {
  return ScopesOf(caller, Permission::kRiskWrite).any() ||
         !domain::ObjectsFor(caller.grants, Permission::kRiskWrite).empty();
}

}  // namespace lis::service
