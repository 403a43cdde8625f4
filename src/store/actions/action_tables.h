// Tables of the `actions` area: one action list (åtgärder) for every area.
#pragma once

#include "store/records.h"

namespace lis::store {

// An action belongs to its org_unit_id; `origin` names what it came from (origin_id,
// origin_ref), `completed_at` is set while it is done.
const TableSpec& ActionTable();

// The actions a reader reads: those of the units `units` selects (a filter on
// actions.org_unit_id) and those `owner` owns elsewhere. `all` selects both, for a page; `parts`
// are the two disjoint halves, counted apart because each is counted from an index alone, where
// a count through OR collects and sorts every matching row id first.
struct ActionReach {
  Filter all;
  Filter parts[2];
};
ActionReach ActionsReadBy(const Filter& units, long long owner);

}  // namespace lis::store
