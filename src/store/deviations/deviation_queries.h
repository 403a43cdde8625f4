// Queries of the deviation service that the generic record functions (store/records.h) do not
// answer: who sees which deviation, the register's filters and order, and the corrective
// actions of one deviation.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/org/roles.h"
#include "store/records.h"

namespace lis::store {

// Narrows a list of deviations to those placed under `scopes`, reported by `user_id` or with
// `user_id` responsible; nothing when `scopes` reaches everywhere.
void AndDeviationsSeenBy(Filter& f, const domain::PermissionScopes& scopes, long long user_id);

// The register's filters, each when given. Column names come from the code, never input.
struct DeviationWhere {
  std::optional<long long> org_unit_id;     // the unit or anywhere below it
  std::string status;                       // a state, or "open" (neither closed nor rejected)
  std::string severity;                     // low, medium, high
  std::string source;                       // a declared source
  std::optional<long long> responsible_id;  // this responsible person
  std::optional<long long> reported_by;     // reported by this user ("mine")
  std::string verification_overdue_before;  // verifying, with its check due before this date
  std::string search;  // part of the title or description, any case (store/records/text_search.h)
};
void AndDeviationFields(Filter& f, const DeviationWhere& where, Dialect dialect);

// The ORDER BY of a sort key already checked against the declaration's sortable fields and
// updated_at ("-" in front: descending); empty: newest detected first. Ties by id.
std::string DeviationOrder(const std::string& sort);

// The names of the people a listed deviation names, as computed columns: "reported_by_name"
// and "responsible_name".
std::vector<ComputedField> DeviationPeopleColumns();
// Adds "reported_by_name", "responsible_name" and "verdict_by_name" to `deviation` ("" for
// nobody).
void AddDeviationPeople(Tx& tx, nlohmann::json& deviation);

// A year of deviations per unit for the statistics: detected in [first_day, last_day]
// (YYYY-MM-DD), closed with a verdict at [from_utc, to_utc) (stored times), and of those closed
// the ones whose first verdict was effective.
struct DeviationYearRow {
  long long org_unit_id = 0;
  long long opened = 0;
  long long closed = 0;
  long long effective_first = 0;
};
std::vector<DeviationYearRow> DeviationYear(Tx& tx, const Filter& scope,
                                            const std::string& first_day,
                                            const std::string& last_day,
                                            const std::string& from_utc, const std::string& to_utc);
// The deviations closed at [from_utc, to_utc): unit, detected_on and verdict_at.
struct ClosedDeviation {
  long long org_unit_id = 0;
  std::string detected_on;
  std::string verdict_at;
};
std::vector<ClosedDeviation> ClosedDeviations(Tx& tx, const Filter& scope,
                                              const std::string& from_utc,
                                              const std::string& to_utc);

// The live corrective actions of deviation `id`: open (planned or in progress), done, and
// whether `user_id` owns one of them.
struct DeviationActions {
  int open = 0;
  int done = 0;
  bool owned_by_user = false;
};
DeviationActions ActionsOfDeviation(Tx& tx, long long id, long long user_id);

}  // namespace lis::store
