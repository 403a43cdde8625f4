// The action list's filters and sort in SQL (action_service.h reads them from a request).
#pragma once

#include <string>
#include <vector>

#include "service/actions/action_service.h"
#include "store/records.h"

namespace lis::service {

// due_date, priority, updated_at, title.
const std::vector<std::string>& ActionSortKeys();
// Adds the query's filters (not the caller's read scope) to `where`, on table `actions`.
void ApplyActionFilter(store::Filter& where, const ActionListQuery& query);
// The ORDER BY of `sort` (already checked); ties by id.
std::string ActionOrder(const std::string& sort);

}  // namespace lis::service
