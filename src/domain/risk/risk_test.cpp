#include "domain/risk/risk.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(RiskScale, ScoreIsTheProductOfTheSteps) {
  struct Case {
    int likelihood, consequence, score;
  };
  for (const Case c :
       {Case{1, 1, 1}, Case{1, 4, 4}, Case{2, 3, 6}, Case{3, 3, 9}, Case{4, 3, 12}, Case{4, 4, 16}})
    EXPECT_EQ(RiskScore(c.likelihood, c.consequence), c.score)
        << c.likelihood << "x" << c.consequence;
}

TEST(RiskScale, LevelsAreOneToFour) {
  for (long long v : {0LL, 5LL, -1LL, 100LL}) EXPECT_FALSE(IsRiskLevel(v)) << v;
  for (long long v : {1LL, 2LL, 3LL, 4LL}) EXPECT_TRUE(IsRiskLevel(v)) << v;
}

TEST(RiskScale, Treatments) {
  for (const char* t : {"reduce", "accept", "avoid", "share"}) EXPECT_TRUE(IsRiskTreatment(t));
  for (const char* t : {"", "Accept", "transfer", "ignore"}) EXPECT_FALSE(IsRiskTreatment(t)) << t;
}

TEST(RiskSettings, BandsAndThreshold) {
  RiskSettings s;  // threshold 8; yellow from 3, orange from 6, red from 9
  struct Case {
    int score;
    const char* band;
    bool above;
  };
  for (const Case c : {Case{1, "green", false}, Case{2, "green", false}, Case{3, "yellow", false},
                       Case{4, "yellow", false}, Case{6, "orange", false}, Case{8, "orange", false},
                       Case{9, "red", true}, Case{16, "red", true}}) {
    EXPECT_EQ(RiskBand(s, c.score), c.band) << c.score;
    EXPECT_EQ(AboveThreshold(s, c.score), c.above) << c.score;
  }
}

TEST(RiskSettings, InvalidSettingsNameTheirField) {
  struct Case {
    RiskSettings s;
    const char* field;  // nullptr: valid
  };
  const Case cases[] = {
      {{8, 3, 6, 9}, nullptr},      {{16, 1, 1, 1}, nullptr},      {{0, 3, 6, 9}, "threshold"},
      {{17, 3, 6, 9}, "threshold"}, {{8, 0, 6, 9}, "yellow_from"}, {{8, 7, 6, 9}, "orange_from"},
      {{8, 3, 6, 5}, "red_from"},   {{8, 3, 6, 17}, "red_from"},
  };
  for (const auto& c : cases) {
    auto field = InvalidRiskSetting(c.s);
    if (c.field)
      EXPECT_EQ(field.value_or(""), c.field);
    else
      EXPECT_FALSE(field) << *field;
  }
}

TEST(RiskAcceptance, ValidUntilIsInclusive) {
  EXPECT_TRUE(AcceptanceValidOn("2026-12-31", "2026-12-30"));
  EXPECT_TRUE(AcceptanceValidOn("2026-12-31", "2026-12-31"));
  EXPECT_FALSE(AcceptanceValidOn("2026-12-31", "2027-01-01"));
}

TEST(RiskAcceptance, LatestValidUntilIsThreeYearsOn) {
  EXPECT_EQ(LatestValidUntil("2026-11-29"), "2029-11-29");
  EXPECT_EQ(LatestValidUntil("2028-02-29"), "2031-02-28");
}

// The state of a risk on 2026-06-15 with the default settings (threshold 8).
TEST(RiskAcceptance, StateOfARisk) {
  const RiskSettings s;
  const std::string today = "2026-06-15";
  struct Case {
    const char* treatment;
    int score;
    std::optional<int> residual;
    std::optional<std::string> valid_until;
    RiskState state;
    bool needs_decision;
  };
  const Case cases[] = {
      {"", 16, std::nullopt, std::nullopt, RiskState::kOpen, false},
      {"reduce", 16, 4, std::nullopt, RiskState::kTreated, false},
      {"avoid", 12, std::nullopt, std::nullopt, RiskState::kTreated, false},
      {"share", 12, 9, std::nullopt, RiskState::kTreated, false},
      // At or below the threshold accepting needs no decision.
      {"accept", 16, 8, std::nullopt, RiskState::kAccepted, false},
      {"accept", 6, std::nullopt, std::nullopt, RiskState::kAccepted, false},
      // Above it: a decision, valid through its last day, then back for review.
      {"accept", 4, 9, std::nullopt, RiskState::kAwaitingAcceptance, true},
      {"accept", 12, std::nullopt, std::nullopt, RiskState::kAwaitingAcceptance, true},
      {"accept", 12, 12, "2026-06-15", RiskState::kAccepted, true},
      {"accept", 12, 12, "2027-01-01", RiskState::kAccepted, true},
      {"accept", 12, 12, "2026-06-14", RiskState::kAcceptanceExpired, true},
      // An expired decision needs review even if the risk is now within the appetite.
      {"accept", 12, 4, "2026-01-01", RiskState::kAcceptanceExpired, false},
  };
  for (const auto& c : cases) {
    RiskFacts r;
    r.treatment = c.treatment;
    r.score = c.score;
    r.residual_score = c.residual;
    if (c.valid_until) r.acceptance = Acceptance{*c.valid_until};
    EXPECT_EQ(RiskStateName(StateOf(s, r, today)), std::string(RiskStateName(c.state)))
        << c.treatment << " " << c.score << " " << c.residual.value_or(0) << " "
        << c.valid_until.value_or("-");
    EXPECT_EQ(NeedsAcceptanceDecision(s, r), c.needs_decision) << c.treatment << " " << c.score;
  }
}

TEST(RiskAcceptance, ThresholdIsPerOrganisation) {
  RiskFacts r;
  r.treatment = "accept";
  r.score = 12;
  r.residual_score = 6;
  RiskSettings cautious;
  cautious.threshold = 4;
  EXPECT_TRUE(NeedsAcceptanceDecision(cautious, r));
  EXPECT_FALSE(NeedsAcceptanceDecision(RiskSettings{}, r));
}

}  // namespace
}  // namespace lis::domain
