#include "core/clock.h"

#include <gtest/gtest.h>

namespace lis {
namespace {

TEST(Clock, FormatsFixedWidthUtc) {
  TimePoint t{std::chrono::microseconds(1764361421123456LL)};
  EXPECT_EQ(FormatTime(t), "2025-11-28T20:23:41.123456Z");
  EXPECT_EQ(FormatTime(TimePoint{}), "1970-01-01T00:00:00.000000Z");
}

TEST(Clock, ParsesRfc3339AndRoundTrips) {
  auto t = ParseTime("2025-11-28T20:23:41.123456Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(FormatTime(*t), "2025-11-28T20:23:41.123456Z");
  auto offset = ParseTime("2025-11-28T21:23:41+01:00");
  ASSERT_TRUE(offset);
  EXPECT_EQ(FormatTime(*offset), "2025-11-28T20:23:41.000000Z");
}

TEST(Clock, RejectsMalformedTimes) {
  for (const char* bad : {"", "2025-11-28", "2025-11-28T20:23:41", "2025-13-01T00:00:00Z",
                          "2025-11-28T20:23:41.Z", "2025-11-28T20:23:41Zjunk", "yesterday"})
    EXPECT_FALSE(ParseTime(bad)) << bad;
}

}  // namespace
}  // namespace lis
