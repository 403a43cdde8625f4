// Helpers of the regulatory-clock tests: incidents made at a given awareness time, and times
// relative to now as the API writes them.
#pragma once

#include <chrono>
#include <string>

#include "action_support.h"
#include "core/clock.h"
#include "store/incidents/incident_tables.h"
#include "store/records.h"

namespace lis_test {

// Now moved by `hours` (negative: in the past), as RFC 3339 UTC.
inline std::string HoursFromNow(double hours) {
  auto shift = std::chrono::duration_cast<std::chrono::system_clock::duration>(
      std::chrono::duration<double, std::ratio<3600>>(hours));
  return lis::FormatTime(std::chrono::system_clock::now() + shift);
}

struct IncidentSpec {
  std::string title;
  std::string unit;  // demo node name
  bool breach = false;
  bool significant = false;
  bool personal_data = false;
  double aware_hours_ago = 1;
  std::string handler;  // username of an assigned handler, or none
};

// Writes an incident reported by the demo employee at `spec.unit`, through the audited write
// path of the store (the awareness time is set in the past, which the API cannot do for a
// fresh report). Its id.
inline long long MakeIncident(LisServer& s, const IncidentSpec& spec) {
  std::string aware = HoursFromNow(-spec.aware_hours_ago);
  json handler = spec.handler.empty() ? json(nullptr) : json(s.UserId(spec.handler));
  json record = {{"org_unit_id", s.OrgUnitId(spec.unit)},
                 {"system_id", nullptr},
                 {"title", spec.title},
                 {"description", "Beskrivning av " + spec.title},
                 {"occurred_at", aware},
                 {"discovered_at", aware},
                 {"awareness_at", aware},
                 {"personal_data", spec.personal_data || spec.breach},
                 {"ongoing", false},
                 {"reporter_id", s.UserId("medarbetare")},
                 {"reporter_contact", "070-123 45 67"},
                 {"reported_via", "web"},
                 {"status", "investigating"},
                 {"severity", 2},
                 {"category", nullptr},
                 {"aspects", ""},
                 {"handler_id", handler},
                 {"personal_data_breach", spec.breach},
                 {"significant", spec.significant},
                 {"triaged_at", aware},
                 {"closed_at", nullptr},
                 {"breach_subjects", ""},
                 {"breach_records", ""},
                 {"breach_consequences", ""},
                 {"breach_measures", ""}};
  long long id = 0;
  WriteDirect(s, [&](lis::store::Tx& tx) {
    id = lis::store::InsertRecord(tx, lis::store::IncidentTable(), record)["id"].get<long long>();
  });
  return id;
}

inline std::string ReportsPath(long long incident) {
  return "/api/v1/incidents/" + std::to_string(incident) + "/reports";
}

// The clock of `kind` in the deadlines of GET /incidents/{id}/reports as `auth`, or null.
inline json ClockOf(LisServer& s, const Auth& auth, long long incident, const std::string& kind) {
  json listed = Fetch(s, auth, ReportsPath(incident));
  for (const auto& c : listed.value("deadlines", json::array()))
    if (c["kind"] == kind) return c;
  return nullptr;
}

}  // namespace lis_test
