// Who sees and handles deviations (issue 28, item 4; service/deviations/deviation_service.h),
// one row per rule: who, which endpoint on which deviation, and the status it gets.
//
//   Anyone reports at a unit of its own organisation. kDeviationRead on the unit reads (the
//   security chief, the board), kDeviationHandle handles (the CISO, the unit's contact
//   person); the reporter and the responsible person read theirs. Everybody else: 404 by id,
//   absent in lists; a refused change by one who reads is 403.
//
// Deviations (made in Prepare): kSof at Socialförvaltningen reported by "medarbetare" with
// "dv.ansvarig" (who holds no role) responsible; kEnergi at Norrvik Energi AB's "Drift och
// nät", reported by its CISO.
#include <map>

#include "deviation_support.h"

namespace lis_test::deviation_roles_test {
namespace {

enum class Action {
  kList,     // present in GET /deviations (200) or absent (404)
  kGet,      // GET /deviations/{id}
  kHistory,  // GET /deviations/{id}/history
  kPatch,    // PATCH /deviations/{id} (severity)
  kMove,     // POST /deviations/{id}/move: reject, on a fresh deviation at the target's unit
  kVerdict,  // POST /deviations/{id}/verdict on the target (still reported: 400 once allowed)
  kDelete,   // DELETE /deviations/{id} of a fresh deviation at the target's unit
  kCreate,   // POST /deviations at the target's unit
};

enum Target { kSof, kEnergi };

struct Row {
  const char* who;
  Action action;
  Target target;
  int expected;
};

const char* kResponsible = "dv.ansvarig";  // responsible for kSof, holds no role
const char* kOther = "dv.annan";           // an employee of Socialförvaltningen

using A = Action;
// clang-format off
const Row kRows[] = {
  // The reporter: reads its own report, handles nothing; reports in its own organisation only.
  {"medarbetare", A::kList,    kSof,    200},
  {"medarbetare", A::kGet,     kSof,    200},
  {"medarbetare", A::kHistory, kSof,    200},
  {"medarbetare", A::kPatch,   kSof,    403},
  {"medarbetare", A::kVerdict, kSof,    403},
  {"medarbetare", A::kCreate,  kSof,    201},
  {"medarbetare", A::kGet,     kEnergi, 404},
  {"medarbetare", A::kCreate,  kEnergi, 400},
  // Another employee of the same unit sees nothing of it, and may report.
  {kOther, A::kList,    kSof, 404},
  {kOther, A::kGet,     kSof, 404},
  {kOther, A::kHistory, kSof, 404},
  {kOther, A::kPatch,   kSof, 404},
  {kOther, A::kVerdict, kSof, 404},
  {kOther, A::kCreate,  kSof, 201},
  // The responsible person reads it.
  {kResponsible, A::kList,    kSof, 200},
  {kResponsible, A::kGet,     kSof, 200},
  {kResponsible, A::kPatch,   kSof, 403},
  // The unit's contact person handles the unit's deviations.
  {"kontakt.sof", A::kList,    kSof,    200},
  {"kontakt.sof", A::kGet,     kSof,    200},
  {"kontakt.sof", A::kHistory, kSof,    200},
  {"kontakt.sof", A::kPatch,   kSof,    200},
  {"kontakt.sof", A::kMove,    kSof,    200},
  {"kontakt.sof", A::kVerdict, kSof,    400},
  {"kontakt.sof", A::kDelete,  kSof,    204},
  {"kontakt.sof", A::kCreate,  kSof,    201},
  {"kontakt.sof", A::kGet,     kEnergi, 404},
  {"kontakt.sof", A::kPatch,   kEnergi, 404},
  // The CISO of the municipality: everything in scope, nothing of a company.
  {"ciso", A::kList,    kSof,    200},
  {"ciso", A::kGet,     kSof,    200},
  {"ciso", A::kPatch,   kSof,    200},
  {"ciso", A::kMove,    kSof,    200},
  {"ciso", A::kVerdict, kSof,    400},
  {"ciso", A::kDelete,  kSof,    204},
  {"ciso", A::kList,    kEnergi, 404},
  {"ciso", A::kGet,     kEnergi, 404},
  {"ciso", A::kPatch,   kEnergi, 404},
  {"ciso", A::kCreate,  kEnergi, 400},
  // The company's CISO: its own company only.
  {"ciso.energi", A::kGet,    kSof,    404},
  {"ciso.energi", A::kPatch,  kSof,    404},
  {"ciso.energi", A::kGet,    kEnergi, 200},
  {"ciso.energi", A::kPatch,  kEnergi, 200},
  {"ciso.energi", A::kMove,   kEnergi, 200},
  {"ciso.energi", A::kCreate, kEnergi, 201},
  {"ciso.energi", A::kCreate, kSof,    400},
  // The security chief (whole group) reads everything and handles nothing.
  {"sakerhetschef", A::kList,    kSof,    200},
  {"sakerhetschef", A::kGet,     kEnergi, 200},
  {"sakerhetschef", A::kHistory, kSof,    200},
  {"sakerhetschef", A::kPatch,   kSof,    403},
  {"sakerhetschef", A::kMove,    kSof,    403},
  {"sakerhetschef", A::kVerdict, kSof,    403},
  {"sakerhetschef", A::kDelete,  kSof,    403},
  // The board reads the municipality's deviations.
  {"ks.ordforande", A::kList,    kSof,    200},
  {"ks.ordforande", A::kGet,     kSof,    200},
  {"ks.ordforande", A::kPatch,   kSof,    403},
  {"ks.ordforande", A::kVerdict, kSof,    403},
  {"ks.ordforande", A::kGet,     kEnergi, 404},
  // Roles without deviation permissions see none.
  {"objektagare",   A::kList, kSof, 404},
  {"objektagare",   A::kGet,  kSof, 404},
  {"infoagare.sof", A::kGet,  kSof, 404},
  {"itsak",         A::kGet,  kSof, 404},
  {"dso",           A::kGet,  kSof, 404},
  {"admin",         A::kGet,  kSof, 404},
  {"admin",         A::kList, kSof, 404},
};
// clang-format on

class DeviationRolesTest : public SharedServerTest<DeviationRolesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static void Prepare() {
    LisServer& s = server();
    sessions_ = std::make_unique<Sessions>(s);
    long long sof = s.OrgUnitId("Socialförvaltningen");
    long long responsible = s.CreateUser(kResponsible, sof)["id"];
    s.AddRole(s.CreateUser(kOther, sof)["id"], "employee", sof);
    units_[kSof] = sof;
    units_[kEnergi] = s.OrgUnitId("Drift och nät");
    deviations_[kSof] =
        ReportDeviation(s, As("medarbetare"), DeviationBody("Rollavvikelse", sof))["id"];
    deviations_[kEnergi] = ReportDeviation(s, As("ciso.energi"),
                                           DeviationBody("Energiavvikelse", units_[kEnergi]))["id"];
    json current = Fetch(s, As("ciso"), DeviationPath(deviations_[kSof]));
    Response r = s.Patch(DeviationPath(deviations_[kSof]), As("ciso"),
                         {{"responsible_id", responsible}, {"version", current["version"]}});
    EXPECT_EQ(r.status, 200) << r;
    prepared_ = true;
  }

  static const Session& As(const std::string& who) { return (*sessions_)(who); }

  // A fresh deviation at the target's unit, reported by the CISO who handles it.
  static long long Fresh(Target t) {
    const Auth& maker = As(t == kEnergi ? "ciso.energi" : "ciso");
    return ReportDeviation(server(), maker, DeviationBody("Tillfällig", units_.at(t)))["id"];
  }

  static int Listed(const Auth& auth, long long id) {
    Response r = server().Get("/api/v1/deviations?limit=500", auth);
    if (r.status != 200) return r.status;
    return IdSet(r.Json()["items"]).count(id) ? 200 : 404;
  }

  static int Run(const std::string& who, Action action, Target t) {
    LisServer& s = server();
    const Auth& auth = As(who);
    long long id = deviations_.at(t);
    switch (action) {
      case A::kList:
        return Listed(auth, id);
      case A::kGet:
        return s.Get(DeviationPath(id), auth).status;
      case A::kHistory:
        return s.Get(DeviationPath(id, "/history"), auth).status;
      case A::kPatch: {
        json current = Fetch(s, As(t == kEnergi ? "ciso.energi" : "ciso"), DeviationPath(id));
        return s
            .Patch(DeviationPath(id), auth,
                   {{"severity", current["severity"] == "high" ? "medium" : "high"},
                    {"version", current["version"]}})
            .status;
      }
      case A::kMove: {
        long long fresh = Fresh(t);
        return s
            .Post(DeviationPath(fresh, "/move"), auth,
                  {{"move", "reject"}, {"rejection_reason", "Ingen avvikelse"}, {"version", 1}})
            .status;
      }
      case A::kVerdict:
        return s
            .Post(DeviationPath(id, "/verdict"), auth,
                  {{"effective", true}, {"motivation", "Fungerar"}, {"version", 1}})
            .status;
      case A::kDelete:
        return s.Delete(DeviationPath(Fresh(t)) + "?version=1", auth).status;
      case A::kCreate:
        return s.Post("/api/v1/deviations", auth, DeviationBody("Ny rapport", units_.at(t))).status;
    }
    return 0;
  }

  static inline std::unique_ptr<Sessions> sessions_;
  static inline std::map<Target, long long> units_;
  static inline std::map<Target, long long> deviations_;
  static inline bool prepared_ = false;
};

TEST_F(DeviationRolesTest, EveryRoleGetsWhatTheRulesGiveIt) {
  for (const Row& row : kRows)
    EXPECT_EQ(Run(row.who, row.action, row.target), row.expected)
        << row.who << " action " << static_cast<int>(row.action) << " on target " << row.target;
}

// The page names the responsible person in its details and its history, never by an id.
TEST_F(DeviationRolesTest, ThePageNamesThePeopleItRefersTo) {
  Response page = server().Get("/deviations/" + Id(deviations_.at(kSof)), As("ciso"));
  ASSERT_EQ(page.status, 200);
  std::string responsible = Id(server().UserId(kResponsible));
  EXPECT_EQ(page.body.find("<dd class=\"pre-wrap\">" + responsible + "</dd>"), std::string::npos);
  EXPECT_EQ(page.body.find(">" + responsible + "<"), std::string::npos) << page.body;
}

// A person who is not allowed to see a deviation learns nothing of it from the list.
TEST_F(DeviationRolesTest, AListShowsOnlyWhatTheCallerSees) {
  json listed = Fetch(server(), As("medarbetare"), "/api/v1/deviations?limit=500");
  for (const auto& d : listed["items"])
    EXPECT_EQ(d["reported_by"], As("medarbetare").user_id) << d.dump();
  EXPECT_GE(listed["total"].get<long long>(), 1);
}

}  // namespace
}  // namespace lis_test::deviation_roles_test
