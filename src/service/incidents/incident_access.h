// Who sees and handles an incident (issue 6, item 5). Incident details are confidential:
//
// - full view: holders of kIncidentRead on the incident's unit (CISO, security chief, IT
//   security), holders of kIncidentPersonalDataRead there (the DPO) when the incident may
//   involve personal data (`personal_data` or `personal_data_breach`), and its assigned
//   handler (`handler_id`), whatever its roles;
// - handling (triage, timeline, links, regulatory reports, review): kIncidentHandle on the
//   unit (CISO, IT security) or being its assigned handler;
// - the reporter sees its own report as a summary (IncidentView::kReporter): what it wrote and
//   the status, never internal notes, the timeline or the handling fields.
//
// Nobody else sees the incident at all: by id it is not_found, in lists it is absent.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

enum class IncidentView { kNone, kReporter, kFull };

// `incident` is the incident record (columns of store::IncidentTable()).
IncidentView IncidentViewFor(store::Tx& tx, const Caller& caller, const nlohmann::json& incident);
bool CanHandleIncident(store::Tx& tx, const Caller& caller, const nlohmann::json& incident);

// Limits a list of incidents (columns incidents.*) to those the caller sees in full.
void FilterFullIncidents(store::Filter& filter, const Caller& caller);
// Limits a list of incidents to those the caller handles.
void FilterHandledIncidents(store::Filter& filter, const Caller& caller);
// Whether the caller sees some incidents in full by its roles (not only as a handler), and
// whether it handles some by its roles: what decides the menu and the start page.
bool ReadsIncidentsByRole(const Caller& caller);
bool HandlesIncidentsByRole(const Caller& caller);

}  // namespace lis::service
