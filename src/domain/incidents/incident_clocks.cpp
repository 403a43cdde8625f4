#include "domain/incidents/incident_clocks.h"

#include <array>

#include "core/stockholm_time.h"

namespace lis::domain {

namespace {

constexpr std::array<std::string_view, 4> kKindNames = {"gdpr_art33", "csl_early_warning",
                                                        "csl_notification", "csl_final_report"};

const ClockReport* FindReport(const IncidentClockFacts& facts, ClockKind kind) {
  for (const auto& r : facts.reports)
    if (r.kind == kind) return &r;
  return nullptr;
}

Clock Settle(ClockKind kind, TimePoint starts_at, TimePoint due_at, const IncidentClockFacts& facts,
             TimePoint now) {
  Clock c{kind, starts_at, due_at, std::nullopt, ClockState::kRunning, false};
  const ClockReport* report = FindReport(facts, kind);
  if (report && (!report->not_required || MayBeNotRequired(kind))) {
    c.done_at = report->at;
    c.state = report->not_required ? ClockState::kNotRequired : ClockState::kDone;
    c.late = ReportIsLate(c, report->at);
  } else if (now > due_at) {
    c.state = ClockState::kOverdue;
  }
  return c;
}

}  // namespace

std::string_view ClockKindName(ClockKind kind) {
  return kKindNames[static_cast<size_t>(kind)];
}

std::optional<ClockKind> ParseClockKind(std::string_view name) {
  for (ClockKind k : AllClockKinds())
    if (ClockKindName(k) == name) return k;
  return std::nullopt;
}

std::string_view ClockStateName(ClockState state) {
  switch (state) {
    case ClockState::kRunning:
      return "running";
    case ClockState::kDone:
      return "done";
    case ClockState::kOverdue:
      return "overdue";
    case ClockState::kNotRequired:
      return "not_required";
  }
  return "running";
}

const std::vector<ClockKind>& AllClockKinds() {
  static const std::vector<ClockKind> kKinds = {ClockKind::kGdprArt33, ClockKind::kCslEarlyWarning,
                                                ClockKind::kCslNotification,
                                                ClockKind::kCslFinalReport};
  return kKinds;
}

bool MayBeNotRequired(ClockKind kind) {
  return kind == ClockKind::kGdprArt33;
}

bool ReportIsLate(const Clock& clock, TimePoint made_at) {
  return made_at > clock.due_at;
}

double ClockElapsed(const Clock& clock, TimePoint now) {
  if (now <= clock.starts_at) return 0;
  double period = std::chrono::duration<double>(clock.due_at - clock.starts_at).count();
  if (period <= 0) return 1;
  return std::chrono::duration<double>(now - clock.starts_at).count() / period;
}

std::vector<Clock> IncidentClocks(const IncidentClockFacts& facts, const ClockPeriods& periods,
                                  TimePoint now) {
  std::vector<Clock> out;
  const TimePoint aware = facts.awareness_at;
  if (facts.personal_data_breach)
    out.push_back(Settle(ClockKind::kGdprArt33, aware, aware + periods.gdpr_art33, facts, now));
  if (!facts.significant) return out;
  out.push_back(
      Settle(ClockKind::kCslEarlyWarning, aware, aware + periods.csl_early_warning, facts, now));
  Clock notification =
      Settle(ClockKind::kCslNotification, aware, aware + periods.csl_notification, facts, now);
  out.push_back(notification);
  TimePoint final_start =
      notification.state == ClockState::kDone ? *notification.done_at : notification.due_at;
  out.push_back(Settle(ClockKind::kCslFinalReport, final_start,
                       AddMonthsStockholm(final_start, periods.csl_final_report_months), facts,
                       now));
  return out;
}

}  // namespace lis::domain
