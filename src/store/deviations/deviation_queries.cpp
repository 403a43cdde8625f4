#include "store/deviations/deviation_queries.h"

#include <nlohmann/json.hpp>

#include "domain/deviations/deviation_record.h"
#include "store/org/org_tables.h"
#include "store/records/text_search.h"

namespace lis::store {

void AndDeviationsSeenBy(Filter& f, const domain::PermissionScopes& scopes, long long user_id) {
  if (scopes.everywhere) return;
  Filter unit;
  FilterToSubtrees(unit, "deviations.org_unit_id", scopes);
  std::vector<Value> params = unit.params;
  params.emplace_back(user_id);
  params.emplace_back(user_id);
  f.And("(" + unit.sql + " OR deviations.reported_by = ? OR deviations.responsible_id = ?)",
        std::move(params));
}

void AndDeviationFields(Filter& f, const DeviationWhere& w, Dialect dialect) {
  if (w.org_unit_id) {
    domain::PermissionScopes under;
    under.roots = {*w.org_unit_id};
    FilterToSubtrees(f, "deviations.org_unit_id", under);
  }
  if (w.status == "open")
    f.And("deviations.status NOT IN ('closed', 'rejected')");
  else if (!w.status.empty())
    f.And("deviations.status = ?", {Value(w.status)});
  if (!w.severity.empty()) f.And("deviations.severity = ?", {Value(w.severity)});
  if (!w.source.empty()) f.And("deviations.source = ?", {Value(w.source)});
  if (w.responsible_id) f.And("deviations.responsible_id = ?", {Value(*w.responsible_id)});
  if (w.reported_by) f.And("deviations.reported_by = ?", {Value(*w.reported_by)});
  if (!w.verification_overdue_before.empty())
    f.And("deviations.status = 'verifying' AND deviations.verification_due < ?",
          {Value(w.verification_overdue_before)});
  if (!w.search.empty()) AndTextSearch(f, dialect, domain::DeviationRecord(), w.search);
}

std::string DeviationOrder(const std::string& sort) {
  if (sort.empty()) return "deviations.detected_on DESC, deviations.id DESC";
  bool desc = sort[0] == '-';
  std::string key = desc ? sort.substr(1) : sort;
  std::string dir = desc ? " DESC" : " ASC";
  // Severity sorts by weight, not by its word: the expression of the index of migration 12.
  if (key == "severity")
    return "CASE deviations.severity WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END" + dir +
           ", deviations.id" + dir;
  if (key == "title") return "LOWER(deviations.title)" + dir + ", deviations.id" + dir;
  return "deviations." + key + dir + ", deviations.id" + dir;
}

std::vector<ComputedField> DeviationPeopleColumns() {
  return {{"reported_by_name",
           "(SELECT u.name FROM users u WHERE u.id = deviations.reported_by)",
           {},
           true},
          {"responsible_name",
           "(SELECT u.name FROM users u WHERE u.id = deviations.responsible_id)",
           {},
           true}};
}

void AddDeviationPeople(Tx& tx, nlohmann::json& d) {
  for (const char* field : {"reported_by", "responsible_id", "verdict_by"}) {
    std::string name_field =
        std::string(field == std::string("responsible_id") ? "responsible" : field) + "_name";
    d[name_field] = "";
    if (!d[field].is_number_integer()) continue;
    auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?",
                           {Value(d[field].get<long long>())}, {Col::kText});
    if (row) d[name_field] = row->Text(0);
  }
}

std::vector<DeviationYearRow> DeviationYear(Tx& tx, const Filter& scope,
                                            const std::string& first_day,
                                            const std::string& last_day,
                                            const std::string& from_utc,
                                            const std::string& to_utc) {
  const char* closed_in_year =
      "deviations.status = 'closed' AND deviations.verdict_at >= ? AND deviations.verdict_at < ?";
  std::vector<Value> params = {Value(first_day), Value(last_day), Value(from_utc),
                               Value(to_utc),    Value(from_utc), Value(to_utc)};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  std::string sql =
      std::string(
          "SELECT deviations.org_unit_id, SUM(CASE WHEN deviations.detected_on >= ? AND "
          "deviations.detected_on <= ? THEN 1 ELSE 0 END), SUM(CASE WHEN ") +
      closed_in_year + " THEN 1 ELSE 0 END), SUM(CASE WHEN " + closed_in_year +
      " AND deviations.verdict_count = 1 THEN 1 ELSE 0 END) FROM deviations WHERE "
      "deviations.deleted_at IS NULL" +
      (scope.sql.empty() ? "" : " AND " + scope.sql) + " GROUP BY deviations.org_unit_id";
  std::vector<DeviationYearRow> out;
  for (const auto& r : tx.Query(sql, params, {Col::kInt, Col::kInt, Col::kInt, Col::kInt}))
    if (r.Int(1) + r.Int(2) > 0) out.push_back({r.Int(0), r.Int(1), r.Int(2), r.Int(3)});
  return out;
}

std::vector<ClosedDeviation> ClosedDeviations(Tx& tx, const Filter& scope,
                                              const std::string& from_utc,
                                              const std::string& to_utc) {
  std::vector<Value> params = {Value(from_utc), Value(to_utc)};
  params.insert(params.end(), scope.params.begin(), scope.params.end());
  std::vector<ClosedDeviation> out;
  for (const auto& r :
       tx.Query("SELECT deviations.org_unit_id, deviations.detected_on, deviations.verdict_at FROM "
                "deviations WHERE deviations.status = 'closed' AND deviations.verdict_at >= ? AND "
                "deviations.verdict_at < ? AND deviations.deleted_at IS NULL" +
                    (scope.sql.empty() ? std::string() : " AND " + scope.sql),
                params, {Col::kInt, Col::kText, Col::kText}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

DeviationActions ActionsOfDeviation(Tx& tx, long long id, long long user_id) {
  DeviationActions out;
  for (const auto& row : tx.Query(
           "SELECT status, owner_id FROM actions WHERE origin = 'deviation' AND origin_id = ? AND "
           "deleted_at IS NULL",
           {Value(id)}, {Col::kText, Col::kInt})) {
    std::string status = row.Text(0);
    if (status == "done") ++out.done;
    if (status == "planned" || status == "in_progress") ++out.open;
    if (status != "cancelled" && row.Int(1) == user_id) out.owned_by_user = true;
  }
  return out;
}

}  // namespace lis::store
