// Filters and sorting of the three registers (objects, systems, information sets), shared by
// the JSON API and the pages. Every filter runs in SQL on the cached derived classes
// (store/assets/derived_cache.h); column names in SQL come from the whitelists here, never
// from input.
#pragma once

#include <array>
#include <functional>
#include <optional>
#include <string>

#include "core/status.h"
#include "store/records.h"

namespace lis::service {

enum class RegisterKind { kObjects, kSystems, kSets };

// What the three registers filter on. For systems and objects the values are derived from
// the information sets behind them (a system: the live sets it processes; an object: its live
// systems).
struct RegisterFilter {
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
  // One of SortKeys() of the kind, "-" in front for descending; empty: by name.
  std::string sort;
  // Whether each listed row gets its "class_reason" (one more query per page); lists that
  // need only names (choices in a form, exports) turn it off.
  bool class_reasons = true;
};

// The sort keys a register accepts: name, security_class, updated_at, review_due.
const std::vector<std::string>& SortKeys();

// Reads a request parameter: nothing when absent. An empty value counts as absent (a GET form
// sends its empty fields).
using ParamLookup = std::function<std::optional<std::string>(const std::string& name)>;

// Reads the common filter from request parameters: org_unit_id, q, security_class,
// min_confidentiality, min_integrity, min_availability, min_traceability, personal_data,
// review_overdue (true/false), unclassified (true/false), status, sort. A bad value is
// kInvalid naming the parameter.
Status ReadRegisterFilter(const ParamLookup& param, RegisterFilter& out);
// An optional integer parameter (kInvalid naming it when not an integer).
Result<std::optional<long long>> ReadIdParam(const ParamLookup& param, const std::string& name);
// An optional parameter that must be one of `allowed`.
Result<std::string> ReadChoiceParam(const ParamLookup& param, const std::string& name,
                                    const std::vector<std::string>& allowed);

// Adds `filter` to `where` for the register of `kind` (on its table's cached columns). The
// caller's read scope is added by the service.
void ApplyRegisterFilter(store::Filter& where, RegisterKind kind, const RegisterFilter& filter);
// The ORDER BY of `sort` (already checked).
std::string RegisterOrder(const std::string& sort);
// The cached values listed with each row: "security_class", "review_due", and for information
// sets "classification_status" ("draft", "approved" or null).
std::vector<store::ComputedField> RegisterColumns(RegisterKind kind);

// Today as YYYY-MM-DD on the Swedish calendar (Europe/Stockholm): reviews, actions and
// acceptances due before it are overdue.
std::string Today();

}  // namespace lis::service
