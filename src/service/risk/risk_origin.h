// A risk as the origin of actions (service/actions/action_origin.h). An action may name a risk
// the caller reads (origin "risk", origin_id the risk); it links back to the risk page. When
// every action of a risk is through (at least one done), the risk's owner is asked to
// re-assess its residual level (RequestReassessment) in the same transaction.
#pragma once

#include "service/actions/action_origin.h"

namespace lis::service {

void RegisterRiskOrigin(ActionOrigins& origins);

}  // namespace lis::service
