// Queries of the exception service that the generic record functions (store/records.h) do not
// answer: the systems an exception concerns (a link table), who sees which exception, the
// register's filters, and the approved exceptions that have run out.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "domain/org/roles.h"
#include "store/records.h"

namespace lis::store {

// The live systems exception `id` concerns, by id.
std::vector<long long> SystemsOfException(Tx& tx, long long id);
// The live systems of each of the exceptions `ids` (one query), by exception.
std::map<long long, std::vector<long long>> SystemsOfExceptions(Tx& tx,
                                                                const std::vector<long long>& ids);
// Makes `system_ids` the systems of exception `id`.
void SetSystemsOfException(Tx& tx, long long id, const std::vector<long long>& system_ids);

// Narrows a list of exceptions to those placed under `scopes`, requested by `user_id`, or
// concerning a system of one of `objects` (the objects the caller's object roles reach);
// nothing when `scopes` reaches everywhere.
void AndExceptionsSeenBy(Filter& f, const domain::PermissionScopes& scopes, long long user_id,
                         const std::vector<long long>& objects);

// The register's filters, each when given.
struct ExceptionWhere {
  std::optional<long long> org_unit_id;  // the unit or anywhere below it
  std::string status;                    // a state
  std::string requirement_code;
  std::optional<long long> system_id;  // concerns this system
  std::optional<long long> requested_by;
  std::string expiring_before;  // approved, valid through a day before this date
  std::string search;           // part of the title or reason, any case
  // Placed under these scopes (the caller's kExceptionDecide: what it may decide), when set.
  std::optional<domain::PermissionScopes> under;
};
void AndExceptionFields(Filter& f, const ExceptionWhere& where, Dialect dialect);
// The ORDER BY of a checked sort key ("-" in front: descending); empty: valid_until first.
std::string ExceptionOrder(const std::string& sort);

// The ids of the live approved exceptions valid through a day before `today` (YYYY-MM-DD).
std::vector<long long> RunOutExceptions(Tx& tx, const std::string& today);

// The live approved exceptions of the controls of framework `framework_id` at unit
// `org_unit_id` valid on `today`: {id, control_ref, valid_until}, the longest valid first.
struct ControlException {
  long long id = 0;
  std::string control_ref;
  std::string valid_until;
};
std::vector<ControlException> ExceptionsInForceOfControls(Tx& tx, long long org_unit_id,
                                                          long long framework_id,
                                                          const std::string& today);

// The live approved exceptions valid through a day from `today` to `until` (YYYY-MM-DD), by
// id: {"id", "title", "org_unit_id", "requested_by", "valid_until"}.
std::vector<nlohmann::json> ExceptionsEnding(Tx& tx, const std::string& today,
                                             const std::string& until);

// The live approved exceptions concerning system `system_id` valid on `today`, by requirement
// code: the id and last valid day of the one valid longest.
std::map<std::string, std::pair<long long, std::string>> ExceptionsInForceOfSystem(
    Tx& tx, long long system_id, const std::string& today);

}  // namespace lis::store
