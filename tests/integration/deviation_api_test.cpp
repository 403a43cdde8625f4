// Deviations through the API (issue 28 steps a and b): a report goes through analysis,
// corrective actions and the check of their effect, and closes only on an effective verdict by
// someone who owns none of the actions; bad input is refused naming the field, and nothing is
// written.
#include "core/stockholm_time.h"
#include "deviation_support.h"

namespace lis_test::deviation_api_test {
namespace {

class DeviationApiTest : public DeviationTest<DeviationApiTest> {};

// The journey of issue 28: an employee reports, the contact person analyses and plans an
// action, the owner marks it done, the CISO records not effective, a new action, effective.
TEST_F(DeviationApiTest, ADeviationClosesOnlyOnAnEffectiveVerdictByOneWhoOwnsNoAction) {
  LisServer& s = server();
  const Session &employee = As("medarbetare"), &contact = As("kontakt.sof"), &ciso = As("ciso");
  json d = ReportDeviation(s, employee, DeviationBody("Loggar granskas inte", Sof()));
  long long id = d["id"];
  EXPECT_EQ(d["status"], "reported");
  EXPECT_EQ(d["reported_by"], employee.user_id);
  EXPECT_EQ(d["can"]["edit"], false);

  Response r = MoveDeviation(s, contact, id, "analyse");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "root_cause");
  r = MoveDeviation(s, contact, id, "analyse", {{"root_cause", "Ingen ansvarig för loggarna."}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "analysed");

  r = MoveDeviation(s, contact, id, "plan_actions");
  EXPECT_EQ(r.status, 400) << "no corrective actions yet: " << r;
  EXPECT_EQ(r.Json()["error"]["field"], "actions");
  long long action =
      CreateAction(s, contact,
                   ActionBody("Utse logggranskare", Sof(), employee.user_id, "2030-01-31",
                              {{"origin", "deviation"}, {"origin_id", id}}));
  r = MoveDeviation(s, contact, id, "plan_actions");
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "actions_planned");
  EXPECT_EQ(r.Json()["actions"]["open"], 1);
  r = MoveDeviation(s, contact, id, "verify");
  EXPECT_EQ(r.status, 400) << "an action is still open: " << r;

  // The owner marks the action done: the deviation moves to verifying with a check date.
  r = SetActionStatus(s, employee, action, "done");
  ASSERT_EQ(r.status, 200) << r;
  d = Fetch(s, ciso, DeviationPath(id));
  EXPECT_EQ(d["status"], "verifying");
  EXPECT_TRUE(d["verification_due"].is_string()) << d.dump();
  EXPECT_EQ(d["can"]["verdict"], true);

  // Closing without a verdict is no move at all.
  r = MoveDeviation(s, ciso, id, "effective");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "move");
  r = JudgeDeviation(s, ciso, id, false, "");
  EXPECT_EQ(r.status, 400) << "a verdict needs a motivation: " << r;
  r = JudgeDeviation(s, ciso, id, false, "Loggarna granskas fortfarande inte.");
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "analysed");
  EXPECT_EQ(r.Json()["verdict_effective"], false);
  EXPECT_EQ(r.Json()["root_cause"], "Ingen ansvarig för loggarna.");

  // A second action, owned by the contact person, who may then not judge.
  long long second =
      CreateAction(s, contact,
                   ActionBody("Schemalägg granskning", Sof(), contact.user_id, "2030-02-28",
                              {{"origin", "deviation"}, {"origin_id", id}}));
  ASSERT_EQ(MoveDeviation(s, contact, id, "plan_actions").status, 200);
  ASSERT_EQ(SetActionStatus(s, contact, second, "done").status, 200);
  r = JudgeDeviation(s, contact, id, true);
  EXPECT_EQ(r.status, 403) << "the owner of an action judges its effect: " << r;
  EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("äger"), std::string::npos) << r;
  EXPECT_EQ(Fetch(s, contact, DeviationPath(id))["can"]["verdict"], false);
  r = JudgeDeviation(s, ciso, id, true, "Stickprov i tre månader visar granskade loggar.");
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "closed");
  EXPECT_EQ(r.Json()["verdict_by"], ciso.user_id);

  // Closed is final; the history keeps the first verdict.
  r = s.Patch(DeviationPath(id), ciso, {{"severity", "low"}, {"version", r.Json()["version"]}});
  EXPECT_EQ(r.status, 409) << r;
  json history = Fetch(s, ciso, DeviationPath(id, "/history"));
  int not_effective = 0;
  for (const auto& v : history["items"])
    for (const auto& c : v["changes"])
      if (c["field"] == "verdict_effective" && c["after"] == false) ++not_effective;
  EXPECT_EQ(not_effective, 1) << history.dump();
  std::vector<std::string> actions;
  for (const auto& v : history["items"]) actions.push_back(v["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"create", "analyse", "plan_actions", "verify",
                                               "verdict", "plan_actions", "verify", "verdict"}));
}

TEST_F(DeviationApiTest, ARejectedDeviationKeepsItsReasonAndIsFinal) {
  LisServer& s = server();
  const Session& contact = As("kontakt.sof");
  long long id = ReportDeviation(s, As("medarbetare"), DeviationBody("Inget fel", Sof()))["id"];
  Response r = MoveDeviation(s, contact, id, "reject");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "rejection_reason");
  r = MoveDeviation(s, contact, id, "reject", {{"rejection_reason", "Rutinen följdes."}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "rejected");
  r = MoveDeviation(s, contact, id, "analyse", {{"root_cause", "x"}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "status");
}

// Each bad body is refused naming the field, and the register stays as it was.
TEST_F(DeviationApiTest, BadInputIsRefusedNamingTheFieldAndNothingIsWritten) {
  LisServer& s = server();
  const Session &ciso = As("ciso"), &employee = As("medarbetare");
  long long energi = s.OrgUnitId("Drift och nät");
  long long outsider = s.CreateUser("dv.energi", energi)["id"];
  const struct {
    const char* what;
    const Session* who;
    json body;
    int status;
    const char* field;
  } cases[] = {
      {"blank title", &ciso, DeviationBody("   ", Sof()), 400, "title"},
      {"no unit", &ciso, json{{"title", "X"}, {"detected_on", "2026-11-30"}}, 400, "org_unit_id"},
      {"detected in the future", &ciso, DeviationBody("X", Sof(), {{"detected_on", "2099-01-01"}}),
       400, "detected_on"},
      {"not a date", &ciso, DeviationBody("X", Sof(), {{"detected_on", "30/11/2026"}}), 400,
       "detected_on"},
      {"unknown severity", &ciso, DeviationBody("X", Sof(), {{"severity", "critical"}}), 400,
       "severity"},
      {"status is not input", &ciso, DeviationBody("X", Sof(), {{"status", "closed"}}), 400,
       "status"},
      {"unit of another organisation", &employee, DeviationBody("X", energi), 400, "org_unit_id"},
      {"no such unit", &employee, DeviationBody("X", 987654), 400, "org_unit_id"},
      {"responsible outside the organisation", &ciso,
       DeviationBody("X", Sof(), {{"responsible_id", outsider}}), 400, "responsible_id"},
      {"origin without id", &ciso, DeviationBody("X", Sof(), {{"origin_kind", "incident"}}), 400,
       "origin_id"},
      {"origin not seen", &ciso,
       DeviationBody("X", Sof(), {{"origin_kind", "incident"}, {"origin_id", 987654}}), 400,
       "origin_id"},
      {"handling fields from a reporter", &employee,
       DeviationBody("X", Sof(), {{"root_cause", "Jag vet varför"}}), 403, "root_cause"},
  };
  long long before = Fetch(s, ciso, "/api/v1/deviations")["total"];
  for (const auto& c : cases) {
    Response r = s.Post("/api/v1/deviations", *c.who, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what << ": " << r;
  }
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/deviations")["total"], before);
}

TEST_F(DeviationApiTest, TheRegisterFiltersAndSorts) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long bou = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long low = ReportDeviation(
      s, ciso,
      DeviationBody("Filter låg", bou, {{"severity", "low"}, {"source", "supplier"}}))["id"];
  long long high = ReportDeviation(
      s, ciso,
      DeviationBody("Filter hög", bou, {{"severity", "high"}, {"source", "supplier"}}))["id"];
  json page = Fetch(
      s, ciso, "/api/v1/deviations?source=supplier&org_unit_id=" + Id(bou) + "&sort=-severity");
  ASSERT_EQ(page["items"].size(), 2u) << page.dump();
  EXPECT_EQ(page["items"][0]["id"], high);
  EXPECT_EQ(page["items"][1]["id"], low);
  page = Fetch(s, ciso, "/api/v1/deviations?severity=low&source=supplier&q=" + UrlEncode("FILTER"));
  EXPECT_EQ(IdSet(page["items"]), (std::set<long long>{low}));
  Response r = s.Get("/api/v1/deviations?severity=urgent", ciso);
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "severity");
  r = s.Get("/api/v1/deviations?sort=description", ciso);
  EXPECT_EQ(r.status, 400) << r;
}

// The register's ?q= reads the search index (store/records/text_search.h): a part of the title or
// the description in any case, the index following every change; two letters still match.
TEST_F(DeviationApiTest, SearchFindsAPartOfTheTitleOrDescriptionAndFollowsChanges) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = ReportDeviation(
      s, ciso,
      DeviationBody("Sökbar Åtkomstlogg", Sof(),
                    {{"description", "Loggarna sparades bara sju dagar (krav: 100%)."}}))["id"];
  auto found = [&](const std::string& q) {
    return IdSet(Fetch(s, ciso, "/api/v1/deviations?q=" + UrlEncode(q))["items"]).count(id) == 1;
  };
  EXPECT_TRUE(found("sökbar åtkomst"));
  EXPECT_TRUE(found("SJU DAGAR"));
  EXPECT_TRUE(found("100%"));
  EXPECT_FALSE(found("100_"));
  EXPECT_TRUE(found("Sö"));
  ASSERT_EQ(s.Patch(DeviationPath(id), ciso, {{"title", "Omdöpt post"}, {"version", 1}}).status,
            200);
  EXPECT_FALSE(found("sökbar"));
  EXPECT_TRUE(found("omdöpt"));
}

TEST_F(DeviationApiTest, ADeletedDeviationIsRestoredFromItsHistory) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = ReportDeviation(s, ciso, DeviationBody("Återställs", Sof()))["id"];
  ASSERT_EQ(s.Delete(DeviationPath(id) + "?version=1", ciso).status, 204);
  EXPECT_EQ(s.Get(DeviationPath(id), ciso).status, 404);
  Response r = s.Post(DeviationPath(id, "/restore"), ciso, {{"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["title"], "Återställs");
  EXPECT_TRUE(r.Json()["deleted_at"].is_null());
}

// The annual report's figures: detected and closed in the year per unit, effective on the first
// verdict, the median days from detection to closing; only for those who read by role.
TEST_F(DeviationApiTest, StatisticsCountAYearPerUnit) {
  LisServer& s = server();
  const Session &ciso = As("ciso"), &contact = As("kontakt.sof");
  long long unit = s.CreateOrgUnit("Statistikenheten", Sof())["id"];
  std::string year = lis::StockholmDate(std::chrono::system_clock::now()).substr(0, 4);
  json detected = {{"detected_on", year + "-01-01"}};
  long long closed = ReportDeviation(s, ciso, DeviationBody("Stängs", unit, detected))["id"];
  ReportDeviation(s, ciso, DeviationBody("Pågår", unit, detected));
  ASSERT_EQ(MoveDeviation(s, ciso, closed, "analyse", {{"root_cause", "Orsak"}}).status, 200);
  long long action = CreateAction(s, ciso,
                                  ActionBody("Rätta", unit, contact.user_id, "2030-01-31",
                                             {{"origin", "deviation"}, {"origin_id", closed}}));
  ASSERT_EQ(MoveDeviation(s, ciso, closed, "plan_actions").status, 200);
  ASSERT_EQ(SetActionStatus(s, contact, action, "done").status, 200);
  ASSERT_EQ(JudgeDeviation(s, ciso, closed, true).status, 200);

  json stats =
      Fetch(s, ciso, "/api/v1/deviations/statistics?year=" + year + "&org_unit_id=" + Id(unit));
  ASSERT_EQ(stats["units"].size(), 1u) << stats.dump();
  const json& row = stats["units"][0];
  EXPECT_EQ(row["org_unit_id"], unit);
  EXPECT_EQ(row["opened"], 2);
  EXPECT_EQ(row["closed"], 1);
  EXPECT_EQ(row["effective_first"], 1);
  std::string closed_on = lis::StockholmDate(std::chrono::system_clock::now());
  auto day = [](const std::string& d) {
    return std::chrono::sys_days{std::chrono::year_month_day{
        std::chrono::year(std::stoi(d.substr(0, 4))),
        std::chrono::month(static_cast<unsigned>(std::stoi(d.substr(5, 2)))),
        std::chrono::day(static_cast<unsigned>(std::stoi(d.substr(8, 2))))}};
  };
  EXPECT_EQ(row["median_days_to_close"], (day(closed_on) - day(year + "-01-01")).count());
  EXPECT_EQ(stats["totals"]["closed"], 1);
  json before = Fetch(s, ciso,
                      "/api/v1/deviations/statistics?year=" + std::to_string(std::stoi(year) - 1) +
                          "&org_unit_id=" + Id(unit));
  EXPECT_TRUE(before["units"].empty());
  EXPECT_EQ(s.Get("/api/v1/deviations/statistics", As("ks.ordforande")).status, 200);
  EXPECT_EQ(s.Get("/api/v1/deviations/statistics", As("medarbetare")).status, 403);
  Response page = s.Get("/deviations/statistics?year=" + year, ciso);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Statistikenheten"), std::string::npos);
}

}  // namespace
}  // namespace lis_test::deviation_api_test
