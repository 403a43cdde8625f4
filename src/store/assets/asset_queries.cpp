#include "store/assets/asset_queries.h"

#include <nlohmann/json.hpp>

#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"

namespace lis::store {

using nlohmann::json;

json ObjectRoleHolders(Tx& tx, long long object_id) {
  json out = json::array();
  for (const auto& row :
       tx.Query("SELECT r.id, r.role, u.id, u.name FROM role_assignments r JOIN users u ON u.id = "
                "r.user_id WHERE r.object_id = ? AND r.deleted_at IS NULL AND u.deleted_at IS NULL "
                "AND u.active = 1 ORDER BY r.role, u.name, r.id",
                {Value(object_id)}, {Col::kInt, Col::kText, Col::kInt, Col::kText}))
    out.push_back({{"id", row.Int(0)},
                   {"role", row.Text(1)},
                   {"user_id", row.Int(2)},
                   {"name", row.Text(3)}});
  return out;
}

long long CountSystemsOfObject(Tx& tx, long long object_id) {
  Filter f;
  f.And("object_id = ?", {Value(object_id)});
  return CountRecords(tx, SystemTable(), f);
}

long long CountRoleAssignmentsOnObject(Tx& tx, long long object_id) {
  Filter f;
  f.And("object_id = ?", {Value(object_id)});
  return CountRecords(tx, RoleAssignmentTable(), f);
}

void AndInScopesOrObjects(Filter& f, const domain::PermissionScopes& scopes,
                          const std::string& unit_column, const std::string& id_column,
                          const std::vector<long long>& objects) {
  if (scopes.everywhere) return;
  Filter unit;
  FilterToSubtrees(unit, unit_column, scopes);
  std::vector<Value> params = unit.params;
  std::string sql = "(" + unit.sql;
  if (!objects.empty()) sql += " OR " + id_column + " IN (" + Placeholders(objects, params) + ")";
  f.And(sql + ")", std::move(params));
}

void AndSetsPlacedOrProcessed(Filter& f, const domain::PermissionScopes& scopes,
                              const Filter* objects) {
  Filter unit;
  FilterToSubtrees(unit, "information_sets.org_unit_id", scopes);
  if (!objects) {
    f.And(unit.sql, unit.params);
    return;
  }
  std::vector<Value> params = unit.params;
  params.insert(params.end(), objects->params.begin(), objects->params.end());
  f.And("(" + unit.sql +
            " OR EXISTS (SELECT 1 FROM information_set_systems l JOIN systems s ON s.id = "
            "l.system_id JOIN objects o ON o.id = s.object_id WHERE l.information_set_id = "
            "information_sets.id AND s.deleted_at IS NULL AND o.deleted_at IS NULL" +
            (objects->sql.empty() ? std::string() : " AND " + objects->sql) + "))",
        std::move(params));
}

void AndSystemsOfObjects(Filter& f, const Filter& objects, bool deleted_objects, bool walk_order) {
  Filter o;
  if (!deleted_objects) o.And("o.deleted_at IS NULL");
  if (!objects.sql.empty()) o.And("(" + objects.sql + ")", objects.params);
  // A unary plus makes the column an expression, which no index serves.
  f.And(std::string(walk_order ? "+" : "") + "object_id IN (SELECT o.id FROM objects o" +
            (o.sql.empty() ? "" : " WHERE " + o.sql) + ")",
        o.params);
}

void AndSystemFields(Filter& f, std::optional<long long> object_id, const std::string& lifecycle,
                     const std::string& hosting) {
  if (object_id) f.And("object_id = ?", {Value(*object_id)});
  if (!lifecycle.empty()) f.And("lifecycle = ?", {Value(lifecycle)});
  if (!hosting.empty()) f.And("hosting = ?", {Value(hosting)});
}

std::optional<long long> RequirementWithCode(Tx& tx, const std::string& code, long long except) {
  auto row = tx.QueryOne("SELECT id FROM requirements WHERE code = ? AND id <> ?",
                         {Value(code), Value(except)}, {Col::kInt});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<long long> LiveRequirementWithCode(Tx& tx, const std::string& code) {
  auto row = tx.QueryOne("SELECT id FROM requirements WHERE code = ? AND deleted_at IS NULL",
                         {Value(code)}, {Col::kInt});
  if (!row) return std::nullopt;
  return row->Int(0);
}

void AndRequirementFields(Filter& f, const std::string& aspect, std::optional<int> min_level) {
  if (!aspect.empty()) f.And("aspect = ?", {Value(aspect)});
  if (min_level) f.And("min_level = ?", {Value(static_cast<long long>(*min_level))});
}

void AndStatusesOfSystem(Filter& f, long long system_id) {
  f.And("system_id = ?", {Value(system_id)});
}

std::optional<std::string> RequirementStatus(Tx& tx, long long system_id,
                                             long long requirement_id) {
  auto row = tx.QueryOne(
      "SELECT status FROM system_requirements WHERE system_id = ? AND requirement_id = ? AND "
      "deleted_at IS NULL",
      {Value(system_id), Value(requirement_id)}, {Col::kText});
  if (!row) return std::nullopt;
  return row->Text(0);
}

std::optional<long long> RequirementStatusRecord(Tx& tx, long long system_id,
                                                 long long requirement_id) {
  auto row =
      tx.QueryOne("SELECT id FROM system_requirements WHERE system_id = ? AND requirement_id = ?",
                  {Value(system_id), Value(requirement_id)}, {Col::kInt});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::optional<long long> ClassificationOfSet(Tx& tx, long long set_id) {
  auto row = tx.QueryOne("SELECT id FROM classifications WHERE information_set_id = ?",
                         {Value(set_id)}, {Col::kInt});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::map<long long, domain::AspectLevels> LevelsOfSets(Tx& tx,
                                                       const std::vector<long long>& set_ids) {
  std::map<long long, domain::AspectLevels> levels;
  if (set_ids.empty()) return levels;
  std::vector<Value> ids;
  std::string marks = Placeholders(set_ids, ids);
  for (const auto& r :
       tx.Query("SELECT information_set_id, confidentiality, integrity, availability, traceability "
                "FROM classifications WHERE deleted_at IS NULL AND information_set_id IN (" +
                    marks + ")",
                ids, {Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt}))
    for (int a = 0; a < 4; ++a) levels[r.Int(0)][a] = static_cast<int>(r.Int(1 + a));
  return levels;
}

void AndSetsWithDrafts(Filter& f) {
  f.And("information_sets.derived_drafts > 0");
}

void AndSetsUnclassified(Filter& f) {
  f.And("information_sets.derived_class IS NULL");
}

void AndSetsReviewBefore(Filter& f, const std::string& day) {
  f.And("information_sets.derived_review_due < ?", {Value(day)});
}

void AndSetsReviewWithin(Filter& f, const std::string& first_day, const std::string& last_day) {
  f.And("information_sets.derived_review_due <= ?", {Value(last_day)});
  if (!first_day.empty()) f.And("information_sets.derived_review_due >= ?", {Value(first_day)});
}

void AndEither(Filter& f, const Filter& a, const Filter& b) {
  std::vector<Value> params = a.params;
  params.insert(params.end(), b.params.begin(), b.params.end());
  f.And("((" + a.sql + ") OR (" + b.sql + "))", std::move(params));
}

std::string SetsByClassifiedAt() {
  return "(SELECT c.classified_at FROM classifications c WHERE c.information_set_id = "
         "information_sets.id AND c.deleted_at IS NULL), name, id";
}

std::string SetsByReviewDue() {
  return "information_sets.derived_review_due, name, id";
}

void AndSetIds(Filter& f, const std::vector<long long>& ids) {
  std::vector<Value> params;
  std::string marks = Placeholders(ids, params);
  f.And(marks.empty() ? "1 = 0" : "information_sets.id IN (" + marks + ")", std::move(params));
}

std::vector<long long> DraftSetIdsPage(Tx& tx, const Filter& f, long long limit, long long offset) {
  std::vector<Value> params = f.params;
  params.emplace_back(limit);
  params.emplace_back(offset);
  std::vector<long long> ids;
  for (const auto& r : tx.Query(
           "SELECT information_sets.id FROM classifications dc JOIN information_sets ON "
           "information_sets.id = dc.information_set_id WHERE dc.status = 'draft' AND "
           "dc.deleted_at IS NULL AND information_sets.deleted_at IS NULL" +
               (f.sql.empty() ? std::string() : " AND " + f.sql) +
               " ORDER BY dc.classified_at, information_sets.name, information_sets.id LIMIT ? "
               "OFFSET ?",
           params, {Col::kInt}))
    ids.push_back(r.Int(0));
  return ids;
}

void AddClassificationText(Tx& tx, Page& page, const std::string& column) {
  for (auto& item : page.items) {
    auto row =
        tx.QueryOne("SELECT " + column +
                        " FROM classifications WHERE information_set_id = ? AND deleted_at IS NULL",
                    {Value(item["id"].get<long long>())}, {Col::kText});
    item[column] = row ? json(row->Text(0)) : json(nullptr);
  }
}

void AndSetsOfSystem(Filter& f, long long system_id) {
  f.And("id IN (SELECT information_set_id FROM information_set_systems WHERE system_id = ?)",
        {Value(system_id)});
}

std::map<long long, SetCountRow> SetCountsPerUnit(Tx& tx, const Filter& readable,
                                                  const std::string& today) {
  std::vector<Value> params = {Value(today)};
  params.insert(params.end(), readable.params.begin(), readable.params.end());
  std::map<long long, SetCountRow> out;
  for (const auto& r : tx.Query(
           "SELECT org_unit_id, COUNT(*), "
           "SUM(CASE WHEN derived_class IS NULL THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN derived_drafts > 0 THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN derived_class IS NOT NULL AND derived_drafts = 0 THEN 1 ELSE 0 END), "
           "SUM(CASE WHEN derived_review_due < ? THEN 1 ELSE 0 END) "
           "FROM information_sets WHERE deleted_at IS NULL" +
               (readable.sql.empty() ? std::string() : " AND (" + readable.sql + ")") +
               " GROUP BY org_unit_id",
           params, {Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt}))
    out[r.Int(0)] = {r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Int(5)};
  return out;
}

std::vector<UnitRow> LiveUnits(Tx& tx) {
  std::vector<UnitRow> out;
  for (const auto& r : tx.Query(
           "SELECT id, parent_id, name FROM org_units WHERE deleted_at IS NULL ORDER BY name, id",
           {}, {Col::kInt, Col::kInt, Col::kText}))
    out.push_back({r.Int(0), r.Int(1), r.Text(2)});
  return out;
}

namespace {
// The id and name of each row `select` (ending in WHERE) gives under `live` and `readable`.
std::vector<NamedRow> NamedRows(Tx& tx, const std::string& select, const std::string& live,
                                const Filter& readable) {
  Filter f;
  f.And(live);
  if (!readable.sql.empty()) f.And("(" + readable.sql + ")", readable.params);
  std::vector<NamedRow> out;
  for (const auto& r : tx.Query(select + f.sql, f.params, {Col::kInt, Col::kText}))
    out.push_back({r.Int(0), r.Text(1)});
  return out;
}
}  // namespace

std::vector<NamedRow> LiveObjectNames(Tx& tx, const Filter& readable) {
  return NamedRows(tx, "SELECT id, name FROM objects WHERE ", "deleted_at IS NULL", readable);
}

std::vector<NamedRow> LiveSystemNames(Tx& tx, const Filter& readable) {
  return NamedRows(tx,
                   "SELECT s.id, s.name FROM systems s JOIN objects o ON o.id = s.object_id WHERE ",
                   "o.deleted_at IS NULL AND s.deleted_at IS NULL", readable);
}

std::vector<std::string> LiveNamesWhere(Tx& tx, const TableSpec& spec, const std::string& column,
                                        long long owner) {
  std::vector<std::string> out;
  for (const auto& r : tx.Query(
           "SELECT name FROM " + spec.table + " WHERE " + column + " = ? AND deleted_at IS NULL",
           {Value(owner)}, {Col::kText}))
    out.push_back(r.Text(0));
  return out;
}

}  // namespace lis::store
