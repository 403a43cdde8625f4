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
#include "domain/records/record_type.h"
#include "store/assets/register_filter.h"
#include "store/records.h"

namespace lis::service {

using store::RegisterColumns;
using store::RegisterKind;
using store::RegisterOrder;

// What the three registers filter on (store/assets/register_filter.h), how they sort, and
// whether rows carry their class reason.
struct RegisterFilter : store::RegisterWhere {
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
// The sort keys accepted are `sort_keys` (a declared register: its sortable fields and
// updated_at).
Status ReadRegisterFilter(const ParamLookup& param, RegisterFilter& out,
                          const std::vector<std::string>& sort_keys = SortKeys());
// The sort keys of a declared register: its sortable fields, then updated_at.
std::vector<std::string> DeclaredSortKeys(const domain::RecordType& type);
// An optional integer parameter (kInvalid naming it when not an integer).
Result<std::optional<long long>> ReadIdParam(const ParamLookup& param, const std::string& name);
// An optional parameter that must be one of `allowed`.
Result<std::string> ReadChoiceParam(const ParamLookup& param, const std::string& name,
                                    const std::vector<std::string>& allowed);

// Adds `filter` to `where` for the register of `kind` (on its table's cached columns). The
// caller's read scope is added by the service.
void ApplyRegisterFilter(store::Filter& where, RegisterKind kind, const RegisterFilter& filter);
// Today as YYYY-MM-DD on the Swedish calendar (Europe/Stockholm): reviews, actions and
// acceptances due before it are overdue.
std::string Today();

}  // namespace lis::service
