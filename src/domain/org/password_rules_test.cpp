#include "domain/org/password_rules.h"

#include <gtest/gtest.h>

#include <set>

namespace lis::domain {
namespace {

TEST(PasswordProblem, EveryRuleByItsCase) {
  const std::set<std::string, std::less<>> dictionary = {"password", "qwerty", "welcome"};
  CommonPasswordLookup common = [&](std::string_view w) { return dictionary.count(w) > 0; };
  const struct {
    const char* what;
    std::string password;
    const char* problem;
  } cases[] = {
      {"three emoji (12 bytes, 3 characters)", "\xF0\x9F\x98\x80\xF0\x9F\x98\x81\xF0\x9F\x98\x82",
       "error.password_short"},
      {"11 characters of 22 bytes",
       "\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3"
       "\xA4\xC3\xB6\xC3\xA5\xC3\xA4",
       "error.password_short"},
      {"12 characters of 24 bytes",
       "\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3\xA4\xC3\xB6\xC3\xA5\xC3"
       "\xA4\xC3\xB6\xC3\xA5\xC3\xA4\xC3\xB6",
       ""},
      {"11 ASCII characters", "12345678901", "error.password_short"},
      {"more than 256 bytes", std::string(257, 'x'), "error.field_too_long"},
      {"only spaces", std::string(14, ' '), "error.field_blank"},
      {"a dictionary word with digits", "password1234", "error.password_common"},
      {"a dictionary word in capitals with signs", "!!QWERTY!!2026", "error.password_common"},
      {"the username", "anna.berg2026!", "error.password_username"},
      {"the username in capitals", "Mitt ANNA.BERG nu", "error.password_username"},
      {"a passphrase", "correct horse battery staple", ""},
      {"a passphrase with a dictionary word inside", "welcome to the jungle", ""},
  };
  for (const auto& c : cases)
    EXPECT_EQ(PasswordProblem(c.password, "anna.berg", common), c.problem) << c.what;
  EXPECT_EQ(PasswordProblem("password1234", "anna.berg", nullptr), "")
      << "without a dictionary only the other rules hold";
  EXPECT_EQ(PasswordProblem("abcabcabcabc", "ab", common), "") << "a username under 3 letters";
}

}  // namespace
}  // namespace lis::domain
