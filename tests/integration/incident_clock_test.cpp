// The regulatory reports of an incident (POST/GET /incidents/{id}/reports, PATCH
// .../reports/{kind}), the running clocks of the start page (GET /incident-clocks) and the
// clock forms on the pages.
#include <algorithm>
#include <map>
#include <set>

#include "core/stockholm_time.h"
#include "incident_clock_support.h"

namespace lis_test::incident_clock_test {
namespace {

class IncidentClockTest : public SharedServerTest<IncidentClockTest> {
 protected:
  static long long Create(const IncidentSpec& spec) { return MakeIncident(server(), spec); }
  const Session& As(const std::string& username) {
    auto it = sessions_.find(username);
    if (it == sessions_.end()) it = sessions_.emplace(username, server().Login(username)).first;
    return it->second;
  }
  long long ReportCount(long long incident) {
    return Fetch(server(), As("ciso"), ReportsPath(incident))["items"].size();
  }

 private:
  static inline std::map<std::string, Session> sessions_;
};

struct BadCase {
  const char* name;
  json body;
  int status;
  const char* field;
};

// Every refused report names its field and writes nothing (no report, no audit event).
TEST_F(IncidentClockTest, RefusesBadReportsNamingTheFieldAndWritesNothing) {
  long long breach = Create({"Felskickad e-post med elevuppgifter",
                             "Barn- och utbildningsförvaltningen", true, false, true, 10});
  long long significant = Create({"Överbelastningsattack mot e-tjänsterna",
                                  "Kommunstyrelseförvaltningen", false, true, false, 30});
  const BadCase kCases[] = {
      {"missing kind", {{"outcome", "made"}, {"reference", "IMY-1"}}, 400, "kind"},
      {"unknown kind",
       {{"kind", "gdpr"}, {"outcome", "made"}, {"reference", "IMY-1"}},
       400,
       "kind"},
      {"missing outcome", {{"kind", "gdpr_art33"}, {"reference", "IMY-1"}}, 400, "outcome"},
      {"unknown outcome",
       {{"kind", "gdpr_art33"}, {"outcome", "done"}, {"reference", "IMY-1"}},
       400,
       "outcome"},
      {"unknown field",
       {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "IMY-1"}, {"color", "red"}},
       400,
       "color"},
      {"made_at not a time",
       {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "IMY-1"}, {"made_at", "igår"}},
       400,
       "made_at"},
      {"made_at in the future",
       {{"kind", "gdpr_art33"},
        {"outcome", "made"},
        {"reference", "IMY-1"},
        {"made_at", HoursFromNow(2)}},
       400,
       "made_at"},
      {"made_at before awareness",
       {{"kind", "gdpr_art33"},
        {"outcome", "made"},
        {"reference", "IMY-1"},
        {"made_at", HoursFromNow(-11)}},
       400,
       "made_at"},
      {"made without reference", {{"kind", "gdpr_art33"}, {"outcome", "made"}}, 400, "reference"},
      {"blank reference",
       {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "  "}},
       400,
       "reference"},
      {"not_required without reason",
       {{"kind", "gdpr_art33"}, {"outcome", "not_required"}},
       400,
       "reason"},
      {"reference not text",
       {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", 12}},
       400,
       "reference"},
      {"a cybersäkerhetslag clock on a breach that is not significant",
       {{"kind", "csl_early_warning"}, {"outcome", "made"}, {"reference", "CERT-1"}},
       400,
       "kind"},
  };
  As("ciso");  // logging in is audited
  long long audit_before = server().AuditTotal();
  for (const auto& c : kCases) {
    Response r = server().Post(ReportsPath(breach), As("ciso"), c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << c.name << ": " << r;
  }
  const BadCase kSignificant[] = {
      {"gdpr_art33 on an incident that is no breach",
       {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "IMY-1"}},
       400,
       "kind"},
      {"the final report before the incident notification",
       {{"kind", "csl_final_report"}, {"outcome", "made"}, {"reference", "CERT-1"}},
       400,
       "kind"},
      {"not_required for a cybersäkerhetslag clock",
       {{"kind", "csl_notification"}, {"outcome", "not_required"}, {"reason", "Ingen risk"}},
       400,
       "outcome"},
      {"late without a reason (the early warning was due 6 h ago)",
       {{"kind", "csl_early_warning"}, {"outcome", "made"}, {"reference", "CERT-1"}},
       400,
       "late_reason"},
      {"late with a blank reason",
       {{"kind", "csl_early_warning"},
        {"outcome", "made"},
        {"reference", "CERT-1"},
        {"late_reason", " "}},
       400,
       "late_reason"},
  };
  for (const auto& c : kSignificant) {
    Response r = server().Post(ReportsPath(significant), As("ciso"), c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << c.name << ": " << r;
  }
  EXPECT_EQ(ReportCount(breach), 0);
  EXPECT_EQ(ReportCount(significant), 0);
  EXPECT_EQ(server().AuditTotal(), audit_before);
  EXPECT_EQ(ClockOf(server(), As("ciso"), breach, "gdpr_art33")["state"], "running");
  EXPECT_EQ(ClockOf(server(), As("ciso"), significant, "csl_early_warning")["state"], "overdue");
}

TEST_F(IncidentClockTest, NotificationMadeInTimeSettlesTheClockAndIsAudited) {
  long long id = Create({"Förlorad mobiltelefon med journalanteckningar", "Socialförvaltningen",
                         true, false, true, 5});
  json before = ClockOf(server(), As("itsak"), id, "gdpr_art33");
  EXPECT_EQ(before["state"], "running");
  EXPECT_GT(before["seconds_left"].get<long long>(), 66 * 3600);
  EXPECT_EQ(before["recipient"], "Integritetsskyddsmyndigheten (IMY)");
  long long audit_before = server().AuditTotal();
  std::string made = HoursFromNow(-1);
  Response r = server().Post(ReportsPath(id), As("itsak"),
                             {{"kind", "gdpr_art33"},
                              {"outcome", "made"},
                              {"made_at", made},
                              {"reference", "IMY-2026-1234"}});
  ASSERT_EQ(r.status, 201) << r;
  json report = r.Json();
  EXPECT_EQ(report["recipient"], "Integritetsskyddsmyndigheten (IMY)");
  EXPECT_EQ(report["decided_by"], server().UserId("itsak"));
  EXPECT_EQ(report["clock"]["state"], "done");
  EXPECT_EQ(report["clock"]["late"], false);
  EXPECT_EQ(server().AuditTotal(), audit_before + 2);  // the report and its timeline entry
  json timeline =
      Fetch(server(), As("ciso"), "/api/v1/incidents/" + std::to_string(id) + "/timeline");
  ASSERT_FALSE(timeline["items"].empty());
  const json& entry = timeline["items"].back();
  EXPECT_EQ(entry["kind"], "contact");
  EXPECT_NE(entry["body"].get<std::string>().find("IMY-2026-1234"), std::string::npos) << entry;
  EXPECT_EQ(lis::ParseTime(entry["happened_at"].get<std::string>()), lis::ParseTime(made));
  json after = ClockOf(server(), As("ciso"), id, "gdpr_art33");
  EXPECT_EQ(after["state"], "done");
  EXPECT_TRUE(after["seconds_left"].is_null());
  EXPECT_EQ(lis::ParseTime(after["done_at"].get<std::string>()), lis::ParseTime(made));
  EXPECT_EQ(after["report"]["reference"], "IMY-2026-1234");

  // A second report of the same clock is a conflict; a correction names the version.
  Response again = server().Post(ReportsPath(id), As("itsak"),
                                 {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "X"}});
  EXPECT_EQ(again.status, 409) << again;
  std::string path = ReportsPath(id) + "/gdpr_art33";
  Response stale = server().Patch(path, As("ciso"), {{"version", 7}, {"reference", "IMY-2026-9"}});
  EXPECT_EQ(stale.status, 409) << stale;
  Response fixed =
      server().Patch(path, As("ciso"), {{"version", 1}, {"reference", "IMY-2026-1235"}});
  ASSERT_EQ(fixed.status, 200) << fixed;
  EXPECT_EQ(fixed.Json()["reference"], "IMY-2026-1235");
  EXPECT_EQ(fixed.Json()["version"], 2);
  Response blank = server().Patch(path, As("ciso"), {{"version", 2}, {"reference", ""}});
  EXPECT_EQ(blank.status, 400) << blank;
  EXPECT_EQ(blank.Json()["error"]["field"], "reference");
  Response unknown = server().Patch(ReportsPath(id) + "/csl_notification", As("ciso"),
                                    {{"version", 1}, {"reference", "x"}});
  EXPECT_EQ(unknown.status, 404) << unknown;
}

TEST_F(IncidentClockTest, NotRequiredDecisionForABreach) {
  long long id = Create(
      {"Utskrift med namnlista hittad i kopiatorn", "Socialförvaltningen", true, false, true, 2});
  Response r =
      server().Post(ReportsPath(id), As("ciso"),
                    {{"kind", "gdpr_art33"},
                     {"outcome", "not_required"},
                     {"reason", "Listan låg i ett låst rum och återfanns inom en timme."}});
  ASSERT_EQ(r.status, 201) << r;
  EXPECT_EQ(r.Json()["outcome"], "not_required");
  EXPECT_EQ(r.Json()["reference"], "");
  json clock = ClockOf(server(), As("ciso"), id, "gdpr_art33");
  EXPECT_EQ(clock["state"], "not_required");
  EXPECT_FALSE(clock["done_at"].is_null());
  // A not-required clock is no longer running.
  json running = Fetch(server(), As("ciso"), "/api/v1/incident-clocks");
  for (const auto& c : running["items"]) EXPECT_NE(c["incident_id"], id);
}

TEST_F(IncidentClockTest, LateReportNeedsAndKeepsItsReason) {
  long long id =
      Create({"Intrång i lönesystemet", "Kommunstyrelseförvaltningen", false, true, false, 80});
  json early = ClockOf(server(), As("ciso"), id, "csl_early_warning");
  EXPECT_EQ(early["state"], "overdue");
  EXPECT_LT(early["seconds_left"].get<long long>(), -55 * 3600);
  Response r = server().Post(ReportsPath(id), As("ciso"),
                             {{"kind", "csl_early_warning"},
                              {"outcome", "made"},
                              {"reference", "CERT-SE 2026-77"},
                              {"late_reason", "Incidenten bedömdes först som begränsad."}});
  ASSERT_EQ(r.status, 201) << r;
  EXPECT_EQ(r.Json()["clock"]["state"], "done");
  EXPECT_EQ(r.Json()["clock"]["late"], true);
  EXPECT_EQ(r.Json()["recipient"], "CERT-SE, Myndigheten för civilt försvar");
  // Made before the notification fell due (72 h after awareness, 8 h ago) it would not be late.
  Response notice = server().Post(ReportsPath(id), As("ciso"),
                                  {{"kind", "csl_notification"},
                                   {"outcome", "made"},
                                   {"made_at", HoursFromNow(-9)},
                                   {"reference", "CERT-SE 2026-78"}});
  ASSERT_EQ(notice.status, 201) << notice;
  EXPECT_EQ(notice.Json()["clock"]["late"], false);
  // The final report now runs one month from when the notification was made.
  json final_report = ClockOf(server(), As("ciso"), id, "csl_final_report");
  EXPECT_EQ(final_report["state"], "running");
  EXPECT_EQ(lis::ParseTime(final_report["starts_at"].get<std::string>()),
            lis::ParseTime(notice.Json()["made_at"].get<std::string>()));
  EXPECT_GT(final_report["seconds_left"].get<long long>(), 27 * 24 * 3600);
}

struct AccessCase {
  const char* who;
  const char* method;
  int expected;
};

// Handlers (the CISO, IT security, an assigned handler) record; full readers who do not handle
// (the security chief, the DPO for a personal-data incident) and the reporter are refused;
// everyone else does not find the incident. The reporter does not read the reports either.
TEST_F(IncidentClockTest, WhoReadsAndRecordsReports) {
  long long id = Create({"Behörighetsfel i elevregistret", "Barn- och utbildningsförvaltningen",
                         true, false, true, 3, "forvaltare"});
  const AccessCase kCases[] = {
      {"ciso", "GET", 200},           {"itsak", "GET", 200},
      {"sakerhetschef", "GET", 200},  {"dso", "GET", 200},
      {"forvaltare", "GET", 200},     {"medarbetare", "GET", 404},
      {"ks.ordforande", "GET", 404},  {"ciso.energi", "GET", 404},
      {"kontakt.sof", "GET", 404},    {"sakerhetschef", "POST", 403},
      {"dso", "POST", 403},           {"medarbetare", "POST", 403},
      {"ks.ordforande", "POST", 404}, {"ciso.energi", "POST", 404},
      {"objektagare", "POST", 404},
  };
  json body = {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "IMY-7"}};
  for (const auto& c : kCases) {
    Response r = std::string(c.method) == "GET" ? server().Get(ReportsPath(id), As(c.who))
                                                : server().Post(ReportsPath(id), As(c.who), body);
    EXPECT_EQ(r.status, c.expected) << c.who << " " << c.method << ": " << r;
  }
  EXPECT_EQ(ReportCount(id), 0);
  EXPECT_EQ(server().Get(ReportsPath(id)).status, 401);
  // The assigned handler records although it holds no incident role.
  Response r = server().Post(ReportsPath(id), As("forvaltare"), body);
  EXPECT_EQ(r.status, 201) << r;
  EXPECT_EQ(server().Get(ReportsPath(999999), As("ciso")).status, 404);
}

// GET /incident-clocks lists the clocks of the incidents each role sees in full.
TEST_F(IncidentClockTest, RunningClocksPerRole) {
  long long sof_breach =
      Create({"Klock-test: journal i fel brevlåda", "Socialförvaltningen", true, false, true, 1});
  long long ksf_significant = Create(
      {"Klock-test: driftstopp i växeln", "Kommunstyrelseförvaltningen", false, true, false, 2});
  long long energi_breach =
      Create({"Klock-test: kundregister på avvägar", "Drift och nät", true, false, true, 4});
  long long plain = Create(
      {"Klock-test: trasig skrivare", "Kommunstyrelseförvaltningen", false, false, false, 1});
  struct RoleCase {
    const char* who;
    std::set<long long> sees;
  };
  const RoleCase kCases[] = {
      {"ciso", {sof_breach, ksf_significant}},
      {"itsak", {sof_breach, ksf_significant}},
      {"sakerhetschef", {sof_breach, ksf_significant, energi_breach}},
      {"dso", {sof_breach}},
      {"ciso.energi", {energi_breach}},
      {"medarbetare", {}},
      {"ks.ordforande", {}},
      {"kontakt.sof", {}},
  };
  const std::set<long long> mine = {sof_breach, ksf_significant, energi_breach, plain};
  for (const auto& c : kCases) {
    json body = Fetch(server(), As(c.who), "/api/v1/incident-clocks");
    std::set<long long> seen;
    std::string previous;
    for (const auto& item : body["items"]) {
      long long incident = item["incident_id"].get<long long>();
      if (mine.count(incident)) seen.insert(incident);
      EXPECT_GE(item["due_at"].get<std::string>(), previous) << c.who << ": sorted by due time";
      previous = item["due_at"].get<std::string>();
      EXPECT_TRUE(item["state"] == "running" || item["state"] == "overdue") << item;
      EXPECT_TRUE(item.contains("due_at_local") && item.contains("seconds_left")) << item;
    }
    EXPECT_EQ(seen, c.sees) << c.who;
  }
  json ciso = Fetch(server(), As("ciso"), "/api/v1/incident-clocks");
  long long significant_clocks =
      std::count_if(ciso["items"].begin(), ciso["items"].end(),
                    [&](const json& c) { return c["incident_id"] == ksf_significant; });
  EXPECT_EQ(significant_clocks, 3);
  EXPECT_EQ(server().Get("/api/v1/incident-clocks?all=maybe", As("ciso")).Json()["error"]["field"],
            "all");
}

TEST_F(IncidentClockTest, AllStatesIncludeSettledClocks) {
  long long id =
      Create({"Klock-test: avslutad anmälan", "Socialförvaltningen", true, false, true, 1});
  ASSERT_EQ(server()
                .Post(ReportsPath(id), As("ciso"),
                      {{"kind", "gdpr_art33"}, {"outcome", "made"}, {"reference", "IMY-55"}})
                .status,
            201);
  auto has = [&](const std::string& query) {
    json body = Fetch(server(), As("ciso"), "/api/v1/incident-clocks" + query);
    for (const auto& c : body["items"])
      if (c["incident_id"] == id) return c["state"].get<std::string>();
    return std::string();
  };
  EXPECT_EQ(has(""), "");
  EXPECT_EQ(has("?all=false"), "");
  EXPECT_EQ(has("?all=true"), "done");
}

// The start page lists the running clocks; the clock forms record and send back to the incident.
TEST_F(IncidentClockTest, PagesShowClocksAndRecordReports) {
  long long id =
      Create({"Sidtest: fel mottagare av beslut", "Socialförvaltningen", true, false, true, 1});
  Response home = server().Get("/", As("dso"));
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Löpande rapporteringsfrister"), std::string::npos);
  EXPECT_NE(home.body.find("Sidtest: fel mottagare av beslut"), std::string::npos);
  EXPECT_NE(home.body.find("kvar"), std::string::npos);
  Response employee_home = server().Get("/", As("medarbetare"));
  EXPECT_EQ(employee_home.body.find("Sidtest: fel mottagare av beslut"), std::string::npos);
  EXPECT_EQ(employee_home.body.find("Löpande rapporteringsfrister"), std::string::npos);

  std::string page = "/incidents/" + std::to_string(id) + "/reports";
  Response clocks = server().Get(page, As("ciso"));
  ASSERT_EQ(clocks.status, 200);
  EXPECT_NE(clocks.body.find("clock-report-gdpr_art33"), std::string::npos);
  EXPECT_NE(clocks.body.find("clock-decision-gdpr_art33"), std::string::npos);
  // Readers who do not handle see the clocks without the forms; others do not find them.
  Response reader = server().Get(page, As("sakerhetschef"));
  ASSERT_EQ(reader.status, 200);
  EXPECT_EQ(reader.body.find("clock-report-gdpr_art33"), std::string::npos);
  EXPECT_EQ(server().Get(page, As("medarbetare")).status, 404);

  std::string post = page + "/gdpr_art33";
  Response missing = PostForm(server(), As("ciso"), post, "outcome=made&reference=&made_at=");
  EXPECT_EQ(missing.status, 400);
  EXPECT_NE(missing.body.find("aria-invalid"), std::string::npos);
  EXPECT_EQ(ReportCount(id), 0);
  Response made = PostForm(server(), As("ciso"), post,
                           "outcome=made&reference=IMY-2026-42&made_at=&recipient=&late_reason=");
  EXPECT_EQ(made.status, 303) << made;
  EXPECT_EQ(made.Header("Location"),
            "/incidents/" + std::to_string(id) + "?notice=incident_report_recorded");
  json clock = ClockOf(server(), As("ciso"), id, "gdpr_art33");
  EXPECT_EQ(clock["state"], "done");
  EXPECT_EQ(clock["report"]["reference"], "IMY-2026-42");
}

// A time from the form's datetime-local field is Swedish time.
TEST_F(IncidentClockTest, FormTimesAreSwedishTime) {
  long long id =
      Create({"Sidtest: svensk tid i formuläret", "Socialförvaltningen", true, false, true, 30});
  std::string utc = HoursFromNow(-2);
  auto t = lis::ParseTime(utc).value();
  std::string local = lis::FormatStockholmLocalInput(t);
  Response made =
      PostForm(server(), As("ciso"), "/incidents/" + std::to_string(id) + "/reports/gdpr_art33",
               "outcome=not_required&reason=Krypterad+enhet&made_at=" + local);
  EXPECT_EQ(made.status, 303) << made;
  json clock = ClockOf(server(), As("ciso"), id, "gdpr_art33");
  EXPECT_EQ(clock["state"], "not_required");
  EXPECT_EQ(clock["done_at"].get<std::string>().substr(0, 16), utc.substr(0, 16));
}

// Through the incident API: marking a breach and a significant incident starts the clocks in
// the incident's `deadlines`; recording the reports turns them done and not_required.
TEST_F(IncidentClockTest, IncidentDeadlinesFollowTheReports) {
  long long unit = server().OrgUnitId("Socialförvaltningen");
  json reported = MustCreate(server(), As("medarbetare"), "incidents",
                             {{"title", "API-test: journalkopia i fel pärm"},
                              {"description", "Kopian hittades av en kollega."},
                              {"occurred_at", HoursFromNow(-5)},
                              {"discovered_at", HoursFromNow(-4)},
                              {"org_unit_id", unit},
                              {"personal_data", true}});
  long long id = reported["id"];
  std::string path = "/api/v1/incidents/" + std::to_string(id);
  auto deadlines = [&]() {
    std::map<std::string, std::string> states;
    json incident = Fetch(server(), As("ciso"), path);
    for (const auto& d : incident["deadlines"])
      states[d["kind"].get<std::string>()] = d["state"].get<std::string>();
    return states;
  };
  EXPECT_TRUE(deadlines().empty());
  json current = Fetch(server(), As("ciso"), path);
  Response marked = server().Patch(
      path, As("ciso"),
      {{"version", current["version"]}, {"personal_data_breach", true}, {"significant", true}});
  ASSERT_EQ(marked.status, 200) << marked;
  using States = std::map<std::string, std::string>;
  EXPECT_EQ(deadlines(), (States{{"gdpr_art33", "running"},
                                 {"csl_early_warning", "running"},
                                 {"csl_notification", "running"},
                                 {"csl_final_report", "running"}}));
  struct Step {
    json body;
    States expected;
  };
  const Step kSteps[] = {
      {{{"kind", "gdpr_art33"},
        {"outcome", "not_required"},
        {"reason", "Kopian var aldrig utanför kontoret."}},
       {{"gdpr_art33", "not_required"},
        {"csl_early_warning", "running"},
        {"csl_notification", "running"},
        {"csl_final_report", "running"}}},
      {{{"kind", "csl_early_warning"}, {"outcome", "made"}, {"reference", "CERT-SE 1"}},
       {{"gdpr_art33", "not_required"},
        {"csl_early_warning", "done"},
        {"csl_notification", "running"},
        {"csl_final_report", "running"}}},
      {{{"kind", "csl_notification"}, {"outcome", "made"}, {"reference", "CERT-SE 2"}},
       {{"gdpr_art33", "not_required"},
        {"csl_early_warning", "done"},
        {"csl_notification", "done"},
        {"csl_final_report", "running"}}},
      {{{"kind", "csl_final_report"}, {"outcome", "made"}, {"reference", "CERT-SE 3"}},
       {{"gdpr_art33", "not_required"},
        {"csl_early_warning", "done"},
        {"csl_notification", "done"},
        {"csl_final_report", "done"}}},
  };
  for (const auto& step : kSteps) {
    Response r = server().Post(ReportsPath(id), As("ciso"), step.body);
    ASSERT_EQ(r.status, 201) << step.body.dump() << ": " << r;
    EXPECT_EQ(deadlines(), step.expected) << step.body.dump();
  }
  // The reporter's summary carries no deadlines; unmarking the breach removes its clock.
  Response summary = server().Get(path, As("medarbetare"));
  ASSERT_EQ(summary.status, 200);
  EXPECT_FALSE(summary.Json().contains("deadlines"));
  current = Fetch(server(), As("ciso"), path);
  ASSERT_EQ(server()
                .Patch(path, As("ciso"),
                       {{"version", current["version"]}, {"personal_data_breach", false}})
                .status,
            200);
  EXPECT_EQ(deadlines().count("gdpr_art33"), 0u);
}

// The demo holds a running gdpr_art33 clock and a significant incident with its early warning
// made.
TEST_F(IncidentClockTest, DemoShowsClocksInEveryState) {
  json all = Fetch(server(), As("ciso"), "/api/v1/incident-clocks?all=true");
  std::map<std::string, std::string> states;  // "title / kind" -> state
  for (const auto& c : all["items"])
    states[c["title"].get<std::string>() + " / " + c["kind"].get<std::string>()] =
        c["state"].get<std::string>();
  EXPECT_EQ(states["Elevuppgifter skickade till fel vårdnadshavare / gdpr_art33"], "running");
  EXPECT_EQ(states["Ransomware på filserver i kommunhuset / csl_early_warning"], "done");
  EXPECT_EQ(states["Ransomware på filserver i kommunhuset / csl_notification"], "running");
  EXPECT_EQ(states["Stulen bärbar dator med krypterad disk / gdpr_art33"], "not_required");
  // The DPO sees the personal-data incident's clock, not the ransomware's.
  auto dpo = Strings(Fetch(server(), As("dso"), "/api/v1/incident-clocks")["items"], "title");
  EXPECT_EQ(std::count(dpo.begin(), dpo.end(), "Elevuppgifter skickade till fel vårdnadshavare"),
            1);
  EXPECT_EQ(std::count(dpo.begin(), dpo.end(), "Ransomware på filserver i kommunhuset"), 0);
}

}  // namespace
}  // namespace lis_test::incident_clock_test
