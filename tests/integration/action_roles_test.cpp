// The permission rules of the action list (issue 5, items 5 and 6), one row per rule: who (a
// role in a scope), what it does to which action, and the status it gets.
//
//   kActionRead in a scope (its subtree) reads the actions there; kActionWrite creates and
//   changes them. The owner always reads its own actions, also outside its role scopes, and
//   changes their status and progress note, but neither reassigns them nor moves them to
//   another unit without kActionWrite there. Out of scope is 404, a refused change 403.
//
// Actions (made afresh by their unit's CISO for every row that changes one):
//   kSofAction    Socialförvaltningen, owned by medarbetare (an employee: no action rights)
//   kBufAction    Barn- och utbildningsförvaltningen, owned by forvaltare
//   kEnergiAction Norrvik Energi AB, owned by the company's CISO
#include "action_support.h"

namespace lis_test::action_roles_test {
namespace {

enum class Op {
  kGet,       // GET /actions/{id}
  kList,      // the action is in GET /actions (200) or not (404)
  kHistory,   // GET /actions/{id}/history
  kAt,        // GET /actions/{id}?at=...
  kEdit,      // PATCH title
  kStatus,    // PATCH status and progress_note
  kReassign,  // PATCH owner_id (to another user who sees the unit)
  kMove,      // PATCH org_unit_id (to the other municipal unit)
  kDelete,    // DELETE
  kCreate,    // POST /actions at the target's unit
};

enum Target { kSofAction, kBufAction, kEnergiAction };

struct Row {
  const char* who;
  const char* scope;  // for the reader of a failure
  Op op;
  Target target;
  int expected;
};

// clang-format off
const Row kRows[] = {
  // The CISO: everything in its municipality, nothing in the company.
  {"ciso", "Norrviks kommun", Op::kGet,      kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kList,     kBufAction,    200},
  {"ciso", "Norrviks kommun", Op::kHistory,  kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kAt,       kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kEdit,     kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kStatus,   kBufAction,    200},
  {"ciso", "Norrviks kommun", Op::kReassign, kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kMove,     kSofAction,    200},
  {"ciso", "Norrviks kommun", Op::kDelete,   kBufAction,    204},
  {"ciso", "Norrviks kommun", Op::kCreate,   kBufAction,    201},
  {"ciso", "Norrviks kommun", Op::kGet,      kEnergiAction, 404},
  {"ciso", "Norrviks kommun", Op::kList,     kEnergiAction, 404},
  {"ciso", "Norrviks kommun", Op::kHistory,  kEnergiAction, 404},
  {"ciso", "Norrviks kommun", Op::kEdit,     kEnergiAction, 404},
  {"ciso", "Norrviks kommun", Op::kDelete,   kEnergiAction, 404},
  {"ciso", "Norrviks kommun", Op::kCreate,   kEnergiAction, 400},
  {"ciso.energi", "Norrvik Energi AB", Op::kEdit,   kEnergiAction, 200},
  {"ciso.energi", "Norrvik Energi AB", Op::kGet,    kSofAction,    404},
  // The employee owns the SoF action: reads it everywhere, changes its status, nothing else.
  {"medarbetare", "SoF", Op::kGet,       kSofAction,  200},
  {"medarbetare", "SoF", Op::kList,      kSofAction,  200},
  {"medarbetare", "SoF", Op::kHistory,   kSofAction,  200},
  {"medarbetare", "SoF", Op::kAt,        kSofAction,  200},
  {"medarbetare", "SoF", Op::kStatus,    kSofAction,  200},
  {"medarbetare", "SoF", Op::kEdit,      kSofAction,  403},
  {"medarbetare", "SoF", Op::kReassign,  kSofAction,  403},
  {"medarbetare", "SoF", Op::kMove,      kSofAction,  403},
  {"medarbetare", "SoF", Op::kDelete,    kSofAction,  403},
  {"medarbetare", "SoF", Op::kCreate,    kSofAction,  403},
  {"medarbetare", "SoF", Op::kGet,       kBufAction,  404},
  {"medarbetare", "SoF", Op::kList,      kBufAction,  404},
  {"medarbetare", "SoF", Op::kStatus,    kBufAction,  404},
  {"medarbetare", "SoF", Op::kHistory,   kBufAction,  404},
  // The object manager owns the BoU action and holds kActionWrite in BoU.
  {"forvaltare", "BoU", Op::kEdit,       kBufAction,  200},
  {"forvaltare", "BoU", Op::kReassign,   kBufAction,  200},
  {"forvaltare", "BoU", Op::kMove,       kBufAction,  400},  // SoF is out of its sight
  {"forvaltare", "BoU", Op::kGet,        kSofAction,  404},
  // The contact person reads and writes its unit's actions.
  {"kontakt.sof", "SoF", Op::kEdit,      kSofAction,  200},
  {"kontakt.sof", "SoF", Op::kStatus,    kSofAction,  200},
  {"kontakt.sof", "SoF", Op::kDelete,    kSofAction,  204},
  {"kontakt.sof", "SoF", Op::kCreate,    kSofAction,  201},
  {"kontakt.sof", "SoF", Op::kGet,       kBufAction,  404},
  // Readers only: the information owner, the board, the DPO.
  {"infoagare.sof", "SoF", Op::kGet,     kSofAction,  200},
  {"infoagare.sof", "SoF", Op::kList,    kSofAction,  200},
  {"infoagare.sof", "SoF", Op::kStatus,  kSofAction,  403},
  {"infoagare.sof", "SoF", Op::kEdit,    kSofAction,  403},
  {"infoagare.sof", "SoF", Op::kDelete,  kSofAction,  403},
  {"infoagare.sof", "SoF", Op::kCreate,  kSofAction,  403},
  {"infoagare.sof", "SoF", Op::kGet,     kBufAction,  404},
  {"ks.ordforande", "Norrviks kommun", Op::kGet,    kBufAction, 200},
  {"ks.ordforande", "Norrviks kommun", Op::kEdit,   kBufAction, 403},
  {"dso", "Norrviks kommun", Op::kHistory,          kSofAction, 200},
  {"dso", "Norrviks kommun", Op::kStatus,           kSofAction, 403},
  // The IT security coordinator writes actions in the municipality.
  {"itsak", "Norrviks kommun", Op::kEdit,           kBufAction, 200},
  {"itsak", "Norrviks kommun", Op::kCreate,         kSofAction, 201},
  // The administrator manages users, not content.
  {"admin", "everywhere", Op::kGet,                 kSofAction, 404},
  {"admin", "everywhere", Op::kList,                kSofAction, 404},
  {"admin", "everywhere", Op::kEdit,                kSofAction, 404},
  {"admin", "everywhere", Op::kCreate,              kSofAction, 403},
};
// clang-format on

const char* OpName(Op op) {
  static const char* kNames[] = {"get",    "list",     "history", "at",     "edit",
                                 "status", "reassign", "move",    "delete", "create"};
  return kNames[static_cast<int>(op)];
}

class ActionRolesTest : public SharedServerTest<ActionRolesTest> {
 protected:
  static const Session& As(const std::string& who) {
    if (!sessions_.count(who)) sessions_[who] = server().Login(who);
    return sessions_.at(who);
  }

  struct Place {
    long long unit;
    std::string owner;  // the action's owner
    std::string other;  // another user who sees the unit
    std::string maker;  // who makes the action
  };
  static Place PlaceOf(Target t) {
    LisServer& s = server();
    switch (t) {
      case kSofAction:
        return {s.OrgUnitId("Socialförvaltningen"), "medarbetare", "kontakt.sof", "ciso"};
      case kBufAction:
        return {s.OrgUnitId("Barn- och utbildningsförvaltningen"), "forvaltare", "objektagare",
                "ciso"};
      default:
        return {s.OrgUnitId("Norrvik Energi AB"), "ciso.energi", "ciso.energi", "ciso.energi"};
    }
  }

  static long long Make(Target t) {
    LisServer& s = server();
    Place p = PlaceOf(t);
    return CreateAction(s, As(p.maker),
                        ActionBody("Rollåtgärd", p.unit, s.UserId(p.owner), "2030-01-01"));
  }

  // The status of `op` on a fresh action of `target` as `who`.
  static int Run(const std::string& who, Op op, Target target) {
    LisServer& s = server();
    const Session& auth = As(who);
    Place p = PlaceOf(target);
    if (op == Op::kCreate)
      return s.Post("/api/v1/actions", auth, ActionBody("Ny av " + who, p.unit, s.UserId(p.owner)))
          .status;
    long long id = Make(target);
    const std::string path = "/api/v1/actions/" + Id(id);
    json body = {{"version", 1}};
    switch (op) {
      case Op::kGet:
        return s.Get(path, auth).status;
      case Op::kList: {
        Response r = s.Get("/api/v1/actions?limit=500&q=Roll%C3%A5tg%C3%A4rd", auth);
        if (r.status != 200) return r.status;
        return IdSet(r.Json()["items"]).count(id) ? 200 : 404;
      }
      case Op::kHistory:
        return s.Get(path + "/history", auth).status;
      case Op::kAt: {
        json created = Fetch(s, As(p.maker), path);
        return s.Get(path + "?at=" + UrlEncode(created["updated_at"]), auth).status;
      }
      case Op::kEdit:
        body["title"] = "Ändrad av " + who;
        break;
      case Op::kStatus:
        body["status"] = "in_progress";
        body["progress_note"] = "Påbörjad av " + who;
        break;
      case Op::kReassign:
        body["owner_id"] = s.UserId(p.other);
        break;
      case Op::kMove:
        body["org_unit_id"] = s.OrgUnitId(
            target == kSofAction ? "Barn- och utbildningsförvaltningen" : "Socialförvaltningen");
        // The owner must see the new unit.
        body["owner_id"] = s.UserId(target == kSofAction ? "forvaltare" : "kontakt.sof");
        break;
      case Op::kDelete:
        return s.Delete(path, auth).status;
      default:
        return 0;
    }
    return s.Patch(path, auth, body).status;
  }

  static inline std::map<std::string, Session> sessions_;
};

TEST_F(ActionRolesTest, EveryRuleOfTheIssueHolds) {
  for (const auto& row : kRows) {
    int got = Run(row.who, row.op, row.target);
    EXPECT_EQ(got, row.expected) << row.who << " (" << row.scope << "): " << OpName(row.op)
                                 << " on target " << row.target;
  }
}

// An employee without action rights sees exactly its own actions, in the list, in "mine" and
// on its start page.
TEST_F(ActionRolesTest, AnEmployeeSeesExactlyItsOwnActions) {
  LisServer& s = server();
  // Due tomorrow: among the first of the employee's open actions on its start page.
  long long own = CreateAction(s, As("ciso"),
                               ActionBody("Egen", s.OrgUnitId("Socialförvaltningen"),
                                          s.UserId("medarbetare"), SwedishDate(1)));
  long long other = CreateAction(
      s, As("ciso"),
      ActionBody("Någon annans", s.OrgUnitId("Socialförvaltningen"), s.UserId("kontakt.sof")));
  const Session& employee = As("medarbetare");
  json all = Fetch(s, employee, "/api/v1/actions?limit=500");
  json mine = Fetch(s, employee, "/api/v1/actions?limit=500&mine=true");
  EXPECT_EQ(IdSet(all["items"]), IdSet(mine["items"]));
  EXPECT_TRUE(IdSet(all["items"]).count(own));
  EXPECT_FALSE(IdSet(all["items"]).count(other));
  for (const auto& a : all["items"]) EXPECT_EQ(a["owner_id"], s.UserId("medarbetare"));
  EXPECT_EQ(s.Get("/api/v1/actions/" + Id(other), employee).status, 404);
  Response home = s.Get("/", employee);
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("href=\"" + Html("/actions/" + Id(own)) + "\""), std::string::npos);
  EXPECT_EQ(home.body.find("href=\"" + Html("/actions/" + Id(other)) + "\""), std::string::npos);
  // The owner's status change is recorded in the audit trail as its own.
  Response r =
      s.Patch("/api/v1/actions/" + Id(own), employee, {{"version", 1}, {"status", "done"}});
  ASSERT_EQ(r.status, 200) << r;
  json history = Fetch(s, As("ciso"), "/api/v1/actions/" + Id(own) + "/history")["items"];
  ASSERT_EQ(history.size(), 2u);
  EXPECT_EQ(history[1]["actor"], "medarbetare");
}

// A reader's total counts every action it reads once: those of the units it reads (also those it
// owns there) and those it owns elsewhere.
TEST_F(ActionRolesTest, TheTotalCountsEveryReadableActionOnce) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long bou = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  const std::string who = "atgard.raknare";
  long long user = s.CreateUser(who, sof)["id"];
  s.AddRole(user, "contact", sof);   // reads the actions of Socialförvaltningen
  s.AddRole(user, "employee", bou);  // may own one in Barn- och utbildning, reads no other there
  long long in_unit = CreateAction(s, As("ciso"), ActionBody("Räknad i enheten", sof, user));
  long long elsewhere = CreateAction(s, As("ciso"), ActionBody("Räknad utanför", bou, user));
  long long others =
      CreateAction(s, As("ciso"), ActionBody("Räknad annans", bou, s.UserId("forvaltare")));
  Session session;
  ASSERT_EQ(s.LoginAs(who, LisServer::kTestPassword, &session).status, 200);
  for (const std::string query : {"", "&q=R%C3%A4knad", "&mine=true", "&status=planned"}) {
    SCOPED_TRACE(query);
    json page = Fetch(s, session, "/api/v1/actions?limit=500" + query);
    ASSERT_LT(page["items"].size(), 500u);
    EXPECT_EQ(page["total"], page["items"].size()) << "every action once";
    std::set<long long> ids = IdSet(page["items"]);
    EXPECT_EQ(ids.size(), page["items"].size());
    EXPECT_TRUE(ids.count(in_unit) && ids.count(elsewhere));
    EXPECT_FALSE(ids.count(others));
  }
  EXPECT_EQ(Fetch(s, session, "/api/v1/actions?q=R%C3%A4knad")["total"], 2);
}

// Every action page answers as the API does: 404 out of scope, the forms only for those who
// may use them.
TEST_F(ActionRolesTest, PagesFollowTheSameRules) {
  LisServer& s = server();
  long long id = Make(kSofAction);
  const std::string page = "/actions/" + Id(id);
  struct Case {
    const char* who;
    int status;
    bool status_form;
    bool edit_form;
  };
  const Case cases[] = {{"ciso", 200, true, true},
                        {"medarbetare", 200, true, false},
                        {"infoagare.sof", 200, false, false},
                        {"forvaltare", 404, false, false}};
  for (const auto& c : cases) {
    Response r = s.Get(page, As(c.who));
    EXPECT_EQ(r.status, c.status) << c.who;
    if (r.status != 200) continue;
    EXPECT_EQ(r.body.find("action=\"" + Html(page + "/status") + "\"") != std::string::npos,
              c.status_form)
        << c.who;
    EXPECT_EQ(r.body.find("action=\"" + Html(page) + "\"") != std::string::npos, c.edit_form)
        << c.who;
  }
  for (const char* view : {"/actions", "/actions/mine", "/actions/overdue"})
    EXPECT_EQ(s.Get(view, As("medarbetare")).status, 200) << view;
  EXPECT_EQ(s.Get("/actions?status=waiting", As("ciso")).status, 400);
  // The counts of the start page are for readers of actions; everyone gets its own list.
  for (auto [who, counts] : {std::pair{"ciso", true},
                             {"infoagare.sof", true},
                             {"medarbetare", false},
                             {"admin", false}}) {
    Response home = s.Get("/", As(who));
    ASSERT_EQ(home.status, 200) << who;
    EXPECT_EQ(home.body.find("Försenade åtgärder") != std::string::npos, counts) << who;
    EXPECT_NE(home.body.find("id=\"actions-heading\""), std::string::npos) << who;
  }
}

}  // namespace
}  // namespace lis_test::action_roles_test
