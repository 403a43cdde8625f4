// Filters, order and listed values of the three asset registers (objects, systems,
// information sets), on their cached derived columns (store/assets/derived_cache.h). Column
// names in SQL are written here, never taken from input.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <vector>

#include "store/records.h"

namespace lis::store {

enum class RegisterKind { kObjects, kSystems, kSets };

// What the three registers filter on. For systems and objects the values are derived from
// the information sets behind them (a system: the live sets it processes; an object: its live
// systems).
struct RegisterWhere {
  // Placed at this organisation node or anywhere below it (a system: its object's node).
  std::optional<long long> org_unit_id;
  std::string search;                 // part of the name, any case
  std::optional<int> security_class;  // exactly this class
  // At least this level on the aspect (confidentiality, integrity, availability,
  // traceability: domain::Aspect order); for a system or object, on the highest level behind
  // it.
  std::array<std::optional<int>, 4> min_levels;
  // "none", "ordinary", "special", "criminal" or "any" (anything but none). A set: its own
  // category. A system or object: processes a set of this category or a higher one (in that
  // order).
  std::string personal_data;
  bool review_overdue = false;  // a review date (of an approved classification) before today
  bool unclassified = false;    // nothing behind it is classified
  // "draft": a draft classification is behind it; "approved": classified, and no drafts.
  std::string status;
};

// Adds `filter` to `where` for the register of `kind` (on its table's cached columns);
// `today` (YYYY-MM-DD) decides what is overdue. The caller's read scope is the service's.
void ApplyRegisterFilter(Filter& where, RegisterKind kind, const RegisterWhere& filter,
                         const std::string& today);
// The ORDER BY of sort key `sort` ("-" in front: descending; checked by the caller).
std::string RegisterOrder(const std::string& sort);
// The cached values listed with each row: "security_class", "review_due", and for information
// sets "classification_status" ("draft", "approved" or null).
std::vector<ComputedField> RegisterColumns(RegisterKind kind);

}  // namespace lis::store
