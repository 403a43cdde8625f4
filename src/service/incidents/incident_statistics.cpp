#include "service/incidents/incident_statistics.h"

#include <chrono>
#include <cmath>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "domain/org/roles.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/org/org_tables.h"
#include "store/records.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Col;
using store::Value;

namespace {

// The instant Swedish civil time reaches midnight on `date` (YYYY-MM-DD, already checked).
// Midnight never falls in a daylight-saving change, so exactly one offset fits.
TimePoint StockholmMidnight(const std::string& date) {
  TimePoint utc_midnight = ParseTime(date + "T00:00:00Z").value();
  for (int offset : {120, 60}) {
    TimePoint candidate = utc_midnight - std::chrono::minutes(offset);
    if (StockholmOffsetMinutes(candidate) == offset) return candidate;
  }
  return utc_midnight - std::chrono::minutes(60);
}

// Seconds since 1970 of a stored time (fixed-width ISO-8601 UTC text in `column`), as one SQL
// expression both databases evaluate the same way: integer arithmetic on the text's digits
// (the days-from-civil rule on a year starting in March), no date functions.
std::string EpochSecondsSql(const std::string& column) {
  auto part = [&](int pos, int len) {
    return "CAST(SUBSTR(" + column + ", " + std::to_string(pos) + ", " + std::to_string(len) +
           ") AS BIGINT)";
  };
  const std::string m = part(6, 2);
  const std::string y = "(" + part(1, 4) + " - CASE WHEN " + m + " <= 2 THEN 1 ELSE 0 END)";
  const std::string doy = "((153 * ((" + m + " + 9) % 12) + 2) / 5 + " + part(9, 2) + " - 1)";
  const std::string days = "(365 * " + y + " + " + y + " / 4 - " + y + " / 100 + " + y +
                           " / 400 + " + doy + " - 719468)";
  return "(" + days + " * 86400 + " + part(12, 2) + " * 3600 + " + part(15, 2) + " * 60 + " +
         part(18, 2) + ")";
}

// The incidents of the query: live, created in the period, in the caller's statistics scopes
// and, when asked, under one node.
store::Filter PeriodFilter(const Caller& caller, const IncidentStatsQuery& q, TimePoint start,
                           TimePoint end) {
  store::Filter f;
  f.And("incidents.deleted_at IS NULL");
  f.And("incidents.created_at >= ? AND incidents.created_at < ?",
        {Value(FormatTime(start)), Value(FormatTime(end))});
  store::FilterToSubtrees(f, "incidents.org_unit_id", ScopesOf(caller, Permission::kIncidentStats));
  if (q.org_unit_id) {
    domain::PermissionScopes one;
    one.roots = {*q.org_unit_id};
    store::FilterToSubtrees(f, "incidents.org_unit_id", one);
  }
  return f;
}

json CountsBy(store::Tx& tx, const store::Filter& f, const std::string& column,
              const std::string& name, Col type) {
  json out = json::array();
  for (const auto& row : tx.Query("SELECT " + column + ", COUNT(*) FROM incidents WHERE " + f.sql +
                                      " GROUP BY " + column + " ORDER BY " + column,
                                  f.params, {type, Col::kInt})) {
    json value = row.IsNull(0)       ? json(nullptr)
                 : type == Col::kInt ? json(row.Int(0))
                                     : json(row.Text(0));
    out.push_back({{name, value}, {"count", row.Int(1)}});
  }
  return out;
}

// One bucket per calendar month the period touches; each incident falls in the bucket of the
// last month start at or before its created_at (a CASE over bound boundaries: one scan).
json ByMonth(store::Tx& tx, const store::Filter& f, TimePoint start, TimePoint end) {
  std::vector<std::string> labels = {StockholmDate(start).substr(0, 7)};
  std::vector<TimePoint> starts;  // the month starts after `start`
  std::string first_of_month = StockholmDate(start).substr(0, 8) + "01";
  for (TimePoint next = AddMonthsStockholm(StockholmMidnight(first_of_month), 1); next < end;
       next = AddMonthsStockholm(next, 1)) {
    starts.push_back(next);
    labels.push_back(StockholmDate(next).substr(0, 7));
  }
  std::string bucket = "CASE";
  std::vector<Value> params;
  for (size_t i = 0; i < starts.size(); ++i) {
    bucket += " WHEN incidents.created_at < ? THEN " + std::to_string(i);
    params.emplace_back(FormatTime(starts[i]));
  }
  bucket += " ELSE " + std::to_string(starts.size()) + " END";
  params.insert(params.end(), f.params.begin(), f.params.end());
  std::vector<long long> counts(labels.size(), 0);
  for (const auto& row :
       tx.Query("SELECT " + bucket + ", COUNT(*) FROM incidents WHERE " + f.sql + " GROUP BY 1",
                params, {Col::kInt, Col::kInt}))
    if (row.Int(0) >= 0 && row.Int(0) < static_cast<long long>(counts.size()))
      counts[row.Int(0)] = row.Int(1);
  json out = json::array();
  for (size_t i = 0; i < labels.size(); ++i)
    out.push_back({{"month", labels[i]}, {"count", counts[i]}});
  return out;
}

json ByUnit(store::Tx& tx, const store::Filter& f) {
  json out = json::array();
  for (const auto& row : tx.Query(
           "SELECT incidents.org_unit_id, org_units.name, COUNT(*) FROM incidents JOIN org_units "
           "ON org_units.id = incidents.org_unit_id WHERE " +
               f.sql + " GROUP BY incidents.org_unit_id, org_units.name ORDER BY org_units.name",
           f.params, {Col::kInt, Col::kText, Col::kInt}))
    out.push_back({{"org_unit_id", row.Int(0)}, {"org_unit", row.Text(1)}, {"count", row.Int(2)}});
  return out;
}

json Hours(double seconds) {
  return std::round(seconds / 360.0) / 10.0;  // one decimal
}

// Count, median and mean of `until` - created_at over the incidents that have `until`: the
// sum and count by one aggregate, the median by reading the one or two middle values of the
// sorted durations (LIMIT/OFFSET), never the rows themselves.
json Durations(store::Tx& tx, const store::Filter& f, const std::string& until) {
  const std::string seconds = "(" + EpochSecondsSql("incidents." + until) + " - " +
                              EpochSecondsSql("incidents.created_at") + ")";
  const std::string where = f.sql + " AND incidents." + until + " IS NOT NULL";
  auto total = tx.QueryOne("SELECT COUNT(*), CAST(COALESCE(SUM(" + seconds +
                               "), 0) AS BIGINT) FROM incidents WHERE " + where,
                           f.params, {Col::kInt, Col::kInt});
  long long n = total ? total->Int(0) : 0;
  if (n == 0) return {{"count", 0}, {"median_hours", nullptr}, {"mean_hours", nullptr}};
  std::vector<Value> params = f.params;
  params.emplace_back(n % 2 == 0 ? 2LL : 1LL);
  params.emplace_back((n - 1) / 2);
  double middle = 0;
  auto rows = tx.Query(
      "SELECT " + seconds + " AS s FROM incidents WHERE " + where + " ORDER BY s LIMIT ? OFFSET ?",
      params, {Col::kInt});
  for (const auto& row : rows) middle += static_cast<double>(row.Int(0));
  if (!rows.empty()) middle /= static_cast<double>(rows.size());
  return {{"count", n},
          {"median_hours", Hours(middle)},
          {"mean_hours", Hours(static_cast<double>(total->Int(1)) / static_cast<double>(n))}};
}

int MonthsTouched(const std::string& from, const std::string& to) {
  int fy = std::stoi(from.substr(0, 4)), fm = std::stoi(from.substr(5, 2));
  int ty = std::stoi(to.substr(0, 4)), tm = std::stoi(to.substr(5, 2));
  return (ty - fy) * 12 + (tm - fm) + 1;
}

// The default period: from the first day of the month 11 months before today's, to today.
IncidentStatsQuery WithDefaults(IncidentStatsQuery q) {
  std::string today = TodayStockholm();
  if (q.to.empty()) q.to = today;
  if (q.from.empty()) {
    TimePoint month_start = StockholmMidnight(q.to.substr(0, 8) + "01");
    q.from = StockholmDate(AddMonthsStockholm(month_start, -11));
  }
  return q;
}

}  // namespace

Result<IncidentStatsQuery> ReadIncidentStatsQuery(const ParamLookup& param) {
  IncidentStatsQuery q;
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  q.org_unit_id = *unit;
  for (const char* name : {"from", "to"}) {
    std::string value = param(name).value_or("");
    if (!value.empty() && !IsDate(value)) return BadParamValue(name, "YYYY-MM-DD");
    (std::string(name) == "from" ? q.from : q.to) = value;
  }
  return q;
}

Result<json> IncidentStatisticsService::Statistics(const Caller& caller,
                                                   const IncidentStatsQuery& query) {
  if (!ScopesOf(caller, Permission::kIncidentStats).any()) return Forbidden();
  IncidentStatsQuery q = WithDefaults(query);
  if (q.from > q.to) return Invalid("error.incident_stats_period", "from");
  if (MonthsTouched(q.from, q.to) > kIncidentStatsMaxMonths)
    return Invalid("error.incident_stats_too_long", "from")
        .With("max", std::to_string(kIncidentStatsMaxMonths));
  return db_.ReadResult<json>([&](store::Tx& tx) -> Result<json> {
    if (q.org_unit_id) {
      auto path = store::OrgPath(tx, *q.org_unit_id);
      if (path.empty() || !domain::Allows(caller.grants, Permission::kIncidentStats, path))
        return NotFound().WithField("org_unit_id");
    }
    TimePoint start = StockholmMidnight(q.from);
    TimePoint end = StockholmMidnight(AddDays(q.to, 1).value());
    store::Filter f = PeriodFilter(caller, q, start, end);
    auto total =
        tx.QueryOne("SELECT COUNT(*) FROM incidents WHERE " + f.sql, f.params, {Col::kInt});
    return json{{"from", q.from},
                {"to", q.to},
                {"org_unit_id", q.org_unit_id ? json(*q.org_unit_id) : json(nullptr)},
                {"total", total ? total->Int(0) : 0},
                {"by_month", ByMonth(tx, f, start, end)},
                {"by_category", CountsBy(tx, f, "incidents.category", "category", Col::kText)},
                {"by_severity", CountsBy(tx, f, "incidents.severity", "severity", Col::kInt)},
                {"by_status", CountsBy(tx, f, "incidents.status", "status", Col::kText)},
                {"by_unit", ByUnit(tx, f)},
                {"time_to_triage", Durations(tx, f, "triaged_at")},
                {"time_to_close", Durations(tx, f, "closed_at")}};
  });
}

}  // namespace lis::service
