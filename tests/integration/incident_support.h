// Helpers shared by the incident tests: times relative to now, report bodies and incidents
// made through the API.
#pragma once

#include <chrono>
#include <string>

#include "core/clock.h"
#include "risk_support.h"

namespace lis_test {

// Now moved by `delta`, as RFC 3339 UTC text.
inline std::string TimeFromNow(std::chrono::seconds delta) {
  return lis::FormatTime(std::chrono::system_clock::now() + delta);
}
inline std::string HoursAgo(int hours) {
  return TimeFromNow(std::chrono::hours(-hours));
}

// A valid report at `unit`: occurred three hours ago, discovered two hours ago; `extra` adds
// fields or replaces these.
inline json ReportBody(const std::string& title, long long unit, json extra = json::object()) {
  json body = {{"title", title},
               {"description", "Vad som hände: " + title},
               {"occurred_at", HoursAgo(3)},
               {"discovered_at", HoursAgo(2)},
               {"org_unit_id", unit},
               {"reporter_contact", "070-123 45 67"}};
  if (extra.is_object()) body.update(extra);
  return body;
}

inline json ReportIncident(LisServer& s, const Auth& auth, const json& body) {
  return MustCreate(s, auth, "incidents", body);
}

inline std::string IncidentPath(long long id, const std::string& rest = "") {
  return "/api/v1/incidents/" + Id(id) + rest;
}

// PATCHes `changes` with the incident's current version as `auth` sees it through `reader`.
inline Response PatchIncident(LisServer& s, const Auth& auth, const Auth& reader, long long id,
                              json changes) {
  changes["version"] = Fetch(s, reader, IncidentPath(id))["version"];
  return s.Patch(IncidentPath(id), auth, changes);
}

}  // namespace lis_test
