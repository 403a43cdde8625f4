#include "store/assets/derived_cache.h"

#include <algorithm>

namespace lis::store {

namespace {

// One UPDATE per table computing every cached column of a row from the rows behind it; a
// WHERE clause limits it to the affected rows.
const char* kSets =
    "UPDATE information_sets SET (derived_class, derived_confidentiality, derived_integrity, "
    "derived_availability, derived_traceability, derived_review_due, derived_drafts) = "
    "(SELECT MAX(c.security_class), MAX(c.confidentiality), MAX(c.integrity), "
    "MAX(c.availability), MAX(c.traceability), MAX(c.review_due), "
    "COALESCE(SUM(CASE WHEN c.status = 'draft' THEN 1 ELSE 0 END), 0) FROM classifications c "
    "WHERE c.information_set_id = information_sets.id AND c.deleted_at IS NULL), "
    "derived_personal_data = CASE personal_data WHEN 'ordinary' THEN 1 WHEN 'special' THEN 2 "
    "WHEN 'criminal' THEN 3 ELSE 0 END";

const char* kSystems =
    "UPDATE systems SET (derived_class, derived_confidentiality, derived_integrity, "
    "derived_availability, derived_traceability, derived_review_due, derived_drafts, "
    "derived_personal_data) = "
    "(SELECT MAX(i.derived_class), MAX(i.derived_confidentiality), MAX(i.derived_integrity), "
    "MAX(i.derived_availability), MAX(i.derived_traceability), MIN(i.derived_review_due), "
    "COALESCE(SUM(i.derived_drafts), 0), COALESCE(MAX(i.derived_personal_data), 0) "
    "FROM information_set_systems l JOIN information_sets i ON i.id = l.information_set_id "
    "AND i.deleted_at IS NULL WHERE l.system_id = systems.id)";

const char* kObjects =
    "UPDATE objects SET (derived_class, derived_confidentiality, derived_integrity, "
    "derived_availability, derived_traceability, derived_review_due, derived_drafts, "
    "derived_personal_data) = "
    "(SELECT MAX(s.derived_class), MAX(s.derived_confidentiality), MAX(s.derived_integrity), "
    "MAX(s.derived_availability), MAX(s.derived_traceability), MIN(s.derived_review_due), "
    "COALESCE(SUM(s.derived_drafts), 0), COALESCE(MAX(s.derived_personal_data), 0) "
    "FROM systems s WHERE s.object_id = objects.id AND s.deleted_at IS NULL)";

std::string Marks(size_t n) {
  std::string out;
  for (size_t i = 0; i < n; ++i) out += i == 0 ? "?" : ", ?";
  return out;
}

std::vector<Value> Values(const std::vector<long long>& ids) {
  return std::vector<Value>(ids.begin(), ids.end());
}

}  // namespace

void RefreshDerivedOfSet(Tx& tx, long long set_id) {
  tx.Exec(std::string(kSets) + " WHERE id = ?", {Value(set_id)});
  std::vector<long long> systems;
  for (const auto& r :
       tx.Query("SELECT system_id FROM information_set_systems WHERE information_set_id = ?",
                {Value(set_id)}, {Col::kInt}))
    systems.push_back(r.Int(0));
  RefreshDerivedOfSystems(tx, systems);
}

void RefreshDerivedOfSystems(Tx& tx, const std::vector<long long>& system_ids,
                             const std::vector<long long>& object_ids) {
  std::vector<long long> objects = object_ids;
  if (!system_ids.empty()) {
    std::string in = " WHERE id IN (" + Marks(system_ids.size()) + ")";
    tx.Exec(kSystems + in, Values(system_ids));
    for (const auto& r :
         tx.Query("SELECT DISTINCT object_id FROM systems" + in, Values(system_ids), {Col::kInt}))
      objects.push_back(r.Int(0));
  }
  std::sort(objects.begin(), objects.end());
  objects.erase(std::unique(objects.begin(), objects.end()), objects.end());
  if (!objects.empty())
    tx.Exec(std::string(kObjects) + " WHERE id IN (" + Marks(objects.size()) + ")",
            Values(objects));
}

void RebuildDerived(Tx& tx) {
  tx.Exec(kSets);
  tx.Exec(kSystems);
  tx.Exec(kObjects);
}

}  // namespace lis::store
