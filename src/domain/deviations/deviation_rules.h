// Pure rules of deviations (avvikelser: a requirement of the policy, a guideline, a protection
// requirement, a control, a law or an agreement not met): their states and the moves between
// them. A deviation is analysed for its root cause, gets corrective actions, and closes only
// on an effective verdict by someone other than the owner of the actions; a verdict of not
// effective sends it back to the analysis.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lis::domain {

enum class DeviationState { kReported, kAnalysed, kActionsPlanned, kVerifying, kClosed, kRejected };

// reported, analysed, actions_planned, verifying, closed, rejected (in the order of handling).
const std::vector<std::string>& DeviationStates();
std::string DeviationStateName(DeviationState state);
std::optional<DeviationState> ParseDeviationState(std::string_view name);

enum class DeviationMove {
  kAnalyse,       // reported → analysed: the root cause is known
  kPlanActions,   // analysed → actions_planned: corrective actions are planned
  kVerify,        // actions_planned → verifying: the actions are through; the check is due
  kEffective,     // verifying → closed
  kNotEffective,  // verifying → analysed
  kReject,        // reported or analysed → rejected: not a deviation, with the reason
};

// analyse, plan_actions, verify, effective, not_effective, reject.
const std::vector<std::string>& DeviationMoves();
std::optional<DeviationMove> ParseDeviationMove(std::string_view name);

// What the moves depend on besides the state.
struct DeviationFacts {
  bool root_cause = false;       // a root cause is recorded
  int open_actions = 0;          // corrective actions planned or in progress
  int done_actions = 0;          // corrective actions done
  bool reason = false;           // a reason for rejecting is given
  bool motivation = false;       // a motivation for the verdict is given
  bool by_action_owner = false;  // the one giving the verdict owns one of the actions
};

// The state `move` leads to from `from`, or the rule it breaks as an input error naming the
// field: "error.deviation_move" (not from this state, field "status"),
// "error.deviation_root_cause" (root_cause), "error.deviation_no_actions" and
// "error.deviation_actions_open" (actions), "error.deviation_reason" (rejection_reason),
// "error.deviation_motivation" (motivation), "error.deviation_verdict_owner" (a verdict by an
// owner of the actions; kForbidden).
Result<DeviationState> NextDeviationState(DeviationState from, DeviationMove move,
                                          const DeviationFacts& facts);

// Whether a deviation in `state` is still being handled (not closed or rejected).
bool DeviationOpen(DeviationState state);

}  // namespace lis::domain
