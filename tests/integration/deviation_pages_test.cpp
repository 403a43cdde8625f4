// Deviations on pages (issue 28 step a): anyone reports from the register, the contact person
// takes the steps the status allows, corrective actions come with one click, and a person
// reads words, never codes.
#include "deviation_support.h"

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

}  // namespace
}  // namespace lis_test::deviation_pages_test
