// The action list over the API (issue 5, item 5): create, read, change, delete with versions
// and audit events; every bad input refused naming its field; filters and sort; the
// requirement_gap origin and the one-click action from a system page.
#include "action_support.h"

namespace lis_test::action_api_test {
namespace {

class ActionApiTest : public SharedServerTest<ActionApiTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    LisServer& s = server();
    ciso_ = s.Login("ciso");
    sof_ = s.OrgUnitId("Socialförvaltningen");
    buf_ = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    medarbetare_ = s.UserId("medarbetare");
  }
  Session ciso_;
  long long sof_ = 0, buf_ = 0, medarbetare_ = 0;
};

TEST_F(ActionApiTest, CreateReadChangeDeleteWithVersionsAndAuditEvents) {
  LisServer& s = server();
  long long before = s.AuditTotal();
  json created = MustCreate(s, ciso_, "actions",
                            ActionBody("Inför tvåfaktorsinloggning", sof_, medarbetare_,
                                       "2030-03-31", {{"priority", "high"}}));
  long long id = created["id"];
  EXPECT_EQ(created["status"], "planned");
  EXPECT_EQ(created["origin"], "manual");
  EXPECT_EQ(created["priority"], "high");
  EXPECT_EQ(created["version"], 1);
  EXPECT_EQ(created["owner_name"], "Fatima Ali");
  EXPECT_EQ(created["org_unit"], "Socialförvaltningen");
  EXPECT_TRUE(created["origin_url"].is_null());
  EXPECT_TRUE(created["completed_at"].is_null());
  const std::string path = "/api/v1/actions/" + Id(id);
  EXPECT_EQ(Fetch(s, ciso_, path)["title"], "Inför tvåfaktorsinloggning");

  Response r =
      s.Patch(path, ciso_, {{"version", 1}, {"status", "done"}, {"progress_note", "Klart"}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 2);
  EXPECT_FALSE(r.Json()["completed_at"].is_null());
  r = s.Patch(path, ciso_, {{"version", 1}, {"title", "Gammal"}});
  EXPECT_EQ(r.status, 409) << r;
  r = s.Patch(path, ciso_, {{"version", 2}, {"status", "in_progress"}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_TRUE(r.Json()["completed_at"].is_null()) << "leaving done clears completed_at";

  EXPECT_EQ(s.Delete(path + "?version=3", ciso_).status, 204);
  EXPECT_EQ(s.Get(path, ciso_).status, 404);
  json history = Fetch(s, ciso_, path + "/history")["items"];
  ASSERT_EQ(history.size(), 4u);
  EXPECT_EQ(Strings(history, "action"),
            (std::vector<std::string>{"create", "update", "update", "delete"}));
  std::vector<json> events = EventsSince(s, before);
  long long action_events = 0;
  for (const auto& e : events) action_events += e["entity"] == "action" ? 1 : 0;
  EXPECT_EQ(action_events, 4) << "one audit event per change";
}

TEST_F(ActionApiTest, BadInputIsRefusedNamingTheField) {
  LisServer& s = server();
  long long energi_ciso = s.UserId("ciso.energi");
  long long inactive = s.CreateUser("inaktiv.agare", sof_)["id"];
  s.AddRole(inactive, "employee", sof_);
  json user = Fetch(s, s.Admin(), "/api/v1/users/" + Id(inactive));
  Response off = s.Patch("/api/v1/users/" + Id(inactive), s.Admin(),
                         {{"version", user["version"]}, {"active", false}});
  ASSERT_EQ(off.status, 200) << off;
  long long energi = s.OrgUnitId("Norrvik Energi AB");
  GapSystem hidden = MakeGapSystem(s, s.Login("ciso.energi"), "Dold-system", energi, 1);
  GapSystem gap = MakeGapSystem(s, ciso_, "Fält-system", sof_, 1);
  struct Case {
    const char* what;
    json body;
    const char* field;
  };
  auto body = [&](json extra) {
    return ActionBody("Åtgärd", sof_, medarbetare_, "2030-01-01", extra);
  };
  std::vector<Case> cases = {
      {"unknown owner", body({{"owner_id", 999999}}), "owner_id"},
      {"inactive owner", body({{"owner_id", inactive}}), "owner_id"},
      {"owner who cannot see the unit", body({{"owner_id", energi_ciso}}), "owner_id"},
      {"owner not a number", body({{"owner_id", "Fatima"}}), "owner_id"},
      {"no such date", body({{"due_date", "2030-02-30"}}), "due_date"},
      {"not a date", body({{"due_date", "snart"}}), "due_date"},
      {"unknown status", body({{"status", "finished"}}), "status"},
      {"unknown priority", body({{"priority", "urgent"}}), "priority"},
      {"unknown origin", body({{"origin", "magic"}}), "origin"},
      {"deviation not visible", body({{"origin", "deviation"}, {"origin_id", 999999}}),
       "origin_id"},
      {"incident not visible", body({{"origin", "incident"}, {"origin_id", 999999}}), "origin_id"},
      {"manual with an origin id", body({{"origin_id", 5}}), "origin_id"},
      {"gap without system", body({{"origin", "requirement_gap"}, {"origin_ref", gap.codes[0]}}),
       "origin_id"},
      {"gap of no system",
       body({{"origin", "requirement_gap"}, {"origin_id", 999999}, {"origin_ref", gap.codes[0]}}),
       "origin_id"},
      {"gap of a system out of sight",
       body({{"origin", "requirement_gap"},
             {"origin_id", hidden.id},
             {"origin_ref", hidden.codes[0]}}),
       "origin_id"},
      {"gap of an unknown requirement",
       body({{"origin", "requirement_gap"}, {"origin_id", gap.id}, {"origin_ref", "NOPE-99"}}),
       "origin_ref"},
      {"gap of a met requirement",
       body({{"origin", "requirement_gap"},
             {"origin_id", gap.id},
             {"origin_ref", gap.codes.back()}}),
       "origin_ref"},
      {"blank title", body({{"title", "   "}}), "title"},
      {"no title",
       [&] {
         json b = body({});
         b.erase("title");
         return b;
       }(),
       "title"},
      {"no such unit", body({{"org_unit_id", 999999}}), "org_unit_id"},
      {"unknown field", body({{"colour", "red"}}), "colour"},
  };
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    Response r = s.Post("/api/v1/actions", ciso_, c.body);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what << ": " << r;
  }
  EXPECT_EQ(s.AuditTotal(), before) << "nothing refused was written";

  // The same checks on a change.
  long long id = CreateAction(s, ciso_, body({}));
  for (auto [field, value] : {std::pair{"due_date", json("2030-13-01")},
                              {"status", json("waiting")},
                              {"priority", json("")},
                              {"owner_id", json(999999)},
                              {"title", json("")}}) {
    Response r = s.Patch("/api/v1/actions/" + Id(id), ciso_, {{"version", 1}, {field, value}});
    EXPECT_EQ(r.status, 400) << field << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], field) << r;
  }
}

TEST_F(ActionApiTest, ARequirementGapLinksBackToItsSystem) {
  LisServer& s = server();
  GapSystem gap = MakeGapSystem(s, ciso_, "Länk-system", sof_, 2);
  json a = MustCreate(
      s, ciso_, "actions",
      ActionBody(
          "Stäng gapet", sof_, medarbetare_, "2030-01-01",
          {{"origin", "requirement_gap"}, {"origin_id", gap.id}, {"origin_ref", gap.codes[0]}}));
  EXPECT_EQ(a["origin_url"], "/assets/systems/" + Id(gap.id));
  EXPECT_EQ(a["origin_label"], "Skyddskrav " + gap.codes[0] + " för Länk-system");
  json en = Fetch(s, ciso_, "/api/v1/actions/" + Id(a["id"]) + "?lang=en");
  EXPECT_EQ(en["origin_ref"], gap.codes[0]);
}

// The one-click action of a gap on the system page: made with the requirement's title and
// level, the system's unit, the caller as owner, due in 90 days; the page then links to it.
TEST_F(ActionApiTest, OneClickOnAGapCreatesItsActionAndThePageLinksToIt) {
  LisServer& s = server();
  GapSystem gap = MakeGapSystem(s, ciso_, "Klick-system", sof_, 2);
  const std::string page = "/assets/systems/" + Id(gap.id);
  const std::string form_action = page + "/requirements/" + gap.codes[0] + "/action";
  Response html = s.Get(page, ciso_);
  ASSERT_EQ(html.status, 200);
  EXPECT_NE(html.body.find("action=\"" + Html(form_action) + "\""), std::string::npos);
  EXPECT_EQ(html.body.find(Html("/requirements/" + gap.codes.back() + "/action")),
            std::string::npos)
      << "no button for a met requirement";

  Response r = PostForm(s, ciso_, form_action);
  ASSERT_EQ(r.status, 303) << r;
  std::string location = r.Header("Location");
  ASSERT_EQ(location.rfind("/actions/", 0), 0u) << location;
  long long id = std::stoll(location.substr(9));
  json a = Fetch(s, ciso_, "/api/v1/actions/" + Id(id));
  EXPECT_EQ(a["origin"], "requirement_gap");
  EXPECT_EQ(a["origin_id"], gap.id);
  EXPECT_EQ(a["origin_ref"], gap.codes[0]);
  EXPECT_EQ(a["org_unit_id"], sof_);
  EXPECT_EQ(a["owner_id"], s.UserId("ciso"));
  EXPECT_EQ(a["due_date"], SwedishDate(90));
  const char* kPriorities[] = {"low", "low", "medium", "high", "critical"};
  EXPECT_EQ(a["priority"], kPriorities[gap.levels[0]]) << "from the requirement's level";
  EXPECT_EQ(a["title"].get<std::string>().rfind(gap.codes[0] + " – ", 0), 0u) << a["title"];

  html = s.Get(page, ciso_);
  EXPECT_NE(html.body.find("href=\"" + Html("/actions/" + Id(id)) + "\""), std::string::npos);
  EXPECT_EQ(html.body.find("action=\"" + Html(form_action) + "\""), std::string::npos)
      << "a gap with an open action shows the link instead of the button";
  // Without CSRF the form is refused.
  Auth cookie_only;
  cookie_only.cookie = ciso_.cookie;
  Response no_csrf = s.SendRaw("POST", page + "/requirements/" + gap.codes[1] + "/action",
                               cookie_only, "", "application/x-www-form-urlencoded");
  EXPECT_EQ(no_csrf.status, 403);
}

// Who may not create actions at the system's unit sees no button; a gap whose action is done
// offers the button again.
TEST_F(ActionApiTest, TheGapButtonFollowsPermissionAndOpenActions) {
  LisServer& s = server();
  GapSystem gap = MakeGapSystem(s, ciso_, "Knapp-system", sof_, 1);
  const std::string page = "/assets/systems/" + Id(gap.id);
  const std::string form_action = Html(page + "/requirements/" + gap.codes[0] + "/action");
  Response reader = s.Get(page, s.Login("infoagare.sof"));
  ASSERT_EQ(reader.status, 200);
  EXPECT_EQ(reader.body.find(form_action), std::string::npos) << "no kActionWrite: no button";
  Response refused =
      PostForm(s, s.Login("infoagare.sof"), page + "/requirements/" + gap.codes[0] + "/action");
  EXPECT_EQ(refused.status, 403);

  long long id = CreateAction(
      s, ciso_,
      ActionBody(
          "Gapets åtgärd", sof_, medarbetare_, "2030-01-01",
          {{"origin", "requirement_gap"}, {"origin_id", gap.id}, {"origin_ref", gap.codes[0]}}));
  EXPECT_EQ(s.Get(page, ciso_).body.find(form_action), std::string::npos);
  Response done = s.Patch("/api/v1/actions/" + Id(id), ciso_, {{"version", 1}, {"status", "done"}});
  ASSERT_EQ(done.status, 200) << done;
  EXPECT_NE(s.Get(page, ciso_).body.find(form_action), std::string::npos)
      << "the gap's only action is done: the button is back";
}

// A failed create form is shown again with the message at its field.
TEST_F(ActionApiTest, AFailedFormShowsTheErrorAtItsField) {
  LisServer& s = server();
  Response r =
      PostForm(s, ciso_, "/actions",
               "title=Formul%C3%A4r&org_unit_id=" + Id(sof_) + "&owner_id=" + Id(medarbetare_) +
                   "&due_date=2030-02-30&priority=medium");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_NE(r.body.find("id=\"action-create-due_date\""), std::string::npos);
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_NE(r.body.find("Formulär"), std::string::npos) << "the input is kept";
}

// A unit with a live action is not deleted (the action would point nowhere); once the action
// is deleted, the unit is.
TEST_F(ActionApiTest, AUnitWithAnActionIsNotDeleted) {
  LisServer& s = server();
  long long unit = s.CreateOrgUnit("Åtgärdsenheten", sof_)["id"];
  long long id = CreateAction(s, ciso_, ActionBody("Enhetens åtgärd", unit, s.UserId("ciso")));
  const std::string path = "/api/v1/org-units/" + Id(unit);
  EXPECT_EQ(s.Delete(path, s.Admin()).status, 409);
  ASSERT_EQ(s.Delete("/api/v1/actions/" + Id(id), ciso_).status, 204);
  EXPECT_EQ(s.Delete(path, s.Admin()).status, 204);
}

TEST_F(ActionApiTest, ListsFilterAndSort) {
  LisServer& s = server();
  long long forvaltare = s.UserId("forvaltare");
  long long ciso_id = s.UserId("ciso");
  std::string past = SwedishDate(-10), soon = SwedishDate(5), later = SwedishDate(60);
  // title, unit, owner, due, priority, status
  struct Seed {
    const char* title;
    long long unit;
    long long owner;
    std::string due;
    const char* priority;
    const char* status;
  };
  const Seed seeds[] = {
      {"Filt-A", sof_, medarbetare_, past, "low", "planned"},
      {"Filt-B", sof_, ciso_id, soon, "critical", "in_progress"},
      {"Filt-C", buf_, forvaltare, later, "high", "planned"},
      {"Filt-D", buf_, ciso_id, past, "medium", "done"},
      {"Filt-E", sof_, medarbetare_, later, "medium", "cancelled"},
  };
  for (const auto& seed : seeds)
    CreateAction(s, ciso_,
                 ActionBody(seed.title, seed.unit, seed.owner, seed.due,
                            {{"priority", seed.priority}, {"status", seed.status}}));
  struct Case {
    std::string query;
    std::vector<std::string> titles;  // in order
  };
  const std::vector<Case> cases = {
      {"", {"Filt-A", "Filt-D", "Filt-B", "Filt-C", "Filt-E"}},
      {"&sort=-due_date", {"Filt-E", "Filt-C", "Filt-B", "Filt-D", "Filt-A"}},
      {"&sort=title", {"Filt-A", "Filt-B", "Filt-C", "Filt-D", "Filt-E"}},
      {"&sort=-title", {"Filt-E", "Filt-D", "Filt-C", "Filt-B", "Filt-A"}},
      // Ties by due date (and id), in the same direction.
      {"&sort=-priority", {"Filt-B", "Filt-C", "Filt-E", "Filt-D", "Filt-A"}},
      {"&sort=priority", {"Filt-A", "Filt-D", "Filt-E", "Filt-C", "Filt-B"}},
      {"&sort=-updated_at", {"Filt-E", "Filt-D", "Filt-C", "Filt-B", "Filt-A"}},
      {"&status=open", {"Filt-A", "Filt-B", "Filt-C"}},
      {"&status=done", {"Filt-D"}},
      {"&status=cancelled", {"Filt-E"}},
      {"&owner_id=" + Id(medarbetare_), {"Filt-A", "Filt-E"}},
      {"&owner_id=me", {"Filt-D", "Filt-B"}},
      {"&mine=true", {"Filt-D", "Filt-B"}},
      {"&org_unit_id=" + Id(buf_), {"Filt-D", "Filt-C"}},
      {"&org_unit_id=" + Id(s.OrgUnitId("Norrviks kommun")),
       {"Filt-A", "Filt-D", "Filt-B", "Filt-C", "Filt-E"}},
      {"&priority=medium", {"Filt-D", "Filt-E"}},
      {"&overdue=true", {"Filt-A"}},
      {"&overdue=false", {"Filt-A", "Filt-D", "Filt-B", "Filt-C", "Filt-E"}},
      {"&due_before=" + soon, {"Filt-A", "Filt-D"}},
      {"&origin=manual&status=open&priority=critical", {"Filt-B"}},
      {"&origin=requirement_gap", {}},
  };
  for (const auto& c : cases) {
    json page = Fetch(s, ciso_, "/api/v1/actions?q=Filt-&limit=100" + c.query);
    EXPECT_EQ(Strings(page["items"], "title"), c.titles) << c.query;
    EXPECT_EQ(page["total"], c.titles.size()) << c.query;
  }
  // Every bad value names its parameter.
  for (const char* param :
       {"status=waiting", "priority=urgent", "origin=magic", "overdue=yes", "due_before=2030-13-01",
        "sort=owner", "owner_id=you", "org_unit_id=x", "mine=1", "limit=0"}) {
    Response r = s.Get(std::string("/api/v1/actions?") + param, ciso_);
    EXPECT_EQ(r.status, 400) << param << ": " << r;
    std::string name = std::string(param).substr(0, std::string(param).find('='));
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], name) << param;
  }
}

}  // namespace
}  // namespace lis_test::action_api_test
