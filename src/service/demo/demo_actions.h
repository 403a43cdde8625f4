// The demo's action list: a handful of actions in two förvaltningar and the municipal
// office, some overdue, one done, for the demo accounts to find in "Mina åtgärder".
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace lis::service {

// Creates the demo actions through the action service, as the CISO `ciso_user_id` holding its
// role at `units.at("kommun")`; owners are demo accounts by username. Due dates are relative
// to today.
Status LoadDemoActions(store::Database& db, const std::map<std::string, long long>& units,
                       long long ciso_user_id);

}  // namespace lis::service
