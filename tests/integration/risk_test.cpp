// Risk analyses and risks (issue 5, items 1 and 2): create, read, change and delete with
// their derived scores; bad input named by field; the acceptance rule (who decides, the
// threshold per organisation, validity and expiry, voiding by a changed assessment); a
// request for re-assessment; the matrix counting what the list shows; an audit event per
// change.
#include "lis_server.h"
#include "risk_support.h"
#include "service/risk/risk_service.h"

namespace lis_test::risk_test {
namespace {

class RiskTest : public SharedServerTest<RiskTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static void Prepare() {
    LisServer& s = server();
    sessions_ = std::make_unique<Sessions>(s);
    const Session& ciso = As("ciso");
    sof_ = s.OrgUnitId("Socialförvaltningen");
    buf_ = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    energi_ = s.OrgUnitId("Norrvik Energi AB");
    object_ = CreateObject(s, ciso, "Riskobjekt", buf_);
    system_ = CreateSystem(s, ciso, "Risksystem", object_);
    set_ = CreateSet(s, ciso, "Riskmängd", buf_, {system_});
    analysis_ = CreateAnalysis(s, ciso, "Socialtjänstens riskanalys", sof_);
    // An information owner of BoU, an object owner of SoF and a plain user as risk owner.
    s.AddRole(s.CreateUser("risk.infoagare.bou", buf_)["id"], "information_owner", buf_);
    s.AddRole(s.CreateUser("risk.objektagare.sof", sof_)["id"], "object_owner", sof_);
    owner_ = s.CreateUser("risk.agare", sof_)["id"];
    prepared_ = true;
  }

  static const Session& As(const std::string& who) { return (*sessions_)(who); }
  static std::string RiskPath(const json& risk) { return "/api/v1/risks/" + Id(risk["id"]); }
  static json Get(const std::string& path) { return Fetch(server(), As("ciso"), path); }

  static inline bool prepared_ = false;
  static inline std::unique_ptr<Sessions> sessions_;
  static inline long long sof_ = 0, buf_ = 0, energi_ = 0, object_ = 0, system_ = 0, set_ = 0,
                          analysis_ = 0, owner_ = 0;
};

TEST_F(RiskTest, AnalysisAndRiskRoundTrip) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  json analysis = Get("/api/v1/risk-analyses/" + Id(analysis_));
  EXPECT_EQ(analysis["org_unit_id"], sof_);
  EXPECT_EQ(analysis["scope_kind"], "org_unit");
  EXPECT_EQ(analysis["status"], "ongoing");
  EXPECT_EQ(analysis["analysis_date"], SwedishDate(0));

  json risk = CreateRisk(s, ciso, analysis_, "Obehörig åtkomst", 3, 4,
                         {{"threat", "Intrång"},
                          {"information_set_ids", {set_}},
                          {"system_ids", {system_}},
                          {"confidentiality", true},
                          {"treatment", "reduce"},
                          {"residual_likelihood", 2},
                          {"residual_consequence", 2},
                          {"owner_id", owner_}});
  EXPECT_EQ(risk["score"], 12);
  EXPECT_EQ(risk["residual_score"], 4);
  EXPECT_EQ(risk["org_unit_id"], sof_);
  EXPECT_EQ(risk["information_set_ids"], json::array({set_}));
  EXPECT_EQ(risk["system_ids"], json::array({system_}));
  EXPECT_EQ(risk["state"], "treated");
  EXPECT_EQ(risk["band"], "red");
  EXPECT_EQ(risk["residual_band"], "yellow");

  Response changed =
      s.Patch(RiskPath(risk), ciso,
              {{"version", risk["version"]}, {"consequence", 2}, {"system_ids", json::array()}});
  ASSERT_EQ(changed.status, 200) << changed;
  EXPECT_EQ(changed.Json()["score"], 6);
  EXPECT_EQ(changed.Json()["system_ids"], json::array());
  // A stale version is a conflict carrying the current record.
  Response stale = s.Patch(RiskPath(risk), ciso, {{"version", risk["version"]}, {"title", "x"}});
  EXPECT_EQ(stale.status, 409) << stale;
  // The risk is listed in its analysis, and the analysis counts it.
  json listed = Get("/api/v1/risks?analysis_id=" + Id(analysis_));
  EXPECT_EQ(IdSet(listed["items"]).count(risk["id"].get<long long>()), 1u);
  EXPECT_GE(Get("/api/v1/risk-analyses/" + Id(analysis_))["risk_count"], 1);

  // An analysis with risks is not deleted; a risk is, softly, and comes back by restore.
  Response refused = s.Delete("/api/v1/risk-analyses/" + Id(analysis_), ciso);
  EXPECT_EQ(refused.status, 409) << refused;
  Response deleted = s.Delete(RiskPath(risk), ciso);
  EXPECT_EQ(deleted.status, 204) << deleted;
  EXPECT_EQ(s.Get(RiskPath(risk), ciso).status, 404);
  json gone = Get("/api/v1/risks?deleted=true&analysis_id=" + Id(analysis_));
  EXPECT_EQ(IdSet(gone["items"]).count(risk["id"].get<long long>()), 1u);
  json history = Get(RiskPath(risk) + "/history");
  EXPECT_EQ(Strings(history["items"], "action"),
            (std::vector<std::string>{"create", "update", "delete"}));
  Response restored = s.Post(RiskPath(risk) + "/restore", ciso, {{"version", 2}});
  ASSERT_EQ(restored.status, 200) << restored;
  EXPECT_EQ(restored.Json()["score"], 6);
}

TEST_F(RiskTest, AnalysisScopedToASystemBelongsToItsObjectsUnit) {
  json created = MustCreate(server(), As("ciso"), "risk-analyses",
                            {{"title", "Systemets analys"},
                             {"scope_kind", "system"},
                             {"scope_id", system_},
                             {"method", "Workshop"}});
  EXPECT_EQ(created["org_unit_id"], buf_);
  EXPECT_EQ(created["scope_name"], "Risksystem");
}

struct BadInput {
  const char* what;
  json body;  // merged into a valid risk body
  const char* field;
};

TEST_F(RiskTest, BadRiskInputNamesTheField) {
  const BadInput cases[] = {
      {"likelihood 0", {{"likelihood", 0}}, "likelihood"},
      {"likelihood 5", {{"likelihood", 5}}, "likelihood"},
      {"consequence 5", {{"consequence", 5}}, "consequence"},
      {"consequence as text", {{"consequence", "3"}}, "consequence"},
      {"residual likelihood 0",
       {{"residual_likelihood", 0}, {"residual_consequence", 2}},
       "residual_likelihood"},
      {"residual without consequence", {{"residual_likelihood", 2}}, "residual_consequence"},
      {"unknown treatment", {{"treatment", "ignore"}}, "treatment"},
      {"unknown information set", {{"information_set_ids", {999999}}}, "information_set_ids"},
      {"unknown system", {{"system_ids", {999999}}}, "system_ids"},
      {"unknown owner", {{"owner_id", 999999}}, "owner_id"},
      {"blank title", {{"title", "  "}}, "title"},
      {"unknown field", {{"colour", "red"}}, "colour"},
      {"unknown analysis", {{"analysis_id", 999999}}, "analysis_id"},
  };
  for (const auto& c : cases) {
    json body = RiskBody(analysis_, "Fel", 2, 2);
    body.update(c.body);
    Response r = server().Post("/api/v1/risks", As("ciso"), body);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what;
  }
}

TEST_F(RiskTest, ASetOutsideTheCallersScopeIsRefusedByName) {
  LisServer& s = server();
  const Session& energi = As("ciso.energi");
  long long analysis = CreateAnalysis(s, energi, "Nätets risker", energi_);
  Response r = s.Post("/api/v1/risks", energi,
                      RiskBody(analysis, "Läcka", 2, 2, {{"information_set_ids", {set_}}}));
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "information_set_ids");
  r = s.Post("/api/v1/risks", energi,
             RiskBody(analysis, "Läcka", 2, 2, {{"system_ids", {system_}}}));
  EXPECT_EQ(r.Json()["error"]["field"], "system_ids") << r;
}

TEST_F(RiskTest, BadAnalysisInputNamesTheField) {
  const BadInput cases[] = {
      {"no unit", {{"org_unit_id", nullptr}}, "org_unit_id"},
      {"unknown unit", {{"org_unit_id", 999999}}, "scope_id"},
      {"unknown scope kind", {{"scope_kind", "planet"}, {"scope_id", 1}}, "scope_kind"},
      {"unknown object", {{"scope_kind", "object"}, {"scope_id", 999999}}, "scope_id"},
      {"wrong unit for the object",
       {{"scope_kind", "object"}, {"scope_id", object_}},
       "org_unit_id"},
      {"bad date", {{"analysis_date", "2026-02-30"}}, "analysis_date"},
      {"unknown status", {{"status", "paused"}}, "status"},
      {"blank title", {{"title", ""}}, "title"},
  };
  for (const auto& c : cases) {
    json body = {{"title", "Fel"}, {"org_unit_id", sof_}};
    body.update(c.body);
    if (body["org_unit_id"].is_null()) body.erase("org_unit_id");
    Response r = server().Post("/api/v1/risk-analyses", As("ciso"), body);
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what;
  }
}

// Who may accept a risk above the threshold: the information owner of its area, nobody else.
TEST_F(RiskTest, OnlyTheInformationOwnerOfTheAreaAccepts) {
  LisServer& s = server();
  json risk = CreateRisk(
      s, As("ciso"), analysis_, "Över gränsen", 4, 4,
      {{"treatment", "accept"}, {"residual_likelihood", 3}, {"residual_consequence", 4}});
  EXPECT_EQ(risk["state"], "awaiting_acceptance");
  EXPECT_TRUE(risk["needs_acceptance_decision"].get<bool>());
  const json body = {{"motivation", "Kostnaden för åtgärder överstiger nyttan"},
                     {"valid_until", SwedishDate(365)},
                     {"version", risk["version"]}};
  struct Row {
    const char* who;
    int expected;
  };
  const Row rows[] = {
      {"medarbetare", 404},           // reads no risks
      {"risk.infoagare.bou", 404},    // information owner of another area
      {"ciso", 403},                  // runs the analysis, does not accept
      {"risk.objektagare.sof", 403},  // an object owner of the area
      {"infoagare.sof", 200},         // the information owner of SoF
  };
  for (const auto& row : rows) {
    Response r = s.Post(RiskPath(risk) + "/acceptance", As(row.who), body);
    EXPECT_EQ(r.status, row.expected) << row.who << ": " << r;
  }
  json accepted = Get(RiskPath(risk));
  EXPECT_EQ(accepted["state"], "accepted");
  EXPECT_EQ(accepted["acceptance"]["accepted_by"], s.UserId("infoagare.sof"));
  EXPECT_EQ(accepted["acceptance"]["valid_until"], SwedishDate(365));
  EXPECT_EQ(accepted["acceptance"]["motivation"], body["motivation"]);
  EXPECT_FALSE(accepted["acceptance"]["accepted_at"].is_null());
}

TEST_F(RiskTest, AcceptanceDatesAndMotivationAreChecked) {
  LisServer& s = server();
  json risk = CreateRisk(s, As("ciso"), analysis_, "Datumfel", 4, 3, {{"treatment", "accept"}});
  struct Case {
    const char* what;
    json motivation, valid_until;
    const char* field;
  };
  const Case cases[] = {
      {"today", "Skäl", SwedishDate(0), "valid_until"},
      {"yesterday", "Skäl", SwedishDate(-1), "valid_until"},
      {"beyond three years", "Skäl", SwedishDate(3 * 366 + 1), "valid_until"},
      {"not a date", "Skäl", "nästa år", "valid_until"},
      {"blank motivation", " ", SwedishDate(30), "motivation"},
  };
  for (const auto& c : cases) {
    Response r = s.Post(RiskPath(risk) + "/acceptance", As("infoagare.sof"),
                        {{"motivation", c.motivation},
                         {"valid_until", c.valid_until},
                         {"version", risk["version"]}});
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what;
  }
}

TEST_F(RiskTest, AtOrBelowTheThresholdAcceptNeedsNoDecision) {
  LisServer& s = server();
  json risk = CreateRisk(
      s, As("ciso"), analysis_, "Inom aptiten", 4, 4,
      {{"treatment", "accept"}, {"residual_likelihood", 2}, {"residual_consequence", 4}});
  EXPECT_EQ(risk["residual_score"], 8);
  EXPECT_EQ(risk["state"], "accepted");
  EXPECT_FALSE(risk["needs_acceptance_decision"].get<bool>());
  Response r = s.Post(
      RiskPath(risk) + "/acceptance", As("infoagare.sof"),
      {{"motivation", "Onödigt"}, {"valid_until", SwedishDate(30)}, {"version", risk["version"]}});
  EXPECT_EQ(r.status, 409) << r;
}

TEST_F(RiskTest, AnExpiredAcceptanceSendsTheRiskBackForReview) {
  LisServer& s = server();
  json risk = CreateRisk(s, As("ciso"), analysis_, "Går ut", 3, 4, {{"treatment", "accept"}});
  Response r = s.Post(RiskPath(risk) + "/acceptance", As("infoagare.sof"),
                      {{"motivation", "Tillfälligt"},
                       {"valid_until", SwedishDate(10)},
                       {"version", risk["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  auto review_ids = [&] {
    return IdSet(Get("/api/v1/risks?state=acceptance_expired&limit=500")["items"]);
  };
  EXPECT_EQ(review_ids().count(risk["id"].get<long long>()), 0u);
  // The decision's last day passes (behind the server's back).
  WriteDirect(s, [&](lis::store::Tx& tx) {
    tx.Exec("UPDATE risks SET acceptance_valid_until = ? WHERE id = ?",
            {lis::store::Value(SwedishDate(-1)), lis::store::Value(risk["id"].get<long long>())});
  });
  json expired = Get(RiskPath(risk));
  EXPECT_EQ(expired["state"], "acceptance_expired");
  EXPECT_EQ(review_ids().count(risk["id"].get<long long>()), 1u);
  json to_decide = Fetch(s, As("infoagare.sof"), "/api/v1/risks?state=needs_decision&limit=500");
  EXPECT_EQ(IdSet(to_decide["items"]).count(risk["id"].get<long long>()), 1u);
}

TEST_F(RiskTest, ChangingTheAssessmentVoidsTheAcceptance) {
  LisServer& s = server();
  json risk = CreateRisk(s, As("ciso"), analysis_, "Ändras", 3, 4, {{"treatment", "accept"}});
  Response r = s.Post(RiskPath(risk) + "/acceptance", As("infoagare.sof"),
                      {{"motivation", "Godtagbart"},
                       {"valid_until", SwedishDate(100)},
                       {"version", risk["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  json accepted = r.Json();
  // A change of text keeps the decision; a change of likelihood voids it.
  r = s.Patch(RiskPath(risk), As("ciso"), {{"version", accepted["version"]}, {"threat", "Ny"}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_TRUE(r.Json()["acceptance"].is_object());
  r = s.Patch(RiskPath(risk), As("ciso"), {{"version", r.Json()["version"]}, {"likelihood", 4}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_TRUE(r.Json()["acceptance"].is_null());
  EXPECT_TRUE(r.Json()["acceptance_invalidated_at"].is_string());
  EXPECT_EQ(r.Json()["state"], "awaiting_acceptance");
}

TEST_F(RiskTest, TheThresholdIsTheOrganisations) {
  LisServer& s = server();
  const Session& energi = As("ciso.energi");
  long long analysis = CreateAnalysis(s, energi, "Aptit", energi_);
  json risk = CreateRisk(s, energi, analysis, "Mellanrisk", 2, 3, {{"treatment", "accept"}});
  EXPECT_EQ(risk["state"], "accepted") << "6 is within the default threshold 8";
  Response put =
      s.Send("PUT", "/api/v1/org-units/" + Id(energi_) + "/risk-settings", energi,
             {{"threshold", 4}, {"yellow_from", 2}, {"orange_from", 4}, {"red_from", 6}});
  ASSERT_EQ(put.status, 200) << put;
  json now = Fetch(s, energi, RiskPath(risk));
  EXPECT_EQ(now["state"], "awaiting_acceptance");
  EXPECT_EQ(now["threshold"], 4);
  EXPECT_EQ(now["band"], "red");
  // A unit below the company uses the company's settings.
  json unit =
      Fetch(s, energi, "/api/v1/org-units/" + Id(s.OrgUnitId("Drift och nät")) + "/risk-settings");
  EXPECT_EQ(unit["threshold"], 4);
  EXPECT_EQ(unit["organisation_id"], energi_);
  // The municipality keeps the default.
  EXPECT_EQ(Get("/api/v1/org-units/" + Id(sof_) + "/risk-settings")["threshold"], 8);
}

TEST_F(RiskTest, SettingsAreCheckedAndKeptByTheCiso) {
  LisServer& s = server();
  const std::string kommun =
      "/api/v1/org-units/" + Id(s.OrgUnitId("Norrviks kommun")) + "/risk-settings";
  const json good = {{"threshold", 8}, {"yellow_from", 3}, {"orange_from", 6}, {"red_from", 9}};
  struct Case {
    const char* what;
    std::string path;
    std::string who;
    json body;
    int status;
    const char* field;
  };
  json bad_order = good;
  bad_order["orange_from"] = 2;
  json bad_threshold = good;
  bad_threshold["threshold"] = 17;
  const Case cases[] = {
      {"not an organisation", "/api/v1/org-units/" + Id(sof_) + "/risk-settings", "ciso", good, 400,
       "org_unit_id"},
      {"bands out of order", kommun, "ciso", bad_order, 400, "orange_from"},
      {"threshold above 16", kommun, "ciso", bad_threshold, 400, "threshold"},
      {"an information owner", "/api/v1/org-units/" + Id(sof_) + "/risk-settings", "infoagare.sof",
       good, 403, ""},
      {"another organisation's ciso", kommun, "ciso.energi", good, 404, ""},
      {"an employee", kommun, "medarbetare", good, 404, ""},
  };
  for (const auto& c : cases) {
    Response r = s.Send("PUT", c.path, As(c.who), c.body);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r;
    if (*c.field) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what;
  }
  long long before = s.AuditTotal();
  Response first = s.Send("PUT", kommun, As("ciso"), good);
  ASSERT_EQ(first.status, 200) << first;
  EXPECT_EQ(first.Json()["version"], 1);
  // Once stored, a change names its version.
  EXPECT_EQ(s.Send("PUT", kommun, As("ciso"), good).status, 400);
  json again = good;
  again["version"] = 1;
  EXPECT_EQ(s.Send("PUT", kommun, As("ciso"), again).status, 200);
  auto events = EventsSince(s, before);
  ASSERT_EQ(events.size(), 1u) << "the unchanged second write adds nothing";
  EXPECT_EQ(events[0]["entity"], "risk_settings");
}

TEST_F(RiskTest, ReassessmentIsRequestedAndEndedByTheOwner) {
  LisServer& s = server();
  json risk = CreateRisk(s, As("ciso"), analysis_, "Åtgärdad", 3, 3,
                         {{"treatment", "reduce"}, {"owner_id", owner_}});
  long long id = risk["id"].get<long long>();
  long long before = s.AuditTotal();
  WriteDirect(s, [&](lis::store::Tx& tx) {
    lis::Status st = lis::service::RequestReassessment(tx, id);
    EXPECT_TRUE(st.ok());
  });
  auto events = EventsSince(s, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["action"], "request_reassessment");
  const Session& owner = As("risk.agare");
  json mine = Fetch(s, owner, "/api/v1/risks?awaiting_reassessment=true&owner_id=" + Id(owner_));
  EXPECT_EQ(IdSet(mine["items"]).count(id), 1u);
  json current = Fetch(s, owner, RiskPath(risk));
  EXPECT_TRUE(current["awaiting_reassessment"].get<bool>());
  // Someone else's save of the residual level leaves the request; the owner's ends it.
  Response r = s.Patch(
      RiskPath(risk), As("ciso"),
      {{"version", current["version"]}, {"residual_likelihood", 2}, {"residual_consequence", 3}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_TRUE(r.Json()["awaiting_reassessment"].get<bool>());
  r = s.Patch(
      RiskPath(risk), owner,
      {{"version", r.Json()["version"]}, {"residual_likelihood", 1}, {"residual_consequence", 3}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_FALSE(r.Json()["awaiting_reassessment"].get<bool>());
  EXPECT_EQ(s.Post("/api/v1/risks/999999/acceptance", owner,
                   {{"motivation", "x"}, {"valid_until", SwedishDate(5)}, {"version", 1}})
                .status,
            404);
}

// Every cell of the matrix counts what the risk list filtered to that cell lists.
TEST_F(RiskTest, MatrixCountsEqualTheListCounts) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long analysis = CreateAnalysis(s, ciso, "Matrisen", sof_);
  CreateRisk(s, ciso, analysis, "A", 4, 4,
             {{"residual_likelihood", 2}, {"residual_consequence", 2}});
  CreateRisk(s, ciso, analysis, "B", 4, 4,
             {{"residual_likelihood", 1}, {"residual_consequence", 4}});
  CreateRisk(s, ciso, analysis, "C", 1, 2);
  for (const std::string filter : {"analysis_id=" + Id(analysis), "org_unit_id=" + Id(sof_)}) {
    json matrix = Get("/api/v1/risk-matrix?" + filter);
    ASSERT_EQ(matrix["cells"].size(), 16u);
    long long inherent = 0;
    for (const auto& c : matrix["cells"]) {
      inherent += c["inherent"].get<long long>();
      for (const std::string residual : {"", "&residual=true"}) {
        long long counted = c[residual.empty() ? "inherent" : "residual"];
        json list = Get("/api/v1/risks?limit=1&" + filter + "&likelihood=" + Id(c["likelihood"]) +
                        "&consequence=" + Id(c["consequence"]) + residual);
        EXPECT_EQ(list["total"], counted) << filter << " cell " << c.dump() << residual;
      }
    }
    EXPECT_EQ(inherent, matrix["total"]);
    EXPECT_EQ(Get("/api/v1/risks?limit=1&" + filter)["total"], matrix["total"]);
  }
  json matrix = Get("/api/v1/risk-matrix?analysis_id=" + Id(analysis));
  EXPECT_EQ(matrix["total"], 3);
  EXPECT_EQ(matrix["residual_total"], 2);
  EXPECT_EQ(matrix["cells"][0]["likelihood"], 4);
  EXPECT_EQ(matrix["cells"][3]["inherent"], 2) << "4 x 4";
}

// One audit event per change, naming the entity and the action.
TEST_F(RiskTest, EveryChangeWritesOneAuditEvent) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  const Session& owner = As("infoagare.sof");  // signed in before counting: a login is an event
  struct Step {
    const char* entity;
    const char* action;
  };
  long long before = s.AuditTotal();
  long long analysis = CreateAnalysis(s, ciso, "Spårad", sof_);
  json risk = CreateRisk(s, ciso, analysis, "Spårad risk", 4, 4, {{"treatment", "accept"}});
  Response r = s.Patch(RiskPath(risk), ciso, {{"version", 1}, {"threat", "Brand"}});
  ASSERT_EQ(r.status, 200) << r;
  r = s.Post(RiskPath(risk) + "/acceptance", owner,
             {{"motivation", "Beslut"}, {"valid_until", SwedishDate(20)}, {"version", 2}});
  ASSERT_EQ(r.status, 200) << r;
  ASSERT_EQ(s.Delete(RiskPath(risk), ciso).status, 204);
  ASSERT_EQ(s.Patch("/api/v1/risk-analyses/" + Id(analysis), ciso,
                    {{"version", 1}, {"status", "completed"}})
                .status,
            200);
  ASSERT_EQ(s.Delete("/api/v1/risk-analyses/" + Id(analysis), ciso).status, 204);
  const Step expected[] = {{"risk_analysis", "create"}, {"risk", "create"},
                           {"risk", "update"},          {"risk", "accept"},
                           {"risk", "delete"},          {"risk_analysis", "update"},
                           {"risk_analysis", "delete"}};
  auto events = EventsSince(s, before);
  ASSERT_EQ(events.size(), std::size(expected));
  for (size_t i = 0; i < events.size(); ++i) {
    EXPECT_EQ(events[i]["entity"], expected[i].entity) << i;
    EXPECT_EQ(events[i]["action"], expected[i].action) << i;
  }
}

}  // namespace
}  // namespace lis_test::risk_test
