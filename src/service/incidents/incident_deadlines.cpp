#include "service/incidents/incident_deadlines.h"

#include <nlohmann/json.hpp>

#include "core/stockholm_time.h"

namespace lis::service {

using domain::Clock;
using domain::ClockKind;
using nlohmann::json;
using store::Col;
using store::Value;

domain::ClockPeriods ClockPeriodsFrom(const Config& config) {
  domain::ClockPeriods p;
  p.gdpr_art33 = std::chrono::hours(config.incident_gdpr_hours);
  p.csl_early_warning = std::chrono::hours(config.incident_csl_early_warning_hours);
  p.csl_notification = std::chrono::hours(config.incident_csl_notification_hours);
  p.csl_final_report_months = config.incident_csl_final_report_months;
  return p;
}

const std::string& ClockRecipient(const Config& config, ClockKind kind) {
  return kind == ClockKind::kGdprArt33 ? config.incident_gdpr_recipient
                                       : config.incident_csl_recipient;
}

std::vector<Clock> IncidentClocksOf(store::Tx& tx, const json& incident,
                                    const domain::ClockPeriods& periods, TimePoint now) {
  domain::IncidentClockFacts facts;
  facts.personal_data_breach = incident.value("personal_data_breach", false);
  facts.significant = incident.value("significant", false);
  if (!facts.personal_data_breach && !facts.significant) return {};
  facts.awareness_at = ParseTime(incident.at("awareness_at").get<std::string>()).value();
  auto rows = tx.Query(
      "SELECT kind, outcome, made_at FROM incident_reports WHERE incident_id = ? AND "
      "deleted_at IS NULL",
      {Value(incident.at("id").get<long long>())}, {Col::kText, Col::kText, Col::kText});
  for (const auto& row : rows) {
    auto kind = domain::ParseClockKind(row.Text(0));
    auto at = ParseTime(row.Text(2));
    if (!kind || !at) continue;
    facts.reports.push_back({*kind, row.Text(1) == "not_required", *at});
  }
  return domain::IncidentClocks(facts, periods, now);
}

json ClockJson(const Clock& clock, TimePoint now) {
  json j = {{"kind", domain::ClockKindName(clock.kind)},
            {"starts_at", FormatTime(clock.starts_at)},
            {"due_at", FormatTime(clock.due_at)},
            {"due_at_local", FormatStockholm(clock.due_at)},
            {"done_at", clock.done_at ? json(FormatTime(*clock.done_at)) : json(nullptr)},
            {"state", domain::ClockStateName(clock.state)},
            {"late", clock.late},
            {"elapsed", domain::ClockElapsed(clock, now)}};
  auto left = std::chrono::duration_cast<std::chrono::seconds>(clock.due_at - now).count();
  j["seconds_left"] = clock.done_at ? json(nullptr) : json(left);
  return j;
}

json DeadlinesJson(store::Tx& tx, const json& incident, const domain::ClockPeriods& periods,
                   TimePoint now) {
  json out = json::array();
  for (const auto& c : IncidentClocksOf(tx, incident, periods, now))
    out.push_back(ClockJson(c, now));
  return out;
}

}  // namespace lis::service
