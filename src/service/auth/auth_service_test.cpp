#include "service/auth/auth_service.h"

#include <gtest/gtest.h>

#include "core/crypto.h"

namespace lis::service {
namespace {

// "$argon2id$v=19$m=65536,t=2,p=1$salt$hash" -> "$argon2id$v=19$m=65536,t=2,p=1": the cost.
std::string ArgonCost(const std::string& encoded) {
  size_t salt = encoded.find('$', encoded.find("$m=") + 1);
  return encoded.substr(0, salt);
}

// An unknown username costs one Argon2 verification of the same cost as a known one's: the
// login takes the same path, so its time does not tell whether the username exists.
TEST(LoginHashToCheck, AnUnknownUsernameIsCheckedAgainstADummyOfTheSameCost) {
  ASSERT_TRUE(InitCrypto());
  std::string stored = HashPassword("correct horse battery staple");
  EXPECT_EQ(&LoginHashToCheck(&stored), &stored) << "a known username: its own hash";
  const std::string& dummy = LoginHashToCheck(nullptr);
  ASSERT_EQ(dummy.rfind("$argon2id$", 0), 0u) << dummy;
  EXPECT_EQ(ArgonCost(dummy), ArgonCost(stored));
  EXPECT_EQ(&LoginHashToCheck(nullptr), &dummy) << "made once";
  for (const char* password : {"", "correct horse battery staple", "password1234"})
    EXPECT_FALSE(VerifyPassword(dummy, password)) << password;
}

// A username tried from many addresses is slowed down, never locked: nothing under the limit,
// then 250 ms more per failure, at most 2 s.
TEST(LoginSlowDown, GrowsFromTheLimitAndStopsAtTwoSeconds) {
  using std::chrono::milliseconds;
  const struct {
    int failures, limit;
    long long ms;
  } cases[] = {{0, 5, 0},     {4, 5, 0},      {5, 5, 250}, {6, 5, 500},
               {12, 5, 2000}, {500, 5, 2000}, {100, 0, 0}};
  for (const auto& c : cases)
    EXPECT_EQ(LoginSlowDown(c.failures, c.limit), milliseconds(c.ms))
        << c.failures << " failures, limit " << c.limit;
}

}  // namespace
}  // namespace lis::service
