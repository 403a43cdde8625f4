// What the incident pages need beyond IncidentService (issue 6): the choices of the report
// form and whether the navigation offers the incident list to a caller without a role.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

// Anyone signed in may report an incident in any unit, so every live organisation unit is
// offered by name (names are not secret; nothing else about the units is shown), with the
// reporter's own unit and e-mail address to start from.
struct ReportFormChoices {
  struct Unit {
    long long id = 0;
    std::string label;  // the path from its root, "Norrvik / Socialförvaltningen"
  };
  std::vector<Unit> units;               // every live unit, depth first, siblings by name
  std::optional<long long> own_unit_id;  // the unit the reporter belongs to, if any
  std::string email;                     // the reporter's e-mail address ("" if none)
};

ReportFormChoices LoadReportFormChoices(store::Database& db, const Caller& caller);

// Whether the caller is the assigned handler of some live incident (one indexed query): it
// sees those in full (incident_access.h), so the navigation offers it the incident list.
bool HandlesAssignedIncidents(store::Database& db, const Caller& caller);

}  // namespace lis::service
