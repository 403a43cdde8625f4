// Lockout by client address (issue 29 step 4, behind `lockout_by_address`): five failed logins
// from one address lock that address — any username from it, even the right password — while
// the same account still signs in from another address; a username tried from many addresses
// is only slowed down, so nobody locks the CISO out from outside. The addresses come from
// X-Forwarded-For (trust_proxy), as behind the reverse proxy of a real installation.
#include "lis_server.h"

namespace lis_test::lockout_test {
namespace {

class LockoutTest : public SharedServerTest<LockoutTest> {
 public:
  static ServerOptions Options() {
    ServerOptions o;
    o.config_toml = "lockout_by_address = true\ntrust_proxy = true\n";
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

TEST_F(LockoutTest, AUsernameTriedFromManyAddressesIsNotLockedOut) {
  LisServer& s = server();
  s.CreateUser("manga.adresser", s.OrgUnitId("Socialförvaltningen"));
  for (int i = 0; i < 7; ++i) {
    Response r = LoginFrom("192.0.2." + std::to_string(10 + i), "manga.adresser", "fel lösenord");
    EXPECT_EQ(r.status, 401) << "attempt " << i << ": " << r;
  }
  EXPECT_EQ(LoginFrom("192.0.2.99", "manga.adresser", LisServer::kTestPassword).status, 200);
}

}  // namespace
}  // namespace lis_test::lockout_test
