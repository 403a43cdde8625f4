#include "core/stockholm_time.h"

#include <gtest/gtest.h>

namespace lis {
namespace {

TimePoint At(const char* rfc3339) {
  auto t = ParseTime(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(TimePoint{});
}

struct LocalCase {
  const char* utc;
  const char* local;
  int offset;
};

// Both sides of each switch, 2026: summer time from 2026-03-29 01:00 UTC to 2026-10-25 01:00.
TEST(StockholmTime, ShowsCivilTimeAcrossTheSwitches) {
  const LocalCase kCases[] = {
      {"2026-01-15T12:00:00Z", "2026-01-15 13:00", 60},
      {"2026-03-29T00:59:59Z", "2026-03-29 01:59", 60},
      {"2026-03-29T01:00:00Z", "2026-03-29 03:00", 120},
      {"2026-07-01T22:30:00Z", "2026-07-02 00:30", 120},
      {"2026-10-25T00:59:59Z", "2026-10-25 02:59", 120},
      {"2026-10-25T01:00:00Z", "2026-10-25 02:00", 60},
      {"2026-12-31T23:00:00Z", "2027-01-01 00:00", 60},
      {"2027-03-28T01:00:00Z", "2027-03-28 03:00", 120},
  };
  for (const auto& c : kCases) {
    EXPECT_EQ(FormatStockholm(At(c.utc)), c.local) << c.utc;
    EXPECT_EQ(StockholmOffsetMinutes(At(c.utc)), c.offset) << c.utc;
  }
}

TEST(StockholmTime, DateIsTheSwedishDay) {
  EXPECT_EQ(StockholmDate(At("2026-11-28T23:30:00Z")), "2026-11-29");
  EXPECT_EQ(StockholmDate(At("2026-06-30T21:59:00Z")), "2026-06-30");
  EXPECT_EQ(StockholmDate(At("2026-06-30T22:00:00Z")), "2026-07-01");
}

TEST(StockholmTime, Rfc3339CarriesTheOffset) {
  EXPECT_EQ(FormatStockholmRfc3339(At("2026-03-29T01:00:00Z")), "2026-03-29T03:00:00+02:00");
  EXPECT_EQ(FormatStockholmRfc3339(At("2026-02-01T10:15:30Z")), "2026-02-01T11:15:30+01:00");
  EXPECT_EQ(At(FormatStockholmRfc3339(At("2026-08-01T10:15:30Z")).c_str()),
            At("2026-08-01T10:15:30Z"));
}

struct MonthCase {
  const char* from;
  const char* expected;
};

TEST(StockholmTime, AddsCalendarMonthsOnTheSwedishCalendar) {
  const MonthCase kCases[] = {
      // 31 January (local) + 1 month = the last day of February, same local time.
      {"2027-01-31T09:00:00Z", "2027-02-28T09:00:00Z"},
      {"2028-01-31T09:00:00Z", "2028-02-29T09:00:00Z"},
      // 23:30 UTC on 28 February is 1 March in Sweden: the month runs to 1 April, local.
      {"2026-02-28T23:30:00Z", "2026-03-31T22:30:00Z"},
      // Into summer time: 10:00 CET becomes 10:00 CEST, an hour earlier in UTC.
      {"2026-03-15T09:00:00Z", "2026-04-15T08:00:00Z"},
      // Out of summer time.
      {"2026-09-30T08:00:00Z", "2026-10-30T09:00:00Z"},
      // 31 March + 1 month = 30 April; 31 October + 1 = 30 November.
      {"2026-03-31T10:00:00Z", "2026-04-30T10:00:00Z"},
      {"2026-10-31T10:00:00Z", "2026-11-30T10:00:00Z"},
      // 28 February 2027 02:30 CET + 1 month lands in the skipped hour of 28 March 2027 (no
      // such local time): it moves forward to 03:30 CEST.
      {"2027-02-28T01:30:00Z", "2027-03-28T01:30:00Z"},
      // A leap day into summer time.
      {"2028-02-29T01:30:00Z", "2028-03-29T00:30:00Z"},
      // The repeated hour of 25 October: the first 02:30 (CEST).
      {"2026-09-25T00:30:00Z", "2026-10-25T00:30:00Z"},
      // December into January of the next year.
      {"2026-12-31T12:00:00Z", "2027-01-31T12:00:00Z"},
  };
  for (const auto& c : kCases)
    EXPECT_EQ(FormatTime(AddMonthsStockholm(At(c.from), 1)), FormatTime(At(c.expected))) << c.from;
}

struct InputCase {
  const char* local;
  const char* utc;  // nullptr: refused
};

// The form's datetime-local values, around both switches of 2026 and malformed ones.
TEST(StockholmTime, ParsesSwedishWallTimesFromForms) {
  const InputCase kCases[] = {
      {"2026-01-15T13:00", "2026-01-15T12:00:00Z"},
      {"2026-07-01T00:30", "2026-06-30T22:30:00Z"},
      {"2026-07-01T00:30:15", "2026-06-30T22:30:15Z"},
      // Spring: 01:59 is winter time, 03:00 summer time; 02:00-02:59 do not exist and move
      // forward by the hour skipped (02:30 is read as 03:30 summer time).
      {"2026-03-29T01:59", "2026-03-29T00:59:00Z"},
      {"2026-03-29T02:00", "2026-03-29T01:00:00Z"},
      {"2026-03-29T02:30", "2026-03-29T01:30:00Z"},
      {"2026-03-29T03:30", "2026-03-29T01:30:00Z"},
      {"2026-03-29T03:00", "2026-03-29T01:00:00Z"},
      // Autumn: 02:00-02:59 happen twice; the first (summer time) is taken.
      {"2026-10-25T01:59", "2026-10-24T23:59:00Z"},
      {"2026-10-25T02:30", "2026-10-25T00:30:00Z"},
      {"2026-10-25T03:00", "2026-10-25T02:00:00Z"},
      {"2028-02-29T12:00", "2028-02-29T11:00:00Z"},
      {"2026-02-29T12:00", nullptr},
      {"2026-04-31T12:00", nullptr},
      {"2026-01-15T24:00", nullptr},
      {"2026-01-15T12:60", nullptr},
      {"2026-01-15 12:00", nullptr},
      {"2026-01-15T12:00Z", nullptr},
      {"2026-01-15T12:00:00+01:00", nullptr},
      {"2026-1-15T12:00", nullptr},
      {"2026-01-15T+1:00", nullptr},
      {"0001-01-01T00:00", nullptr},
      {"2026-01-15", nullptr},
      {"", nullptr},
  };
  for (const auto& c : kCases) {
    auto t = ParseStockholmLocal(c.local);
    if (!c.utc) {
      EXPECT_FALSE(t.has_value()) << c.local;
      continue;
    }
    ASSERT_TRUE(t.has_value()) << c.local;
    EXPECT_EQ(FormatTime(*t), FormatTime(At(c.utc))) << c.local;
  }
}

TEST(StockholmTime, FormatsTheInputValueBackToTheSameInstant) {
  for (const char* utc : {"2026-03-29T01:30:00Z", "2026-10-25T00:30:00Z", "2026-10-25T01:30:00Z",
                          "2026-12-31T23:15:00Z"}) {
    std::string input = FormatStockholmLocalInput(At(utc));
    auto back = ParseStockholmLocal(input);
    ASSERT_TRUE(back.has_value()) << input;
    // The second 02:30 of October reads back as the first: the input cannot tell them apart.
    if (std::string(utc) == "2026-10-25T01:30:00Z") {
      EXPECT_EQ(input, "2026-10-25T02:30");
      EXPECT_EQ(FormatTime(*back), FormatTime(At("2026-10-25T00:30:00Z")));
      continue;
    }
    EXPECT_EQ(FormatTime(*back), FormatTime(At(utc))) << input;
  }
}

}  // namespace
}  // namespace lis
