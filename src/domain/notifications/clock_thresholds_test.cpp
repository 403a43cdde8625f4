#include "domain/notifications/clock_thresholds.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(ClockThresholds, HighestThresholdReached) {
  struct Case {
    double elapsed;
    std::optional<int> expected;
  };
  const Case cases[] = {
      {0.0, std::nullopt}, {0.25, std::nullopt}, {0.4999, std::nullopt},
      {0.5, 50},           {0.51, 50},           {0.8999, 50},
      {0.9, 90},           {0.95, 90},           {1.0, 90},
      {3.0, 90},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ClockThresholdReached(c.elapsed), c.expected) << "elapsed " << c.elapsed;
}

TEST(ClockThresholds, AreHalfAndNinetyPercent) {
  EXPECT_EQ(ClockThresholds(), (std::vector<int>{50, 90}));
}

}  // namespace
}  // namespace lis::domain
