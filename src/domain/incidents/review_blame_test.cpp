#include "domain/incidents/review_blame.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

struct BlameCase {
  const char* text;
  const char* expected;  // the name found, or "" for none
};

TEST(ReviewBlame, FindsNamesAsWholeWordsIgnoringCase) {
  const std::vector<std::string> names = {"Anna Öberg", "Per", "anna.svensson", "X"};
  const BlameCase cases[] = {
      {"Anna Öberg klickade på länken.", "Anna Öberg"},
      {"ANNA ÖBERG klickade", "Anna Öberg"},
      {"anna öberg, på ekonomi", "Anna Öberg"},
      {"Kontot anna.svensson låstes", "anna.svensson"},
      {"Kontot ANNA.SVENSSON.", "anna.svensson"},
      {"Per glömde", "Per"},
      {"(per)", "Per"},
      {"Personalen reagerade snabbt", ""},  // Per inside a word
      {"Supper och superb", ""},            // per inside words
      {"Anna Öbergs dator", ""},            // followed by a letter
      {"Hanna Öberg", ""},                  // preceded by a letter
      {"anna.svensson2 är ett annat konto", ""},
      {"Larmet X gick", ""},  // one-character names are ignored
      {"Rutinen för säkerhetskopiering saknades", ""},
  };
  for (const auto& c : cases) {
    auto found = FirstNamedPerson(c.text, names);
    EXPECT_EQ(found.value_or(""), c.expected) << c.text;
  }
}

TEST(ReviewBlame, UsernamesThatAreWordsAreNotIdentifiers) {
  const std::pair<const char*, bool> cases[] = {
      {"ciso", false},         {"teknisk", false}, {"Medarbetare", false}, {"ciso.energi", true},
      {"anna.svensson", true}, {"ansv01", true},   {"a-b", true},          {"x_y", true},
  };
  for (const auto& [name, expected] : cases)
    EXPECT_EQ(UsernameIsIdentifier(name), expected) << name;
}

}  // namespace
}  // namespace lis::domain
