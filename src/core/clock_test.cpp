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

TEST(Dates, AreCalendarDates) {
  struct Case {
    const char* text;
    bool valid;
  };
  const Case cases[] = {{"2026-11-29", true},  {"2028-02-29", true},  {"2026-02-29", false},
                        {"2026-13-01", false}, {"2026-1-01", false},  {"26-11-29", false},
                        {"2026/11/29", false}, {"2026-11-2x", false}, {"", false},
                        {"2026-11-31", false}, {"2026-12-31", true}};
  for (const auto& c : cases) EXPECT_EQ(IsDate(c.text), c.valid) << c.text;
}

TEST(Dates, AddDaysCrossesMonthsAndYears) {
  EXPECT_EQ(AddDays("2026-11-29", 90), "2027-02-27");
  EXPECT_EQ(AddDays("2028-02-28", 1), "2028-02-29");
  EXPECT_EQ(AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(AddDays("2026-03-01", -1), "2026-02-28");
  EXPECT_FALSE(AddDays("2026-02-30", 1));
}

TEST(Dates, LeapYearsAndMalformedText) {
  for (const char* d : {"2026-01-31", "2028-02-29", "2000-02-29"}) EXPECT_TRUE(IsDate(d)) << d;
  for (const char* d : {"2026-02-29", "2026-13-01", "2026-04-31", "2026-1-01", "20260101",
                        "1900-02-29", "2026-00-10", "abcd-ef-gh", ""})
    EXPECT_FALSE(IsDate(d)) << d;
}

}  // namespace
}  // namespace lis
