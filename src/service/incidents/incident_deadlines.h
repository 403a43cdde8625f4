// The regulatory clocks of stored incidents (domain/incidents/incident_clocks.h over the
// incident record and its incident_reports rows), as the API's `deadlines` array.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/clock.h"
#include "core/config.h"
#include "domain/incidents/incident_clocks.h"
#include "store/database.h"

namespace lis::service {

domain::ClockPeriods ClockPeriodsFrom(const Config& config);
// The configured recipient of reports of `kind` (IMY for gdpr_art33, the CSIRT authority for
// the cybersäkerhetslag clocks).
const std::string& ClockRecipient(const Config& config, domain::ClockKind kind);

// The clocks of `incident` (an incident record) at `now`, reading its recorded reports.
std::vector<domain::Clock> IncidentClocksOf(store::Tx& tx, const nlohmann::json& incident,
                                            const domain::ClockPeriods& periods, TimePoint now);

// One clock as JSON: kind, due_at, done_at (null or time), state, late, the due time in
// Swedish time (due_at_local, "2026-03-29 03:30"), seconds_left (negative when overdue; null
// once done), and elapsed (share of the period passed, ClockElapsed).
nlohmann::json ClockJson(const domain::Clock& clock, TimePoint now);
// The array for the incident's `deadlines` field.
nlohmann::json DeadlinesJson(store::Tx& tx, const nlohmann::json& incident,
                             const domain::ClockPeriods& periods, TimePoint now);

}  // namespace lis::service
