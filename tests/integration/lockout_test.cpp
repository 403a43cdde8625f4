// Lockout by client address (issue 29 step 4; the default, `lockout_by_address = false` keeps
// the older rule): five failed logins from one address lock that address — any username from
// it, even the right password — while the same account still signs in from another address; a
// username tried from many addresses is only slowed down, so nobody locks the CISO out from
// outside. The addresses come from X-Forwarded-For (trust_proxy), as behind the reverse proxy of
// a real installation.
#include "audit_support.h"
#include "lis_server.h"

namespace lis_test::lockout_test {
namespace {

class LockoutTest : public SharedServerTest<LockoutTest> {
 public:
  static ServerOptions Options() {
    ServerOptions o;
    o.config_toml = "trust_proxy = true\n";
    return o;
  }

 protected:
  static Response LoginFrom(const std::string& address, const std::string& username,
                            const std::string& password) {
    return server().SendRaw("POST", "/api/v1/session", {},
                            json{{"username", username}, {"password", password}}.dump(),
                            "application/json", {{"X-Forwarded-For", address}});
  }
};

TEST_F(LockoutTest, FiveFailuresLockTheAddressNotTheAccount) {
  LisServer& s = server();
  s.CreateUser("adress.offer", s.OrgUnitId("Socialförvaltningen"));
  const std::string attacker = "198.51.100.7";
  for (int i = 0; i < 5; ++i) {
    Response r = LoginFrom(attacker, "adress.offer", "fel lösenord " + std::to_string(i));
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r;
  }
  Response locked = LoginFrom(attacker, "adress.offer", LisServer::kTestPassword);
  EXPECT_EQ(locked.status, 429) << locked;
  EXPECT_EQ(locked.Json()["error"]["code"], "locked");
  const Account& other = s.account("kontakt.sof");
  EXPECT_EQ(LoginFrom(attacker, other.username, other.password).status, 429)
      << "any username from the locked address";

  EXPECT_EQ(LoginFrom("203.0.113.20", "adress.offer", LisServer::kTestPassword).status, 200)
      << "the account itself still signs in from its own address";
}

TEST_F(LockoutTest, FourFailuresDoNotLockTheAddress) {
  LisServer& s = server();
  s.CreateUser("nastan.last", s.OrgUnitId("Socialförvaltningen"));
  const std::string address = "198.51.100.44";
  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(LoginFrom(address, "nastan.last", "fel lösenord").status, 401) << "attempt " << i;
  EXPECT_EQ(LoginFrom(address, "nastan.last", LisServer::kTestPassword).status, 200);
}

TEST_F(LockoutTest, AUsernameTriedFromManyAddressesIsNotLockedOut) {
  LisServer& s = server();
  s.CreateUser("manga.adresser", s.OrgUnitId("Socialförvaltningen"));
  for (int i = 0; i < 7; ++i) {
    Response r = LoginFrom("192.0.2." + std::to_string(10 + i), "manga.adresser", "fel lösenord");
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r;
  }
  EXPECT_EQ(LoginFrom("192.0.2.99", "manga.adresser", LisServer::kTestPassword).status, 200);
}

// The attempts the events of `action` from `address` (and `actor`, when set) account for: one
// each, and a minute's closing event its repeats (the first was an event of its own).
long long AttemptsRecorded(const std::vector<json>& events, const std::string& action,
                           const std::string& address, const std::string& actor = "") {
  long long attempts = 0;
  for (const auto& e : events)
    if (e["action"] == action && e["address"] == address && (actor.empty() || e["actor"] == actor))
      attempts += e["after"].is_object() && e["after"].contains("repeats")
                      ? e["after"]["repeats"].get<long long>()
                      : 1;
  return attempts;
}

// A trail that cannot be flooded (issue 29 step 5): 30 failed logins from one address, and 30
// refused requests of one caller, write a handful of events — the first of each kind at once,
// and when the minute is over (here: at a clean shutdown) one event with the repeats — and
// lose none: the events account for every attempt.
TEST_F(LockoutTest, ThirtyFailuresOrRefusalsWriteAHandfulOfEventsAndLoseNone) {
  LisServer& s = server();
  const std::string flood = "203.0.113.99";
  Session contact = s.Login("kontakt.sof");
  long long total = s.AuditTotal();
  for (int i = 0; i < 30; ++i) {
    Response r = LoginFrom(flood, "flod" + std::to_string(i), "fel lösenord");
    EXPECT_EQ(r.status, i < 5 ? 401 : 429) << "attempt " << i;
    EXPECT_EQ(s.Get("/api/v1/audit", contact).status, 403);
  }
  auto at_once = EventsSince(s, total);
  EXPECT_LE(at_once.size(), 8u) << json(at_once).dump(1);
  s.Restart();
  auto events = EventsSince(s, total);
  EXPECT_LE(events.size(), 12u) << "a handful, even when the minute turned: "
                                << json(events).dump(1);
  EXPECT_EQ(AttemptsRecorded(events, "login_failed", flood), 4) << json(events).dump(1);
  EXPECT_EQ(AttemptsRecorded(events, "lockout", flood), 1);
  EXPECT_EQ(AttemptsRecorded(events, "login_locked", flood), 25);
  EXPECT_EQ(AttemptsRecorded(events, "permission_denied", "127.0.0.1", "kontakt.sof"), 30);
  for (const auto& e : events)
    if (e["after"].is_object() && e["after"].contains("repeats")) {
      EXPECT_GT(e["after"]["repeats"], 0) << e;
      EXPECT_TRUE(e["after"]["route"] == "POST /api/v1/session" ||
                  e["after"]["route"] == "GET /api/v1/audit")
          << e;
    }
  // The audit log page says it in words.
  for (const auto& e : events)
    if (e["action"] == "login_locked" && e["after"].contains("repeats")) {
      Response page = s.Get("/audit?action=login_locked", s.Admin());
      ASSERT_EQ(page.status, 200) << page;
      std::string words =
          e["after"]["repeats"].dump() + " försök till från samma adress samma minut";
      EXPECT_NE(page.body.find(words), std::string::npos) << words;
      EXPECT_NE(page.body.find("Användarnamn som prövades"), std::string::npos);
    }
  EXPECT_TRUE(s.VerifyAudit().output.find("ok:") != std::string::npos) << s.VerifyAudit();
}

}  // namespace
}  // namespace lis_test::lockout_test
