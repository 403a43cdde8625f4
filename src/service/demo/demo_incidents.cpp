#include "service/demo/demo_incidents.h"

#include <chrono>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "service/caller.h"
#include "service/incidents/incident_report_service.h"
#include "service/incidents/incident_service.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;

namespace {

// A time `hours` before now, as the API takes it.
std::string HoursAgo(int hours) {
  return FormatTime(std::chrono::system_clock::now() - std::chrono::hours(hours));
}

// One demo incident: what its reporter wrote, then what the handler did.
struct DemoIncident {
  const char* reporter;  // username
  const char* unit;      // node key
  const char* title;
  const char* description;
  int occurred_hours_ago;
  int discovered_hours_ago;
  bool personal_data;
  const char* handler;         // username of the handler who triages, or nullptr: left new
  json handling;               // the handler's changes (without version); handler_id is added
  std::vector<json> reports;   // regulatory reports the handler records, in order
  const char* close_category;  // closes the incident with this category after the reports
};

std::vector<DemoIncident> Incidents() {
  return {
      {"medarbetare",
       "sof",
       "Misstänkt nätfiskemejl till flera medarbetare",
       "Flera på enheten fick ett mejl som ser ut att komma från lönekontoret och ber oss logga "
       "in via en länk. Jag klickade inte.",
       3,
       2,
       false,
       nullptr,
       json::object(),
       {},
       nullptr},
      {"kontakt.sof",
       "buf",
       "Elevuppgifter skickade till fel vårdnadshavare",
       "Ett utskick med elevers omdömen och personnummer gick till fel e-postlista.",
       22,
       20,
       true,
       "itsak",
       {{"status", "investigating"},
        {"severity", 3},
        {"category", "information-content-security.misdirected-message"},
        {"personal_data_breach", true},
        {"breach_subjects", "Elever i årskurs 8 och deras vårdnadshavare"},
        {"breach_records", "Omkring 60 poster"},
        {"breach_consequences", "Personnummer och omdömen röjda för obehöriga"},
        {"breach_measures", "Mottagarna ombedda att radera; utskicksrutinen ses över"}},
       {},
       nullptr},
      {"itsak",
       "ksf",
       "Ransomware på filserver i kommunhuset",
       "Krypterade filer och en lösenordslapp på den gemensamma filservern. Servern är isolerad.",
       32,
       30,
       false,
       "ciso",
       {{"status", "contained"},
        {"severity", 4},
        {"category", "malicious-code.infected-system"},
        {"significant", true}},
       {{{"kind", "csl_early_warning"},
         {"outcome", "made"},
         {"made_at", HoursAgo(10)},
         {"reference", "CERT-SE 2026-0412"}}},
       nullptr},
      {"medarbetare",
       "sbf",
       "Stulen bärbar dator med krypterad disk",
       "Datorn stals ur en bil. Disken var krypterad och kontot spärrades samma dag.",
       24 * 40,
       24 * 40 - 2,
       true,
       "ciso",
       {{"status", "investigating"},
        {"severity", 2},
        {"category", "information-content-security.lost-or-stolen-device"},
        {"personal_data_breach", true}},
       {{{"kind", "gdpr_art33"},
         {"outcome", "not_required"},
         {"made_at", HoursAgo(24 * 40 - 20)},
         {"reason",
          "Disken var krypterad med BitLocker och nyckeln fanns inte på datorn: uppgifterna kan "
          "inte läsas, så incidenten leder sannolikt inte till en risk för de registrerade."}}},
       "information-content-security.lost-or-stolen-device"},
  };
}

// The caller acting as demo account `username`, with its roles.
Result<Caller> DemoCaller(store::Database& db, const std::string& username) {
  return db.ReadResult<Caller>([&](store::Tx& tx) -> Result<Caller> {
    auto row = tx.QueryOne("SELECT id, name FROM users WHERE username = ?",
                           {store::Value(username)}, {store::Col::kInt, store::Col::kText});
    if (!row) return NotFound();
    Caller c;
    c.user_id = row->Int(0);
    c.name = row->Text(1);
    c.username = username;
    c.grants = store::LoadGrants(tx, c.user_id);
    return c;
  });
}

Status Handle(IncidentService& incidents, IncidentReportService& reports, const Caller& handler,
              const DemoIncident& d, long long id) {
  auto incident = incidents.Get(handler, id);  // the report answers its reporter's summary
  if (!incident.ok()) return incident.error();
  json change = d.handling;
  change["handler_id"] = handler.user_id;
  change["version"] = (*incident)["version"];
  auto updated = incidents.Update(handler, id, change);
  if (!updated.ok()) return updated.error();
  for (const auto& report : d.reports) {
    auto recorded = reports.Record(handler, id, report);
    if (!recorded.ok()) return recorded.error();
  }
  if (!d.close_category) return {};
  auto closed =
      incidents.Update(handler, id, {{"status", "closed"}, {"version", (*updated)["version"]}});
  return closed.status();
}

}  // namespace

Status LoadDemoIncidents(store::Database& db, const Config& config,
                         const std::map<std::string, long long>& units) {
  IncidentService incidents(db, config);
  IncidentReportService reports(db, config);
  for (const auto& d : Incidents()) {
    auto reporter = DemoCaller(db, d.reporter);
    if (!reporter.ok()) return reporter.error();
    auto reported =
        incidents.Report(*reporter, {{"title", d.title},
                                     {"description", d.description},
                                     {"occurred_at", HoursAgo(d.occurred_hours_ago)},
                                     {"discovered_at", HoursAgo(d.discovered_hours_ago)},
                                     {"org_unit_id", units.at(d.unit)},
                                     {"personal_data", d.personal_data},
                                     {"reporter_contact", "Ankn. 4711"}});
    if (!reported.ok()) return reported.error();
    if (!d.handler) continue;
    auto handler = DemoCaller(db, d.handler);
    if (!handler.ok()) return handler.error();
    Status s = Handle(incidents, reports, *handler, d, (*reported)["id"].get<long long>());
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace lis::service
