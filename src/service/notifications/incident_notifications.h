// What the bell says about incidents (issue 6, item 6):
// - a new incident: to every active user holding kIncidentHandle on a node covering its unit
//   (or installation-wide), except the reporter;
// - a running regulatory clock at 50 % and at 90 % of its period: to the incident's handler and
//   to the CISOs whose grant covers its unit, once per incident, clock, threshold and user.
//   The dedupe key does not carry the awareness time: a clock started again by a changed
//   awareness time does not notify a threshold it has already notified. Only the highest
//   threshold reached is notified (domain/notifications/clock_thresholds.h).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "store/database.h"

namespace lis::service {

// The IncidentService::OnReported hook: notifies the handlers of the new incident's unit in the
// reporting transaction. `incident` is the stored incident record.
void NotifyNewIncident(store::Tx& tx, const nlohmann::json& incident);

// Active users holding one of `roles` on a node covering `org_unit_id` (node grants, not object
// grants) or installation-wide, each once, in id order.
std::vector<long long> UsersWithRoleOver(store::Tx& tx, const std::vector<std::string>& roles,
                                         long long org_unit_id);

struct SweepResult {
  long long incidents = 0;      // incidents with clocks looked at
  long long notifications = 0;  // notifications written
  long long failures = 0;       // incidents whose notifications could not be written (logged)
};

// Writes the clock notifications due at `now` for every incident that is a personal data
// breach or significant and not closed. Each incident that needs a notification gets its own
// write transaction; one that fails (e.g. a unique violation from a writer outside LIS) is
// logged and counted, and the sweep goes on. Safe to run in several processes at once.
SweepResult SweepClockNotifications(store::Database& db, const Config& config, TimePoint now);

}  // namespace lis::service
