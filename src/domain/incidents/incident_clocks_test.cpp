#include "domain/incidents/incident_clocks.h"

#include <gtest/gtest.h>

#include <string>

#include "core/stockholm_time.h"

namespace lis::domain {
namespace {

TimePoint At(const char* rfc3339) {
  auto t = ParseTime(rfc3339);
  EXPECT_TRUE(t.has_value()) << rfc3339;
  return t.value_or(TimePoint{});
}

constexpr ClockKind kGdpr = ClockKind::kGdprArt33;
constexpr ClockKind kEarly = ClockKind::kCslEarlyWarning;
constexpr ClockKind kNotice = ClockKind::kCslNotification;
constexpr ClockKind kFinal = ClockKind::kCslFinalReport;

struct Made {
  ClockKind kind;
  const char* at;
  bool not_required = false;
};

// What one clock should be: its due time in UTC and as a Swedish reader sees it.
struct Expect {
  ClockKind kind;
  const char* due_at;
  const char* due_local;
  ClockState state;
  bool late = false;
};

struct Case {
  const char* name;
  bool breach;
  bool significant;
  const char* awareness;
  std::vector<Made> reports;
  const char* now;
  std::vector<Expect> clocks;
};

IncidentClockFacts FactsOf(const Case& c) {
  IncidentClockFacts f{c.breach, c.significant, At(c.awareness), {}};
  for (const auto& r : c.reports) f.reports.push_back({r.kind, r.not_required, At(r.at)});
  return f;
}

void ExpectClocks(const Case& c, const ClockPeriods& periods) {
  auto clocks = IncidentClocks(FactsOf(c), periods, At(c.now));
  ASSERT_EQ(clocks.size(), c.clocks.size()) << c.name;
  for (size_t i = 0; i < clocks.size(); ++i) {
    const Clock& got = clocks[i];
    const Expect& want = c.clocks[i];
    std::string where = std::string(c.name) + " / " + std::string(ClockKindName(want.kind));
    EXPECT_EQ(got.kind, want.kind) << where;
    EXPECT_EQ(FormatTime(got.due_at), FormatTime(At(want.due_at))) << where;
    EXPECT_EQ(FormatStockholm(got.due_at), want.due_local) << where;
    EXPECT_EQ(ClockStateName(got.state), ClockStateName(want.state)) << where;
    EXPECT_EQ(got.late, want.late) << where;
    EXPECT_EQ(got.done_at.has_value(),
              want.state == ClockState::kDone || want.state == ClockState::kNotRequired)
        << where;
  }
}

const auto kRunning = ClockState::kRunning;
const auto kOverdue = ClockState::kOverdue;
const auto kDone = ClockState::kDone;
const auto kNotRequired = ClockState::kNotRequired;

TEST(IncidentClocks, StatesOfTheGdprClock) {
  const Case kCases[] = {
      {"neither breach nor significant",
       false,
       false,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-11T08:00:00Z",
       {}},
      {"running",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-11T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning}}},
      {"exactly at the due time still running",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-13T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning}}},
      {"overdue a second after",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-13T08:00:01Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kOverdue}}},
      {"made in time",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-12T15:00:00Z"}},
       "2026-01-20T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone}}},
      {"made at the due time is not late",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z"}},
       "2026-01-20T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone, false}}},
      {"made late",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:01Z"}},
       "2026-01-20T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone, true}}},
      {"not required, decided in time",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-11T08:00:00Z", true}},
       "2026-01-20T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kNotRequired}}},
      {"not required, decided late",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-14T08:00:00Z", true}},
       "2026-01-20T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kNotRequired, true}}},
      {"a report of another kind does not settle it",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-10T09:00:00Z"}},
       "2026-01-11T08:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning}}},
  };
  for (const auto& c : kCases) ExpectClocks(c, ClockPeriods{});
}

TEST(IncidentClocks, CybersecurityLawClocks) {
  const Case kCases[] = {
      {"all running; the final report runs from the notification's due time",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-10T20:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kRunning},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning},
        {kFinal, "2026-02-13T08:00:00Z", "2026-02-13 09:00", kRunning}}},
      {"early warning made, notification overdue, final report still running",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-10T12:00:00Z"}},
       "2026-01-20T08:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kDone},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kOverdue},
        {kFinal, "2026-02-13T08:00:00Z", "2026-02-13 09:00", kRunning}}},
      {"notification made early: the final report runs from when it was made",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-10T12:00:00Z"}, {kNotice, "2026-01-11T14:00:00Z"}},
       "2026-01-20T08:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kDone},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone},
        {kFinal, "2026-02-11T14:00:00Z", "2026-02-11 15:00", kRunning}}},
      {"notification made late: late, and the final report runs from when it was made",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-12T08:00:00Z"}, {kNotice, "2026-01-15T10:00:00Z"}},
       "2026-01-20T08:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kDone, true},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone, true},
        {kFinal, "2026-02-15T10:00:00Z", "2026-02-15 11:00", kRunning}}},
      {"final report overdue, then made late",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-10T12:00:00Z"},
        {kNotice, "2026-01-11T14:00:00Z"},
        {kFinal, "2026-02-12T09:00:00Z"}},
       "2026-03-01T08:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kDone},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kDone},
        {kFinal, "2026-02-11T14:00:00Z", "2026-02-11 15:00", kDone, true}}},
      {"not_required is ignored for the cybersäkerhetslag clocks",
       false,
       true,
       "2026-01-10T08:00:00Z",
       {{kEarly, "2026-01-10T12:00:00Z", true}, {kNotice, "2026-01-11T12:00:00Z", true}},
       "2026-01-12T08:00:00Z",
       {{kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kOverdue},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning},
        {kFinal, "2026-02-13T08:00:00Z", "2026-02-13 09:00", kRunning}}},
      {"a breach that is also significant has all four, gdpr first",
       true,
       true,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-10T09:00:00Z",
       {{kGdpr, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning},
        {kEarly, "2026-01-11T08:00:00Z", "2026-01-11 09:00", kRunning},
        {kNotice, "2026-01-13T08:00:00Z", "2026-01-13 09:00", kRunning},
        {kFinal, "2026-02-13T08:00:00Z", "2026-02-13 09:00", kRunning}}},
  };
  for (const auto& c : kCases) ExpectClocks(c, ClockPeriods{});
}

// The hour clocks are exact hours in UTC; only the Swedish reading of the due time moves with
// the offset (summer time from 2026-03-29 01:00 UTC to 2026-10-25 01:00 UTC).
TEST(IncidentClocks, HourClocksAcrossDaylightSaving) {
  const Case kCases[] = {
      {"aware in winter time, due in summer time",
       true,
       true,
       "2026-03-28T12:00:00Z",
       {},
       "2026-03-28T13:00:00Z",
       {{kGdpr, "2026-03-31T12:00:00Z", "2026-03-31 14:00", kRunning},
        {kEarly, "2026-03-29T12:00:00Z", "2026-03-29 14:00", kRunning},
        {kNotice, "2026-03-31T12:00:00Z", "2026-03-31 14:00", kRunning},
        {kFinal, "2026-04-30T12:00:00Z", "2026-04-30 14:00", kRunning}}},
      {"aware a minute before the spring switch (01:59 CET)",
       true,
       false,
       "2026-03-29T00:59:00Z",
       {},
       "2026-03-29T01:00:00Z",
       {{kGdpr, "2026-04-01T00:59:00Z", "2026-04-01 02:59", kRunning}}},
      {"aware at the spring switch (03:00 CEST)",
       false,
       true,
       "2026-03-29T01:00:00Z",
       {},
       "2026-03-29T02:00:00Z",
       {{kEarly, "2026-03-30T01:00:00Z", "2026-03-30 03:00", kRunning},
        {kNotice, "2026-04-01T01:00:00Z", "2026-04-01 03:00", kRunning},
        {kFinal, "2026-05-01T01:00:00Z", "2026-05-01 03:00", kRunning}}},
      {"aware in summer time, due in winter time",
       true,
       true,
       "2026-10-24T12:00:00Z",
       {},
       "2026-10-24T13:00:00Z",
       {{kGdpr, "2026-10-27T12:00:00Z", "2026-10-27 13:00", kRunning},
        {kEarly, "2026-10-25T12:00:00Z", "2026-10-25 13:00", kRunning},
        {kNotice, "2026-10-27T12:00:00Z", "2026-10-27 13:00", kRunning},
        {kFinal, "2026-11-27T12:00:00Z", "2026-11-27 13:00", kRunning}}},
      {"aware in the first 02:30 of the autumn night",
       false,
       true,
       "2026-10-25T00:30:00Z",
       {},
       "2026-10-25T01:00:00Z",
       {{kEarly, "2026-10-26T00:30:00Z", "2026-10-26 01:30", kRunning},
        {kNotice, "2026-10-28T00:30:00Z", "2026-10-28 01:30", kRunning},
        {kFinal, "2026-11-28T00:30:00Z", "2026-11-28 01:30", kRunning}}},
      {"aware in the second 02:30 of the autumn night",
       true,
       false,
       "2026-10-25T01:30:00Z",
       {},
       "2026-10-25T02:00:00Z",
       {{kGdpr, "2026-10-28T01:30:00Z", "2026-10-28 02:30", kRunning}}},
  };
  for (const auto& c : kCases) ExpectClocks(c, ClockPeriods{});
}

// The final report is due one calendar month on the Swedish calendar after the notification
// was made, at the same Swedish time of day.
TEST(IncidentClocks, FinalReportAtMonthEnds) {
  struct MonthCase {
    const char* name;
    const char* awareness;
    const char* notification_made;
    const char* due_at;
    const char* due_local;
  };
  const MonthCase kCases[] = {
      {"made on 31 January: end of February", "2027-01-29T09:00:00Z", "2027-01-31T10:00:00Z",
       "2027-02-28T10:00:00Z", "2027-02-28 11:00"},
      {"made on 31 January of a leap year: 29 February", "2028-01-29T09:00:00Z",
       "2028-01-31T10:00:00Z", "2028-02-29T10:00:00Z", "2028-02-29 11:00"},
      {"made on 31 March (summer time): 30 April", "2026-03-29T10:00:00Z", "2026-03-31T10:00:00Z",
       "2026-04-30T10:00:00Z", "2026-04-30 12:00"},
      {"made 23:30 UTC on 30 January, already 31 January in Sweden", "2026-01-29T09:00:00Z",
       "2026-01-30T23:30:00Z", "2026-02-27T23:30:00Z", "2026-02-28 00:30"},
      {"made 22:30 UTC on 30 April, already 1 May in Sweden", "2026-04-29T09:00:00Z",
       "2026-04-30T22:30:00Z", "2026-05-31T22:30:00Z", "2026-06-01 00:30"},
      {"made in winter time, due in summer time: same Swedish hour", "2026-03-10T09:00:00Z",
       "2026-03-12T09:00:00Z", "2026-04-12T08:00:00Z", "2026-04-12 10:00"},
      {"made on 31 December: 31 January next year", "2026-12-29T09:00:00Z", "2026-12-31T12:00:00Z",
       "2027-01-31T12:00:00Z", "2027-01-31 13:00"},
  };
  for (const auto& m : kCases) {
    Case c{m.name,
           false,
           true,
           m.awareness,
           {{kEarly, m.awareness}, {kNotice, m.notification_made}},
           m.notification_made,
           {}};
    auto clocks = IncidentClocks(FactsOf(c), ClockPeriods{}, At(m.notification_made));
    ASSERT_EQ(clocks.size(), 3u) << m.name;
    EXPECT_EQ(clocks[2].kind, kFinal) << m.name;
    EXPECT_EQ(FormatTime(clocks[2].starts_at), FormatTime(At(m.notification_made))) << m.name;
    EXPECT_EQ(FormatTime(clocks[2].due_at), FormatTime(At(m.due_at))) << m.name;
    EXPECT_EQ(FormatStockholm(clocks[2].due_at), m.due_local) << m.name;
  }
}

TEST(IncidentClocks, ConfiguredPeriods) {
  ClockPeriods periods;
  periods.gdpr_art33 = std::chrono::hours(48);
  periods.csl_early_warning = std::chrono::hours(12);
  periods.csl_notification = std::chrono::hours(36);
  periods.csl_final_report_months = 2;
  const Case kCases[] = {
      {"shorter hours and two months",
       true,
       true,
       "2026-01-10T08:00:00Z",
       {},
       "2026-01-10T09:00:00Z",
       {{kGdpr, "2026-01-12T08:00:00Z", "2026-01-12 09:00", kRunning},
        {kEarly, "2026-01-10T20:00:00Z", "2026-01-10 21:00", kRunning},
        {kNotice, "2026-01-11T20:00:00Z", "2026-01-11 21:00", kRunning},
        {kFinal, "2026-03-11T20:00:00Z", "2026-03-11 21:00", kRunning}}},
      {"late against the configured period",
       true,
       false,
       "2026-01-10T08:00:00Z",
       {{kGdpr, "2026-01-12T09:00:00Z"}},
       "2026-01-13T09:00:00Z",
       {{kGdpr, "2026-01-12T08:00:00Z", "2026-01-12 09:00", kDone, true}}},
  };
  for (const auto& c : kCases) ExpectClocks(c, periods);
}

TEST(IncidentClocks, ElapsedShareOfThePeriod) {
  Clock c;
  c.starts_at = At("2026-01-10T08:00:00Z");
  c.due_at = At("2026-01-11T08:00:00Z");
  struct ElapsedCase {
    const char* now;
    double share;
  };
  const ElapsedCase kCases[] = {{"2026-01-09T08:00:00Z", 0.0}, {"2026-01-10T08:00:00Z", 0.0},
                                {"2026-01-10T20:00:00Z", 0.5}, {"2026-01-11T05:36:00Z", 0.9},
                                {"2026-01-11T08:00:00Z", 1.0}, {"2026-01-12T08:00:00Z", 2.0}};
  for (const auto& e : kCases) EXPECT_NEAR(ClockElapsed(c, At(e.now)), e.share, 1e-9) << e.now;
}

TEST(IncidentClocks, OnlyGdprMayBeNotRequired) {
  for (ClockKind k : AllClockKinds()) EXPECT_EQ(MayBeNotRequired(k), k == kGdpr);
}

TEST(IncidentClocks, NamesRoundTrip) {
  for (ClockKind k : AllClockKinds()) EXPECT_EQ(ParseClockKind(ClockKindName(k)), k);
  EXPECT_EQ(ParseClockKind("gdpr"), std::nullopt);
  EXPECT_EQ(ParseClockKind(""), std::nullopt);
}

}  // namespace
}  // namespace lis::domain
