// Reporting and handling incidents over the API (issue 6, items 1, 2 and 5): what a report
// records, bad input refused with nothing written, the moves of handling, the append-only
// timeline, links, the reporter's own list, API-token reports and the category list.
#include <chrono>

#include "core/clock.h"
#include "incident_support.h"

namespace lis_test::incident_api_test {
namespace {

class IncidentApiTest : public SharedServerTest<IncidentApiTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    if (!sessions_) sessions_ = std::make_unique<Sessions>(server());
    sof_ = server().OrgUnitId("Socialförvaltningen");
    // Log in before a test counts audit events (a login is one).
    for (const char* who : {"medarbetare", "ciso", "sakerhetschef", "kontakt.sof", "ciso.energi"})
      As(who);
    server().AuditTotal();
  }
  static const Session& As(const std::string& who) { return (*sessions_)(who); }
  static json NewIncident(const std::string& title, json extra = json::object()) {
    return ReportIncident(server(), As("medarbetare"), ReportBody(title, sof_, extra));
  }
  static json Get(long long id) { return Fetch(server(), As("ciso"), IncidentPath(id)); }
  static long long IncidentCount() {
    return Fetch(server(), As("sakerhetschef"), "/api/v1/incidents?limit=1")["total"];
  }

  static inline std::unique_ptr<Sessions> sessions_;
  static inline long long sof_ = 0;
};

TEST_F(IncidentApiTest, ReportRecordsWhatTheReporterSaid) {
  LisServer& s = server();
  json body = ReportBody("Borttappad telefon", sof_, {{"personal_data", true}, {"ongoing", true}});
  Response r = s.Post("/api/v1/incidents", As("medarbetare"), body);
  ASSERT_EQ(r.status, 201) << r;
  json summary = r.Json();
  EXPECT_EQ(summary["view"], "reporter");
  EXPECT_EQ(summary["status"], "new");
  EXPECT_EQ(summary["title"], "Borttappad telefon");
  EXPECT_FALSE(summary.contains("handler_id"));

  json full = Get(summary["id"]);
  EXPECT_EQ(full["view"], "full");
  EXPECT_EQ(full["reporter_id"], s.UserId("medarbetare"));
  EXPECT_EQ(full["reported_via"], "web");
  EXPECT_EQ(full["awareness_at"], full["discovered_at"]);
  EXPECT_EQ(full["discovered_at"], body["discovered_at"]);
  EXPECT_EQ(full["personal_data"], true);
  EXPECT_EQ(full["ongoing"], true);
  EXPECT_EQ(full["org_unit"], "Socialförvaltningen");
  EXPECT_EQ(full["aspects"], json::array());
  EXPECT_EQ(full["deadlines"], json::array());
  EXPECT_EQ(full["links"], json::array());
  EXPECT_EQ(full["can"]["handle"], true);
  EXPECT_TRUE(full["severity"].is_null() && full["category"].is_null());
}

TEST_F(IncidentApiTest, ClockSkewOfAFewMinutesIsAllowed) {
  json r = NewIncident("Klockan går före", {{"discovered_at", TimeFromNow(std::chrono::minutes(2))},
                                            {"occurred_at", TimeFromNow(std::chrono::minutes(1))}});
  EXPECT_GT(r["id"].get<long long>(), 0);
}

TEST_F(IncidentApiTest, BadReportsAreRefusedAndWriteNothing) {
  LisServer& s = server();
  json deleted_unit = s.CreateOrgUnit("Nedlagd enhet", sof_);
  ASSERT_EQ(s.Delete("/api/v1/org-units/" + Id(deleted_unit["id"]), s.Admin()).status, 204);
  const Session& energi = As("ciso.energi");
  long long energi_system =
      CreateSystem(s, energi, "Energisystem",
                   CreateObject(s, energi, "Energiobjekt", s.OrgUnitId("Drift och nät")));
  struct Case {
    const char* name;
    json changes;
    const char* field;
  };
  const std::string future = TimeFromNow(std::chrono::hours(1));
  const Case cases[] = {
      {"occurred in the future",
       {{"occurred_at", future}, {"discovered_at", future}},
       "occurred_at"},
      {"discovered in the future", {{"discovered_at", future}}, "discovered_at"},
      {"discovered before it occurred",
       {{"occurred_at", HoursAgo(1)}, {"discovered_at", HoursAgo(5)}},
       "discovered_at"},
      {"not a time", {{"occurred_at", "igår"}}, "occurred_at"},
      {"a date, not a time", {{"occurred_at", "2026-01-01"}}, "occurred_at"},
      {"unknown unit", {{"org_unit_id", 999999999}}, "org_unit_id"},
      {"deleted unit", {{"org_unit_id", deleted_unit["id"]}}, "org_unit_id"},
      {"unknown system", {{"system_id", 999999999}}, "system_id"},
      {"system of another organisation", {{"system_id", energi_system}}, "system_id"},
      {"blank title", {{"title", "  "}}, "title"},
      {"title too long", {{"title", std::string(201, 'x')}}, "title"},
      {"unknown field", {{"status", "closed"}}, "status"},
      {"personal_data not a boolean", {{"personal_data", "ja"}}, "personal_data"},
  };
  long long incidents = IncidentCount(), events = s.AuditTotal();
  for (const auto& c : cases) {
    Response r =
        s.Post("/api/v1/incidents", As("medarbetare"), ReportBody(c.name, sof_, c.changes));
    EXPECT_EQ(r.status, 400) << c.name << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.name << ": " << r;
  }
  Response missing = s.Post("/api/v1/incidents", As("medarbetare"), {{"title", "Bara rubrik"}});
  EXPECT_EQ(missing.status, 400) << missing;
  EXPECT_EQ(IncidentCount(), incidents);
  EXPECT_EQ(s.AuditTotal(), events);
}

TEST_F(IncidentApiTest, BadHandlingIsRefusedAndWritesNothing) {
  LisServer& s = server();
  long long id = NewIncident("Felaktig hantering")["id"];
  json before = Get(id);
  struct Case {
    const char* name;
    json changes;
    int status;
    const char* field;
  };
  const Case cases[] = {
      {"severity 0", {{"severity", 0}}, 400, "severity"},
      {"severity 5", {{"severity", 5}}, 400, "severity"},
      {"severity text", {{"severity", "hög"}}, 400, "severity"},
      {"unknown status", {{"status", "done"}}, 400, "status"},
      {"back to new", {{"status", "triage"}, {"severity", 2}}, 0, ""},  // made, then:
      {"unknown category", {{"category", "fraud"}}, 400, "category"},
      {"aspect letter", {{"aspects", {"K", "X"}}}, 400, "aspects"},
      {"aspect twice", {{"aspects", {"K", "K"}}}, 400, "aspects"},
      {"aspects not a list", {{"aspects", "KR"}}, 400, "aspects"},
      {"awareness in the future",
       {{"awareness_at", TimeFromNow(std::chrono::hours(2))}},
       400,
       "awareness_at"},
      {"awareness before discovery", {{"awareness_at", HoursAgo(10)}}, 400, "awareness_at"},
      {"unknown handler", {{"handler_id", 999999999}}, 400, "handler_id"},
      {"unknown unit", {{"org_unit_id", 999999999}}, 400, "org_unit_id"},
      {"close without category", {{"status", "closed"}, {"severity", 2}}, 400, "category"},
      {"close without severity",
       {{"status", "closed"}, {"severity", nullptr}, {"category", "fraud.phishing"}},
       400,
       "severity"},
      {"reporter field", {{"reporter_id", 1}}, 400, "reporter_id"},
  };
  for (const auto& c : cases) {
    if (c.status == 0) {
      ASSERT_EQ(PatchIncident(s, As("ciso"), As("ciso"), id, c.changes).status, 200) << c.name;
      before = Get(id);
      continue;
    }
    long long events = s.AuditTotal();
    Response r = PatchIncident(s, As("ciso"), As("ciso"), id, c.changes);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.name << ": " << r;
    EXPECT_EQ(s.AuditTotal(), events) << c.name;
  }
  Response back = PatchIncident(s, As("ciso"), As("ciso"), id, {{"status", "new"}});
  EXPECT_EQ(back.status, 400) << back;
  // A stale version is a conflict carrying the current record; nothing changes.
  long long events = s.AuditTotal();
  Response stale = s.Patch(IncidentPath(id), As("ciso"),
                           {{"version", before["version"].get<long long>() - 1}, {"severity", 3}});
  EXPECT_EQ(stale.status, 409) << stale;
  EXPECT_EQ(s.AuditTotal(), events);
  json after = Get(id);
  EXPECT_EQ(after["version"], before["version"]);
  EXPECT_EQ(after["severity"], 2);
  EXPECT_EQ(Fetch(s, As("ciso"), IncidentPath(id, "/timeline"))["items"].size(), 1u);
}

TEST_F(IncidentApiTest, HandlingMovesSetTimesAndWriteTheTimeline) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = NewIncident("Nätfiske mot ekonomi")["id"];
  json triage = PatchIncident(s, ciso, ciso, id, {{"status", "triage"}}).Json();
  EXPECT_TRUE(triage["triaged_at"].is_null());
  Response r = PatchIncident(s, ciso, ciso, id,
                             {{"status", "investigating"},
                              {"handler_id", s.UserId("itsak")},
                              {"aspects", {"T", "K"}},
                              {"category", "fraud.phishing"},
                              {"severity", 3},
                              {"personal_data_breach", true}});
  ASSERT_EQ(r.status, 200) << r;
  json handled = r.Json();
  EXPECT_TRUE(handled["triaged_at"].is_string());
  EXPECT_EQ(handled["aspects"], json({"K", "T"}));
  EXPECT_EQ(handled["handler_name"], "Elin Sjöberg");
  EXPECT_EQ(handled["category_name"], "Nätfiske");
  ASSERT_EQ(handled["deadlines"].size(), 1u);
  EXPECT_EQ(handled["deadlines"][0]["kind"], "gdpr_art33");
  EXPECT_EQ(handled["deadlines"][0]["state"], "running");

  json closed = PatchIncident(s, ciso, ciso, id, {{"status", "closed"}}).Json();
  EXPECT_TRUE(closed["closed_at"].is_string());
  EXPECT_EQ(closed["triaged_at"], handled["triaged_at"]);
  EXPECT_EQ(PatchIncident(s, ciso, ciso, id, {{"status", "triage"}}).status, 400);
  json reopened = PatchIncident(s, ciso, ciso, id, {{"status", "investigating"}}).Json();
  EXPECT_TRUE(reopened["closed_at"].is_null());
  EXPECT_EQ(reopened["triaged_at"], handled["triaged_at"]);
  // The durations the statistics read are kept with the times.
  auto seconds = [](const json& r, const char* at) {
    auto from = lis::ParseTime(r["created_at"].get<std::string>());
    auto to = lis::ParseTime(r[at].get<std::string>());
    return std::chrono::duration_cast<std::chrono::seconds>(*to - *from).count();
  };
  EXPECT_EQ(handled["triage_seconds"], seconds(handled, "triaged_at"));
  EXPECT_EQ(closed["close_seconds"], seconds(closed, "closed_at"));
  EXPECT_EQ(reopened["triage_seconds"], handled["triage_seconds"]);
  EXPECT_TRUE(reopened["close_seconds"].is_null());

  json timeline = Fetch(s, ciso, IncidentPath(id, "/timeline"))["items"];
  std::vector<std::string> kinds = Strings(timeline, "kind"), bodies = Strings(timeline, "body");
  EXPECT_EQ(kinds, (std::vector<std::string>{"status", "status", "handler", "status", "status"}));
  EXPECT_EQ(bodies,
            (std::vector<std::string>{"new → triage", "triage → investigating", "Elin Sjöberg",
                                      "investigating → closed", "closed → investigating"}));
  EXPECT_EQ(timeline[0]["author_name"], "Johan Bergström");
}

TEST_F(IncidentApiTest, TimelineOnlyGrows) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = NewIncident("Tidslinje")["id"];
  Response added =
      s.Post(IncidentPath(id, "/timeline"), ciso,
             {{"kind", "contact"}, {"body", "Ringde CERT-SE"}, {"happened_at", HoursAgo(1)}});
  ASSERT_EQ(added.status, 201) << added;
  json entry = added.Json();
  EXPECT_EQ(entry["kind"], "contact");
  const std::string one = IncidentPath(id, "/timeline/" + Id(entry["id"]));
  long long events = s.AuditTotal();
  for (const std::string& path : {IncidentPath(id, "/timeline"), one})
    for (const char* method : {"PUT", "PATCH", "DELETE"}) {
      Response r =
          s.Send(method, path, ciso, {{"kind", "note"}, {"body", "Ändrad"}, {"version", 1}});
      EXPECT_EQ(r.status, 405) << method << " " << path << ": " << r;
    }
  EXPECT_EQ(s.AuditTotal(), events);
  EXPECT_EQ(Fetch(s, ciso, one), entry);
  struct Case {
    json body;
    const char* field;
  };
  const Case bad[] = {
      {{{"kind", "status"}, {"body", "Låtsas"}}, "kind"},
      {{{"kind", "note"}, {"body", " "}}, "body"},
      {{{"kind", "note"}, {"body", "Framtid"}, {"happened_at", TimeFromNow(std::chrono::hours(1))}},
       "happened_at"},
      {{{"kind", "note"}, {"body", "x"}, {"author_id", 1}}, "author_id"},
  };
  for (const auto& c : bad) {
    Response r = s.Post(IncidentPath(id, "/timeline"), ciso, c.body);
    EXPECT_EQ(r.status, 400) << c.body.dump() << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << r;
  }
  EXPECT_EQ(Fetch(s, ciso, IncidentPath(id, "/timeline"))["items"].size(), 1u);
}

TEST_F(IncidentApiTest, LinksNeedAReadableTarget) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = NewIncident("Kopplingar")["id"];
  long long bou = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long system =
      CreateSystem(s, ciso, "Länkat system", CreateObject(s, ciso, "Länkobjekt", bou));
  long long set = CreateSet(s, ciso, "Länkad mängd", bou, {system});
  long long analysis = CreateAnalysis(s, ciso, "Länkanalys", bou);
  long long risk = CreateRisk(s, ciso, analysis, "Länkad risk", 2, 2)["id"];
  long long action = MustCreate(s, ciso, "actions",
                                {{"title", "Länkad åtgärd"},
                                 {"org_unit_id", bou},
                                 {"owner_id", s.UserId("ciso")},
                                 {"due_date", "2030-01-31"}})["id"];
  const Session& energi = As("ciso.energi");
  long long foreign =
      CreateSystem(s, energi, "Främmande system",
                   CreateObject(s, energi, "Främmande objekt", s.OrgUnitId("Drift och nät")));
  struct Case {
    const char* kind;
    long long target;
    const char* label;
  };
  const Case good[] = {{"system", system, "Länkat system"},
                       {"information_set", set, "Länkad mängd"},
                       {"risk", risk, "Länkad risk"},
                       {"action", action, "Länkad åtgärd"}};
  for (const auto& c : good) {
    Response r =
        s.Post(IncidentPath(id, "/links"), ciso, {{"kind", c.kind}, {"target_id", c.target}});
    ASSERT_EQ(r.status, 201) << c.kind << ": " << r;
    EXPECT_EQ(r.Json()["label"], c.label);
  }
  Response twice =
      s.Post(IncidentPath(id, "/links"), ciso, {{"kind", "system"}, {"target_id", system}});
  EXPECT_EQ(twice.status, 409) << twice;
  for (auto [kind, target, field] :
       {std::tuple{"system", foreign, "target_id"}, std::tuple{"risk", 999999999LL, "target_id"},
        std::tuple{"document", system, "kind"}}) {
    Response r = s.Post(IncidentPath(id, "/links"), ciso, {{"kind", kind}, {"target_id", target}});
    EXPECT_EQ(r.status, 400) << kind << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], field);
  }
  json links = Get(id)["links"];
  ASSERT_EQ(links.size(), 4u);
  EXPECT_EQ(Strings(links, "label"), (std::vector<std::string>{"Länkat system", "Länkad mängd",
                                                               "Länkad risk", "Länkad åtgärd"}));
  // The security chief sees the links; a target it may not read shows no label.
  for (const auto& l : Fetch(s, As("sakerhetschef"), IncidentPath(id, "/links"))["items"])
    EXPECT_EQ(l["readable"], !l["label"].is_null());
  EXPECT_EQ(s.Delete(IncidentPath(id, "/links/" + Id(links[0]["id"])), ciso).status, 204);
  EXPECT_EQ(s.Delete(IncidentPath(id, "/links/" + Id(links[0]["id"])), ciso).status, 404);
  long long other = NewIncident("Annan incident")["id"];
  EXPECT_EQ(s.Delete(IncidentPath(other, "/links/" + Id(links[1]["id"])), ciso).status, 404);
  EXPECT_EQ(Get(id)["links"].size(), 3u);
}

TEST_F(IncidentApiTest, ReporterListsItsOwnReportsAsSummaries) {
  LisServer& s = server();
  long long mine = NewIncident("Min rapport")["id"];
  long long theirs = ReportIncident(s, As("kontakt.sof"), ReportBody("Någon annans", sof_))["id"];
  PatchIncident(s, As("ciso"), As("ciso"), mine,
                {{"status", "investigating"}, {"severity", 4}, {"handler_id", s.UserId("itsak")}});
  json page = Fetch(s, As("medarbetare"), "/api/v1/incidents?reported_by=me&limit=500");
  std::set<long long> ids = IdSet(page["items"]);
  EXPECT_TRUE(ids.count(mine));
  EXPECT_FALSE(ids.count(theirs));
  EXPECT_EQ(page["total"], static_cast<long long>(page["items"].size()));
  for (const auto& i : page["items"]) {
    EXPECT_EQ(i["view"], "reporter");
    EXPECT_FALSE(i.contains("severity") || i.contains("handler_id") || i.contains("handler_name"));
    if (i["id"] == mine) EXPECT_EQ(i["status"], "investigating");
  }
  EXPECT_EQ(s.Get("/api/v1/incidents?reported_by=them", As("medarbetare")).status, 400);
}

TEST_F(IncidentApiTest, MonitoringSystemReportsWithAToken) {
  LisServer& s = server();
  Response token = s.Post("/api/v1/tokens", As("medarbetare"), {{"name", "övervakning"}});
  ASSERT_EQ(token.status, 201) << token;
  Response r = s.Post("/api/v1/incidents", Bearer(token.Json()["token"]),
                      ReportBody("Larm från övervakningen", sof_, {{"ongoing", true}}));
  ASSERT_EQ(r.status, 201) << r;
  json full = Get(r.Json()["id"]);
  EXPECT_EQ(full["reported_via"], "api");
  EXPECT_EQ(full["reporter_id"], s.UserId("medarbetare"));
  EXPECT_EQ(s.Post("/api/v1/incidents", {}, ReportBody("Utan inloggning", sof_)).status, 401);
}

TEST_F(IncidentApiTest, ListFiltersAndRefusesBadParameters) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = NewIncident("Filtrerbar XYZZY")["id"];
  PatchIncident(s, ciso, ciso, id,
                {{"status", "contained"}, {"severity", 4}, {"category", "availability.outage"}});
  for (const std::string& query : std::vector<std::string>{
           "q=xyzzy", "severity=4&q=XYZZY", "category=availability.outage&q=xyzzy",
           "status=contained&q=xyzzy", "status=open&q=xyzzy", "sort=-severity&q=xyzzy",
           "org_unit_id=" + Id(sof_) + "&q=xyzzy"}) {
    json page = Fetch(s, ciso, "/api/v1/incidents?" + query);
    EXPECT_EQ(IdSet(page["items"]), std::set<long long>{id}) << query;
  }
  for (const std::string& query :
       {"status=resolved&q=xyzzy", "severity=1&q=xyzzy", "personal_data_breach=true&q=xyzzy"})
    EXPECT_EQ(Fetch(s, ciso, "/api/v1/incidents?" + query)["total"], 0) << query;
  // The search index follows a new title; two letters are matched too.
  ASSERT_EQ(PatchIncident(s, ciso, ciso, id, {{"title", "Omdöpt QWERTZ"}}).status, 200);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/incidents?q=xyzzy")["total"], 0) << "the old title is gone";
  for (const char* query : {"q=qwertz", "q=pt%20qw", "q=QW"})
    EXPECT_TRUE(IdSet(Fetch(s, ciso, std::string("/api/v1/incidents?") + query)["items"]).count(id))
        << query;
  for (const char* bad : {"severity=5", "status=done", "category=fraud", "sort=reporter",
                          "significant=ja", "handler_id=x"}) {
    Response r = s.Get(std::string("/api/v1/incidents?") + bad, ciso);
    EXPECT_EQ(r.status, 400) << bad << ": " << r;
  }
}

TEST_F(IncidentApiTest, CategoriesFollowTheTaxonomy) {
  LisServer& s = server();
  json list = Fetch(s, As("medarbetare"), "/api/v1/incident-categories");
  EXPECT_EQ(list["classes"].size(), 10u);
  std::vector<std::string> codes = Strings(list["items"], "code");
  for (const char* code : {"information-content-security.misdirected-message",
                           "malicious-code.infected-system", "availability.ddos"})
    EXPECT_NE(std::find(codes.begin(), codes.end(), code), codes.end()) << code;
  EXPECT_EQ(s.Get("/api/v1/incident-categories").status, 401);
}

// The DPO sees an incident once a handler marks it a personal data breach, though the reporter
// did not think personal data was involved.
TEST_F(IncidentApiTest, MarkingABreachShowsTheIncidentToTheDpo) {
  LisServer& s = server();
  long long id = NewIncident("Felskickat brev")["id"];
  EXPECT_EQ(s.Get(IncidentPath(id), As("dso")).status, 404);
  ASSERT_EQ(PatchIncident(s, As("ciso"), As("ciso"), id, {{"personal_data_breach", true}}).status,
            200);
  json seen = Fetch(s, As("dso"), IncidentPath(id));
  EXPECT_EQ(seen["view"], "full");
  EXPECT_EQ(seen["can"]["handle"], false);
  EXPECT_EQ(seen["can"]["add_timeline"], true);
  EXPECT_TRUE(
      IdSet(Fetch(s, As("dso"), "/api/v1/incidents?personal_data_breach=true&limit=500")["items"])
          .count(id));
}

// Moving an incident needs the right to handle at the new unit; a system must belong to the
// organisation of the unit it is moved to.
TEST_F(IncidentApiTest, MovingNeedsTheRightToHandleThere) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long bou = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long system =
      CreateSystem(s, ciso, "Flyttsystem", CreateObject(s, ciso, "Flyttobjekt", bou));
  long long id = NewIncident("Flyttas", {{"system_id", system}})["id"];
  EXPECT_EQ(Get(id)["system_name"], "Flyttsystem");
  Response moved = PatchIncident(s, ciso, ciso, id, {{"org_unit_id", bou}});
  ASSERT_EQ(moved.status, 200) << moved;
  EXPECT_EQ(moved.Json()["org_unit"], "Barn- och utbildningsförvaltningen");
  long long events = s.AuditTotal();
  Response away = PatchIncident(
      s, ciso, ciso, id, {{"org_unit_id", s.OrgUnitId("Drift och nät")}, {"system_id", nullptr}});
  EXPECT_EQ(away.status, 403) << away;
  EXPECT_EQ(Get(id)["org_unit_id"], bou);
  // The refusal itself is audited (permission_denied), nothing else.
  EXPECT_EQ(s.AuditTotal(), events + 1);
  // Nor may IT security of the municipality, though it handles the incident.
  Response company =
      PatchIncident(s, As("itsak"), ciso, id, {{"org_unit_id", s.OrgUnitId("Drift och nät")}});
  EXPECT_EQ(company.status, 403) << company;
}

// The audit log shows an incident's content only to those who read incidents there: the
// platform administrator sees that it changed, not what it says.
TEST_F(IncidentApiTest, AuditLogHidesIncidentContentFromTheAdministrator) {
  LisServer& s = server();
  long long id = NewIncident("Hemligt i loggen")["id"];
  Response r = s.Post(IncidentPath(id, "/timeline"), As("ciso"),
                      {{"kind", "note"}, {"body", "Intern anteckning"}});
  ASSERT_EQ(r.status, 201) << r;
  struct Case {
    const char* entity;
    long long id;
    const char* field;
    const char* value;
  };
  const Case cases[] = {{"incident", id, "title", "Hemligt i loggen"},
                        {"incident_timeline_entry", r.Json()["id"], "body", "Intern anteckning"}};
  for (const auto& c : cases) {
    const std::string path = std::string("/api/v1/audit?entity=") + c.entity + "&id=" + Id(c.id);
    json admin = Fetch(s, s.Admin(), path)["items"];
    ASSERT_EQ(admin.size(), 1u) << c.entity;
    EXPECT_TRUE(admin[0]["after"][c.field].is_null()) << c.entity;
    EXPECT_EQ(admin[0]["redacted"], true) << c.entity;
    json ciso = Fetch(s, As("ciso"), path)["items"];
    ASSERT_EQ(ciso.size(), 1u) << c.entity;
    EXPECT_EQ(ciso[0]["after"][c.field], c.value) << c.entity;
  }
}

}  // namespace
}  // namespace lis_test::incident_api_test
