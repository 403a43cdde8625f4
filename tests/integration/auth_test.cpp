// Login, logout, CSRF, API tokens, lockout and deactivation against the real server.
#include <functional>

#include "lis_server.h"

namespace lis_test::auth_test {
namespace {

class AuthTest : public SharedServerTest<AuthTest> {
 protected:
  static std::string Id(long long id) { return std::to_string(id); }
};

TEST_F(AuthTest, LoginAnswersCsrfTokenUserAndAStrictHttpOnlyCookie) {
  Response r =
      server().Post("/api/v1/session", {},
                    {{"username", "ciso"}, {"password", server().account("ciso").password}});
  ASSERT_EQ(r.status, 200) << r;
  json body = r.Json();
  EXPECT_TRUE(body["csrf_token"].is_string());
  EXPECT_GE(body["csrf_token"].get<std::string>().size(), 20u);
  EXPECT_EQ(body["user"]["username"], "ciso");
  EXPECT_TRUE(body["user"]["id"].is_number_integer());

  std::string cookie;
  for (const auto& c : r.Headers("Set-Cookie"))
    if (c.rfind("lis_session=", 0) == 0) cookie = c;
  ASSERT_FALSE(cookie.empty()) << "no lis_session cookie";
  EXPECT_GT(cookie.find(';'), std::string("lis_session=").size() + 20) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("Path=/"), std::string::npos) << cookie;
  EXPECT_EQ(cookie.find("Secure"), std::string::npos) << "plain HTTP, not behind a proxy";
}

TEST_F(AuthTest, WrongPasswordAndUnknownUserAreRefusedAlike) {
  Response wrong = server().Post("/api/v1/session", {},
                                 {{"username", "teknisk"}, {"password", "not the password"}});
  Response unknown = server().Post("/api/v1/session", {},
                                   {{"username", "nobody.here"}, {"password", "not the password"}});
  for (const Response* r : {&wrong, &unknown}) {
    EXPECT_EQ(r->status, 401) << *r;
    EXPECT_EQ(r->Json()["error"]["code"], "unauthenticated");
    EXPECT_TRUE(r->Headers("Set-Cookie").empty());
  }
  // No hint whether the username exists.
  EXPECT_EQ(wrong.body, unknown.body);
}

TEST_F(AuthTest, MeAnswersTheUserAndItsRolesWithScopes) {
  Session ciso = server().Login("ciso");
  Response r = server().Get("/api/v1/me", ciso);
  ASSERT_EQ(r.status, 200) << r;
  json me = r.Json();
  EXPECT_EQ(me["user"]["username"], "ciso");
  EXPECT_EQ(me["user"]["id"], ciso.user_id);
  ASSERT_EQ(me["roles"].size(), 1u) << me;
  EXPECT_EQ(me["roles"][0]["role"], "ciso");
  EXPECT_EQ(me["roles"][0]["scope_id"], server().OrgUnitId("Norrviks kommun"));

  json admin = server().Get("/api/v1/me", server().Admin()).Json();
  ASSERT_EQ(admin["roles"].size(), 1u) << admin;
  EXPECT_EQ(admin["roles"][0]["role"], "admin");
  EXPECT_TRUE(admin["roles"][0]["scope_id"].is_null()) << "installation-wide";
}

TEST_F(AuthTest, LogoutEndsOnlyThatSession) {
  Session first = server().Login("dso");
  Session second = server().Login("dso");
  Response out = server().Delete("/api/v1/session", first);
  EXPECT_EQ(out.status, 204) << out;
  bool cleared = false;
  for (const auto& c : out.Headers("Set-Cookie"))
    cleared |= c.rfind("lis_session=;", 0) == 0 && c.find("Max-Age=0") != std::string::npos;
  EXPECT_TRUE(cleared) << "the cookie is cleared";

  EXPECT_EQ(server().Get("/api/v1/me", first).status, 401);
  EXPECT_EQ(server().Get("/api/v1/me", second).status, 200);
}

TEST_F(AuthTest, LogoutWithoutCsrfTokenIsRefused) {
  Session s = server().Login("dso");
  Auth no_csrf = s;
  no_csrf.csrf.clear();
  EXPECT_EQ(server().Delete("/api/v1/session", no_csrf).status, 403);
  EXPECT_EQ(server().Get("/api/v1/me", s).status, 200) << "still logged in";
}

TEST_F(AuthTest, SafeRequestsWithCookieNeedNoCsrfToken) {
  Auth cookie_only;
  cookie_only.cookie = server().Login("ciso").cookie;
  EXPECT_EQ(server().Get("/api/v1/me", cookie_only).status, 200);
  EXPECT_EQ(server().Get("/api/v1/org-units", cookie_only).status, 200);
  EXPECT_EQ(server().Get("/api/v1/users", cookie_only).status, 200);
}

// Unsafe requests authenticated by cookie must carry the session's CSRF token: without one,
// with a made-up one, or with another session's, they are refused and change nothing.
TEST_F(AuthTest, UnsafeRequestsWithoutTheSessionsCsrfTokenAreRefusedAndChangeNothing) {
  Session admin = server().Login("admin");  // its own session: one case tries to log it out
  long long sof = server().OrgUnitId("Socialförvaltningen");
  json unit = server().CreateOrgUnit("CSRF target", sof);
  json user = server().CreateUser("csrf.target", sof);
  std::string unit_path = "/api/v1/org-units/" + Id(unit["id"]);
  std::string user_path = "/api/v1/users/" + Id(user["id"]);

  struct Case {
    const char* what;
    std::string method;
    std::string path;
    json body;
  };
  const std::vector<Case> cases = {
      {"create org unit",
       "POST",
       "/api/v1/org-units",
       {{"name", "CSRF made"}, {"kind", "unit"}, {"parent_id", sof}}},
      {"rename org unit", "PATCH", unit_path, {{"name", "CSRF renamed"}, {"version", 1}}},
      {"delete org unit", "DELETE", unit_path, nullptr},
      {"create user",
       "POST",
       "/api/v1/users",
       {{"username", "csrf.made"},
        {"name", "CSRF"},
        {"email", "csrf@example.se"},
        {"password", LisServer::kTestPassword}}},
      {"deactivate user", "PATCH", user_path, {{"active", false}, {"version", 1}}},
      {"add role", "POST", user_path + "/roles", {{"role", "ciso"}, {"scope_id", nullptr}}},
      {"create token", "POST", "/api/v1/tokens", {{"name", "CSRF token"}}},
      {"log out", "DELETE", "/api/v1/session", nullptr},
  };
  Auth missing = admin;
  missing.csrf.clear();
  Auth made_up = admin;
  made_up.csrf = "not-the-token";
  Auth other_session = admin;
  other_session.csrf = server().Login("ciso").csrf;
  for (const auto& c : cases) {
    for (const Auth* auth : {&missing, &made_up, &other_session}) {
      Response r = server().Send(c.method, c.path, *auth, c.body);
      EXPECT_EQ(r.status, 403) << c.what << " with CSRF token '" << auth->csrf << "': " << r;
      EXPECT_EQ(r.Json()["error"]["code"], "forbidden") << c.what;
    }
  }

  // Nothing changed (seen from another admin session).
  json unit_now = server().Get(unit_path, server().Admin()).Json();
  EXPECT_EQ(unit_now["name"], "CSRF target");
  EXPECT_EQ(unit_now["version"], 1);
  json user_now = server().Get(user_path, server().Admin()).Json();
  EXPECT_EQ(user_now["active"], true);
  EXPECT_EQ(user_now["version"], 1);
  EXPECT_EQ(server().Get(user_path + "/roles", server().Admin()).Json()["total"], 0);
  EXPECT_EQ(server().Get("/api/v1/users?q=csrf.made", server().Admin()).Json()["total"], 0);
  auto names = Strings(
      server().Get("/api/v1/org-units?limit=500", server().Admin()).Json()["items"], "name");
  EXPECT_EQ(std::count(names.begin(), names.end(), "CSRF made"), 0);
  auto tokens = Strings(server().Get("/api/v1/tokens", server().Admin()).Json()["items"], "name");
  EXPECT_EQ(std::count(tokens.begin(), tokens.end(), "CSRF token"), 0);
  EXPECT_EQ(server().Get("/api/v1/me", admin).status, 200) << "not logged out";

  // With the right token the same request goes through.
  EXPECT_EQ(server().Send(cases[1].method, cases[1].path, admin, cases[1].body).status, 200);
}

TEST_F(AuthTest, ApiTokenIsShownOnceListedWithoutSecretAndRevocable) {
  Session s = server().Login("itsak");
  Response created = server().Post("/api/v1/tokens", s, {{"name", "SIEM integration"}});
  ASSERT_EQ(created.status, 201) << created;
  json body = created.Json();
  ASSERT_TRUE(body["id"].is_number_integer()) << body;
  ASSERT_TRUE(body["token"].is_string()) << body;
  std::string token = body["token"];
  long long id = body["id"];
  EXPECT_GE(token.size(), 32u);

  // The bearer token authenticates without cookie or CSRF token, also for unsafe requests.
  Response me = server().Get("/api/v1/me", Bearer(token));
  ASSERT_EQ(me.status, 200) << me;
  EXPECT_EQ(me.Json()["user"]["username"], "itsak");
  Response second = server().Post("/api/v1/tokens", Bearer(token), {{"name", "second"}});
  EXPECT_EQ(second.status, 201) << second;

  // Listed by name, never with the token or its hash.
  Response list = server().Get("/api/v1/tokens", s);
  ASSERT_EQ(list.status, 200) << list;
  json items = list.Json()["items"];
  ASSERT_EQ(items.size(), 2u) << items;
  EXPECT_EQ(items[0]["id"], id);
  EXPECT_EQ(items[0]["name"], "SIEM integration");
  for (const auto& item : items) {
    EXPECT_FALSE(item.contains("token")) << item;
    EXPECT_FALSE(item.contains("token_hash")) << item;
  }
  EXPECT_EQ(list.body.find(token), std::string::npos);
  EXPECT_EQ(list.body.find(token.substr(4, 16)), std::string::npos);

  // Another user can neither see nor revoke it.
  Session other = server().Login("ciso");
  EXPECT_EQ(server().Get("/api/v1/tokens", other).Json()["total"], 0);
  EXPECT_EQ(server().Delete("/api/v1/tokens/" + Id(id), other).status, 404);
  EXPECT_EQ(server().Get("/api/v1/me", Bearer(token)).status, 200);

  // Revoked, it stops working at once.
  EXPECT_EQ(server().Delete("/api/v1/tokens/" + Id(id), s).status, 204);
  EXPECT_EQ(server().Get("/api/v1/me", Bearer(token)).status, 401);
  EXPECT_EQ(server().Delete("/api/v1/tokens/" + Id(id), s).status, 404);
  EXPECT_EQ(server().Get("/api/v1/tokens", s).Json()["total"], 1);
}

TEST_F(AuthTest, BadAuthorizationHeadersAreUnauthenticated) {
  for (const char* header :
       {"Bearer lis_made-up-token", "Bearer ", "Basic YWRtaW46YWRtaW4=", "Token abc"}) {
    httplib::Headers h = {{"Authorization", header}};
    Response me = server().Send("GET", "/api/v1/me", {}, nullptr, h);
    EXPECT_EQ(me.status, 401) << header << ": " << me;
    EXPECT_EQ(me.Json()["error"]["code"], "unauthenticated") << header;
  }
  // A made-up session cookie is no session.
  Auth bogus;
  bogus.cookie = "lis_session=made-up";
  EXPECT_EQ(server().Get("/api/v1/me", bogus).status, 401);
}

// The login form carries a CSRF token of its own (cookie and field): without it, or with
// another cookie's, the login is refused before the password is checked, and the form comes
// back with a fresh token; with it, the account signs in.
TEST_F(AuthTest, TheLoginFormNeedsItsOwnCsrfToken) {
  const Account& admin = server().account("admin");
  std::string fields = "username=admin&password=" + UrlEncode(admin.password);
  Response bare =
      server().SendRaw("POST", "/login", {}, fields, "application/x-www-form-urlencoded");
  EXPECT_EQ(bare.status, 403) << bare;
  EXPECT_NE(bare.body.find("Inloggningsformuläret hade gått ut"), std::string::npos);
  EXPECT_TRUE(bare.Headers("Set-Cookie").size() == 1 &&
              bare.Headers("Set-Cookie")[0].rfind("lis_login_csrf=", 0) == 0)
      << "a fresh token, no session";
  Auth other;
  other.cookie = "lis_login_csrf=another-token";
  Response mismatched = server().SendRaw("POST", "/login", other, "_csrf=made-up&" + fields,
                                         "application/x-www-form-urlencoded");
  EXPECT_EQ(mismatched.status, 403) << mismatched;
  Response ok = server().LoginForm(fields);
  EXPECT_EQ(ok.status, 303) << ok;
  bool session = false;
  for (const auto& cookie : ok.Headers("Set-Cookie"))
    session = session || cookie.rfind("lis_session=", 0) == 0;
  EXPECT_TRUE(session) << ok;
}

// Deactivating a user ends its sessions and tokens for good, not only while it is inactive.
TEST_F(AuthTest, DeactivationEndsSessionsAndTokens) {
  json user = server().CreateUser("leaving.employee", server().OrgUnitId("Socialförvaltningen"));
  std::string path = "/api/v1/users/" + Id(user["id"]);
  Session session;
  ASSERT_EQ(server().LoginAs("leaving.employee", LisServer::kTestPassword, &session).status, 200);
  Response token = server().Post("/api/v1/tokens", session, {{"name", "script"}});
  ASSERT_EQ(token.status, 201) << token;
  Auth bearer = Bearer(token.Json()["token"]);
  ASSERT_EQ(server().Get("/api/v1/me", bearer).status, 200);

  Response off = server().Patch(path, server().Admin(), {{"active", false}, {"version", 1}});
  ASSERT_EQ(off.status, 200) << off;
  EXPECT_EQ(off.Json()["active"], false);

  EXPECT_EQ(server().Get("/api/v1/me", session).status, 401);
  EXPECT_EQ(server().Get("/api/v1/me", bearer).status, 401);
  EXPECT_EQ(server().LoginAs("leaving.employee", LisServer::kTestPassword).status, 401);

  Response on = server().Patch(path, server().Admin(), {{"active", true}, {"version", 2}});
  ASSERT_EQ(on.status, 200) << on;
  EXPECT_EQ(server().Get("/api/v1/me", session).status, 401) << "the old session stays ended";
  EXPECT_EQ(server().Get("/api/v1/me", bearer).status, 401) << "the old token stays revoked";
  Session again;
  ASSERT_EQ(server().LoginAs("leaving.employee", LisServer::kTestPassword, &again).status, 200);
  EXPECT_EQ(server().Get("/api/v1/tokens", again).Json()["total"], 0);
}

// The older lockout rule, kept as a setting (`lockout_by_address = false`): five failed logins
// lock the username, from anywhere; four do not.
class UsernameLockoutTest : public SharedServerTest<UsernameLockoutTest> {
 public:
  static ServerOptions Options() { return {"lockout_by_address = false\n", true}; }
};

TEST_F(UsernameLockoutTest, FiveFailedLoginsLockTheUsername) {
  server().CreateUser("lockout.victim", server().OrgUnitId("Socialförvaltningen"));
  for (int i = 0; i < 5; ++i) {
    Response r = server().LoginAs("lockout.victim", "wrong password " + std::to_string(i));
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r;
  }
  Response locked = server().LoginAs("lockout.victim", LisServer::kTestPassword);
  EXPECT_EQ(locked.status, 429) << locked;
  EXPECT_EQ(locked.Json()["error"]["code"], "locked");
  EXPECT_TRUE(locked.Headers("Set-Cookie").empty());

  // The login form is locked too.
  Response form =
      server().LoginForm("username=lockout.victim&password=correct+horse+battery+staple");
  EXPECT_EQ(form.status, 429) << form;

  // Only that username.
  EXPECT_EQ(server().LoginAs("kontakt.sof", server().account("kontakt.sof").password).status, 200);
}

TEST_F(UsernameLockoutTest, FourFailedLoginsDoNotLock) {
  server().CreateUser("almost.locked", server().OrgUnitId("Socialförvaltningen"));
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(server().LoginAs("almost.locked", "wrong password").status, 401);
  EXPECT_EQ(server().LoginAs("almost.locked", LisServer::kTestPassword).status, 200);
}

// Behind a reverse proxy that terminates TLS (trust_proxy = true) the cookie is Secure when
// the proxy says the request came over HTTPS.
class BehindProxyTest : public SharedServerTest<BehindProxyTest> {
 public:
  static ServerOptions Options() { return {"trust_proxy = true\n", true}; }
};

TEST_F(BehindProxyTest, SessionCookieIsSecureWhenTheProxySaysHttps) {
  const Account& a = server().account("ciso");
  json body = {{"username", a.username}, {"password", a.password}};
  for (const char* proto : {"https", "http", ""}) {
    httplib::Headers headers;
    if (*proto) headers.emplace("X-Forwarded-Proto", proto);
    Response r = server().Send("POST", "/api/v1/session", {}, body, headers);
    ASSERT_EQ(r.status, 200) << r;
    std::string cookie = r.Header("Set-Cookie");
    bool secure = cookie.find("; Secure") != std::string::npos;
    EXPECT_EQ(secure, std::string(proto) == "https") << proto << ": " << cookie;
    EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
    EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  }
}

// /metrics answers loopback only unless a token is configured: behind the proxy a client far
// away is refused, and the token opens it.
class MetricsTokenTest : public SharedServerTest<MetricsTokenTest> {
 public:
  static ServerOptions Options() {
    return {"trust_proxy = true\nmetrics_token = \"skrapa-7f3a\"\n", false};
  }
};

TEST_F(MetricsTokenTest, MetricsAnswerLoopbackOrTheToken) {
  LisServer& s = server();
  httplib::Headers far = {{"X-Forwarded-For", "203.0.113.9"}};
  httplib::Headers near = {{"X-Forwarded-For", "127.0.0.1"}};
  EXPECT_EQ(s.Send("GET", "/metrics", {}, nullptr, far).status, 403);
  EXPECT_EQ(s.Send("GET", "/metrics", Bearer("fel"), nullptr, far).status, 403);
  Response token = s.Send("GET", "/metrics", Bearer("skrapa-7f3a"), nullptr, far);
  EXPECT_EQ(token.status, 200) << token;
  EXPECT_NE(token.body.find("lis_http_requests_total"), std::string::npos) << token;
  EXPECT_EQ(s.Send("GET", "/metrics", {}, nullptr, near).status, 200) << "loopback";
}

TEST_F(BehindProxyTest, MetricsAreRefusedToAClientFarAwayWithoutAToken) {
  httplib::Headers far = {{"X-Forwarded-For", "203.0.113.9"}};
  EXPECT_EQ(server().Send("GET", "/metrics", {}, nullptr, far).status, 403);
  EXPECT_EQ(server().Send("GET", "/metrics", Bearer(""), nullptr, far).status, 403)
      << "an empty token opens nothing when none is configured";
}

// The client address (for the access log and the audit trail) is the one the trusted proxy
// added: the last X-Forwarded-For entry. Entries before it come from the client and can be
// anything.
TEST_F(BehindProxyTest, ClientAddressIsTheOneTheProxyAdded) {
  httplib::Headers headers = {{"X-Forwarded-For", "203.0.113.66, 198.51.100.7"}};
  server().Send("GET", "/api/v1/forwarded-probe", {}, nullptr, headers);
  std::string log = server().Log();
  EXPECT_NE(log.find("198.51.100.7 \"GET /api/v1/forwarded-probe\""), std::string::npos) << log;
  EXPECT_EQ(log.find("203.0.113.66"), std::string::npos) << "a client-chosen address was logged";
}

}  // namespace
}  // namespace lis_test::auth_test
