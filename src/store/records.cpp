#include "store/records.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/audit_trail.h"

namespace lis::store {

using nlohmann::json;

std::string EscapeLike(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out;
}

std::string Placeholders(const std::vector<long long>& ids, std::vector<Value>& params) {
  std::string marks;
  for (long long id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  return marks;
}

Filter& Filter::And(const std::string& condition, std::vector<Value> values) {
  sql += sql.empty() ? condition : " AND " + condition;
  for (auto& v : values) params.push_back(std::move(v));
  return *this;
}

namespace {

const char* kStandardColumns = "id, version, created_at, updated_at, deleted_at";

std::string SelectList(const TableSpec& spec) {
  std::string cols = kStandardColumns;
  for (const auto& f : spec.fields) cols += ", " + f.name;
  return cols;
}

std::vector<Col> ColumnTypes(const TableSpec& spec) {
  std::vector<Col> cols = {Col::kInt, Col::kInt, Col::kText, Col::kText, Col::kText};
  for (const auto& f : spec.fields)
    cols.push_back(f.type == FieldType::kText || f.type == FieldType::kIdList ? Col::kText
                                                                              : Col::kInt);
  return cols;
}

// `ids` (an array of ids) sorted, without repeats.
json StoredIdList(const json& ids) {
  std::vector<long long> v;
  for (const auto& id : ids)
    if (id.is_number_integer()) v.push_back(id.get<long long>());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return json(v);
}

json IdListOfColumn(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_array() ? StoredIdList(parsed) : json::array();
}

json RowToJson(const TableSpec& spec, const Row& row) {
  json j = json::object();
  j["id"] = row.Int(0);
  j["version"] = row.Int(1);
  j["created_at"] = row.Text(2);
  j["updated_at"] = row.Text(3);
  j["deleted_at"] = row.IsNull(4) ? json(nullptr) : json(row.Text(4));
  for (size_t i = 0; i < spec.fields.size(); ++i) {
    const auto& f = spec.fields[i];
    size_t c = i + 5;
    if (row.IsNull(c))
      j[f.name] = nullptr;
    else if (f.type == FieldType::kText)
      j[f.name] = row.Text(c);
    else if (f.type == FieldType::kIdList)
      j[f.name] = IdListOfColumn(row.Text(c));
    else if (f.type == FieldType::kBool)
      j[f.name] = row.Int(c) != 0;
    else
      j[f.name] = row.Int(c);
  }
  return j;
}

Value JsonToValue(const FieldSpec& f, const json& v) {
  if (v.is_null()) return f.type == FieldType::kIdList ? Value(std::string("[]")) : Value();
  switch (f.type) {
    case FieldType::kText:
      return Value(v.get<std::string>());
    case FieldType::kBool:
      return Value(static_cast<long long>(v.get<bool>() ? 1 : 0));
    case FieldType::kInt:
      return Value(v.get<long long>());
    case FieldType::kIdList:
      return Value(StoredIdList(v).dump());
  }
  return Value();
}

// `changes` with its id lists as they will be stored (sorted, without repeats).
json WithStoredIdLists(const TableSpec& spec, json changes) {
  for (const auto& f : spec.fields)
    if (f.type == FieldType::kIdList && changes.contains(f.name) && changes[f.name].is_array())
      changes[f.name] = StoredIdList(changes[f.name]);
  return changes;
}

// Makes the link tables of `spec` hold the id lists of `after` where they differ from `before`
// (null: a new record).
void WriteLinkRows(Tx& tx, const TableSpec& spec, const json& before, const json& after) {
  long long id = after.at("id").get<long long>();
  for (const auto& f : spec.fields) {
    if (f.type != FieldType::kIdList || f.link_table.empty()) continue;
    if (!before.is_null() && before.value(f.name, json()) == after.value(f.name, json())) continue;
    tx.Exec("DELETE FROM " + f.link_table + " WHERE " + f.link_owner + " = ?", {Value(id)});
    for (const auto& target : after.value(f.name, json::array()))
      tx.Exec("INSERT INTO " + f.link_table + " (" + f.link_owner + ", " + f.link_target +
                  ") VALUES (?, ?)",
              {Value(id), Value(target.get<long long>())});
  }
}

std::optional<long long> ScopeOf(Tx& tx, const TableSpec& spec, const json& record) {
  if (spec.scope_field.empty()) {
    if (spec.scope_query.empty()) return std::nullopt;
    auto row =
        tx.QueryOne(spec.scope_query, {Value(record.at("id").get<long long>())}, {Col::kInt});
    return row ? row->OptInt(0) : std::nullopt;
  }
  auto it = record.find(spec.scope_field);
  if (it == record.end() || !it->is_number_integer()) return std::nullopt;
  return it->get<long long>();
}

void Audit(Tx& tx, const TableSpec& spec, const std::string& action, const json& before,
           const json& after) {
  AuditEvent e;
  e.action = action;
  e.entity = spec.entity;
  const json& any = after.is_null() ? before : after;
  e.entity_id = any.at("id").get<long long>();
  e.scope_id = ScopeOf(tx, spec, any);
  if (!before.is_null()) e.before_json = before.dump();
  if (!after.is_null()) e.after_json = after.dump();
  AppendAuditEvent(tx, e);
}

Error Conflict(const json& current) {
  Error e = MakeError(Code::kConflict, "error.version_conflict");
  e.current_json = current.dump();
  return e;
}

}  // namespace

std::optional<json> GetRecord(Tx& tx, const TableSpec& spec, long long id, bool include_deleted) {
  std::string sql = "SELECT " + SelectList(spec) + " FROM " + spec.table + " WHERE id = ?";
  if (!include_deleted) sql += " AND deleted_at IS NULL";
  auto row = tx.QueryOne(sql, {Value(id)}, ColumnTypes(spec));
  if (!row) return std::nullopt;
  return RowToJson(spec, *row);
}

static std::string LiveOrDeleted(bool deleted) {
  return deleted ? " WHERE deleted_at IS NOT NULL" : " WHERE deleted_at IS NULL";
}

long long CountRecords(Tx& tx, const TableSpec& spec, const Filter& filter, bool deleted) {
  std::string where = LiveOrDeleted(deleted);
  if (!filter.sql.empty()) where += " AND " + filter.sql;
  auto row = tx.QueryOne("SELECT COUNT(*) FROM " + spec.table + where, filter.params, {Col::kInt});
  return row ? row->Int(0) : 0;
}

Page ListRecords(Tx& tx, const TableSpec& spec, const Filter& filter, const std::string& order_by,
                 long long limit, long long offset, bool deleted,
                 const std::vector<ComputedField>& computed) {
  return ListCountedRecords(tx, spec, CountRecords(tx, spec, filter, deleted), filter, order_by,
                            limit, offset, deleted, computed);
}

Page ListCountedRecords(Tx& tx, const TableSpec& spec, long long total, const Filter& filter,
                        const std::string& order_by, long long limit, long long offset,
                        bool deleted, const std::vector<ComputedField>& computed) {
  std::string where = LiveOrDeleted(deleted);
  if (!filter.sql.empty()) where += " AND " + filter.sql;
  Page page;
  page.total = total;
  std::vector<Value> params;
  std::string select = SelectList(spec);
  std::vector<Col> types = ColumnTypes(spec);
  for (const auto& c : computed) {
    select += ", " + c.sql;
    types.push_back(c.text ? Col::kText : Col::kInt);
    params.insert(params.end(), c.params.begin(), c.params.end());
  }
  params.insert(params.end(), filter.params.begin(), filter.params.end());
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = tx.Query("SELECT " + select + " FROM " + spec.table + where + " ORDER BY " +
                           order_by + " LIMIT ? OFFSET ?",
                       params, types);
  page.items.reserve(rows.size());
  size_t first_computed = types.size() - computed.size();
  for (const auto& r : rows) {
    json item = RowToJson(spec, r);
    for (size_t i = 0; i < computed.size(); ++i) {
      const Value& v = r.cells[first_computed + i];
      if (v.index() == 1)
        item[computed[i].name] = std::get<long long>(v);
      else if (v.index() == 2)
        item[computed[i].name] = std::get<std::string>(v);
      else
        item[computed[i].name] = nullptr;
    }
    page.items.push_back(std::move(item));
  }
  return page;
}

json InsertRecord(Tx& tx, const TableSpec& spec, const json& values,
                  const std::vector<std::pair<std::string, Value>>& hidden) {
  const std::string& now = tx.Now();
  std::string cols = "version, created_at, updated_at";
  std::string marks = "1, ?, ?";
  std::vector<Value> params = {Value(now), Value(now)};
  for (const auto& f : spec.fields) {
    auto it = values.find(f.name);
    if (it == values.end()) continue;
    cols += ", " + f.name;
    marks += ", ?";
    params.push_back(JsonToValue(f, *it));
  }
  for (const auto& [name, value] : hidden) {
    cols += ", " + name;
    marks += ", ?";
    params.push_back(value);
  }
  auto row = tx.QueryOne(
      "INSERT INTO " + spec.table + " (" + cols + ") VALUES (" + marks + ") RETURNING id", params,
      {Col::kInt});
  json after = *GetRecord(tx, spec, row->Int(0));
  Audit(tx, spec, "create", nullptr, after);
  WriteLinkRows(tx, spec, json(nullptr), after);
  if (spec.after_change) spec.after_change(tx, json(nullptr), after);
  return after;
}

Result<json> UpdateRecord(Tx& tx, const TableSpec& spec, long long id, long long expected_version,
                          const json& input, const std::string& action) {
  json changes = WithStoredIdLists(spec, input);
  bool include_deleted = action == "restore";
  auto before = GetRecord(tx, spec, id, include_deleted);
  if (!before) return NotFound();
  if ((*before)["version"].get<long long>() != expected_version) return Conflict(*before);
  bool changed = false;
  for (auto it = changes.begin(); it != changes.end() && !changed; ++it)
    changed = !before->contains(it.key()) || (*before)[it.key()] != *it;
  if (!changed) return *before;  // nothing to record: no new version, no event
  std::string sets = "version = version + 1, updated_at = ?";
  std::vector<Value> params = {Value(tx.Now())};
  for (const auto& f : spec.fields) {
    auto it = changes.find(f.name);
    if (it == changes.end()) continue;
    sets += ", " + f.name + " = ?";
    params.push_back(JsonToValue(f, *it));
  }
  if (changes.contains("deleted_at")) {
    sets += ", deleted_at = ?";
    params.push_back(changes["deleted_at"].is_null()
                         ? Value()
                         : Value(changes["deleted_at"].get<std::string>()));
  }
  params.emplace_back(id);
  params.emplace_back(expected_version);
  long long n =
      tx.Exec("UPDATE " + spec.table + " SET " + sets + " WHERE id = ? AND version = ?", params);
  if (n != 1) return Conflict(*GetRecord(tx, spec, id, true));
  json after = *GetRecord(tx, spec, id, true);
  Audit(tx, spec, action, *before, after);
  WriteLinkRows(tx, spec, *before, after);
  if (spec.after_change) spec.after_change(tx, *before, after);
  return after;
}

Result<json> DeleteRecord(Tx& tx, const TableSpec& spec, long long id, long long expected_version) {
  auto before = GetRecord(tx, spec, id);
  if (!before) return NotFound();
  if ((*before)["version"].get<long long>() != expected_version) return Conflict(*before);
  long long n = tx.Exec("UPDATE " + spec.table +
                            " SET deleted_at = ?, version = version + 1, updated_at = ? "
                            "WHERE id = ? AND version = ?",
                        {Value(tx.Now()), Value(tx.Now()), Value(id), Value(expected_version)});
  if (n != 1) return Conflict(*GetRecord(tx, spec, id, true));
  json after = *GetRecord(tx, spec, id, true);
  Audit(tx, spec, "delete", *before, after);
  if (spec.after_change) spec.after_change(tx, *before, after);
  return after;
}

}  // namespace lis::store
