// The regulatory clocks of an incident (GLOSSARY.md, Incident clocks): pure rules, no I/O.
//
// - gdpr_art33: a personal data breach is notified to IMY within 72 hours of awareness, unless
//   the documented decision is that no notification is required (state not_required).
// - csl_early_warning and csl_notification: a significant incident under the
//   cybersäkerhetslag gets an early warning within 24 hours and an incident notification
//   within 72 hours of awareness.
// - csl_final_report: one calendar month (Swedish calendar, core/stockholm_time.h) after the
//   incident notification was made; until it is made, one month after its due time.
//
// The periods are configuration (ClockPeriods). All instants are UTC.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

#include "core/clock.h"

namespace lis::domain {

enum class ClockKind { kGdprArt33, kCslEarlyWarning, kCslNotification, kCslFinalReport };
enum class ClockState { kRunning, kDone, kOverdue, kNotRequired };

// "gdpr_art33", "csl_early_warning", "csl_notification", "csl_final_report".
std::string_view ClockKindName(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view name);
// "running", "done", "overdue", "not_required".
std::string_view ClockStateName(ClockState state);
// All four kinds, in the order above.
const std::vector<ClockKind>& AllClockKinds();

struct ClockPeriods {
  std::chrono::hours gdpr_art33{72};
  std::chrono::hours csl_early_warning{24};
  std::chrono::hours csl_notification{72};
  int csl_final_report_months = 1;
};

// What was recorded for one clock: the notification made at `at`, or (gdpr_art33 only) the
// decision, taken at `at`, that no notification is required.
struct ClockReport {
  ClockKind kind = ClockKind::kGdprArt33;
  bool not_required = false;
  TimePoint at;
};

struct IncidentClockFacts {
  bool personal_data_breach = false;
  bool significant = false;
  TimePoint awareness_at;
  std::vector<ClockReport> reports;
};

struct Clock {
  ClockKind kind = ClockKind::kGdprArt33;
  // When its period began: awareness, or for the final report the instant the incident
  // notification was made (or, until it is, fell due).
  TimePoint starts_at;
  TimePoint due_at;
  std::optional<TimePoint> done_at;  // when the report was made or the decision taken
  ClockState state = ClockState::kRunning;
  // Made (or decided) after due_at: the report must carry a reason for the delay.
  bool late = false;
};

// The clocks that apply to an incident with `facts` at instant `now`, in the order of
// AllClockKinds: none when it is neither a breach nor significant.
std::vector<Clock> IncidentClocks(const IncidentClockFacts& facts, const ClockPeriods& periods,
                                  TimePoint now);

// The share of the clock's period that has passed at `now`: 0 at starts_at, 1 at due_at,
// above 1 after it (and 0 before starts_at).
double ClockElapsed(const Clock& clock, TimePoint now);

// Whether a report for `clock` made at `made_at` needs a stated reason for the delay.
bool ReportIsLate(const Clock& clock, TimePoint made_at);

// Whether `kind` may be settled by a decision that no notification is required.
bool MayBeNotRequired(ClockKind kind);

}  // namespace lis::domain
