// Users and role assignments through the API.
#include "lis_server.h"

namespace lis_test::users_test {
namespace {

class UsersTest : public SharedServerTest<UsersTest> {
 protected:
  static json NewUserBody(const std::string& username) {
    return {{"username", username},
            {"name", "Ny Användare"},
            {"email", username + "@norrvik.se"},
            {"password", LisServer::kTestPassword},
            {"org_unit_id", server().OrgUnitId("Socialförvaltningen")}};
  }
  static std::string RolesPath(long long user) { return "/api/v1/users/" + Id(user) + "/roles"; }
  static void ExpectInvalid(const Response& r, const std::string& field, const std::string& what) {
    EXPECT_EQ(r.status, 400) << what << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "invalid") << what;
    EXPECT_EQ(r.Json()["error"]["field"], field) << what << ": " << r;
  }
  // A user with role `role` at `scope` (nothing: installation-wide), logged in.
  static Session UserWithRole(const std::string& username, const std::string& role,
                              std::optional<long long> scope, long long home) {
    long long id = server().CreateUser(username, home)["id"];
    server().AddRole(id, role, scope);
    Session s;
    EXPECT_EQ(server().LoginAs(username, LisServer::kTestPassword, &s).status, 200);
    return s;
  }
};

TEST_F(UsersTest, CreateAnswersTheUserWithoutPassword) {
  json body = NewUserBody("ny.anvandare");
  body["language"] = "en";
  Response r = server().Post("/api/v1/users", server().Admin(), body);
  ASSERT_EQ(r.status, 201) << r;
  json user = r.Json();
  EXPECT_TRUE(user["id"].is_number_integer());
  EXPECT_EQ(user["username"], "ny.anvandare");
  EXPECT_EQ(user["name"], "Ny Användare");
  EXPECT_EQ(user["email"], "ny.anvandare@norrvik.se");
  EXPECT_EQ(user["active"], true);
  EXPECT_EQ(user["language"], "en");
  EXPECT_EQ(user["org_unit_id"], body["org_unit_id"]);
  EXPECT_EQ(user["version"], 1);
  for (const char* secret : {"password", "password_hash", "hash", "credentials"})
    EXPECT_FALSE(user.contains(secret)) << secret;
  EXPECT_EQ(r.body.find(LisServer::kTestPassword), std::string::npos);
  EXPECT_EQ(r.body.find("argon2"), std::string::npos);

  Response fetched = server().Get("/api/v1/users/" + Id(user["id"]), server().Admin());
  EXPECT_EQ(fetched.Json(), user);
  EXPECT_EQ(fetched.body.find("argon2"), std::string::npos);
  // The new user can log in with its password.
  EXPECT_EQ(server().LoginAs("ny.anvandare", LisServer::kTestPassword).status, 200);
}

TEST_F(UsersTest, CreateRefusesBadInputNamingTheField) {
  struct Case {
    const char* what;
    const char* field;
    const char* value;  // replaces `field` in a good body; nullptr removes it
    const char* bad_field;
  };
  const Case cases[] = {
      {"taken username", "username", "medarbetare", "username"},
      {"username with space", "username", "stor bokstav", "username"},
      {"username with a slash", "username", "a/b", "username"},
      {"short password", "password", "kort-123", "password"},
      {"11-character password", "password", "12345678901", "password"},
      {"blank password", "password", "              ", "password"},
      {"three emoji (12 bytes)", "password", "\xF0\x9F\x98\x80\xF0\x9F\x98\x81\xF0\x9F\x98\x82",
       "password"},
      {"a common password with digits", "password", "password1234", "password"},
      {"the username in the password", "password", "refused.user-2026!", "password"},
      {"email without @", "email", "utan-snabel-a.norrvik.se", "email"},
      {"email without domain dot", "email", "a@norrvik", "email"},
      {"email without local part", "email", "@norrvik.se", "email"},
      {"email with two @", "email", "a@@norrvik.se", "email"},
      {"email with space", "email", "a b@norrvik.se", "email"},
      {"unknown language", "language", "de", "language"},
      {"missing name", "name", nullptr, "name"},
      {"missing email", "email", nullptr, "email"},
      {"missing password", "password", nullptr, "password"},
  };
  for (const auto& c : cases) {
    json body = NewUserBody("refused.user");
    if (c.value)
      body[c.field] = c.value;
    else
      body.erase(c.field);
    ExpectInvalid(server().Post("/api/v1/users", server().Admin(), body), c.bad_field, c.what);
  }
  json body = NewUserBody("refused.user");
  body["org_unit_id"] = 999999;
  ExpectInvalid(server().Post("/api/v1/users", server().Admin(), body), "org_unit_id",
                "missing org unit");
  EXPECT_EQ(server().Get("/api/v1/users?q=refused.user", server().Admin()).Json()["total"], 0);
}

// Each password rule says which rule it is (NIST SP 800-63B; domain/org/password_rules.h).
TEST_F(UsersTest, APasswordRefusalNamesTheRule) {
  const struct {
    const char* password;
    const char* message;
  } cases[] = {
      {"\xF0\x9F\x98\x80\xF0\x9F\x98\x81\xF0\x9F\x98\x82", "Lösenordet måste ha minst 12 tecken."},
      {"password1234", "Lösenordet är för vanligt"},
      {"ny.regel.user 2026", "Lösenordet får inte innehålla användarnamnet."}};
  for (const auto& c : cases) {
    json body = NewUserBody("ny.regel.user");
    body["password"] = c.password;
    Response r = server().Post("/api/v1/users", server().Admin(), body);
    EXPECT_EQ(r.status, 400) << c.password << ": " << r;
    EXPECT_EQ(r.Json()["error"]["message"].get<std::string>().rfind(c.message, 0), 0u) << r;
  }
  json body = NewUserBody("ny.regel.user");
  body["password"] = "en lång fras av flera ord";
  EXPECT_EQ(server().Post("/api/v1/users", server().Admin(), body).status, 201);
}

TEST_F(UsersTest, UpdateChangesFieldsAndPassword) {
  long long id =
      server().CreateUser("byter.uppgifter", server().OrgUnitId("Socialförvaltningen"))["id"];
  std::string path = "/api/v1/users/" + Id(id);
  Response r =
      server().Patch(path, server().Admin(),
                     {{"name", "Nytt Namn"}, {"email", "nytt@norrvik.se"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["name"], "Nytt Namn");
  EXPECT_EQ(r.Json()["email"], "nytt@norrvik.se");
  EXPECT_EQ(r.Json()["username"], "byter.uppgifter");
  EXPECT_EQ(r.Json()["version"], 2);

  ExpectInvalid(server().Patch(path, server().Admin(), {{"email", "trasig"}, {"version", 2}}),
                "email", "bad email");
  ExpectInvalid(server().Patch(path, server().Admin(), {{"username", "nytt.namn"}, {"version", 2}}),
                "username", "the username cannot change");
  ExpectInvalid(server().Patch(path, server().Admin(), {{"password", "kort"}, {"version", 2}}),
                "password", "short password");
  EXPECT_EQ(server().Patch(path, server().Admin(), {{"name", "Gammal"}, {"version", 1}}).status,
            409);

  Response pw = server().Patch(path, server().Admin(),
                               {{"password", "ett helt nytt lösenord"}, {"version", 2}});
  ASSERT_EQ(pw.status, 200) << pw;
  EXPECT_EQ(pw.body.find("ett helt nytt"), std::string::npos);
  EXPECT_EQ(server().LoginAs("byter.uppgifter", LisServer::kTestPassword).status, 401);
  EXPECT_EQ(server().LoginAs("byter.uppgifter", "ett helt nytt lösenord").status, 200);
}

TEST_F(UsersTest, RolesAreAddedListedAndRemoved) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long id = s.CreateUser("ny.kontakt", sof)["id"];
  Session user;
  ASSERT_EQ(s.LoginAs("ny.kontakt", LisServer::kTestPassword, &user).status, 200);
  EXPECT_EQ(s.Get("/api/v1/me", user).Json()["roles"], json::array());
  EXPECT_EQ(s.Get("/api/v1/users", user).status, 403) << "no role yet";

  Response added = s.Post(RolesPath(id), s.Admin(), {{"role", "contact"}, {"scope_id", sof}});
  ASSERT_EQ(added.status, 201) << added;
  json grant = added.Json();
  EXPECT_TRUE(grant["id"].is_number_integer());
  EXPECT_EQ(grant["role"], "contact");
  EXPECT_EQ(grant["scope_id"], sof);
  EXPECT_EQ(grant["user_id"], id);

  json listed = s.Get(RolesPath(id), s.Admin()).Json();
  ASSERT_EQ(listed["total"], 1) << listed;
  EXPECT_EQ(listed["items"][0]["id"], grant["id"]);
  EXPECT_EQ(listed["items"][0]["role"], "contact");

  // The same session has the role at once.
  json me = s.Get("/api/v1/me", user).Json();
  ASSERT_EQ(me["roles"].size(), 1u) << me;
  EXPECT_EQ(me["roles"][0]["role"], "contact");
  EXPECT_EQ(me["roles"][0]["scope_id"], sof);
  EXPECT_EQ(s.Get("/api/v1/users", user).status, 200) << "contact may read users";

  EXPECT_EQ(s.Post(RolesPath(id), s.Admin(), {{"role", "contact"}, {"scope_id", sof}}).status, 409)
      << "the same role in the same scope twice";
  ExpectInvalid(s.Post(RolesPath(id), s.Admin(), {{"role", "superuser"}, {"scope_id", sof}}),
                "role", "unknown role");
  ExpectInvalid(s.Post(RolesPath(id), s.Admin(), {{"role", "employee"}, {"scope_id", 999999}}),
                "scope_id", "missing scope");
  ExpectInvalid(s.Post(RolesPath(id), s.Admin(), {{"scope_id", sof}}), "role", "no role");
  EXPECT_EQ(s.Post(RolesPath(999999), s.Admin(), {{"role", "employee"}, {"scope_id", sof}}).status,
            404);

  // A role assignment is removed through its own user only.
  long long other = s.UserId("medarbetare");
  std::string grant_id = Id(grant["id"]);
  EXPECT_EQ(s.Delete(RolesPath(other) + "/" + grant_id, s.Admin()).status, 404);
  EXPECT_EQ(s.Delete(RolesPath(id) + "/" + grant_id, s.Admin()).status, 204);
  EXPECT_EQ(s.Delete(RolesPath(id) + "/" + grant_id, s.Admin()).status, 404);
  EXPECT_EQ(s.Get(RolesPath(id), s.Admin()).Json()["total"], 0);
  EXPECT_EQ(s.Get("/api/v1/me", user).Json()["roles"], json::array());
  EXPECT_EQ(s.Get("/api/v1/users", user).status, 403) << "the permission went with the role";
}

// Separation of duties: an administrator cannot give itself a role that reads security content
// (through the API or the user page); another administrator, or `lis user grant` on the command
// line, can. Roles that read no content it may still give itself.
TEST_F(UsersTest, AnAdminCannotGiveItselfAContentRole) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long kommun = s.OrgUnitId("Norrviks kommun");
  long long admin_id = s.Admin().user_id;
  for (const char* role : {"ciso", "security_chief", "dpo", "it_security"}) {
    Response r = s.Post(RolesPath(admin_id), s.Admin(), {{"role", role}, {"scope_id", sof}});
    EXPECT_EQ(r.status, 403) << role << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "forbidden") << role;
    EXPECT_NE(r.Json()["error"]["message"].get<std::string>().find("lis user grant"),
              std::string::npos)
        << "the refusal names the rule and the way: " << r;
  }
  EXPECT_EQ(s.Get(RolesPath(admin_id), s.Admin()).Json()["total"], 1) << "still the admin only";

  Response page = s.SendRaw("POST", "/users/" + Id(admin_id) + "/roles", s.Admin(),
                            "role=ciso&scope_id=" + Id(sof) + "&_csrf=" + s.Admin().csrf,
                            "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 403) << "the page refuses it too: " << page;
  EXPECT_EQ(s.Get(RolesPath(admin_id), s.Admin()).Json()["total"], 1);

  EXPECT_EQ(s.Post(RolesPath(admin_id), s.Admin(), {{"role", "board"}, {"scope_id", sof}}).status,
            201)
      << "a role without security content";

  // Another administrator gives it.
  long long second = s.CreateUser("andra.admin", kommun)["id"];
  s.AddRole(second, "admin", std::nullopt);
  Session other;
  ASSERT_EQ(s.LoginAs("andra.admin", LisServer::kTestPassword, &other).status, 200);
  Response given = s.Post(RolesPath(admin_id), other, {{"role", "ciso"}, {"scope_id", sof}});
  EXPECT_EQ(given.status, 201) << given;
  EXPECT_EQ(s.Post(RolesPath(second), other, {{"role", "dpo"}, {"scope_id", sof}}).status, 403)
      << "nor can the second one give it to itself";

  // The command line gives it when no other administrator is there.
  CommandResult cli = RunLis({"user", "grant", "--database", s.database_url(), "--username",
                              "andra.admin", "--role", "dpo", "--scope-id", Id(kommun)});
  EXPECT_EQ(cli.exit_code, 0) << cli;
  json roles = s.Get(RolesPath(second), s.Admin()).Json();
  bool dpo = false;
  for (const auto& r : roles["items"]) dpo |= r["role"] == "dpo" && r["scope_id"] == kommun;
  EXPECT_TRUE(dpo) << roles;
  CommandResult again = RunLis({"user", "grant", "--database", s.database_url(), "--username",
                                "andra.admin", "--role", "dpo", "--scope-id", Id(kommun)});
  EXPECT_NE(again.exit_code, 0) << "the same role twice: " << again;
  CommandResult nobody = RunLis({"user", "grant", "--database", s.database_url(), "--username",
                                 "ingen.alls", "--role", "dpo"});
  EXPECT_NE(nobody.exit_code, 0) << nobody;
}

// An admin held on a node manages that subtree only, and cannot make anyone an admin of
// more than it holds itself.
TEST_F(UsersTest, ScopedAdminStaysInsideItsScope) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long energi = s.OrgUnitId("Norrvik Energi AB");
  Session admin_sof = UserWithRole("admin.sof", "admin", sof, sof);
  long long target = s.CreateUser("sof.anstalld", sof)["id"];

  // Installation-wide admin: refused, for another user and for itself.
  for (long long who : {target, admin_sof.user_id}) {
    Response r = s.Post(RolesPath(who), admin_sof, {{"role", "admin"}, {"scope_id", nullptr}});
    EXPECT_EQ(r.status, 403) << r;
    EXPECT_EQ(r.Json()["error"]["code"], "forbidden");
  }
  EXPECT_EQ(s.Post(RolesPath(target), admin_sof, {{"role", "admin"}, {"scope_id", energi}}).status,
            403)
      << "admin of another organisation";
  EXPECT_EQ(s.Post(RolesPath(target), admin_sof, {{"role", "ciso"}, {"scope_id", nullptr}}).status,
            403)
      << "any installation-wide role";
  EXPECT_EQ(s.Get(RolesPath(target), s.Admin()).Json()["total"], 0) << "nothing was added";
  json me = s.Get("/api/v1/me", admin_sof).Json();
  ASSERT_EQ(me["roles"].size(), 1u) << me;
  EXPECT_EQ(me["roles"][0]["scope_id"], sof);

  // Inside its scope it manages users and roles.
  EXPECT_EQ(s.Post(RolesPath(target), admin_sof, {{"role", "contact"}, {"scope_id", sof}}).status,
            201);
  json body = NewUserBody("skapad.av.sof");
  EXPECT_EQ(s.Post("/api/v1/users", admin_sof, body).status, 201);
  body = NewUserBody("skapad.i.energi");
  body["org_unit_id"] = energi;
  EXPECT_EQ(s.Post("/api/v1/users", admin_sof, body).status, 403);
  body["org_unit_id"] = nullptr;
  ExpectInvalid(s.Post("/api/v1/users", admin_sof, body), "org_unit_id",
                "a scoped admin must place a new user in its scope");
  EXPECT_EQ(s.Get("/api/v1/users/" + Id(s.UserId("ciso.energi")), admin_sof).status, 404);
  EXPECT_EQ(s.Post("/api/v1/org-units", admin_sof,
                   {{"name", "Utanför"}, {"kind", "unit"}, {"parent_id", energi}})
                .status,
            403);
  EXPECT_EQ(s.Post("/api/v1/org-units", admin_sof,
                   {{"name", "Innanför"}, {"kind", "unit"}, {"parent_id", sof}})
                .status,
            201);
}

// A scoped admin must not be able to take over an account that holds more than its scope:
// changing the password of (or deactivating) an installation-wide admin whose home unit lies
// in the scoped admin's subtree would hand it the whole installation.
TEST_F(UsersTest, ScopedAdminCannotTakeOverAnInstallationWideAccount) {
  LisServer& s = server();
  long long kommun = s.OrgUnitId("Norrviks kommun");
  long long ksf = s.OrgUnitId("Kommunstyrelseförvaltningen");
  Session admin_kommun = UserWithRole("admin.kommun", "admin", kommun, ksf);
  Session global = UserWithRole("global.admin", "admin", std::nullopt, ksf);
  std::string path = "/api/v1/users/" + Id(global.user_id);
  ASSERT_EQ(s.Get(path, admin_kommun).status, 200) << "visible: its home unit is in scope";

  Response pw = s.Patch(path, admin_kommun, {{"password", "tagen av kommunadmin"}, {"version", 1}});
  EXPECT_EQ(pw.status, 403) << pw;
  EXPECT_EQ(s.LoginAs("global.admin", "tagen av kommunadmin").status, 401)
      << "the scoped admin now logs in as an installation-wide admin";

  Response off =
      s.Patch(path, admin_kommun,
              {{"active", false}, {"version", s.Get(path, s.Admin()).Json()["version"]}});
  EXPECT_EQ(off.status, 403) << off;
  EXPECT_EQ(s.Get("/api/v1/me", global).status, 200) << "the installation admin was locked out";

  // Its installation-wide role is out of reach too.
  json roles = s.Get(RolesPath(global.user_id), s.Admin()).Json();
  ASSERT_EQ(roles["total"], 1);
  EXPECT_EQ(
      s.Delete(RolesPath(global.user_id) + "/" + Id(roles["items"][0]["id"]), admin_kommun).status,
      403);
}

TEST_F(UsersTest, ListsArePaged) {
  const Session& admin = server().Admin();
  json all = server().Get("/api/v1/users?limit=500", admin).Json();
  long long total = all["total"];
  ASSERT_GE(total, 14);
  EXPECT_EQ(all["items"].size(), static_cast<size_t>(total));

  json first = server().Get("/api/v1/users?limit=3", admin).Json();
  EXPECT_EQ(first["total"], total);
  ASSERT_EQ(first["items"].size(), 3u);
  json second = server().Get("/api/v1/users?limit=3&offset=3", admin).Json();
  ASSERT_EQ(second["items"].size(), 3u);
  EXPECT_EQ(second["items"][0], all["items"][3]) << "pages follow one order";
  EXPECT_NE(second["items"][0]["id"], first["items"][0]["id"]);
  json beyond = server().Get("/api/v1/users?offset=10000", admin).Json();
  EXPECT_EQ(beyond["items"], json::array());
  EXPECT_EQ(beyond["total"], total);
}

}  // namespace
}  // namespace lis_test::users_test
