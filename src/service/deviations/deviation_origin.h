// A deviation as the origin of its corrective actions (service/actions/action_origin.h). An
// action may name an open deviation the caller handles (origin "deviation", origin_id the
// deviation); it links back to the deviation page. When every action of a deviation being
// acted on is through (at least one done), the deviation moves to verifying
// (DeviationActionsDone) in the same transaction.
#pragma once

#include "service/actions/action_origin.h"

namespace lis::service {

void RegisterDeviationOrigin(ActionOrigins& origins);

}  // namespace lis::service
