// Pure rules of the action list (åtgärder): the values of status, priority and origin, dates,
// and when the actions of one origin are all through.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lis::domain {

// planned, in_progress, done, cancelled.
const std::vector<std::string>& ActionStatuses();
// low, medium, high, critical (in rising order).
const std::vector<std::string>& ActionPriorities();
// risk, control_gap, requirement_gap, incident, deviation, manual.
const std::vector<std::string>& ActionOriginKinds();

bool IsOneOf(const std::string& value, const std::vector<std::string>& allowed);
// Whether an action in `status` still needs doing (planned or in progress).
bool ActionOpen(const std::string& status);

// The priority of an action that closes the gap of a protection requirement applying from
// `level` (on the 0–4 scale): 0–1 low, 2 medium, 3 high, 4 and above critical.
std::string PriorityForLevel(int level);

// Whether one action's status change from `before` to `after` finishes its origin: `after` is
// done or cancelled and `before` was neither, and every action of the origin (`all`, this one
// as it is now included) is done or cancelled, at least one done.
bool CompletesOrigin(const std::string& before, const std::string& after,
                     const std::vector<std::string>& all);

}  // namespace lis::domain
