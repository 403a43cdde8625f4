// The confidentiality of incidents (issue 6, item 5; service/incidents/incident_access.h), one
// row per rule: who (a role in a scope), which endpoint on which incident, and what it gets.
//
//   Full view: kIncidentRead on the unit (CISO, security chief, IT security), the DPO when the
//   incident may involve personal data, the assigned handler whatever its roles. Handling
//   (PATCH, links): kIncidentHandle (CISO, IT security) or the assigned handler; the timeline
//   also takes entries from the DPO on personal-data incidents. The reporter sees its own
//   report as a summary and nothing else of it. Everybody else: 404 by id, absent in lists.
//
// Incidents (made in Prepare): kPlain at Socialförvaltningen reported by "medarbetare" with
// handler "ir.handlare" (who holds no role); kPersonal, the same but personal data may be
// involved and no handler; kEnergi at Norrvik Energi AB's "Drift och nät", reported by its
// CISO.
#include <map>

#include "incident_support.h"

namespace lis_test::incident_roles_test {
namespace {

enum class Action {
  kList,          // present in GET /incidents (200) or absent (404)
  kListReported,  // present in GET /incidents?reported_by=me (200) or absent (404)
  kGet,           // GET /incidents/{id}: 200 full view, kSummary reporter summary, or status
  kHistory,       // GET /incidents/{id}/history
  kTimeline,      // GET /incidents/{id}/timeline
  kEntry,         // GET /incidents/{id}/timeline/{entry_id}
  kAddEntry,      // POST /incidents/{id}/timeline (a note)
  kLinks,         // GET /incidents/{id}/links
  kAddLink,       // POST /incidents/{id}/links to a system that does not exist: 400 once past
                  // the permission check
  kRemoveLink,    // DELETE /incidents/{id}/links/{link_id} (a link the CISO made)
  kPatch,         // PATCH /incidents/{id} (breach_measures)
};

enum Target { kPlain, kPersonal, kEnergi };

// GET answered 200 with the reporter's summary (view "reporter").
constexpr int kSummary = 1200;

struct Row {
  const char* who;
  Action action;
  Target target;
  int expected;
};

const char* kHandler = "ir.handlare";  // assigned handler of kPlain, holds no role
const char* kOther = "ir.annan";       // an employee of Socialförvaltningen

using A = Action;
// clang-format off
const Row kRows[] = {
  // The reporter: its own summary, nothing of the handling.
  {"medarbetare", A::kList,         kPlain,    404},
  {"medarbetare", A::kListReported, kPlain,    200},
  {"medarbetare", A::kListReported, kPersonal, 200},
  {"medarbetare", A::kGet,          kPlain,    kSummary},
  {"medarbetare", A::kGet,          kPersonal, kSummary},
  {"medarbetare", A::kHistory,      kPlain,    404},
  {"medarbetare", A::kTimeline,     kPlain,    404},
  {"medarbetare", A::kEntry,        kPlain,    404},
  {"medarbetare", A::kLinks,        kPlain,    404},
  {"medarbetare", A::kAddEntry,     kPlain,    403},
  {"medarbetare", A::kAddLink,      kPlain,    403},
  {"medarbetare", A::kRemoveLink,   kPlain,    403},
  {"medarbetare", A::kPatch,        kPlain,    403},
  {"medarbetare", A::kGet,          kEnergi,   404},
  {"medarbetare", A::kListReported, kEnergi,   404},
  // Another employee of the same unit sees nothing.
  {kOther, A::kList,         kPlain, 404},
  {kOther, A::kListReported, kPlain, 404},
  {kOther, A::kGet,          kPlain, 404},
  {kOther, A::kHistory,      kPlain, 404},
  {kOther, A::kTimeline,     kPlain, 404},
  {kOther, A::kEntry,        kPlain, 404},
  {kOther, A::kLinks,        kPlain, 404},
  {kOther, A::kAddEntry,     kPlain, 404},
  {kOther, A::kAddLink,      kPlain, 404},
  {kOther, A::kRemoveLink,   kPlain, 404},
  {kOther, A::kPatch,        kPlain, 404},
  // Contact person, object owner, information owner, board and admin: nothing.
  {"kontakt.sof",   A::kList,     kPlain,    404},
  {"kontakt.sof",   A::kGet,      kPlain,    404},
  {"kontakt.sof",   A::kTimeline, kPlain,    404},
  {"kontakt.sof",   A::kPatch,    kPlain,    404},
  {"objektagare",   A::kList,     kPlain,    404},
  {"objektagare",   A::kGet,      kPersonal, 404},
  {"objektagare",   A::kPatch,    kPlain,    404},
  {"infoagare.sof", A::kList,     kPlain,    404},
  {"infoagare.sof", A::kGet,      kPlain,    404},
  {"infoagare.sof", A::kGet,      kPersonal, 404},
  {"infoagare.sof", A::kAddEntry, kPlain,    404},
  {"ks.ordforande", A::kList,     kPlain,    404},
  {"ks.ordforande", A::kGet,      kPlain,    404},
  {"ks.ordforande", A::kHistory,  kPlain,    404},
  {"ks.ordforande", A::kLinks,    kPlain,    404},
  {"admin",         A::kList,     kPlain,    404},
  {"admin",         A::kGet,      kPlain,    404},
  {"admin",         A::kHistory,  kPlain,    404},
  {"admin",         A::kTimeline, kPlain,    404},
  {"admin",         A::kPatch,    kPlain,    404},
  // The CISO of the municipality: everything in scope, nothing of a company.
  {"ciso", A::kList,         kPlain,    200},
  {"ciso", A::kList,         kPersonal, 200},
  {"ciso", A::kListReported, kPlain,    404},
  {"ciso", A::kGet,          kPlain,    200},
  {"ciso", A::kGet,          kPersonal, 200},
  {"ciso", A::kHistory,      kPlain,    200},
  {"ciso", A::kTimeline,     kPlain,    200},
  {"ciso", A::kEntry,        kPlain,    200},
  {"ciso", A::kLinks,        kPlain,    200},
  {"ciso", A::kAddEntry,     kPlain,    201},
  {"ciso", A::kAddLink,      kPlain,    400},
  {"ciso", A::kRemoveLink,   kPlain,    204},
  {"ciso", A::kPatch,        kPlain,    200},
  {"ciso", A::kPatch,        kPersonal, 200},
  {"ciso", A::kList,         kEnergi,   404},
  {"ciso", A::kGet,          kEnergi,   404},
  {"ciso", A::kTimeline,     kEnergi,   404},
  {"ciso", A::kAddEntry,     kEnergi,   404},
  {"ciso", A::kPatch,        kEnergi,   404},
  // The company's CISO: its own incident only.
  {"ciso.energi", A::kList,     kPlain,  404},
  {"ciso.energi", A::kGet,      kPlain,  404},
  {"ciso.energi", A::kHistory,  kPlain,  404},
  {"ciso.energi", A::kPatch,    kPlain,  404},
  {"ciso.energi", A::kAddEntry, kPlain,  404},
  {"ciso.energi", A::kList,     kEnergi, 200},
  {"ciso.energi", A::kGet,      kEnergi, 200},
  {"ciso.energi", A::kPatch,    kEnergi, 200},
  // The security chief (whole group) reads everything and handles nothing.
  {"sakerhetschef", A::kList,       kPlain,  200},
  {"sakerhetschef", A::kGet,        kPlain,  200},
  {"sakerhetschef", A::kGet,        kEnergi, 200},
  {"sakerhetschef", A::kHistory,    kPlain,  200},
  {"sakerhetschef", A::kTimeline,   kPlain,  200},
  {"sakerhetschef", A::kEntry,      kPlain,  200},
  {"sakerhetschef", A::kLinks,      kPlain,  200},
  {"sakerhetschef", A::kAddEntry,   kPlain,  403},
  {"sakerhetschef", A::kAddLink,    kPlain,  403},
  {"sakerhetschef", A::kRemoveLink, kPlain,  403},
  {"sakerhetschef", A::kPatch,      kPlain,  403},
  // IT security of the municipality handles in its scope.
  {"itsak", A::kList,       kPlain,  200},
  {"itsak", A::kGet,        kPlain,  200},
  {"itsak", A::kTimeline,   kPlain,  200},
  {"itsak", A::kAddEntry,   kPlain,  201},
  {"itsak", A::kAddLink,    kPlain,  400},
  {"itsak", A::kRemoveLink, kPlain,  204},
  {"itsak", A::kPatch,      kPlain,  200},
  {"itsak", A::kGet,        kEnergi, 404},
  {"itsak", A::kList,       kEnergi, 404},
  // The DPO: personal-data incidents in full, and adds its advice to their timeline.
  {"dso", A::kList,       kPersonal, 200},
  {"dso", A::kGet,        kPersonal, 200},
  {"dso", A::kHistory,    kPersonal, 200},
  {"dso", A::kTimeline,   kPersonal, 200},
  {"dso", A::kEntry,      kPersonal, 200},
  {"dso", A::kLinks,      kPersonal, 200},
  {"dso", A::kAddEntry,   kPersonal, 201},
  {"dso", A::kAddLink,    kPersonal, 403},
  {"dso", A::kRemoveLink, kPersonal, 403},
  {"dso", A::kPatch,      kPersonal, 403},
  {"dso", A::kList,       kPlain,    404},
  {"dso", A::kGet,        kPlain,    404},
  {"dso", A::kTimeline,   kPlain,    404},
  {"dso", A::kAddEntry,   kPlain,    404},
  {"dso", A::kPatch,      kPlain,    404},
  // The assigned handler without roles handles its incident and sees no other.
  {kHandler, A::kList,       kPlain,    200},
  {kHandler, A::kGet,        kPlain,    200},
  {kHandler, A::kHistory,    kPlain,    200},
  {kHandler, A::kTimeline,   kPlain,    200},
  {kHandler, A::kEntry,      kPlain,    200},
  {kHandler, A::kLinks,      kPlain,    200},
  {kHandler, A::kAddEntry,   kPlain,    201},
  {kHandler, A::kAddLink,    kPlain,    400},
  {kHandler, A::kRemoveLink, kPlain,    204},
  {kHandler, A::kPatch,      kPlain,    200},
  {kHandler, A::kList,       kPersonal, 404},
  {kHandler, A::kGet,        kPersonal, 404},
  {kHandler, A::kTimeline,   kPersonal, 404},
  {kHandler, A::kPatch,      kPersonal, 404},
};
// clang-format on

class IncidentRolesTest : public SharedServerTest<IncidentRolesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static void Prepare() {
    LisServer& s = server();
    sessions_ = std::make_unique<Sessions>(s);
    long long sof = s.OrgUnitId("Socialförvaltningen");
    long long handler = s.CreateUser(kHandler, sof)["id"];
    s.AddRole(s.CreateUser(kOther, sof)["id"], "employee", sof);
    const Session& ciso = As("ciso");
    system_ = CreateSystem(
        s, ciso, "Incidentsystem",
        CreateObject(s, ciso, "Incidentobjekt", s.OrgUnitId("Barn- och utbildningsförvaltningen")));
    incidents_[kPlain] = ReportIncident(s, As("medarbetare"), ReportBody("Vanlig", sof))["id"];
    incidents_[kPersonal] = ReportIncident(
        s, As("medarbetare"), ReportBody("Personuppgifter", sof, {{"personal_data", true}}))["id"];
    incidents_[kEnergi] = ReportIncident(s, As("ciso.energi"),
                                         ReportBody("Energi", s.OrgUnitId("Drift och nät")))["id"];
    Response r = PatchIncident(s, ciso, ciso, incidents_[kPlain], {{"handler_id", handler}});
    EXPECT_EQ(r.status, 200) << r;
    for (Target t : {kPlain, kPersonal}) entries_[t] = AddNote(ciso, t, 201)["id"];
    entries_[kEnergi] = AddNote(As("ciso.energi"), kEnergi, 201)["id"];
    prepared_ = true;
  }

  static const Session& As(const std::string& who) { return (*sessions_)(who); }

  static json AddNote(const Auth& auth, Target t, int expected) {
    Response r = server().Post(IncidentPath(incidents_.at(t), "/timeline"), auth,
                               {{"kind", "note"}, {"body", "Anteckning"}});
    EXPECT_EQ(r.status, expected) << r;
    return r.status == 201 ? r.Json() : json::object();
  }

  // A live link of the incident, made by the CISO (or its company's CISO) when there is none.
  static long long LinkOf(Target t) {
    const Auth& maker = As(t == kEnergi ? "ciso.energi" : "ciso");
    json links = Fetch(server(), maker, IncidentPath(incidents_.at(t), "/links"));
    if (!links["items"].empty()) return links["items"][0]["id"];
    Response r = server().Post(IncidentPath(incidents_.at(t), "/links"), maker,
                               {{"kind", "system"}, {"target_id", system_}});
    EXPECT_EQ(r.status, 201) << r;
    return r.status == 201 ? r.Json()["id"].get<long long>() : 0;
  }

  static int Listed(const std::string& path, const Auth& auth, long long id) {
    Response r = server().Get(path, auth);
    if (r.status != 200) return r.status;
    return IdSet(r.Json()["items"]).count(id) ? 200 : 404;
  }

  static int Got(const Auth& auth, long long id) {
    Response r = server().Get(IncidentPath(id), auth);
    if (r.status != 200) return r.status;
    json body = r.Json();
    if (body["view"] == "reporter") {
      // The summary carries nothing of the handling.
      for (const char* hidden : {"handler_id", "severity", "category", "deadlines", "links",
                                 "timeline", "breach_measures", "personal_data_breach", "can"})
        EXPECT_FALSE(body.contains(hidden)) << hidden;
      return kSummary;
    }
    EXPECT_TRUE(body.contains("deadlines") && body.contains("links") && body.contains("can"));
    return 200;
  }

  static int Run(const std::string& who, Action action, Target t) {
    LisServer& s = server();
    const Auth& auth = As(who);
    long long id = incidents_.at(t);
    const Auth& reader = As(t == kEnergi ? "ciso.energi" : "ciso");
    switch (action) {
      case A::kList:
        return Listed("/api/v1/incidents?limit=500", auth, id);
      case A::kListReported:
        return Listed("/api/v1/incidents?reported_by=me&limit=500", auth, id);
      case A::kGet:
        return Got(auth, id);
      case A::kHistory:
        return s.Get(IncidentPath(id, "/history"), auth).status;
      case A::kTimeline:
        return s.Get(IncidentPath(id, "/timeline"), auth).status;
      case A::kEntry:
        return s.Get(IncidentPath(id, "/timeline/" + Id(entries_.at(t))), auth).status;
      case A::kAddEntry:
        return s.Post(IncidentPath(id, "/timeline"), auth, {{"kind", "note"}, {"body", who}})
            .status;
      case A::kLinks:
        return s.Get(IncidentPath(id, "/links"), auth).status;
      case A::kAddLink:
        return s
            .Post(IncidentPath(id, "/links"), auth, {{"kind", "system"}, {"target_id", 999999999}})
            .status;
      case A::kRemoveLink:
        return s.Delete(IncidentPath(id, "/links/" + Id(LinkOf(t))), auth).status;
      case A::kPatch:
        return PatchIncident(s, auth, reader, id, {{"breach_measures", "Av " + who}}).status;
    }
    return 0;
  }

  static inline bool prepared_ = false;
  static inline std::unique_ptr<Sessions> sessions_;
  static inline std::map<Target, long long> incidents_, entries_;
  static inline long long system_ = 0;
};

TEST_F(IncidentRolesTest, EveryRuleHolds) {
  for (const auto& row : kRows)
    EXPECT_EQ(Run(row.who, row.action, row.target), row.expected)
        << row.who << " action " << static_cast<int>(row.action) << " on incident "
        << static_cast<int>(row.target);
}

// A search or filter never brings back an incident the caller may not see.
TEST_F(IncidentRolesTest, FiltersDoNotWidenTheList) {
  for (const char* who : {"medarbetare", "kontakt.sof", "ks.ordforande", "admin", kOther}) {
    json page = Fetch(server(), As(who),
                      "/api/v1/incidents?q=a&status=new&org_unit_id=" +
                          Id(server().OrgUnitId("Socialförvaltningen")));
    EXPECT_EQ(page["total"], 0) << who;
  }
  json dpo = Fetch(server(), As("dso"), "/api/v1/incidents?limit=500");
  std::set<long long> seen = IdSet(dpo["items"]);
  EXPECT_TRUE(seen.count(incidents_.at(kPersonal)));
  EXPECT_FALSE(seen.count(incidents_.at(kPlain)));
}

}  // namespace
}  // namespace lis_test::incident_roles_test
