// Incident statistics (issue 6, item 4): counts only, never titles or details, for holders of
// kIncidentStats (the CISO, security chief, IT security, DPO, board and contact persons) over
// the incidents of their scopes. Everything is counted by SQL aggregates on the database.
//
// The period is a range of Swedish calendar dates (core/stockholm_time.h), both included, and
// an incident belongs to it, and to a month, by its `created_at` (when it was reported to LIS):
// a month's figures do not change when an incident discovered late is dated back.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

struct IncidentStatsQuery {
  std::optional<long long> org_unit_id;  // the node and everything below it
  std::string from;                      // YYYY-MM-DD; empty: the first day of 11 months ago
  std::string to;                        // YYYY-MM-DD; empty: today (Swedish date)
};

// Reads org_unit_id, from and to; a bad value is kInvalid naming the parameter.
Result<IncidentStatsQuery> ReadIncidentStatsQuery(const ParamLookup& param);

// The most calendar months a period may touch.
inline constexpr int kIncidentStatsMaxMonths = 60;

class IncidentStatisticsService {
 public:
  explicit IncidentStatisticsService(store::Database& db) : db_(db) {}

  // {"from", "to", "org_unit_id", "total",
  //  "by_month": [{"month": "2026-03", "count"}] (every month of the period, zeros included),
  //  "by_category": [{"category" (null: not categorised yet), "count"}],
  //  "by_severity": [{"severity" (null: not set), "count"}],
  //  "by_status": [{"status", "count"}],
  //  "by_unit": [{"org_unit_id", "org_unit", "count"}] (the unit each incident is placed at),
  //  "time_to_triage", "time_to_close": {"count", "median_hours", "mean_hours"} (hours from
  //  created_at to triaged_at / closed_at over the incidents of the period that have one; the
  //  hours null when count is 0)}.
  // Errors: kForbidden without kIncidentStats anywhere; kNotFound (naming org_unit_id) for a
  // node outside the caller's statistics scopes; kInvalid for from after to or a period of
  // more than kIncidentStatsMaxMonths months.
  Result<nlohmann::json> Statistics(const Caller& caller, const IncidentStatsQuery& query);

 private:
  store::Database& db_;
};

}  // namespace lis::service
