// Deviations (avvikelser, issue 28): a requirement of the policy, a guideline, a protection
// requirement, a control, a law or an agreement not met — reported, analysed for its root
// cause, corrected by actions of the one action list (origin "deviation"), and closed only on
// an effective verdict (domain/deviations/deviation_rules.h). Fields as declared in
// domain/deviations/deviation_record.cpp.
//
// Permissions (domain/org/roles.cpp): anyone may report a deviation at a unit of its own
// organisation (or where it reads deviations); kDeviationRead on the unit reads it (the
// security chief, the board), kDeviationHandle there handles it (the CISO, the unit's contact
// person). The reporter and the responsible person read it as well. Anyone else gets
// not_found; a refused change by one who reads it is forbidden.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/deviations/deviation_queries.h"
#include "store/records.h"

namespace lis::service {

struct DeviationListQuery : store::DeviationWhere {
  PageRequest page;
  // A sortable field of the declaration or updated_at, "-" in front for descending; empty:
  // newest detected first.
  std::string sort;
  bool deleted = false;  // the soft-deleted deviations instead of the live ones
};
// The list's filters from request parameters: org_unit_id, status (a state or "open"),
// severity, source, responsible_id, mine=true (reported by the caller), verification_overdue
// (true), q, sort, deleted (true). A bad value is kInvalid naming the parameter. The page is
// left as it is.
Result<DeviationListQuery> ReadDeviationListQuery(const ParamLookup& param, long long caller_id);

class DeviationService {
 public:
  explicit DeviationService(store::Database& db) : db_(db) {}

  // The deviations the caller reads that match the query, with the total.
  Result<store::Page> List(const Caller& caller, const DeviationListQuery& query);
  // One deviation with "actions" {"open", "done"} (its live corrective actions) and "can"
  // {"edit", "move", "verdict", "delete"} (what the caller may do with it now).
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: the input fields of the declaration (title, org_unit_id, detected_on required).
  // The caller becomes "reported_by"; the status is "reported". Only a handler at the unit
  // may also give root_cause, responsible_id and verification_due (else forbidden naming the
  // field). detected_on may not lie after today; origin_kind and origin_id come together and
  // name a record the caller sees.
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // A deviation reported with one click from what it comes from, detected today: from an
  // incident the caller sees in full (`kind` "incident": source incident_review, at the
  // incident's unit, titled by its number), or from a requirement gap of a system the caller
  // reads ("requirement_gap", `ref` the requirement code, recorded not met or partly met:
  // self_reported, at the system's object's unit, titled by the code and the system), or from
  // an entry of a statement of applicability the caller reads whose control is applicable and
  // not implemented ("soa_gap", the entry's id; at its organisation, titled by the control).
  // Otherwise kInvalid naming origin_id.
  Result<nlohmann::json> CreateFromOrigin(const Caller& caller, const std::string& kind,
                                          long long id, const std::string& ref);
  // Body: version and any input fields. Only handlers; a closed or rejected deviation is
  // final (conflict "error.deviation_finished"). Once analysed, the root cause may not be
  // emptied.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);
  // Body {"version": N, "comment"?}: makes the deviation what it was at version N (not a
  // deletion), live again if deleted, as an audited "restore". Only handlers.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // Body {"move": "analyse" | "plan_actions" | "verify" | "reject", "version", "comment"?,
  // "root_cause"?, "rejection_reason"?, "verification_due"?}: the fields given are saved with
  // the move, which follows domain::NextDeviationState (its error names the field). "verify"
  // sets verification_due to 30 days ahead when none is given. Only handlers.
  Result<nlohmann::json> Move(const Caller& caller, long long id, const nlohmann::json& body);
  // Body {"effective": bool, "motivation", "version", "comment"?}: the verdict on a deviation
  // being verified, by a handler who owns none of its actions (forbidden
  // "error.deviation_verdict_owner" otherwise). Effective closes it; not effective returns it
  // to "analysed" for new actions, the verdict kept in its history.
  Result<nlohmann::json> Verdict(const Caller& caller, long long id, const nlohmann::json& body);

  // The statistics of `year` (Swedish calendar) for the annual report, over the deviations the
  // caller reads by role (kDeviationRead; else forbidden), at `org_unit_id` and below when
  // given: {"year", "units": [{"org_unit_id", "opened", "closed", "effective_first",
  // "median_days_to_close"}], "totals": {...}}. Opened: detected in the year; closed: closed
  // with its verdict in the year, of those effective_first on their first verdict; the median
  // is over the closed ones, from detection to the verdict's Swedish date (null without any).
  Result<nlohmann::json> Statistics(const Caller& caller, int year,
                                    std::optional<long long> org_unit_id);

  // What the register pages need beside the list: whether the caller reads deviations of
  // some unit by its roles, and whether it handles some.
  static bool ReadsByRole(const Caller& caller);
  static bool HandlesByRole(const Caller& caller);

 private:
  store::Database& db_;
};

// Moves deviation `id` from actions_planned to verifying when its last corrective action is
// done (a verification date 30 days ahead unless one is set), in the caller's transaction, as
// the transaction's actor. Nothing for a deviation in another state or deleted.
void DeviationActionsDone(store::Tx& tx, long long id);

}  // namespace lis::service
