#include "domain/assets/classification.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(Classification, InformationSetClassIsTheHighestAspectAndNamesIt) {
  struct Case {
    AspectLevels levels;
    std::optional<int> level;
    Aspect aspect;
  };
  const Case cases[] = {
      {{0, 0, 0, 0}, 0, Aspect::kConfidentiality},
      {{3, 1, 2, 0}, 3, Aspect::kConfidentiality},
      {{1, 2, 4, 2}, 4, Aspect::kAvailability},
      {{2, 2, 2, 3}, 3, Aspect::kTraceability},
      {{2, 3, 3, 1}, 3, Aspect::kIntegrity},  // ties go to the first in K, R, T, S order
      {{2, std::nullopt, 1, 1}, std::nullopt, Aspect::kConfidentiality},  // not fully classified
  };
  for (const auto& c : cases) {
    auto r = InformationSetClass(c.levels, 9, "Elevakter");
    ASSERT_EQ(r.has_value(), c.level.has_value());
    if (!r) continue;
    EXPECT_EQ(r->level, *c.level);
    EXPECT_EQ(r->aspect, c.aspect);
    EXPECT_EQ(r->source_id, 9);
    EXPECT_EQ(r->source_name, "Elevakter");
  }
}

TEST(Classification, HighestClassOverPartsKeepsItsReason) {
  auto a = InformationSetClass({1, 1, 1, 1}, 1, "A");
  auto b = InformationSetClass({1, 3, 1, 1}, 2, "B");
  auto c = InformationSetClass({3, 0, 0, 0}, 3, "C");
  auto best = HighestClass({a, std::nullopt, b, c});
  ASSERT_TRUE(best);
  EXPECT_EQ(best->level, 3);
  EXPECT_EQ(best->source_name, "B");  // first of the equal ones
  EXPECT_EQ(best->aspect, Aspect::kIntegrity);
  EXPECT_FALSE(HighestClass({}));
  EXPECT_FALSE(HighestClass({std::nullopt}));
}

TEST(Classification, ReviewDateAddsMonthsAndClampsTheDay) {
  struct Case {
    const char* approved;
    int months;
    std::optional<std::string> due;
  };
  const Case cases[] = {
      {"2026-03-15", 12, "2027-03-15"}, {"2026-01-31", 1, "2026-02-28"},
      {"2027-01-31", 13, "2028-02-29"}, {"2024-02-29", 12, "2025-02-28"},
      {"2026-11-30", 3, "2027-02-28"},  {"2026-12-01", 24, "2028-12-01"},
      {"2026-02-30", 12, std::nullopt}, {"2026-13-01", 12, std::nullopt},
      {"26-01-01", 12, std::nullopt},   {"2026-01-01", -1, std::nullopt},
  };
  for (const auto& c : cases) EXPECT_EQ(ReviewDate(c.approved, c.months), c.due) << c.approved;
}

TEST(Classification, RequirementAppliesFromItsMinimumLevel) {
  AspectLevels levels = {2, 0, 3, std::nullopt};
  EXPECT_TRUE(RequirementApplies(levels, Aspect::kConfidentiality, 2));
  EXPECT_FALSE(RequirementApplies(levels, Aspect::kConfidentiality, 3));
  EXPECT_TRUE(RequirementApplies(levels, Aspect::kAvailability, 1));
  EXPECT_FALSE(RequirementApplies(levels, Aspect::kIntegrity, 1));
  EXPECT_FALSE(RequirementApplies(levels, Aspect::kTraceability, 1));  // unclassified
}

TEST(Classification, NamesRoundTrip) {
  for (Aspect a : kAspects) EXPECT_EQ(ParseAspect(AspectName(a)), a);
  EXPECT_FALSE(ParseAspect("secrecy"));
  for (auto p : {PersonalData::kNone, PersonalData::kOrdinary, PersonalData::kSpecial,
                 PersonalData::kCriminal})
    EXPECT_EQ(ParsePersonalData(PersonalDataName(p)), p);
  EXPECT_FALSE(ParsePersonalData("sensitive"));
}

TEST(ClassificationScale, ParsesTheLevelsOfItsScaleOnly) {
  const struct {
    int max_level;
    const char* text;
    std::optional<int> level;
  } cases[] = {{4, "0", 0},
               {4, "4", 4},
               {3, "4", std::nullopt},
               {3, "3", 3},
               {4, "", std::nullopt},
               {4, "-1", std::nullopt},
               {4, "1a", std::nullopt},
               {4, "04", 4},
               {4, "999", std::nullopt}};
  for (const auto& c : cases)
    EXPECT_EQ(ClassificationScale{c.max_level}.Parse(c.text), c.level)
        << c.text << " on 0-" << c.max_level;
}

}  // namespace
}  // namespace lis::domain
