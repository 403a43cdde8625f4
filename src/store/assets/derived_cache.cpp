#include "store/assets/derived_cache.h"

#include <algorithm>

namespace lis::store {

namespace {

// Each table is refreshed in two set-based statements (no per-row subqueries, so the plan
// does not depend on statistics): `reset` clears the cached values, `fill` sets them from an
// aggregate of the rows behind. "{ids}" limits both to the affected rows (or to all).
struct Refresh {
  const char* reset;
  const char* fill;
  const char* id_column;  // the column of the aggregate that names the refreshed row
};

const Refresh kSets = {
    "UPDATE information_sets SET derived_class = NULL, derived_confidentiality = NULL, "
    "derived_integrity = NULL, derived_availability = NULL, derived_traceability = NULL, "
    "derived_review_due = NULL, derived_drafts = 0, derived_personal_data = CASE personal_data "
    "WHEN 'ordinary' THEN 1 WHEN 'special' THEN 2 WHEN 'criminal' THEN 3 ELSE 0 END WHERE 1 = 1",
    "UPDATE information_sets SET derived_class = a.c, derived_confidentiality = a.k, "
    "derived_integrity = a.r, derived_availability = a.t, derived_traceability = a.s, "
    "derived_review_due = a.due, derived_drafts = a.drafts FROM (SELECT information_set_id AS "
    "id, security_class AS c, confidentiality AS k, integrity AS r, availability AS t, "
    "traceability AS s, review_due AS due, CASE WHEN status = 'draft' THEN 1 ELSE 0 END AS "
    "drafts FROM classifications WHERE deleted_at IS NULL{ids}) a "
    "WHERE information_sets.id = a.id",
    "information_set_id"};

const Refresh kSystems = {
    "UPDATE systems SET derived_class = NULL, derived_confidentiality = NULL, derived_integrity "
    "= NULL, derived_availability = NULL, derived_traceability = NULL, derived_review_due = "
    "NULL, derived_drafts = 0, derived_personal_data = 0 WHERE 1 = 1",
    "UPDATE systems SET derived_class = a.c, derived_confidentiality = a.k, derived_integrity = "
    "a.r, derived_availability = a.t, derived_traceability = a.s, derived_review_due = a.due, "
    "derived_drafts = a.drafts, derived_personal_data = a.pd FROM (SELECT l.system_id AS id, "
    "MAX(i.derived_class) AS c, MAX(i.derived_confidentiality) AS k, MAX(i.derived_integrity) "
    "AS r, MAX(i.derived_availability) AS t, MAX(i.derived_traceability) AS s, "
    "MIN(i.derived_review_due) AS due, SUM(i.derived_drafts) AS drafts, "
    "MAX(i.derived_personal_data) AS pd FROM information_set_systems l JOIN information_sets i "
    "ON i.id = l.information_set_id WHERE i.deleted_at IS NULL{ids} GROUP BY l.system_id) a "
    "WHERE systems.id = a.id",
    "l.system_id"};

const Refresh kObjects = {
    "UPDATE objects SET derived_class = NULL, derived_confidentiality = NULL, derived_integrity "
    "= NULL, derived_availability = NULL, derived_traceability = NULL, derived_review_due = "
    "NULL, derived_drafts = 0, derived_personal_data = 0 WHERE 1 = 1",
    "UPDATE objects SET derived_class = a.c, derived_confidentiality = a.k, derived_integrity = "
    "a.r, derived_availability = a.t, derived_traceability = a.s, derived_review_due = a.due, "
    "derived_drafts = a.drafts, derived_personal_data = a.pd FROM (SELECT s.object_id AS id, "
    "MAX(s.derived_class) AS c, MAX(s.derived_confidentiality) AS k, MAX(s.derived_integrity) "
    "AS r, MAX(s.derived_availability) AS t, MAX(s.derived_traceability) AS s, "
    "MIN(s.derived_review_due) AS due, SUM(s.derived_drafts) AS drafts, "
    "MAX(s.derived_personal_data) AS pd FROM systems s WHERE s.deleted_at IS NULL{ids} "
    "GROUP BY s.object_id) a WHERE objects.id = a.id",
    "s.object_id"};

std::string In(const std::string& column, const std::vector<long long>& ids) {
  std::string marks;
  for (size_t i = 0; i < ids.size(); ++i) marks += i == 0 ? "?" : ", ?";
  return " AND " + column + " IN (" + marks + ")";
}

// Refreshes the rows `ids` (every row when `all`).
void Run(Tx& tx, const Refresh& r, const std::vector<long long>& ids, bool all = false) {
  if (!all && ids.empty()) return;
  std::vector<Value> params(ids.begin(), ids.end());
  std::string fill = r.fill;
  fill.replace(fill.find("{ids}"), 5, all ? "" : In(r.id_column, ids));
  tx.Exec(std::string(r.reset) + (all ? "" : In("id", ids)), all ? std::vector<Value>() : params);
  tx.Exec(fill, all ? std::vector<Value>() : params);
}

void SortUnique(std::vector<long long>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

void RefreshDerivedOfSet(Tx& tx, long long set_id) {
  Run(tx, kSets, {set_id});
  std::vector<long long> systems;
  for (const auto& r :
       tx.Query("SELECT system_id FROM information_set_systems WHERE information_set_id = ?",
                {Value(set_id)}, {Col::kInt}))
    systems.push_back(r.Int(0));
  RefreshDerivedOfSystems(tx, systems);
}

void RefreshDerivedOfSystems(Tx& tx, const std::vector<long long>& system_ids,
                             const std::vector<long long>& object_ids) {
  std::vector<long long> systems = system_ids, objects = object_ids;
  SortUnique(systems);
  if (!systems.empty()) {
    Run(tx, kSystems, systems);
    std::vector<Value> params(systems.begin(), systems.end());
    for (const auto& r :
         tx.Query("SELECT DISTINCT object_id FROM systems WHERE 1 = 1" + In("id", systems), params,
                  {Col::kInt}))
      objects.push_back(r.Int(0));
  }
  SortUnique(objects);
  Run(tx, kObjects, objects);
}

void RebuildDerived(Tx& tx) {
  for (const Refresh* r : {&kSets, &kSystems, &kObjects}) Run(tx, *r, {}, true);
}

}  // namespace lis::store
