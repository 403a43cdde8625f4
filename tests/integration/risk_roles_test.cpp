// The permission rules of the risk area (issue 5, item 6), one row per rule: who (a role in a
// scope), what it does to which record, and the status it gets.
//
//   kRiskRead in scope reads; kRiskWrite on a node edits the analyses and risks of its subtree;
//   object roles held on one object edit the analyses scoped to that object or its systems;
//   the risk owner edits its own risk; the CISO does everything in its scope but accepts
//   nothing; the information owner reads and accepts in its area. Out of scope is 404, a
//   refused write 403.
//
// Records, all made by the CISO (Norrviks kommun): the BoU object "Rollriskobjekt" with the
// system "Rollrisksystem"; analyses of SoF (unit), of BoU (unit), of the object and of the
// system, each with one risk above the threshold with treatment accept (owned by "rr.agare",
// who holds no role).
#include <map>

#include "risk_support.h"

namespace lis_test::risk_roles_test {
namespace {

enum class Action {
  kListAnalyses,    // the analysis is in GET /risk-analyses (200) or not (404)
  kGetAnalysis,     // GET /risk-analyses/{id}
  kAnalysisAt,      // GET /risk-analyses/{id}/history
  kEditAnalysis,    // PATCH /risk-analyses/{id}
  kCreateAnalysis,  // POST /risk-analyses with the target's scope
  kDeleteAnalysis,  // DELETE /risk-analyses/{id} of a fresh analysis with the target's scope
  kListRisks,       // the risk is in GET /risks (200) or not (404)
  kGetRisk,         // GET /risks/{id}
  kRiskHistory,     // GET /risks/{id}/history
  kEditRisk,        // PATCH /risks/{id}
  kCreateRisk,      // POST /risks in the analysis
  kDeleteRisk,      // DELETE /risks/{id} of a fresh risk in the analysis
  kAccept,          // POST /risks/{id}/acceptance
  kMatrix,          // GET /risk-matrix?analysis_id=
  kGetSettings,     // GET /org-units/{unit}/risk-settings
  kPutSettings,     // PUT /org-units/{organisation}/risk-settings
};

enum Target { kSof, kBou, kObject, kSystem };

struct Row {
  const char* who;
  const char* scope;  // for the reader of a failure
  Action action;
  Target target;
  int expected;
};

const char* kObjectOwner = "rr.objekt";  // object_owner on Rollriskobjekt only
const char* kRiskOwner = "rr.agare";     // owns every risk here, holds no role

using A = Action;
// clang-format off
const Row kRows[] = {
  // The CISO of the municipality: everything in scope, but no acceptance.
  {"ciso", "Norrviks kommun", A::kListAnalyses,   kSof,    200},
  {"ciso", "Norrviks kommun", A::kGetAnalysis,    kSof,    200},
  {"ciso", "Norrviks kommun", A::kAnalysisAt,     kSof,    200},
  {"ciso", "Norrviks kommun", A::kEditAnalysis,   kBou,    200},
  {"ciso", "Norrviks kommun", A::kCreateAnalysis, kSystem, 201},
  {"ciso", "Norrviks kommun", A::kDeleteAnalysis, kSof,    204},
  {"ciso", "Norrviks kommun", A::kListRisks,      kSof,    200},
  {"ciso", "Norrviks kommun", A::kGetRisk,        kSof,    200},
  {"ciso", "Norrviks kommun", A::kRiskHistory,    kSof,    200},
  {"ciso", "Norrviks kommun", A::kEditRisk,       kSof,    200},
  {"ciso", "Norrviks kommun", A::kCreateRisk,     kObject, 201},
  {"ciso", "Norrviks kommun", A::kDeleteRisk,     kSof,    204},
  {"ciso", "Norrviks kommun", A::kAccept,         kSof,    403},
  {"ciso", "Norrviks kommun", A::kMatrix,         kSof,    200},
  {"ciso", "Norrviks kommun", A::kGetSettings,    kSof,    200},
  {"ciso", "Norrviks kommun", A::kPutSettings,    kSof,    200},
  // A company's CISO reaches nothing of the municipality.
  {"ciso.energi", "Norrvik Energi AB", A::kListAnalyses, kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kGetAnalysis,  kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kEditAnalysis, kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kCreateAnalysis, kSof, 403},
  {"ciso.energi", "Norrvik Energi AB", A::kGetRisk,      kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kEditRisk,     kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kCreateRisk,   kSof,  400},
  {"ciso.energi", "Norrvik Energi AB", A::kMatrix,       kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kGetSettings,  kSof,  404},
  {"ciso.energi", "Norrvik Energi AB", A::kPutSettings,  kSof,  404},
  // An object owner held on the BoU node edits BoU's analyses, not SoF's.
  {"objektagare", "BoU", A::kGetAnalysis,    kBou,    200},
  {"objektagare", "BoU", A::kEditAnalysis,   kBou,    200},
  {"objektagare", "BoU", A::kEditRisk,       kObject, 200},
  {"objektagare", "BoU", A::kCreateAnalysis, kBou,    201},
  {"objektagare", "BoU", A::kGetAnalysis,    kSof,    404},
  {"objektagare", "BoU", A::kEditRisk,       kSof,    404},
  {"objektagare", "BoU", A::kAccept,         kBou,    403},
  {"objektagare", "BoU", A::kPutSettings,    kBou,    404},
  // An object owner on one object: the analyses of the object and its systems only.
  {kObjectOwner, "Rollriskobjekt", A::kListAnalyses,   kObject, 200},
  {kObjectOwner, "Rollriskobjekt", A::kGetAnalysis,    kObject, 200},
  {kObjectOwner, "Rollriskobjekt", A::kGetAnalysis,    kSystem, 200},
  {kObjectOwner, "Rollriskobjekt", A::kEditAnalysis,   kObject, 200},
  {kObjectOwner, "Rollriskobjekt", A::kEditAnalysis,   kSystem, 200},
  {kObjectOwner, "Rollriskobjekt", A::kCreateAnalysis, kSystem, 201},
  {kObjectOwner, "Rollriskobjekt", A::kDeleteAnalysis, kObject, 204},
  {kObjectOwner, "Rollriskobjekt", A::kListRisks,      kSystem, 200},
  {kObjectOwner, "Rollriskobjekt", A::kEditRisk,       kSystem, 200},
  {kObjectOwner, "Rollriskobjekt", A::kCreateRisk,     kObject, 201},
  {kObjectOwner, "Rollriskobjekt", A::kDeleteRisk,     kObject, 204},
  {kObjectOwner, "Rollriskobjekt", A::kMatrix,         kObject, 200},
  {kObjectOwner, "Rollriskobjekt", A::kAccept,         kObject, 403},
  {kObjectOwner, "Rollriskobjekt", A::kListAnalyses,   kBou,    404},
  {kObjectOwner, "Rollriskobjekt", A::kGetAnalysis,    kBou,    404},
  {kObjectOwner, "Rollriskobjekt", A::kEditRisk,       kBou,    404},
  {kObjectOwner, "Rollriskobjekt", A::kCreateAnalysis, kBou,    403},
  {kObjectOwner, "Rollriskobjekt", A::kCreateRisk,     kBou,    400},
  {kObjectOwner, "Rollriskobjekt", A::kMatrix,         kBou,    404},
  // The information owner of SoF reads and accepts SoF's risks and changes nothing.
  {"infoagare.sof", "SoF", A::kListAnalyses,   kSof, 200},
  {"infoagare.sof", "SoF", A::kGetRisk,        kSof, 200},
  {"infoagare.sof", "SoF", A::kRiskHistory,    kSof, 200},
  {"infoagare.sof", "SoF", A::kMatrix,         kSof, 200},
  {"infoagare.sof", "SoF", A::kGetSettings,    kSof, 200},
  {"infoagare.sof", "SoF", A::kEditAnalysis,   kSof, 403},
  {"infoagare.sof", "SoF", A::kEditRisk,       kSof, 403},
  {"infoagare.sof", "SoF", A::kCreateRisk,     kSof, 403},
  {"infoagare.sof", "SoF", A::kCreateAnalysis, kSof, 403},
  {"infoagare.sof", "SoF", A::kDeleteRisk,     kSof, 403},
  {"infoagare.sof", "SoF", A::kPutSettings,    kSof, 404},
  {"infoagare.sof", "SoF", A::kAccept,         kSof, 200},
  {"infoagare.sof", "SoF", A::kGetRisk,        kBou, 404},
  {"infoagare.sof", "SoF", A::kAccept,         kBou, 404},
  // The risk owner edits its own risk and sees nothing else of the analysis.
  {kRiskOwner, "-", A::kGetRisk,      kSof, 200},
  {kRiskOwner, "-", A::kListRisks,    kSof, 200},
  {kRiskOwner, "-", A::kRiskHistory,  kSof, 200},
  {kRiskOwner, "-", A::kEditRisk,     kSof, 200},
  {kRiskOwner, "-", A::kGetAnalysis,  kSof, 404},
  {kRiskOwner, "-", A::kCreateRisk,   kSof, 400},
  {kRiskOwner, "-", A::kAccept,       kSof, 403},
  {kRiskOwner, "-", A::kMatrix,       kSof, 404},
  // An employee reads no risks.
  {"medarbetare", "SoF", A::kListAnalyses, kSof, 404},
  {"medarbetare", "SoF", A::kGetAnalysis,  kSof, 404},
  {"medarbetare", "SoF", A::kListRisks,    kSof, 404},
  {"medarbetare", "SoF", A::kGetRisk,      kSof, 404},
  {"medarbetare", "SoF", A::kEditRisk,     kSof, 404},
  {"medarbetare", "SoF", A::kMatrix,       kSof, 404},
  {"medarbetare", "SoF", A::kGetSettings,  kSof, 404},
};
// clang-format on

class RiskRolesTest : public SharedServerTest<RiskRolesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static void Prepare() {
    LisServer& s = server();
    sessions_ = std::make_unique<Sessions>(s);
    const Session& ciso = As("ciso");
    units_[kSof] = s.OrgUnitId("Socialförvaltningen");
    units_[kBou] = units_[kObject] = units_[kSystem] =
        s.OrgUnitId("Barn- och utbildningsförvaltningen");
    object_ = CreateObject(s, ciso, "Rollriskobjekt", units_[kBou]);
    system_ = CreateSystem(s, ciso, "Rollrisksystem", object_);
    owner_ = s.CreateUser(kRiskOwner, units_[kSof])["id"];
    long long user = s.CreateUser(kObjectOwner, units_[kBou])["id"];
    Response r = s.Post("/api/v1/users/" + Id(user) + "/roles", s.Admin(),
                        {{"role", "object_owner"}, {"object_id", object_}});
    EXPECT_EQ(r.status, 201) << r;
    for (Target t : {kSof, kBou, kObject, kSystem}) {
      analyses_[t] = MustCreate(s, ciso, "risk-analyses", AnalysisBody(t, "Analys"))["id"];
      risks_[t] = NewRisk(t);
    }
    prepared_ = true;
  }

  static const Session& As(const std::string& who) { return (*sessions_)(who); }

  static json AnalysisBody(Target t, const std::string& title) {
    json body = {{"title", title}};
    if (t == kObject) return body.update({{"scope_kind", "object"}, {"scope_id", object_}}), body;
    if (t == kSystem) return body.update({{"scope_kind", "system"}, {"scope_id", system_}}), body;
    body["org_unit_id"] = units_.at(t);
    return body;
  }

  // A risk above the threshold with treatment accept in the analysis of `t`, owned by the
  // risk owner.
  static long long NewRisk(Target t) {
    return CreateRisk(server(), As("ciso"), analyses_.at(t), "Risk", 4, 4,
                      {{"treatment", "accept"}, {"owner_id", owner_}})["id"];
  }

  static int Listed(const std::string& path, const Auth& auth, long long id) {
    Response r = server().Get(path, auth);
    if (r.status != 200) return r.status;
    return IdSet(r.Json()["items"]).count(id) ? 200 : 404;
  }

  static int Run(const std::string& who, Action action, Target t) {
    LisServer& s = server();
    const Auth& auth = As(who);
    const std::string analysis = "/api/v1/risk-analyses/" + Id(analyses_.at(t));
    const std::string risk = "/api/v1/risks/" + Id(risks_.at(t));
    auto version = [&](const std::string& path) { return Fetch(s, As("ciso"), path)["version"]; };
    switch (action) {
      case A::kListAnalyses:
        return Listed("/api/v1/risk-analyses?limit=500", auth, analyses_.at(t));
      case A::kGetAnalysis:
        return s.Get(analysis, auth).status;
      case A::kAnalysisAt:
        return s.Get(analysis + "/history", auth).status;
      case A::kEditAnalysis:
        return s.Patch(analysis, auth, {{"version", version(analysis)}, {"participants", who}})
            .status;
      case A::kCreateAnalysis:
        return s.Post("/api/v1/risk-analyses", auth, AnalysisBody(t, "Ny av " + who)).status;
      case A::kDeleteAnalysis: {
        long long id = MustCreate(s, As("ciso"), "risk-analyses", AnalysisBody(t, "Bort"))["id"];
        return s.Delete("/api/v1/risk-analyses/" + Id(id), auth).status;
      }
      case A::kListRisks:
        return Listed("/api/v1/risks?limit=500", auth, risks_.at(t));
      case A::kGetRisk:
        return s.Get(risk, auth).status;
      case A::kRiskHistory:
        return s.Get(risk + "/history", auth).status;
      case A::kEditRisk:
        return s.Patch(risk, auth, {{"version", version(risk)}, {"threat", "Av " + who}}).status;
      case A::kCreateRisk:
        return s.Post("/api/v1/risks", auth, RiskBody(analyses_.at(t), "Ny", 2, 2)).status;
      case A::kDeleteRisk:
        return s.Delete("/api/v1/risks/" + Id(NewRisk(t)), auth).status;
      case A::kAccept: {
        long long id = NewRisk(t);
        return s
            .Post("/api/v1/risks/" + Id(id) + "/acceptance", auth,
                  {{"motivation", "Godtas"}, {"valid_until", SwedishDate(30)}, {"version", 1}})
            .status;
      }
      case A::kMatrix:
        return s.Get("/api/v1/risk-matrix?analysis_id=" + Id(analyses_.at(t)), auth).status;
      case A::kGetSettings:
        return s.Get("/api/v1/org-units/" + Id(units_.at(t)) + "/risk-settings", auth).status;
      case A::kPutSettings: {
        const std::string path =
            "/api/v1/org-units/" + Id(s.OrgUnitId("Norrviks kommun")) + "/risk-settings";
        json body = {{"threshold", 8}, {"yellow_from", 3}, {"orange_from", 6}, {"red_from", 9}};
        json current = Fetch(s, As("ciso"), path);
        if (!current["version"].is_null()) body["version"] = current["version"];
        return s.Send("PUT", path, auth, body).status;
      }
    }
    return 0;
  }

  static inline bool prepared_ = false;
  static inline std::unique_ptr<Sessions> sessions_;
  static inline std::map<Target, long long> units_, analyses_, risks_;
  static inline long long object_ = 0, system_ = 0, owner_ = 0;
};

TEST_F(RiskRolesTest, EveryRuleHolds) {
  for (const auto& row : kRows)
    EXPECT_EQ(Run(row.who, row.action, row.target), row.expected)
        << row.who << " (" << row.scope << ") action " << static_cast<int>(row.action)
        << " on target " << static_cast<int>(row.target);
}

}  // namespace
}  // namespace lis_test::risk_roles_test
