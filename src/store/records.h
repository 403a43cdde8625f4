// Generic access to tables of user data. Every table named by a TableSpec has, besides its
// own fields, `id`, `version`, `created_at`, `updated_at` and `deleted_at`. Every change made
// here appends its audit event in the same transaction: this is the single write path.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "store/database.h"

namespace lis::store {

// kIdList: ids, held as JSON text (sorted, without repeats) and read back as an array.
enum class FieldType { kInt, kText, kBool, kIdList };

struct FieldSpec {
  std::string name;
  FieldType type;
  // kIdList: a link table kept equal to the list on every write, one row (link_owner = the
  // record's id, link_target = an id of the list) per id; empty: none.
  std::string link_table = {};
  std::string link_owner = {};
  std::string link_target = {};
};

struct TableSpec {
  std::string table;        // SQL table name
  std::string entity;       // name in the audit trail, e.g. "org_unit"
  std::string scope_field;  // field naming the organisation node the record belongs to
  std::vector<FieldSpec> fields;
  // For records that belong to a node through another record: a query taking the record's
  // id and answering the node's id (used when scope_field is empty).
  std::string scope_query;
  // Called after every insert, update, delete and restore of a record, in the same
  // transaction (`before` is null for an insert): keeps values derived from the record
  // current (store/assets/derived_cache.h).
  void (*after_change)(Tx& tx, const nlohmann::json& before, const nlohmann::json& after) = nullptr;
};

// A SQL condition with its bound values, ANDed into a query.
struct Filter {
  std::string sql;
  std::vector<Value> params;
  Filter& And(const std::string& condition, std::vector<Value> values = {});
};

// "?, ?, ..." with one placeholder per id, for an IN list; appends the ids to `params`.
std::string Placeholders(const std::vector<long long>& ids, std::vector<Value>& params);

// `text` with LIKE's wildcards (% and _) and the escape character '!' escaped, for a pattern
// used with ESCAPE '!'.
std::string EscapeLike(const std::string& text);

struct Page {
  std::vector<nlohmann::json> items;
  long long total = 0;
};

// The record with `id` as JSON, or nothing. Soft-deleted records only when asked.
std::optional<nlohmann::json> GetRecord(Tx& tx, const TableSpec& spec, long long id,
                                        bool include_deleted = false);
// Records matching `filter` that are live (or, with `deleted`, soft-deleted), ordered by
// `order_by` (a column list written by the caller, never user input), `limit` rows from
// `offset`, with the total count.
// A value computed per row by an SQL expression written by the code (a derived value such
// as a security class), added to each listed record under `name` (null when the expression
// is NULL).
struct ComputedField {
  std::string name;
  std::string sql;
  std::vector<Value> params;  // bound to the `?` in `sql`
  bool text = false;          // a text value instead of an integer
};

Page ListRecords(Tx& tx, const TableSpec& spec, const Filter& filter, const std::string& order_by,
                 long long limit, long long offset, bool deleted = false,
                 const std::vector<ComputedField>& computed = {});
long long CountRecords(Tx& tx, const TableSpec& spec, const Filter& filter, bool deleted = false);
// ListRecords of a total already counted, with another filter of the same rows: `filter`
// selects only the page (a list may write it so that the planner walks the order's index).
Page ListCountedRecords(Tx& tx, const TableSpec& spec, long long total, const Filter& filter,
                        const std::string& order_by, long long limit, long long offset,
                        bool deleted = false, const std::vector<ComputedField>& computed = {});

// Inserts `values` (spec fields only; missing ones become NULL) as version 1. `hidden` are
// columns written but never part of the record or its audit event (a token's hash).
nlohmann::json InsertRecord(Tx& tx, const TableSpec& spec, const nlohmann::json& values,
                            const std::vector<std::pair<std::string, Value>>& hidden = {});
// Applies `changes` to the record if its version is still `expected_version`. Returns the
// new record, kNotFound, or kConflict carrying the current record. `action` names the change
// in the audit trail ("update", "restore", ...). Changes that alter nothing write nothing and
// return the record as it is.
Result<nlohmann::json> UpdateRecord(Tx& tx, const TableSpec& spec, long long id,
                                    long long expected_version, const nlohmann::json& changes,
                                    const std::string& action = "update");
// Soft-deletes (sets deleted_at) under the same version rule.
Result<nlohmann::json> DeleteRecord(Tx& tx, const TableSpec& spec, long long id,
                                    long long expected_version);

}  // namespace lis::store
