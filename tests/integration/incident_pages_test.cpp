// The incident pages (issue 6, items 1 and 2): the report form behind the header button, its
// receipt and "Mina rapporter"; the full incident page with its triage, timeline and link
// forms for handlers; the reporter's summary; 404 for everyone else; forms that fail show the
// error at the field with the input kept; CSRF on every form; times read and shown in Swedish
// time.
#include "action_support.h"

namespace lis_test::incident_pages_test {
namespace {

// The fields of a valid report form; `extra` ("&name=value...") is appended and wins, as the
// server reads the first value of a field, so it goes first.
std::string ReportFields(const std::string& title, long long unit, const std::string& extra = "") {
  return extra + (extra.empty() ? "" : "&") + "title=" + UrlEncode(title) +
         "&description=" + UrlEncode("Ett mejl med elevuppgifter gick till fel mottagare.") +
         "&occurred_at=2026-03-29T03%3A30&discovered_at=2026-10-25T02%3A30&org_unit_id=" +
         Id(unit) + "&system_id=&personal_data=dont_know&ongoing=on&reporter_contact=" +
         UrlEncode("070-123 45 67");
}

// Reports through the form as `session`; the new incident's id.
long long ReportByForm(LisServer& s, const Session& session, const std::string& title,
                       long long unit) {
  Response r = PostForm(s, session, "/incidents", ReportFields(title, unit));
  EXPECT_EQ(r.status, 303) << r;
  std::string location = r.Header("Location");
  EXPECT_EQ(location.rfind("/incidents/", 0), 0u) << location;
  EXPECT_NE(location.find("/receipt"), std::string::npos) << location;
  return location.size() > 11 ? std::stoll(location.substr(11)) : 0;
}

bool Has(const Response& r, const std::string& text) {
  return r.body.find(text) != std::string::npos;
}

class IncidentPagesTest : public SharedServerTest<IncidentPagesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    LisServer& s = server();
    ciso_ = s.Login("ciso");
    employee_ = s.Login("medarbetare");
    sof_ = s.OrgUnitId("Socialförvaltningen");
  }
  // Another employee of Socialförvaltningen, made once.
  Session OtherEmployee() {
    LisServer& s = server();
    static long long id = 0;
    if (id == 0) {
      id = s.CreateUser("medarbetare.tva", sof_)["id"];
      s.AddRole(id, "employee", sof_);
    }
    Session session;
    EXPECT_EQ(s.LoginAs("medarbetare.tva", LisServer::kTestPassword, &session).status, 200);
    return session;
  }
  Session ciso_, employee_;
  long long sof_ = 0;
};

// Every page offers the report button and "Mina rapporter"; the form starts from now, the
// reporter's own unit and its e-mail address.
TEST_F(IncidentPagesTest, TheHeaderButtonLeadsToAPrefilledForm) {
  LisServer& s = server();
  for (const char* path : {"/", "/actions", "/account"}) {
    Response page = s.Get(path, employee_);
    ASSERT_EQ(page.status, 200) << path;
    EXPECT_TRUE(Has(page, "href=\"/incidents/new\"")) << path;
    EXPECT_TRUE(Has(page, "Rapportera incident")) << path;
    EXPECT_TRUE(Has(page, "href=\"/incidents/mine\"")) << path;
  }
  Response form = s.Get("/incidents/new", employee_);
  ASSERT_EQ(form.status, 200);
  EXPECT_TRUE(Has(form,
                  "id=\"incident-report-occurred_at\" name=\"occurred_at\" "
                  "type=\"datetime-local\" value=\"20"));
  EXPECT_TRUE(Has(form, "<option value=\"" + Id(sof_) + "\" selected>"))
      << "the reporter's own unit is chosen";
  EXPECT_TRUE(Has(form, "Barn- och utbildningsförvaltningen")) << "every unit is offered";
  json me = Fetch(s, s.Admin(), "/api/v1/users/" + Id(s.UserId("medarbetare")));
  ASSERT_TRUE(me.contains("email")) << me;
  EXPECT_TRUE(Has(form, "value=\"" + me["email"].get<std::string>() + "\""))
      << "the contact starts as the reporter's e-mail";
  // Without a session the form sends to the login page.
  EXPECT_EQ(s.Get("/incidents/new").status, 303);
}

// A report through the form: the receipt with its number, "Mina rapporter" with its status,
// the Swedish wall times read as the instants they name (the spring gap moves forward, the
// autumn overlap takes the first), "don't know" about personal data counts as may be involved.
TEST_F(IncidentPagesTest, AReportGetsAReceiptAndShowsUnderMyReports) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "Fel mottagare av mejl", sof_);
  ASSERT_GT(id, 0);
  Response receipt = s.Get("/incidents/" + Id(id) + "/receipt", employee_);
  ASSERT_EQ(receipt.status, 200) << receipt;
  EXPECT_TRUE(Has(receipt, "incident nummer " + Id(id)));
  EXPECT_TRUE(Has(receipt, "Vad händer nu?"));

  Response mine = s.Get("/incidents/mine", employee_);
  ASSERT_EQ(mine.status, 200);
  EXPECT_TRUE(Has(mine, "Fel mottagare av mejl"));
  EXPECT_TRUE(Has(mine, "<td>Ny</td>")) << "the status in words";

  json incident = Fetch(s, ciso_, "/api/v1/incidents/" + Id(id));
  EXPECT_EQ(incident["occurred_at"].get<std::string>().substr(0, 19), "2026-03-29T01:30:00");
  EXPECT_EQ(incident["discovered_at"].get<std::string>().substr(0, 19), "2026-10-25T00:30:00");
  EXPECT_EQ(incident["personal_data"], true);
  EXPECT_EQ(incident["ongoing"], true);
  EXPECT_EQ(incident["reporter_contact"], "070-123 45 67");
  EXPECT_EQ(incident["org_unit_id"], sof_);
  EXPECT_TRUE(incident.value("system_id", json(nullptr)).is_null());

  Response page = s.Get("/incidents/" + Id(id), ciso_);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "2026-03-29 03:30")) << "shown in Swedish time";
  EXPECT_TRUE(Has(page, "2026-10-25 02:30"));
}

struct BadReport {
  const char* name;
  const char* extra;  // fields that replace the valid ones
  const char* field;  // the field the error stands at
  int status;
};

// A failed report shows the message at its field (aria-invalid, described by the message)
// with the user's input kept, and writes nothing.
TEST_F(IncidentPagesTest, AFailedReportShowsTheErrorAtItsFieldAndKeepsTheInput) {
  LisServer& s = server();
  const BadReport kCases[] = {
      {"no title", "title=", "title", 400},
      {"no such day", "occurred_at=2026-02-30T10%3A00", "occurred_at", 400},
      {"not a time", "discovered_at=i+g%C3%A5r", "discovered_at", 400},
      {"in the future", "occurred_at=2099-01-01T10%3A00&discovered_at=2099-01-01T10%3A00",
       "occurred_at", 400},
      {"discovered before it happened",
       "occurred_at=2026-05-02T10%3A00&discovered_at=2026-05-01T10%3A00", "discovered_at", 400},
      {"personal data not answered", "personal_data=", "personal_data", 400},
      {"no such unit", "org_unit_id=999999", "org_unit_id", 400},
  };
  for (const auto& c : kCases) {
    long long before = Fetch(s, employee_, "/api/v1/incidents?reported_by=me")["total"];
    std::string title = std::string("Kvar efter fel: ") + c.name;
    std::string extra = c.extra;
    if (extra.rfind("title=", 0) == 0) title = "";
    Response r = PostForm(s, employee_, "/incidents", ReportFields(title, sof_, extra));
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    std::string id = std::string("incident-report-") + c.field;
    EXPECT_TRUE(Has(r, "id=\"" + id + "-error\"")) << c.name;
    EXPECT_TRUE(Has(r, "aria-describedby=\"" + id + "-hint " + id + "-error\"") ||
                Has(r, "aria-describedby=\"" + id + "-error\""))
        << c.name;
    if (!title.empty()) EXPECT_TRUE(Has(r, "value=\"" + title + "\"")) << c.name << ": kept";
    EXPECT_TRUE(Has(r, "070-123 45 67")) << c.name << ": the contact is kept";
    EXPECT_EQ(Fetch(s, employee_, "/api/v1/incidents?reported_by=me")["total"], before)
        << c.name << ": nothing written";
  }
}

// Every form of the incident pages needs the session's CSRF token.
TEST_F(IncidentPagesTest, FormsWithoutCsrfAreRefused) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "CSRF-prov", sof_);
  Auth cookie_only;
  cookie_only.cookie = ciso_.cookie;
  const std::string base = "/incidents/" + Id(id);
  for (const std::string& path :
       {std::string("/incidents"), base, base + "/timeline", base + "/links"}) {
    Response r = s.SendRaw("POST", path, cookie_only, "title=x&kind=note&body=x",
                           "application/x-www-form-urlencoded");
    EXPECT_EQ(r.status, 403) << path;
  }
  json incident = Fetch(s, ciso_, "/api/v1/incidents/" + Id(id));
  EXPECT_EQ(incident["version"], 1) << "nothing changed";
  EXPECT_TRUE(Fetch(s, ciso_, "/api/v1/incidents/" + Id(id) + "/links")["items"].empty());
}

// Confidentiality on pages: the reporter sees its summary (no handling, no timeline), another
// employee gets 404 on the incident and its history and never finds it in a list, the CISO
// sees the full page with the triage form.
TEST_F(IncidentPagesTest, OnlyTheReporterAndFullViewersOpenAnIncident) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "Hemlig incident", sof_);
  const std::string path = "/incidents/" + Id(id);
  ASSERT_EQ(PostForm(s, ciso_, path + "/timeline",
                     "kind=note&body=" + UrlEncode("Intern anteckning") + "&happened_at=")
                .status,
            303);

  Response summary = s.Get(path, employee_);
  ASSERT_EQ(summary.status, 200);
  EXPECT_TRUE(Has(summary, "Hemlig incident"));
  EXPECT_TRUE(Has(summary, "Det här är din rapport"));
  EXPECT_FALSE(Has(summary, "Intern anteckning")) << "no timeline for the reporter";
  EXPECT_FALSE(Has(summary, "incident-triage")) << "no handling for the reporter";
  EXPECT_EQ(s.Get(path + "/history", employee_).status, 404);

  Session other = OtherEmployee();
  for (const std::string& p : {path, path + "/history", path + "/receipt"}) {
    Response r = s.Get(p, other);
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_FALSE(Has(r, "Hemlig incident")) << p;
  }
  EXPECT_FALSE(Has(s.Get("/incidents/mine", other), "Hemlig incident"));
  EXPECT_FALSE(Has(s.Get("/incidents", other), "Hemlig incident"));
  EXPECT_EQ(PostForm(s, other, path + "/timeline", "kind=note&body=x").status, 404);

  Response full = s.Get(path, ciso_);
  ASSERT_EQ(full.status, 200);
  EXPECT_TRUE(Has(full, "id=\"incident-triage\""));
  EXPECT_TRUE(Has(full, "Intern anteckning"));
  EXPECT_TRUE(Has(s.Get("/incidents", ciso_), "Hemlig incident"));
  EXPECT_EQ(s.Get(path + "/history", ciso_).status, 200);
}

// The navigation offers the incident list to those who read incidents by role and to an
// assigned handler; an employee has its reports from the header instead.
TEST_F(IncidentPagesTest, TheNavigationOffersIncidentsToReadersAndHandlers) {
  LisServer& s = server();
  const std::string nav_link = "<li><a href=\"" + Html("/incidents") + "\"";
  EXPECT_TRUE(Has(s.Get("/", ciso_), nav_link));
  EXPECT_TRUE(Has(s.Get("/", s.Login("dso")), nav_link));
  Session other = OtherEmployee();
  EXPECT_FALSE(Has(s.Get("/", other), nav_link));

  long long id = ReportByForm(s, employee_, "Handläggs av en medarbetare", sof_);
  json incident = Fetch(s, ciso_, "/api/v1/incidents/" + Id(id));
  Response r =
      s.Patch("/api/v1/incidents/" + Id(id), ciso_,
              {{"version", incident["version"]}, {"handler_id", s.UserId("medarbetare.tva")}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_TRUE(Has(s.Get("/", other), nav_link)) << "an assigned handler gets the list";
  Response list = s.Get("/incidents?handler_id=me", other);
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list, "Handläggs av en medarbetare"));
}

// The CISO triages through the form: status, severity, category, aspects and a personal data
// breach with its awareness time in Swedish time; the GDPR clock appears; a stale form is a
// conflict shown on the page.
TEST_F(IncidentPagesTest, TriageThroughTheFormStartsTheGdprClock) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "Borttappad dator", sof_);
  const std::string path = "/incidents/" + Id(id);
  json before = Fetch(s, ciso_, "/api/v1" + path);
  json categories = Fetch(s, ciso_, "/api/v1/incident-categories");
  ASSERT_FALSE(categories["items"].empty());
  std::string category = categories["items"][0]["code"];
  std::string fields =
      "version=" + Id(before["version"]) +
      "&status=investigating&severity=3&category=" + UrlEncode(category) +
      "&aspect_K=on&aspect_T=on&handler_id=&personal_data_breach=on" +
      "&awareness_at=2026-11-02T09%3A15&breach_subjects=" + UrlEncode("Elever, cirka 30") +
      "&breach_records=&breach_consequences=&breach_measures=";
  Response r = PostForm(s, ciso_, path, fields);
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_EQ(r.Header("Location"), path + "?notice=saved");
  json after = Fetch(s, ciso_, "/api/v1" + path);
  EXPECT_EQ(after["status"], "investigating");
  EXPECT_EQ(after["severity"], 3);
  EXPECT_EQ(after["category"], category);
  EXPECT_EQ(after["aspects"], json::array({"K", "T"}));
  EXPECT_EQ(after["personal_data_breach"], true);
  EXPECT_EQ(after["significant"], false);
  EXPECT_EQ(after["awareness_at"].get<std::string>().substr(0, 19), "2026-11-02T08:15:00");
  EXPECT_EQ(after["breach_subjects"], "Elever, cirka 30");
  ASSERT_FALSE(after["deadlines"].empty());
  EXPECT_EQ(after["deadlines"][0]["kind"], "gdpr_art33");

  Response page = s.Get(path, ciso_);
  EXPECT_TRUE(Has(page, "Anmälan till IMY (GDPR art. 33)"));
  EXPECT_TRUE(Has(page, "2026-11-05 09:15")) << "72 h after awareness, in Swedish time";

  Response stale = PostForm(s, ciso_, path, fields);
  EXPECT_EQ(stale.status, 409) << stale;
  EXPECT_TRUE(Has(stale, "error-summary"));
}

// The timeline form appends entries shown oldest first in Swedish time; a bad time is shown at
// its field.
TEST_F(IncidentPagesTest, TheTimelineFormAppendsEntries) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "Tidslinjeprov", sof_);
  const std::string path = "/incidents/" + Id(id);
  ASSERT_EQ(PostForm(s, ciso_, path + "/timeline",
                     "kind=contact&body=" + UrlEncode("Ringde IT-leverantören") +
                         "&happened_at=2026-11-02T10%3A00")
                .status,
            303);
  ASSERT_EQ(PostForm(s, ciso_, path + "/timeline",
                     "kind=decision&body=" + UrlEncode("Stänger kontot") +
                         "&happened_at=2026-11-02T11%3A00")
                .status,
            303);
  Response page = s.Get(path, ciso_);
  size_t first = page.body.find("Ringde IT-leverantören");
  size_t second = page.body.find("Stänger kontot");
  ASSERT_NE(first, std::string::npos);
  ASSERT_NE(second, std::string::npos);
  EXPECT_LT(first, second) << "oldest first";
  EXPECT_TRUE(Has(page, "2026-11-02 10:00"));

  Response bad = PostForm(s, ciso_, path + "/timeline", "kind=note&body=x&happened_at=igår");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(Has(bad, "id=\"incident-timeline-happened_at-error\""));
}

// A handler links the incident to a system and removes the link again.
TEST_F(IncidentPagesTest, LinksAreAddedAndRemovedThroughTheForms) {
  LisServer& s = server();
  long long id = ReportByForm(s, employee_, "Länkprov", sof_);
  const std::string path = "/incidents/" + Id(id);
  long long object = CreateObject(s, ciso_, "Länkobjekt", sof_);
  long long system = CreateSystem(s, ciso_, "Länksystemet", object);
  Response r = PostForm(s, ciso_, path + "/links", "target=system%3A" + Id(system));
  ASSERT_EQ(r.status, 303) << r;
  json links = Fetch(s, ciso_, "/api/v1" + path + "/links")["items"];
  ASSERT_EQ(links.size(), 1u);
  Response page = s.Get(path, ciso_);
  EXPECT_TRUE(Has(page, "href=\"" + Html("/assets/systems/" + Id(system)) + "\""));
  r = PostForm(s, ciso_, path + "/links/" + Id(links[0]["id"]) + "/delete");
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_TRUE(Fetch(s, ciso_, "/api/v1" + path + "/links")["items"].empty());
  Response bad = PostForm(s, ciso_, path + "/links", "target=system%3Ax");
  EXPECT_EQ(bad.status, 400);
}

// The form shows the awareness time to the minute; saving the triage without touching it keeps
// the stored time with its seconds (the clocks run from it).
TEST_F(IncidentPagesTest, SavingTheTriageKeepsAnUntouchedAwarenessTime) {
  LisServer& s = server();
  Response created = s.Post("/api/v1/incidents", employee_,
                            {{"title", "Larm från övervakningen"},
                             {"description", "Ovanlig trafik"},
                             {"occurred_at", "2026-11-01T10:15:37Z"},
                             {"discovered_at", "2026-11-01T10:15:37Z"},
                             {"org_unit_id", sof_},
                             {"personal_data", false},
                             {"ongoing", false},
                             {"reporter_contact", "soc@norrvik.se"}});
  ASSERT_EQ(created.status, 201) << created;
  long long id = created.Json()["id"];
  const std::string path = "/incidents/" + Id(id);
  Response page = s.Get(path, ciso_);
  EXPECT_TRUE(
      Has(page, "name=\"awareness_at\" type=\"datetime-local\" value=\"2026-11-01T11:15\""));
  Response r = PostForm(s, ciso_, path,
                        "version=1&status=triage&severity=&category=&handler_id="
                        "&awareness_at=2026-11-01T11%3A15&_base_awareness_at=2026-11-01T11%3A15");
  ASSERT_EQ(r.status, 303) << r;
  json after = Fetch(s, ciso_, "/api/v1" + path);
  EXPECT_EQ(after["status"], "triage");
  EXPECT_EQ(after["awareness_at"].get<std::string>().substr(0, 19), "2026-11-01T10:15:37");
}

}  // namespace
}  // namespace lis_test::incident_pages_test
