// A gap in a statement of applicability as the origin of actions (action_origin.h): origin
// "control_gap", origin_id the SoA entry of a control that is applicable and not implemented,
// in an organisation whose SoA the caller reads. The action links back to the entry's page.
#pragma once

#include "service/actions/action_origin.h"

namespace lis::service {

void RegisterControlGapOrigin(ActionOrigins& origins);

}  // namespace lis::service
