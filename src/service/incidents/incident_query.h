// The incident list's filters and sort as SQL (columns and order written here, never taken
// from input). Reading them from request parameters: ReadIncidentListQuery
// (incident_service.h).
#pragma once

#include <string>
#include <vector>

#include "service/incidents/incident_service.h"
#include "store/records.h"

namespace lis::service {

// created_at, occurred_at, severity, status, title.
const std::vector<std::string>& IncidentSortKeys();
void ApplyIncidentFilter(store::Filter& where, store::Dialect dialect,
                         const IncidentListQuery& query);
// The ORDER BY of `sort` (already checked); newest first when empty.
std::string IncidentOrder(const std::string& sort);

}  // namespace lis::service
