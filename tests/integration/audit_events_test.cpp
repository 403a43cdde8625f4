// Every write through the API adds exactly one audit event (with who, what, the record before
// and after, and the comment), refused writes add none, and a refusal (403) adds one
// permission_denied event.
#include <functional>

#include "audit_support.h"

namespace lis_test::audit_events_test {
namespace {

class AuditEventsTest : public SharedServerTest<AuditEventsTest> {
 protected:
  // The org unit `id` as the admin sees it, also when soft-deleted; null when there is none.
  static json FetchOrgUnit(long long id) {
    if (id == 0) return nullptr;
    Response r = server().Get("/api/v1/org-units/" + Id(id), server().Admin());
    if (r.status == 200) return r.Json();
    EXPECT_EQ(r.status, 404) << r;
    json deleted =
        server().Get("/api/v1/org-units?deleted=true&limit=500", server().Admin()).Json();
    for (const auto& unit : deleted.value("items", json::array()))
      if (unit["id"] == id) return unit;
    return nullptr;
  }
  static json FetchUser(long long id) {
    if (id == 0) return nullptr;
    Response r = server().Get("/api/v1/users/" + Id(id), server().Admin());
    EXPECT_EQ(r.status, 200) << r;
    return r.Json();
  }
  // The item of the list at `path` with id `id`, or null.
  static json FindIn(const std::string& path, long long id, const Auth& auth) {
    if (id == 0) return nullptr;
    for (const auto& item : server().Get(path, auth).Json().value("items", json::array()))
      if (item["id"] == id) return item;
    return nullptr;
  }

  // Checks the parts every change event has.
  static void ExpectChangeEvent(const json& e, const std::string& what, const std::string& action,
                                const std::string& entity, long long entity_id,
                                const std::string& comment, const Session& actor,
                                const std::string& actor_name) {
    EXPECT_EQ(e["action"], action) << what << ": " << e;
    EXPECT_EQ(e["entity"], entity) << what;
    EXPECT_EQ(e["entity_id"], entity_id) << what;
    EXPECT_EQ(e["actor"], actor_name) << what;
    EXPECT_EQ(e["actor_id"], actor.user_id) << what;
    EXPECT_EQ(e["address"], "127.0.0.1") << what;
    EXPECT_EQ(e["comment"], comment) << what;
    EXPECT_TRUE(e["seq"].is_number_integer()) << what;
    EXPECT_TRUE(e["hash"].is_string() && e["hash"].get<std::string>().size() == 64) << what;
  }

  // Asserts that `after` is `before` soft-deleted: one version on, deleted_at set, else equal.
  static void ExpectSoftDeleted(const json& before, json after, const std::string& what) {
    ASSERT_TRUE(before.is_object() && after.is_object()) << what;
    EXPECT_TRUE(after["deleted_at"].is_string()) << what << ": " << after;
    EXPECT_EQ(after["version"], before["version"].get<long long>() + 1) << what;
    json b = before;
    for (const char* k : {"deleted_at", "version", "updated_at"}) {
      b.erase(k);
      after.erase(k);
    }
    EXPECT_EQ(after, b) << what;
  }

  // One write of a record: `send` makes it; `fetch` shows the record (null when it does not
  // exist or is not shown any more). Asserts `status` and exactly one event of `action` whose
  // before and after are the record as `fetch` showed it before and after. When the record is
  // not shown after a delete, the event's after must be the before soft-deleted.
  struct Write {
    std::string what;
    std::function<Response()> send;
    int status;
    std::string action;
    std::string comment;
  };
  static json CheckWrite(const Write& w, const std::string& entity,
                         const std::function<json()>& fetch,
                         const std::function<long long(const Response&)>& id_of = {}) {
    LisServer& s = server();
    json before = fetch();
    long long total = s.AuditTotal();
    Response r = w.send();
    EXPECT_EQ(r.status, w.status) << w.what << ": " << r;
    if (r.status != w.status) return nullptr;
    long long id = before.is_object() ? before["id"].get<long long>() : id_of(r);
    json after = fetch();
    auto events = EventsSince(s, total);
    EXPECT_EQ(events.size(), 1u) << w.what << ": " << json(events).dump(1);
    if (events.size() != 1) return nullptr;
    const json& e = events[0];
    ExpectChangeEvent(e, w.what, w.action, entity, id, w.comment, s.Admin(), "admin");
    EXPECT_EQ(e["before"], before) << w.what;
    if (after.is_null() && w.action == "delete")
      ExpectSoftDeleted(before, e["after"], w.what);
    else
      EXPECT_EQ(e["after"], after) << w.what;
    return e;
  }

  static long long IdInBody(const Response& r) { return r.Json().value("id", 0LL); }
};

TEST_F(AuditEventsTest, OrgUnitCreateUpdateDeleteAndRestoreEachAddOneEvent) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long buf = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long id = 0;
  auto fetch = [&] { return FetchOrgUnit(id); };
  auto path = [&] { return "/api/v1/org-units/" + Id(id); };
  auto created_id = [&](const Response& r) { return id = IdInBody(r); };
  const std::vector<Write> writes = {
      {"create",
       [&] {
         return s.Post("/api/v1/org-units", s.Admin(),
                       {{"name", "Spårad enhet"},
                        {"kind", "unit"},
                        {"parent_id", sof},
                        {"comment", "Ny enhet för familjerätten"}});
       },
       201, "create", "Ny enhet för familjerätten"},
      {"rename",
       [&] {
         return s.Patch(path(), s.Admin(),
                        {{"name", "Familjerätt"}, {"version", 1}, {"comment", "Nytt namn"}});
       },
       200, "update", "Nytt namn"},
      {"move with If-Match",
       [&] {
         return s.Send("PATCH", path(), s.Admin(), {{"parent_id", buf}}, {{"If-Match", "\"2\""}});
       },
       200, "update", ""},
      {"delete", [&] { return s.Delete(path() + "?version=3", s.Admin()); }, 204, "delete", ""},
      {"restore",
       [&] {
         return s.Post(path() + "/restore", s.Admin(),
                       {{"version", 2}, {"comment", "Raderad av misstag"}});
       },
       200, "restore", "Raderad av misstag"},
  };
  for (const auto& w : writes) {
    json e = CheckWrite(w, "org_unit", fetch, created_id);
    if (e.is_null()) continue;
    EXPECT_EQ(e["scope_id"], id) << w.what << ": an org unit's event is scoped to the unit";
  }
  // The restore made version 2 again (a new version 5, undeleted, back under Socialförvaltningen).
  json now = FetchOrgUnit(id);
  EXPECT_EQ(now["version"], 5);
  EXPECT_TRUE(now["deleted_at"].is_null());
  EXPECT_EQ(now["name"], "Familjerätt");
  EXPECT_EQ(now["parent_id"], sof);
}

TEST_F(AuditEventsTest, UserCreateAndUpdateEachAddOneEvent) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long kff = s.OrgUnitId("Kultur- och fritidsförvaltningen");
  long long id = 0;
  auto fetch = [&] { return FetchUser(id); };
  auto path = [&] { return "/api/v1/users/" + Id(id); };
  auto created_id = [&](const Response& r) { return id = IdInBody(r); };
  const std::vector<Write> writes = {
      {"create",
       [&] {
         return s.Post("/api/v1/users", s.Admin(),
                       {{"username", "sparad.person"},
                        {"name", "Spårad Person"},
                        {"email", "sparad.person@norrvik.se"},
                        {"password", LisServer::kTestPassword},
                        {"org_unit_id", sof},
                        {"comment", "Nyanställd"}});
       },
       201, "create", "Nyanställd"},
      {"rename and language",
       [&] {
         return s.Patch(path(), s.Admin(),
                        {{"name", "Spårad Persson"},
                         {"language", "en"},
                         {"version", 1},
                         {"comment", "Namnbyte"}});
       },
       200, "update", "Namnbyte"},
      {"move to another unit",
       [&] {
         return s.Patch(path(), s.Admin(), {{"org_unit_id", kff}, {"version", 2}});
       },
       200, "update", ""},
      {"restore",
       [&] {
         return s.Post(path() + "/restore", s.Admin(), {{"version", 1}, {"comment", "Tillbaka"}});
       },
       200, "restore", "Tillbaka"},
  };
  for (const auto& w : writes) {
    json e = CheckWrite(w, "user", fetch, created_id);
    if (e.is_null()) continue;
    EXPECT_EQ(e["scope_id"], e["after"]["org_unit_id"]) << w.what << ": scoped to the user's unit";
    EXPECT_EQ(e.dump().find(LisServer::kTestPassword), std::string::npos)
        << w.what << ": the password is not in the trail";
    EXPECT_FALSE(e["after"].contains("password_hash")) << w.what;
  }
  json now = FetchUser(id);
  EXPECT_EQ(now["name"], "Spårad Person");
  EXPECT_EQ(now["org_unit_id"], sof);
  EXPECT_EQ(now["version"], 4);
}

// Deactivating a user is one update of the user, and every API token it had is revoked, one
// delete event per token, in the same transaction.
TEST_F(AuditEventsTest, DeactivationAddsTheUpdateAndOneDeletePerToken) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  json user = s.CreateUser("deactivated.audit", sof);
  long long id = user["id"];
  Session own;
  ASSERT_EQ(s.LoginAs("deactivated.audit", LisServer::kTestPassword, &own).status, 200);
  std::vector<long long> tokens;
  for (const char* name : {"Integration A", "Integration B"}) {
    Response t = s.Post("/api/v1/tokens", own, {{"name", name}});
    ASSERT_EQ(t.status, 201) << t;
    tokens.push_back(t.Json()["id"]);
  }

  long long total = s.AuditTotal();
  Response r = s.Patch("/api/v1/users/" + Id(id), s.Admin(),
                       {{"active", false}, {"version", 1}, {"comment", "Slutat"}});
  ASSERT_EQ(r.status, 200) << r;
  auto events = EventsSince(s, total);
  ASSERT_EQ(events.size(), 1 + tokens.size()) << json(events).dump(1);
  ExpectChangeEvent(events[0], "deactivate", "update", "user", id, "Slutat", s.Admin(), "admin");
  EXPECT_EQ(events[0]["before"], user);
  EXPECT_EQ(events[0]["after"], r.Json());
  EXPECT_EQ(events[0]["after"]["active"], false);
  for (size_t i = 0; i < tokens.size(); ++i) {
    const json& e = events[1 + i];
    ExpectChangeEvent(e, "token revoked", "delete", "api_token", tokens[i], "Slutat", s.Admin(),
                      "admin");
    EXPECT_EQ(e["before"]["user_id"], id);
    EXPECT_TRUE(e["before"]["deleted_at"].is_null());
    ExpectSoftDeleted(e["before"], e["after"], "token " + Id(tokens[i]));
  }
  EXPECT_EQ(s.Get("/api/v1/me", own).status, 401) << "the session ended too";
}

// A password set by an admin is an update of the user and a password_set event (and the
// user's tokens are revoked, as for a deactivation).
// A password is not part of the user record: setting one changes no field, so it adds no new
// version, only the password_set event.
TEST_F(AuditEventsTest, PasswordSetByAdminAddsOnlyPasswordSet) {
  LisServer& s = server();
  json user = s.CreateUser("password.audit", s.OrgUnitId("Socialförvaltningen"));
  long long id = user["id"];
  long long total = s.AuditTotal();
  Response r =
      s.Patch("/api/v1/users/" + Id(id), s.Admin(),
              {{"password", "a brand new passphrase"}, {"version", 1}, {"comment", "Glömt"}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 1) << "no field changed, so no new version";
  auto events = EventsSince(s, total);
  ASSERT_EQ(events.size(), 1u) << json(events).dump(1);
  ExpectChangeEvent(events[0], "password_set", "password_set", "user", id, "Glömt", s.Admin(),
                    "admin");
  for (const auto& e : events)
    EXPECT_EQ(e.dump().find("a brand new passphrase"), std::string::npos) << "no password";
}

TEST_F(AuditEventsTest, RoleAddRemoveAndRestoreEachAddOneEvent) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long user = s.CreateUser("role.audit", sof)["id"];
  std::string roles = "/api/v1/users/" + Id(user) + "/roles";
  long long id = 0;
  auto fetch = [&] {
    json live = FindIn(roles, id, s.Admin());
    return live.is_null() ? FindIn(roles + "?deleted=true", id, s.Admin()) : live;
  };
  auto created_id = [&](const Response& r) { return id = IdInBody(r); };
  const std::vector<Write> writes = {
      {"add role",
       [&] {
         return s.Post(roles, s.Admin(),
                       {{"role", "information_owner"}, {"scope_id", sof}, {"comment", "Utsedd"}});
       },
       201, "create", "Utsedd"},
      {"remove role", [&] { return s.Delete(roles + "/" + Id(id), s.Admin()); }, 204, "delete", ""},
      {"restore role",
       [&] {
         return s.Post(roles + "/" + Id(id) + "/restore", s.Admin(),
                       {{"version", 1}, {"comment", "Togs bort av misstag"}});
       },
       200, "restore", "Togs bort av misstag"},
  };
  for (const auto& w : writes) {
    json e = CheckWrite(w, "role_assignment", fetch, created_id);
    if (e.is_null()) continue;
    EXPECT_EQ(e["scope_id"], sof) << w.what << ": scoped to the role's scope";
    json record = e["after"];
    EXPECT_EQ(record["user_id"], user);
    EXPECT_EQ(record["role"], "information_owner");
  }
  EXPECT_TRUE(fetch()["deleted_at"].is_null()) << "the role is back";
}

TEST_F(AuditEventsTest, TokenCreateAndRevokeEachAddOneEventWithoutTheSecret) {
  LisServer& s = server();
  long long id = 0;
  std::string secret;
  auto fetch = [&] { return FindIn("/api/v1/tokens", id, s.Admin()); };
  auto created_id = [&](const Response& r) {
    secret = r.Json().value("token", "");
    return id = IdInBody(r);
  };
  const std::vector<Write> writes = {
      {"create token",
       [&] {
         return s.Post("/api/v1/tokens", s.Admin(), {{"name", "Backup"}});
       },
       201, "create", ""},
      {"revoke token", [&] { return s.Delete("/api/v1/tokens/" + Id(id), s.Admin()); }, 204,
       "delete", ""},
  };
  for (const auto& w : writes) {
    json e = CheckWrite(w, "api_token", fetch, created_id);
    if (e.is_null()) continue;
    EXPECT_EQ(e["after"]["user_id"], s.Admin().user_id) << w.what;
    EXPECT_EQ(e["after"]["name"], "Backup") << w.what;
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(e.dump().find(secret), std::string::npos) << w.what << ": the token is not logged";
    EXPECT_EQ(e.dump().find("token_hash"), std::string::npos) << w.what;
  }
}

// Every write body takes an optional "comment" (why), and the event keeps it. Token creation
// accepts "comment" like every other write body (it is not refused as an unknown field).
TEST_F(AuditEventsTest, TheCommentOfATokenCreationIsKept) {
  LisServer& s = server();
  long long total = s.AuditTotal();
  Response r =
      s.Post("/api/v1/tokens", s.Admin(), {{"name", "Med motivering"}, {"comment", "För SIEM"}});
  ASSERT_EQ(r.status, 201) << r;
  auto events = EventsSince(s, total);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["action"], "create");
  EXPECT_EQ(events[0]["entity"], "api_token");
  EXPECT_EQ(events[0]["comment"], "För SIEM")
      << "POST /api/v1/tokens accepts a comment but the event does not keep it";
}

// Refused writes change nothing and add no change event. A 403 for a logged-in caller adds
// exactly one permission_denied event; 400, 404 and 409 add none.
TEST_F(AuditEventsTest, RefusedWritesAddNoChangeEvent) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  json unit = s.CreateOrgUnit("Vägrad enhet", sof);
  long long unit_id = unit["id"];
  s.CreateOrgUnit("Vägrad underenhet", unit_id);
  json user = s.CreateUser("refused.audit", sof);
  long long user_id = user["id"];
  std::string unit_path = "/api/v1/org-units/" + Id(unit_id);
  std::string user_path = "/api/v1/users/" + Id(user_id);
  long long live_role = s.AddRole(user_id, "contact", sof)["id"];
  long long removed_role = s.AddRole(user_id, "information_owner", sof)["id"];
  ASSERT_EQ(s.Delete(user_path + "/roles/" + Id(removed_role), s.Admin()).status, 204);
  Session ciso = s.Login("ciso");
  const Session& admin = s.Admin();

  struct Case {
    const char* what;
    const Session* who;
    std::string method;
    std::string path;
    json body;
    int status;
  };
  const std::vector<Case> cases = {
      {"create with a blank name", &admin, "POST", "/api/v1/org-units",
       json{{"name", " "}, {"kind", "unit"}, {"parent_id", sof}, {"comment", "x"}}, 400},
      {"update without version", &admin, "PATCH", unit_path, json{{"name", "Utan version"}}, 400},
      {"update with an unknown field", &admin, "PATCH", unit_path,
       json{{"colour", "red"}, {"version", 1}}, 400},
      {"restore of a version that never was", &admin, "POST", unit_path + "/restore",
       json{{"version", 42}}, 400},
      {"user with a bad email", &admin, "POST", "/api/v1/users",
       json{{"username", "bad.email"},
            {"name", "Bad"},
            {"email", "not-an-email"},
            {"password", LisServer::kTestPassword}},
       400},
      {"unknown role", &admin, "POST", user_path + "/roles",
       json{{"role", "emperor"}, {"scope_id", nullptr}}, 400},
      {"stale version", &admin, "PATCH", unit_path, json{{"name", "Gammal"}, {"version", 7}}, 409},
      {"delete with a child", &admin, "DELETE", unit_path, nullptr, 409},
      {"the same role twice", &admin, "POST", user_path + "/roles",
       json{{"role", "contact"}, {"scope_id", sof}}, 409},
      {"restore of a role that was never removed", &admin, "POST",
       user_path + "/roles/" + Id(live_role) + "/restore", json{{"version", 1}}, 409},
      {"restore of a role to its removed version", &admin, "POST",
       user_path + "/roles/" + Id(removed_role) + "/restore", json{{"version", 2}}, 400},
      {"update of a missing unit", &admin, "PATCH", "/api/v1/org-units/999999",
       json{{"name", "Ingen"}, {"version", 1}}, 404},
      {"ciso creates a unit", &ciso, "POST", "/api/v1/org-units",
       json{{"name", "Ciso-enhet"}, {"kind", "unit"}, {"parent_id", sof}}, 403},
      {"ciso renames a unit", &ciso, "PATCH", unit_path, json{{"name", "Ciso"}, {"version", 1}},
       403},
      {"ciso deletes a unit", &ciso, "DELETE", unit_path, nullptr, 403},
      {"ciso restores a unit", &ciso, "POST", unit_path + "/restore", json{{"version", 1}}, 403},
      {"ciso creates a user", &ciso, "POST", "/api/v1/users",
       json{{"username", "ciso.made"},
            {"name", "Ciso Made"},
            {"email", "ciso.made@norrvik.se"},
            {"password", LisServer::kTestPassword},
            {"org_unit_id", sof}},
       403},
      {"ciso deactivates a user", &ciso, "PATCH", user_path,
       json{{"active", false}, {"version", 1}}, 403},
      {"ciso gives a removed role back", &ciso, "POST",
       user_path + "/roles/" + Id(removed_role) + "/restore", json{{"version", 1}}, 403},
      {"ciso grants itself admin", &ciso, "POST", "/api/v1/users/" + Id(ciso.user_id) + "/roles",
       json{{"role", "admin"}, {"scope_id", nullptr}}, 403},
  };
  for (const auto& c : cases) {
    long long total = s.AuditTotal();
    Response r = s.Send(c.method, c.path, *c.who, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r;
    auto events = EventsSince(s, total);
    if (c.status != 403) {
      EXPECT_TRUE(events.empty()) << c.what << ": " << json(events).dump(1);
      continue;
    }
    ASSERT_EQ(events.size(), 1u) << c.what << ": " << json(events).dump(1);
    const json& e = events[0];
    EXPECT_EQ(e["action"], "permission_denied") << c.what;
    EXPECT_EQ(e["actor"], "ciso") << c.what;
    EXPECT_EQ(e["actor_id"], ciso.user_id) << c.what;
    EXPECT_EQ(e["entity"], "user") << c.what;
    EXPECT_EQ(e["entity_id"], ciso.user_id) << c.what;
    EXPECT_EQ(e["after"], json({{"method", c.method}, {"path", c.path}})) << c.what;
    EXPECT_TRUE(e["before"].is_null()) << c.what;
  }
  EXPECT_EQ(server().Get(unit_path, admin).Json(), unit) << "the unit is unchanged";
  json user_now = server().Get(user_path, admin).Json();
  EXPECT_EQ(user_now, user) << "the user is unchanged";
}

// Logging in, failing to and logging out are one event each (a failure: the first of its
// address, route and minute).
TEST_F(AuditEventsTest, LoginFailureAndLogoutAreOneSecurityEventEach) {
  LisServer& s = server();
  long long dso = s.UserId("dso");
  struct Case {
    const char* what;
    std::function<int()> act;
    int status;
    const char* action;
    const char* actor;
    json entity_id;
    json actor_id;  // the user who acted, when known
  };
  Session session;
  const std::vector<Case> cases = {
      {"login", [&] { return s.LoginAs("dso", s.account("dso").password, &session).status; }, 200,
       "login", "dso", dso, dso},
      {"wrong password", [&] { return s.LoginAs("dso", "not the password at all").status; }, 401,
       "login_failed", "dso", dso, nullptr},
      // On the login form: the first failure of an address on a route in a minute is an event
      // of its own, later ones are counted (LockoutTest.ThirtyFailuresOrRefusals...).
      {"unknown user on the form",
       [&] {
         return s.LoginForm("username=nobody.at.all&password=not+the+password+at+all").status;
       },
       401, "login_failed", "nobody.at.all", nullptr, nullptr},
      {"logout", [&] { return s.Delete("/api/v1/session", session).status; }, 204, "logout", "dso",
       dso, dso},
  };
  for (const auto& c : cases) {
    long long total = s.AuditTotal();
    EXPECT_EQ(c.act(), c.status) << c.what;
    auto events = EventsSince(s, total);
    ASSERT_EQ(events.size(), 1u) << c.what << ": " << json(events).dump(1);
    EXPECT_EQ(events[0]["action"], c.action) << c.what;
    EXPECT_EQ(events[0]["actor"], c.actor) << c.what;
    EXPECT_EQ(events[0]["entity_id"], c.entity_id) << c.what;
    EXPECT_EQ(events[0]["actor_id"], c.actor_id)
        << c.what << ": the user who logged in is known, so is its id (filter actor=<id>)";
    EXPECT_EQ(events[0]["address"], "127.0.0.1") << c.what;
    EXPECT_EQ(events[0].dump().find("not the password"), std::string::npos) << "no password";
  }
}

}  // namespace
}  // namespace lis_test::audit_events_test
