#include "domain/incidents/incident_rules.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(IncidentRules, StatusMoves) {
  struct Case {
    const char* from;
    const char* to;
    bool allowed;
  };
  const Case cases[] = {
      {"new", "new", true},
      {"new", "triage", true},
      {"new", "investigating", true},
      {"new", "closed", true},
      {"triage", "contained", true},
      {"investigating", "triage", true},
      {"contained", "investigating", true},
      {"resolved", "investigating", true},
      {"resolved", "closed", true},
      {"triage", "new", false},
      {"closed", "new", false},
      {"closed", "triage", false},
      {"closed", "resolved", false},
      {"closed", "investigating", true},
      {"closed", "closed", true},
      {"new", "done", false},
      {"open", "new", false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(IncidentMoveAllowed(c.from, c.to), c.allowed) << c.from << " -> " << c.to;
}

TEST(IncidentRules, LeavesTriageOnlyFromTheIntake) {
  EXPECT_TRUE(LeavesTriage("new", "investigating"));
  EXPECT_TRUE(LeavesTriage("triage", "closed"));
  EXPECT_FALSE(LeavesTriage("new", "triage"));
  EXPECT_FALSE(LeavesTriage("investigating", "contained"));
  EXPECT_FALSE(LeavesTriage("closed", "investigating"));
}

TEST(IncidentRules, AspectsParseToKrtsOrder) {
  struct Case {
    std::vector<std::string> letters;
    std::optional<std::string> stored;
  };
  const Case cases[] = {
      {{}, ""},
      {{"T", "K"}, "KT"},
      {{"S", "R", "K", "T"}, "KRTS"},
      {{"K", "K"}, std::nullopt},
      {{"k"}, std::nullopt},
      {{"X"}, std::nullopt},
      {{"KR"}, std::nullopt},
      {{""}, std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(AspectsFromLetters(c.letters), c.stored);
  EXPECT_EQ(AspectLetters("KTS"), (std::vector<std::string>{"K", "T", "S"}));
  EXPECT_TRUE(AspectLetters("").empty());
}

TEST(IncidentRules, OpenUntilResolved) {
  EXPECT_TRUE(IncidentOpen("new"));
  EXPECT_TRUE(IncidentOpen("contained"));
  EXPECT_FALSE(IncidentOpen("resolved"));
  EXPECT_FALSE(IncidentOpen("closed"));
}

}  // namespace
}  // namespace lis::domain
