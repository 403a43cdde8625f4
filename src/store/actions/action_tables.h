// Tables of the `actions` area: one action list (åtgärder) for every area.
#pragma once

#include "store/records.h"

namespace lis::store {

// An action belongs to its org_unit_id; `origin` names what it came from (origin_id,
// origin_ref), `completed_at` is set while it is done.
const TableSpec& ActionTable();

}  // namespace lis::store
