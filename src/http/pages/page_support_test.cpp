#include "http/pages/page_support.h"

#include <gtest/gtest.h>

namespace lis::http {
namespace {

TEST(LocalTimeText, ShowsSwedishWinterAndSummerTime) {
  EXPECT_EQ(LocalTimeText("2026-01-15T12:00:00.000000Z"), "2026-01-15 13:00");
  EXPECT_EQ(LocalTimeText("2026-07-01T22:30:00.000000Z"), "2026-07-02 00:30");
  EXPECT_EQ(LocalTimeText("2026-12-31T23:59:59.999999Z"), "2027-01-01 00:59");
}

TEST(LocalTimeText, ChangesAtOneOClockUtcOnTheLastSundays) {
  // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
  EXPECT_EQ(LocalTimeText("2026-03-29T00:59:00Z"), "2026-03-29 01:59");
  EXPECT_EQ(LocalTimeText("2026-03-29T01:00:00Z"), "2026-03-29 03:00");
  EXPECT_EQ(LocalTimeText("2026-10-25T00:59:00Z"), "2026-10-25 02:59");
  EXPECT_EQ(LocalTimeText("2026-10-25T01:00:00Z"), "2026-10-25 02:00");
}

TEST(LocalTimeText, LeavesOtherTextAlone) {
  EXPECT_EQ(LocalTimeText(""), "");
  EXPECT_EQ(LocalTimeText("igår"), "igår");
}

TEST(LocalDayStartUtc, GivesSwedishMidnightInUtc) {
  EXPECT_EQ(LocalDayStartUtc("2026-01-15"), "2026-01-14T23:00:00.000000Z");
  EXPECT_EQ(LocalDayStartUtc("2026-07-01"), "2026-06-30T22:00:00.000000Z");
  EXPECT_EQ(LocalDayStartUtc("2026-12-31", 1), "2026-12-31T23:00:00.000000Z");
  // The days the clocks change: midnight is still on the old time.
  EXPECT_EQ(LocalDayStartUtc("2026-03-29"), "2026-03-28T23:00:00.000000Z");
  EXPECT_EQ(LocalDayStartUtc("2026-03-30"), "2026-03-29T22:00:00.000000Z");
  EXPECT_EQ(LocalDayStartUtc("2026-10-25"), "2026-10-24T22:00:00.000000Z");
  EXPECT_EQ(LocalDayStartUtc("2026-10-26"), "2026-10-25T23:00:00.000000Z");
}

TEST(LocalDayStartUtc, RefusesWhatIsNotADate) {
  EXPECT_FALSE(LocalDayStartUtc(""));
  EXPECT_FALSE(LocalDayStartUtc("2026-02-30"));
  EXPECT_FALSE(LocalDayStartUtc("2026-1-01"));
  EXPECT_FALSE(LocalDayStartUtc("26-01-2026"));
  EXPECT_FALSE(LocalDayStartUtc("2026-01-01T00:00"));
}

TEST(UrlEncode, EncodesAllButUnreservedCharacters) {
  EXPECT_EQ(UrlEncode("Åsa Ö&x=1"), "%C3%85sa%20%C3%96%26x%3D1");
  EXPECT_EQ(UrlEncode("a-b_c.d~e"), "a-b_c.d~e");
}

// A form's fields as the services take them, each read by its type; a number accepts the
// Swedish decimal comma.
TEST(FormToJson, ReadsEachFieldByItsType) {
  HttpRequest req;
  req.params = {{"title", "Rubrik"}, {"empty", ""},        {"count", "12"}, {"share", "2,5"},
                {"minus", "-0.5"},   {"blank_number", ""}, {"done", "on"}};
  auto body = FormToJson(req, {{"title"},
                               {"empty", FormField::kText, true},
                               {"count", FormField::kInt},
                               {"share", FormField::kNumber},
                               {"minus", FormField::kNumber},
                               {"blank_number", FormField::kNumber},
                               {"done", FormField::kBool},
                               {"absent", FormField::kNumber}});
  ASSERT_TRUE(body.ok());
  EXPECT_EQ((*body)["title"], "Rubrik");
  EXPECT_TRUE((*body)["empty"].is_null());
  EXPECT_EQ((*body)["count"], 12);
  EXPECT_DOUBLE_EQ((*body)["share"].get<double>(), 2.5);
  EXPECT_DOUBLE_EQ((*body)["minus"].get<double>(), -0.5);
  EXPECT_TRUE((*body)["blank_number"].is_null());
  EXPECT_EQ((*body)["done"], true);
  EXPECT_FALSE(body->contains("absent"));
  for (const char* bad : {"2,5,1", "1e3", "tolv", "-", "1.2.3"}) {
    HttpRequest r;
    r.params = {{"share", bad}};
    auto refused = FormToJson(r, {{"share", FormField::kNumber}});
    ASSERT_FALSE(refused.ok()) << bad;
    EXPECT_EQ(refused.error().message_key, "error.field_not_number") << bad;
    EXPECT_EQ(refused.error().field, "share");
  }
}

}  // namespace
}  // namespace lis::http
