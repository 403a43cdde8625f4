// The reports made for an incident's regulatory clocks (issue 6, item 3): the notification
// made to the authority, or for gdpr_art33 the documented decision that no notification is
// required, and the running clocks of every incident a caller sees (the start page).
//
// Who: full viewers of the incident (incident_access.h) read its reports; handlers
// (CanHandleIncident) record and correct them. An incident the caller does not see in full is
// not_found; a refused write is forbidden (incidents::HandledIncident: also for its reporter).
// Every write is one audited transaction; recording a report also appends it to the incident's
// timeline (kind contact for a report made, decision for not_required).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

class IncidentReportService {
 public:
  IncidentReportService(store::Database& db, const Config& config);

  // {"items": [report records, oldest clock kind first], "deadlines": [the incident's clocks
  // (ClockJson) each with "recipient" and its "report" or null], "title" and "awareness_at" of
  // the incident, "can_handle": bool}.
  Result<nlohmann::json> List(const Caller& caller, long long incident_id);

  // Records the report of one clock. Body: kind; outcome "made" or "not_required" (gdpr_art33
  // only); made_at (RFC 3339, not in the future beyond incidents::kClockSkew, not before the
  // incident's awareness_at; the decision time for not_required; default now); reference (the
  // authority's case number, required when made); recipient (default the configured recipient of
  // the kind); reason (required for not_required: why the breach is unlikely to result in a risk);
  // late_reason (required when made_at is after the clock's due time). The kind's clock must apply
  // to the incident (else invalid naming kind; the final report also needs the
  // incident notification made) and have no report yet (else conflict). Answers the
  // report with its "clock".
  Result<nlohmann::json> Record(const Caller& caller, long long incident_id,
                                const nlohmann::json& body);
  // Corrects the report of clock `kind` (version required): any field of Record but kind,
  // checked as Record checks it.
  Result<nlohmann::json> Correct(const Caller& caller, long long incident_id,
                                 const std::string& kind, const nlohmann::json& body);

  // The clocks of the incidents the caller sees in full (FilterFullIncidents), each
  // {incident_id, title, org_unit_id, org_unit, kind, recipient, due_at, due_at_local,
  // seconds_left, state, late, done_at}, by due time: those running or overdue, or every
  // state when `all_states`.
  Result<std::vector<nlohmann::json>> Clocks(const Caller& caller, bool all_states);

 private:
  store::Database& db_;
  const Config& config_;
};

}  // namespace lis::service
