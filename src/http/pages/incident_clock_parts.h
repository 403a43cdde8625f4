// The regulatory clocks on pages: the clocks of one incident with the forms that record their
// reports (for the incident page), and the running clocks of the start page.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "http/app.h"
#include "http/http_types.h"
#include "http/pages/form.h"

namespace lis::http {

// The clocks of incident `incident_id` as an HTML section: a table (clock, recipient, due in
// Swedish time, time left, state, done at, reference or reason) and, for its handlers, one
// form per open clock posting to /incidents/{id}/reports/{kind} (for gdpr_art33 also the form
// recording that no notification is required). `failure` (may be null) is a failed
// submission of one of these forms, shown at its form. Empty when no clock applies or the
// caller does not see the incident in full.
std::string IncidentClocksHtml(App& app, const RequestContext& ctx, long long incident_id,
                               const FormFailure* failure = nullptr);

// The time left of a clock as ClockJson gives it: "31 h 20 min kvar", "försenad 2 h", or
// "" once done.
std::string ClockLeftText(const RequestContext& ctx, const nlohmann::json& clock);

// The start page's running clocks: {"rows": [{href, incident, clock, due, left, overdue}],
// "has_rows"} for callers who read incidents by role or have running clocks; null otherwise.
nlohmann::json RunningClocksWork(App& app, const RequestContext& ctx);

}  // namespace lis::http
