// Deviations on pages (issue 28 step a): anyone reports from the register, the contact person
// takes the steps the status allows, corrective actions come with one click, and a person
// reads words, never codes.
#include "deviation_support.h"
#include "incident_support.h"

namespace lis_test::deviation_pages_test {
namespace {

class DeviationPagesTest : public DeviationTest<DeviationPagesTest> {
 protected:
  // The id a form's redirect names: "/deviations/12?notice=..." -> 12.
  static long long RedirectId(const Response& r, const std::string& prefix) {
    std::string location = r.Header("Location");
    EXPECT_EQ(location.rfind(prefix, 0), 0u) << location;
    return location.rfind(prefix, 0) == 0 ? std::stoll(location.substr(prefix.size())) : 0;
  }
};

TEST_F(DeviationPagesTest, AnEmployeeReportsAndTheContactPersonTakesTheNextSteps) {
  LisServer& s = server();
  const Session &employee = As("medarbetare"), &contact = As("kontakt.sof");
  Response page = s.Get("/deviations", employee);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("id=\"deviation-report\""), std::string::npos);

  Response r =
      PostForm(s, employee, "/deviations",
               "title=" + UrlEncode("Dörren till serverrummet stod öppen") +
                   "&description=" + UrlEncode("Upptäckt vid rond.") + "&org_unit_id=" + Id(Sof()) +
                   "&detected_on=2026-12-01&source=self_reported&severity=high");
  ASSERT_EQ(r.status, 303) << r;
  long long id = RedirectId(r, "/deviations/");
  ASSERT_GT(id, 0);

  // The reporter reads its report in words and is offered no step.
  page = s.Get(DeviationPath(id).substr(7), employee);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("Rapporterad"), std::string::npos);
  EXPECT_NE(page.body.find("Egen rapport"), std::string::npos);
  EXPECT_EQ(page.body.find("self_reported"), std::string::npos) << "a code on the page";
  EXPECT_EQ(page.body.find("deviation-analyse"), std::string::npos);

  // The contact person analyses: without a root cause the form comes back with the error.
  page = s.Get("/deviations/" + Id(id), contact);
  EXPECT_NE(page.body.find("id=\"deviation-analyse\""), std::string::npos);
  EXPECT_NE(page.body.find("id=\"deviation-reject\""), std::string::npos);
  r = PostForm(s, contact, "/deviations/" + Id(id) + "/move", "version=1&move=analyse&root_cause=");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_NE(r.body.find("Ange grundorsaken först."), std::string::npos);
  r = PostForm(s, contact, "/deviations/" + Id(id) + "/move",
               "version=1&move=analyse&root_cause=" + UrlEncode("Låset var trasigt."));
  ASSERT_EQ(r.status, 303) << r;
  json d = Fetch(s, contact, DeviationPath(id));
  EXPECT_EQ(d["status"], "analysed");
  EXPECT_EQ(d["root_cause"], "Låset var trasigt.");

  // One click makes its corrective action, linked back to the deviation.
  r = PostForm(s, contact, "/deviations/" + Id(id) + "/action");
  ASSERT_EQ(r.status, 303) << r;
  long long action = RedirectId(r, "/actions/");
  json a = Fetch(s, contact, "/api/v1/actions/" + Id(action));
  EXPECT_EQ(a["origin"], "deviation");
  EXPECT_EQ(a["origin_id"], id);
  EXPECT_EQ(a["priority"], "high");
  page = s.Get("/deviations/" + Id(id), contact);
  EXPECT_NE(page.body.find(Html("/actions/" + Id(action))), std::string::npos);
  EXPECT_NE(page.body.find("id=\"deviation-plan_actions\""), std::string::npos);
}

TEST_F(DeviationPagesTest, TheRegisterFiltersInWordsAndKeepsTheFilterInItsLinks) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  ReportDeviation(s, ciso,
                  DeviationBody("Leverantören saknar avtal", Sof(),
                                {{"source", "supplier"}, {"severity", "low"}}));
  ReportDeviation(s, ciso, DeviationBody("Revisionen fann brister", Sof()));
  Response page = s.Get("/deviations?source=supplier&sort=-severity", ciso);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("Leverantören saknar avtal"), std::string::npos);
  EXPECT_EQ(page.body.find("Revisionen fann brister"), std::string::npos);
  EXPECT_NE(page.body.find("<td>Låg</td>"), std::string::npos) << "severity in words";
  EXPECT_NE(page.body.find("<td>Leverantör</td>"), std::string::npos) << "source in words";
  EXPECT_NE(page.body.find("aria-sort=\"descending\""), std::string::npos);
  EXPECT_EQ(s.Get("/deviations?severity=urgent", ciso).status, 400);
  // "Mina avvikelser" lists what the caller reported.
  page = s.Get("/deviations/mine", As("medarbetare"));
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find("Revisionen fann brister"), std::string::npos);
}

TEST_F(DeviationPagesTest, TheStartPageShowsMyDeviationsAndThoseAwaitingAVerdict) {
  LisServer& s = server();
  const Session &employee = As("medarbetare"), &contact = As("kontakt.sof"), &ciso = As("ciso");
  long long id = ReportDeviation(s, employee, DeviationBody("Startsidans avvikelse", Sof()))["id"];
  Response home = s.Get("/", employee);
  size_t mine = home.body.find("Mina avvikelser");
  ASSERT_NE(mine, std::string::npos);
  EXPECT_NE(home.body.find(Html("/deviations/" + Id(id)), mine), std::string::npos);
  EXPECT_EQ(home.body.find("väntar på bedömning"), std::string::npos) << "not a handler";

  ASSERT_EQ(MoveDeviation(s, contact, id, "analyse", {{"root_cause", "Orsak"}}).status, 200);
  long long action =
      CreateAction(s, contact,
                   ActionBody("Startsidans åtgärd", Sof(), employee.user_id, "2030-01-31",
                              {{"origin", "deviation"}, {"origin_id", id}}));
  ASSERT_EQ(MoveDeviation(s, contact, id, "plan_actions").status, 200);
  ASSERT_EQ(SetActionStatus(s, employee, action, "done").status, 200);
  home = s.Get("/", ciso);
  size_t verdict = home.body.find("Avvikelser som väntar på bedömning av effekt");
  ASSERT_NE(verdict, std::string::npos);
  EXPECT_NE(home.body.find(Html("/deviations/" + Id(id)), verdict), std::string::npos);
}

// The register exports what its list shows, with the list's filters, in words.
TEST_F(DeviationPagesTest, TheRegisterExportsWithItsFiltersInWords) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  ReportDeviation(s, ciso,
                  DeviationBody("Exporteras; med semikolon", Sof(),
                                {{"source", "internal_control"}, {"severity", "low"}}));
  ReportDeviation(s, ciso, DeviationBody("Exporteras inte", Sof(), {{"source", "audit"}}));
  Response csv = s.Get("/api/v1/deviations/export?format=csv&source=internal_control", ciso);
  ASSERT_EQ(csv.status, 200) << csv;
  EXPECT_NE(csv.Header("Content-Disposition").find("deviations.csv"), std::string::npos);
  EXPECT_NE(csv.body.find("rubrik;"), std::string::npos) << csv.body.substr(0, 200);
  EXPECT_NE(csv.body.find("\"Exporteras; med semikolon\""), std::string::npos);
  EXPECT_EQ(csv.body.find("Exporteras inte"), std::string::npos);
  EXPECT_NE(csv.body.find(";Internkontroll;"), std::string::npos) << "the source in words";
  EXPECT_NE(csv.body.find(";Låg;"), std::string::npos) << "the severity in words";
  Response xlsx = s.Get("/api/v1/deviations/export?format=xlsx", ciso);
  ASSERT_EQ(xlsx.status, 200);
  EXPECT_EQ(xlsx.body.rfind("PK", 0), 0u) << "a zip";
  EXPECT_EQ(s.Get("/api/v1/deviations/export?format=pdf", ciso).status, 400);
  // An employee's export holds only what it reported.
  Response own = s.Get("/api/v1/deviations/export?format=csv", As("medarbetare"));
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.body.find("Exporteras"), std::string::npos);
  Response exceptions = s.Get("/api/v1/exceptions/export?format=csv", ciso);
  EXPECT_EQ(exceptions.status, 200) << exceptions;
}

// One click reports a deviation from an incident's review or from a requirement gap, naming
// where it came from; a requirement that is met is no gap to report.
TEST_F(DeviationPagesTest, OneClickReportsADeviationFromAnIncidentOrAGap) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long incident = ReportIncident(s, ciso, ReportBody("Granskad incident", Sof()))["id"];
  Response r = PostForm(s, ciso, "/incidents/" + Id(incident) + "/review/deviation");
  ASSERT_EQ(r.status, 303) << r;
  json d = Fetch(s, ciso, DeviationPath(RedirectId(r, "/deviations/")));
  EXPECT_EQ(d["origin_kind"], "incident");
  EXPECT_EQ(d["origin_id"], incident);
  EXPECT_EQ(d["source"], "incident_review");
  EXPECT_EQ(d["title"], "Avvikelse efter incident " + Id(incident));
  EXPECT_EQ(
      PostForm(s, As("kontakt.sof"), "/incidents/" + Id(incident) + "/review/deviation").status,
      400)
      << "the contact person does not see the incident";

  GapSystem gap = MakeGapSystem(s, ciso, "Avvikelsesystem", Sof(), 1);
  std::string base = "/assets/systems/" + Id(gap.id) + "/requirements/";
  Response page = s.Get("/assets/systems/" + Id(gap.id), ciso);
  EXPECT_NE(page.body.find("id=\"gap-deviation-" + gap.codes[0] + "\""), std::string::npos);
  r = PostForm(s, ciso, base + gap.codes[0] + "/deviation");
  ASSERT_EQ(r.status, 303) << r;
  d = Fetch(s, ciso, DeviationPath(RedirectId(r, "/deviations/")));
  EXPECT_EQ(d["origin_kind"], "requirement_gap");
  EXPECT_EQ(d["origin_id"], gap.id);
  EXPECT_EQ(d["title"], "Skyddskrav " + gap.codes[0] + " uppfylls inte i Avvikelsesystem");
  ASSERT_EQ(d["requirement_ids"].size(), 1u) << "it names the requirement it breaks";
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/requirements/" + Id(d["requirement_ids"][0]))["code"],
            gap.codes[0]);
  EXPECT_EQ(PostForm(s, ciso, base + gap.codes.back() + "/deviation").status, 400) << "met";
}

}  // namespace
}  // namespace lis_test::deviation_pages_test
