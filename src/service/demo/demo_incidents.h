// The demo incidents: four incidents across the municipality's units, written through the
// incident and report services so that every regulatory clock state can be seen.
#pragma once

#include <map>
#include <string>

#include "core/config.h"
#include "core/status.h"
#include "store/database.h"

namespace lis::service {

// Reports and handles, relative to now: an employee's report still new (Socialförvaltningen);
// a personal data breach whose gdpr_art33 clock is running (Barn- och utbildningsförvaltningen);
// a significant incident under the cybersäkerhetslag with the early warning made
// (Kommunstyrelseförvaltningen); and a closed breach settled by a not-required decision
// (Samhällsbyggnadsförvaltningen). Reporters and handlers are demo accounts by username;
// `units` maps the demo's node keys to ids.
Status LoadDemoIncidents(store::Database& db, const Config& config,
                         const std::map<std::string, long long>& units);

}  // namespace lis::service
