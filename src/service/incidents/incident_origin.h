// An incident as the origin of actions (service/actions/action_origin.h): what its closing
// review says to improve becomes actions with origin "incident" and origin_id the incident.
// Only a caller who sees the incident in full (incident_access.h) may name it; the link back
// goes to the incident page and its label names the incident by number only, never by title,
// since readers of the action list need not see the incident.
#pragma once

#include "service/actions/action_origin.h"

namespace lis::service {

void RegisterIncidentOrigin(ActionOrigins& origins);

}  // namespace lis::service
