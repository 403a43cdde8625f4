// Actions that come from a risk or from a gap in a statement of applicability (issue 5, item
// 5): the origin must exist and be visible, the action links back, the origin's page lists its
// actions and creates one with a click, and when every action of a risk is through its owner
// is asked to re-assess the residual level.
#include "action_support.h"
#include "risk_support.h"
#include "soa_support.h"

namespace lis_test::action_origin_test {
namespace {

class ActionOriginTest : public SharedServerTest<ActionOriginTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!started()) return;
    LisServer& s = server();
    ciso_ = s.Auditor();
    sof_ = s.OrgUnitId("Socialförvaltningen");
    buf_ = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  }

  // A risk of a new SoF analysis, owned by a new user; the risk and its owner's session.
  struct OwnedRisk {
    json risk;
    Session owner;
  };
  OwnedRisk NewRisk(const std::string& name, const std::string& username) {
    LisServer& s = server();
    long long owner = s.CreateUser(username, sof_)["id"];
    long long analysis = CreateAnalysis(s, ciso_, name + " analys", sof_);
    json risk = CreateRisk(s, ciso_, analysis, name, 4, 4,
                           {{"owner_id", owner},
                            {"treatment", "reduce"},
                            {"residual_likelihood", 3},
                            {"residual_consequence", 3}});
    Session session;
    Response login = s.LoginAs(username, LisServer::kTestPassword, &session);
    EXPECT_EQ(login.status, 200) << login;
    return {risk, session};
  }

  json RiskNow(const json& risk) {
    return Fetch(server(), ciso_, "/api/v1/risks/" + Id(risk["id"]));
  }

  Response SetStatus(long long action, const std::string& status) {
    json a = Fetch(server(), ciso_, "/api/v1/actions/" + Id(action));
    return server().Patch("/api/v1/actions/" + Id(action), ciso_,
                          {{"version", a["version"]}, {"status", status}});
  }

  Session ciso_;
  long long sof_ = 0, buf_ = 0;
};

TEST_F(ActionOriginTest, AnActionOfARiskLinksBackAndNeedsARiskTheCallerReads) {
  LisServer& s = server();
  OwnedRisk r = NewRisk("Länkrisk", "origin.lankrisk");
  json a = MustCreate(s, ciso_, "actions",
                      ActionBody("Inför loggning", sof_, s.UserId("ciso"), "2030-01-01",
                                 {{"origin", "risk"}, {"origin_id", r.risk["id"]}}));
  EXPECT_EQ(a["origin_url"], "/risks/" + Id(r.risk["id"]));
  EXPECT_EQ(a["origin_label"], "Risk: Länkrisk");

  // A contact of BoU creates actions there but does not read SoF's risks.
  long long contact = s.CreateUser("origin.kontakt.bou", buf_)["id"];
  s.AddRole(contact, "contact", buf_);
  Session bou;
  ASSERT_EQ(s.LoginAs("origin.kontakt.bou", LisServer::kTestPassword, &bou).status, 200);
  struct Case {
    const char* what;
    json origin_id;
  } cases[] = {{"a risk outside the caller's scope", r.risk["id"]}, {"no such risk", 99999999}};
  for (const auto& c : cases) {
    Response refused = s.Post("/api/v1/actions", bou,
                              ActionBody("Åtgärd", buf_, contact, "2030-01-01",
                                         {{"origin", "risk"}, {"origin_id", c.origin_id}}));
    EXPECT_EQ(refused.status, 400) << c.what << ": " << refused;
    if (refused.status == 400) EXPECT_EQ(refused.Json()["error"]["field"], "origin_id") << c.what;
  }
}

// The owner is asked once every action of the risk is through with at least one done; saving
// residual values as the owner ends the request.
TEST_F(ActionOriginTest, WhenEveryActionOfARiskIsThroughItsOwnerIsAskedToReassess) {
  LisServer& s = server();
  OwnedRisk r = NewRisk("Återrisk", "origin.aterrisk");
  json origin = {{"origin", "risk"}, {"origin_id", r.risk["id"]}};
  long long first =
      CreateAction(s, ciso_, ActionBody("Första", sof_, s.UserId("ciso"), "2030-01-01", origin));
  long long second =
      CreateAction(s, ciso_, ActionBody("Andra", sof_, s.UserId("ciso"), "2030-01-01", origin));
  ASSERT_EQ(SetStatus(first, "done").status, 200);
  EXPECT_FALSE(RiskNow(r.risk).value("awaiting_reassessment", false)) << "one is still open";
  ASSERT_EQ(SetStatus(second, "cancelled").status, 200);
  json risk = RiskNow(r.risk);
  EXPECT_TRUE(risk.value("awaiting_reassessment", false)) << risk;

  json events = s.AuditPage("action=request_reassessment&limit=20");
  bool requested = false;
  for (const auto& e : events["items"]) requested = requested || e["entity_id"] == r.risk["id"];
  EXPECT_TRUE(requested) << "the request is an audited change";

  Response saved = s.Patch(
      "/api/v1/risks/" + Id(r.risk["id"]), r.owner,
      {{"version", risk["version"]}, {"residual_likelihood", 2}, {"residual_consequence", 2}});
  ASSERT_EQ(saved.status, 200) << saved;
  EXPECT_FALSE(saved.Json().value("awaiting_reassessment", true));
}

TEST_F(ActionOriginTest, TheRiskPageListsItsActionsAndMakesOneWithAClick) {
  LisServer& s = server();
  OwnedRisk r = NewRisk("Klickrisk", "origin.klickrisk");
  const std::string page = "/risks/" + Id(r.risk["id"]);
  Response html = s.Get(page, ciso_);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("action=\"" + Html(page + "/action") + "\""), std::string::npos);

  Response made = PostForm(s, ciso_, page + "/action");
  ASSERT_EQ(made.status, 303) << made;
  std::string location = made.Header("Location");
  ASSERT_EQ(location.rfind("/actions/", 0), 0u) << location;
  json a = Fetch(s, ciso_, "/api/v1/actions/" + location.substr(9, location.find('?') - 9));
  EXPECT_EQ(a["origin"], "risk");
  EXPECT_EQ(a["origin_id"], r.risk["id"]);
  EXPECT_EQ(a["org_unit_id"], sof_);
  EXPECT_EQ(a["title"], "Klickrisk");
  EXPECT_EQ(a["due_date"], SwedishDate(90));
  // Residual 3 × 3 = 9 lies in the default red band (from 9).
  EXPECT_EQ(a["priority"], "high");

  html = s.Get(page, ciso_);
  EXPECT_NE(html.body.find("href=\"" + Html("/actions/" + Id(a["id"])) + "\""), std::string::npos);
  // The owner reads the risk and its actions but creates no actions: the unit of the risk is
  // outside its scope (it holds no role), so the click is refused naming it.
  Response owner_page = s.Get(page, r.owner);
  ASSERT_EQ(owner_page.status, 200);
  EXPECT_EQ(owner_page.body.find(Html(page + "/action")), std::string::npos);
  EXPECT_EQ(PostForm(s, r.owner, page + "/action").status, 400);
}

TEST_F(ActionOriginTest, AControlGapOfTheSoaIsAnOriginAndItsPageMakesTheAction) {
  LisServer& s = server();
  long long org =
      s.CreateOrgUnit("Origin Vatten AB", s.OrgUnitId("Norrviks kommunkoncern"), "company")["id"];
  long long fw = FrameworkId(s, "iso27001-2022");
  auto decide = [&](const std::string& ref, const std::string& status) {
    Response r = s.Patch(SoaPath(org, fw, "/" + ref), ciso_,
                         {{"applicable", true},
                          {"justification", "Behövs för driften."},
                          {"status", status},
                          {"version", 0}});
    EXPECT_EQ(r.status, 200) << ref << ": " << r;
    return r.status == 200 ? r.Json() : json::object();
  };
  json gap = decide("5.1", "partly_implemented");
  json done = decide("5.2", "implemented");
  ASSERT_TRUE(gap["entry_id"].is_number_integer()) << gap;

  json a = MustCreate(s, ciso_, "actions",
                      ActionBody("Skriv policyn klart", org, s.UserId("test.auditor"), "2030-01-01",
                                 {{"origin", "control_gap"}, {"origin_id", gap["entry_id"]}}));
  EXPECT_EQ(a["origin_url"], "/org-units/" + Id(org) + "/soa/5.1?framework_id=" + Id(fw));
  EXPECT_EQ(a["origin_label"].get<std::string>().rfind("Tillämplighet 5.1: ", 0), 0u)
      << a["origin_label"];
  Response no_gap =
      s.Post("/api/v1/actions", ciso_,
             ActionBody("Redan klart", org, s.UserId("test.auditor"), "2030-01-01",
                        {{"origin", "control_gap"}, {"origin_id", done["entry_id"]}}));
  EXPECT_EQ(no_gap.status, 400) << no_gap;
  if (no_gap.status == 400) EXPECT_EQ(no_gap.Json()["error"]["field"], "origin_id");

  // The entry page of the gap lists its action and offers the click; an implemented control
  // offers none.
  const std::string entry = "/org-units/" + Id(org) + "/soa/5.1";
  Response html = s.Get(entry + "?framework_id=" + Id(fw), ciso_);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("href=\"" + Html("/actions/" + Id(a["id"])) + "\""), std::string::npos);
  EXPECT_NE(html.body.find(Html(entry + "/action")), std::string::npos);
  Response implemented = s.Get("/org-units/" + Id(org) + "/soa/5.2?framework_id=" + Id(fw), ciso_);
  EXPECT_EQ(implemented.body.find(Html("/soa/5.2/action")), std::string::npos);

  Response made = PostForm(s, ciso_, entry + "/action?framework_id=" + Id(fw));
  ASSERT_EQ(made.status, 303) << made;
  std::string location = made.Header("Location");
  json clicked = Fetch(s, ciso_, "/api/v1/actions/" + location.substr(9, location.find('?') - 9));
  EXPECT_EQ(clicked["origin"], "control_gap");
  EXPECT_EQ(clicked["origin_id"], gap["entry_id"]);
  EXPECT_EQ(clicked["org_unit_id"], org);
  EXPECT_EQ(clicked["title"].get<std::string>().rfind("5.1 – ", 0), 0u) << clicked["title"];
}

}  // namespace
}  // namespace lis_test::action_origin_test
