#include "domain/deviations/exception_rules.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TimePoint At(const char* utc) {
  return *ParseTime(utc);
}

// Every state × every move: a decision only on a requested exception, revoking and expiring
// only an approved one; the rest are refused naming the rule.
TEST(ExceptionRules, EveryStateAndMove) {
  using S = ExceptionState;
  using M = ExceptionMove;
  const struct {
    S from;
    M move;
    std::optional<S> to;  // nothing: refused
    const char* error;
  } cases[] = {
      {S::kRequested, M::kApprove, S::kApproved, nullptr},
      {S::kRequested, M::kReject, S::kRejected, nullptr},
      {S::kRequested, M::kRevoke, std::nullopt, "error.exception_not_approved"},
      {S::kRequested, M::kExpire, std::nullopt, "error.exception_not_approved"},
      {S::kApproved, M::kApprove, std::nullopt, "error.exception_not_requested"},
      {S::kApproved, M::kReject, std::nullopt, "error.exception_not_requested"},
      {S::kApproved, M::kRevoke, S::kRevoked, nullptr},
      {S::kApproved, M::kExpire, S::kExpired, nullptr},
      {S::kRejected, M::kApprove, std::nullopt, "error.exception_not_requested"},
      {S::kRejected, M::kReject, std::nullopt, "error.exception_not_requested"},
      {S::kRejected, M::kRevoke, std::nullopt, "error.exception_not_approved"},
      {S::kRejected, M::kExpire, std::nullopt, "error.exception_not_approved"},
      {S::kExpired, M::kApprove, std::nullopt, "error.exception_not_requested"},
      {S::kExpired, M::kReject, std::nullopt, "error.exception_not_requested"},
      {S::kExpired, M::kRevoke, std::nullopt, "error.exception_not_approved"},
      {S::kExpired, M::kExpire, std::nullopt, "error.exception_not_approved"},
      {S::kRevoked, M::kApprove, std::nullopt, "error.exception_not_requested"},
      {S::kRevoked, M::kReject, std::nullopt, "error.exception_not_requested"},
      {S::kRevoked, M::kRevoke, std::nullopt, "error.exception_not_approved"},
      {S::kRevoked, M::kExpire, std::nullopt, "error.exception_not_approved"},
  };
  ASSERT_EQ(std::size(cases), ExceptionStates().size() * ExceptionMoves().size());
  for (const auto& c : cases) {
    auto next = NextExceptionState(c.from, c.move);
    std::string label =
        ExceptionStateName(c.from) + " " + ExceptionMoves()[static_cast<size_t>(c.move)];
    if (c.to) {
      ASSERT_TRUE(next.ok()) << label;
      EXPECT_EQ(*next, *c.to) << label;
    } else {
      ASSERT_FALSE(next.ok()) << label;
      EXPECT_EQ(next.error().message_key, c.error) << label;
      EXPECT_EQ(next.error().field, "status") << label;
    }
  }
}

TEST(ExceptionRules, MonthsAreAddedToADateKeepingItsDayWithinTheMonth) {
  const struct {
    const char* date;
    int months;
    const char* expected;
  } cases[] = {{"2026-12-07", 12, "2027-12-07"}, {"2027-01-31", 1, "2027-02-28"},
               {"2028-01-31", 1, "2028-02-29"},  {"2026-11-30", 3, "2027-02-28"},
               {"2026-05-15", 0, "2026-05-15"},  {"2026-12-31", 1, "2027-01-31"}};
  for (const auto& c : cases) EXPECT_EQ(AddMonthsToDate(c.date, c.months), c.expected) << c.date;
  EXPECT_FALSE(AddMonthsToDate("2026-02-30", 1));
}

TEST(ExceptionRules, AValidityEndsOnOrAfterItsStartAndWithinTheMaximum) {
  const struct {
    const char* from;
    const char* until;
    const char* error;  // nullptr: accepted
    const char* field;
  } cases[] = {
      {"2027-01-01", "2027-12-31", nullptr, ""},
      {"2027-01-01", "2027-01-01", nullptr, ""},
      {"2027-01-31", "2028-01-31", nullptr, ""},
      {"2027-01-31", "2028-02-01", "error.exception_too_long", "valid_until"},
      {"2027-01-02", "2027-01-01", "error.exception_valid_until", "valid_until"},
      {"2027-13-01", "2027-12-01", "error.field_not_date", "valid_from"},
      {"2027-01-01", "31/12/2027", "error.field_not_date", "valid_until"},
  };
  for (const auto& c : cases) {
    Status s = CheckValidity(c.from, c.until, 12);
    if (!c.error) {
      EXPECT_TRUE(s.ok()) << c.from << " " << c.until;
      continue;
    }
    ASSERT_FALSE(s.ok()) << c.from << " " << c.until;
    EXPECT_EQ(s.error().message_key, c.error);
    EXPECT_EQ(s.error().field, c.field);
  }
}

// An exception valid through a day lasts until that Swedish day ends: at midnight in
// Stockholm, which is 23:00 UTC in winter and 22:00 UTC in summer, also on the days the
// clocks change.
TEST(ExceptionRules, ItExpiresOnTheFirstSwedishDayAfterItsLastDayAcrossSummerTime) {
  const struct {
    const char* valid_until;
    const char* now;
    bool expired;
  } cases[] = {
      // Winter time (UTC+1).
      {"2027-01-15", "2027-01-15T22:59:59Z", false},
      {"2027-01-15", "2027-01-15T23:00:00Z", true},
      // The night summer time begins (28 March 2027: 02:00 CET becomes 03:00 CEST).
      {"2027-03-27", "2027-03-27T22:59:59Z", false},
      {"2027-03-27", "2027-03-27T23:00:00Z", true},
      {"2027-03-28", "2027-03-28T21:59:59Z", false},
      {"2027-03-28", "2027-03-28T22:00:00Z", true},
      // The night summer time ends (31 October 2027: 03:00 CEST becomes 02:00 CET).
      {"2027-10-30", "2027-10-30T21:59:59Z", false},
      {"2027-10-30", "2027-10-30T22:00:00Z", true},
      {"2027-10-31", "2027-10-31T22:59:59Z", false},
      {"2027-10-31", "2027-10-31T23:00:00Z", true},
  };
  for (const auto& c : cases)
    EXPECT_EQ(ExceptionExpiredAt(c.valid_until, At(c.now)), c.expired)
        << c.valid_until << " at " << c.now;
}

TEST(ExceptionRules, OnlyAnApprovedUnexpiredExceptionIsInForce) {
  TimePoint now = At("2027-06-01T10:00:00Z");
  for (const auto& name : ExceptionStates()) {
    ExceptionState state = *ParseExceptionState(name);
    EXPECT_EQ(ExceptionInForce(state, "2027-06-01", now), state == ExceptionState::kApproved)
        << name;
    EXPECT_FALSE(ExceptionInForce(state, "2027-05-31", now)) << name;
  }
}

// Reminders come 30, 7 and 1 days before the exception ends (the day after its last valid day).
TEST(ExceptionRules, AReminderComesThirtySevenAndOneDayBeforeTheEnd) {
  const struct {
    const char* valid_until;
    const char* today;
    std::optional<int> days;
  } cases[] = {
      {"2027-06-30", "2027-05-31", std::nullopt},  // ends on 1 July: 31 days away
      {"2027-06-30", "2027-06-01", 30},
      {"2027-06-30", "2027-06-23", 30},
      {"2027-06-30", "2027-06-24", 7},
      {"2027-06-30", "2027-06-29", 7},
      {"2027-06-30", "2027-06-30", 1},             // the last valid day
      {"2027-06-30", "2027-07-01", std::nullopt},  // run out: the sweep expires it
  };
  for (const auto& c : cases)
    EXPECT_EQ(ExpiryReminderDays(c.valid_until, c.today), c.days) << c.today;
}

}  // namespace
}  // namespace lis::domain
