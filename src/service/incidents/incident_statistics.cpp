#include "service/incidents/incident_statistics.h"

#include <chrono>
#include <cmath>
#include <map>
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
TimePoint StockholmMidnight(const std::string& date) {
  return ParseStockholmLocal(date + "T00:00").value();
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

// The month buckets of the period: labels ("2026-03") and the instants the second and later
// months start (the first starts with the period).
struct Months {
  std::vector<std::string> labels;
  std::vector<TimePoint> starts;
};

Months MonthsOf(TimePoint start, TimePoint end) {
  Months m;
  m.labels.push_back(StockholmDate(start).substr(0, 7));
  std::string first_of_month = StockholmDate(start).substr(0, 8) + "01";
  for (TimePoint next = AddMonthsStockholm(StockholmMidnight(first_of_month), 1); next < end;
       next = AddMonthsStockholm(next, 1)) {
    m.starts.push_back(next);
    m.labels.push_back(StockholmDate(next).substr(0, 7));
  }
  return m;
}

// The month bucket of an incident as SQL: the number of month starts at or before its
// created_at (a CASE over bound boundaries); `params` gets the boundaries.
std::string BucketSql(const Months& m, std::vector<Value>& params) {
  if (m.starts.empty()) return "0";
  std::string bucket = "CASE";
  for (size_t i = 0; i < m.starts.size(); ++i) {
    bucket += " WHEN incidents.created_at < ? THEN " + std::to_string(i);
    params.emplace_back(FormatTime(m.starts[i]));
  }
  return bucket + " ELSE " + std::to_string(m.starts.size()) + " END";
}

// The seconds from report to `until` (triaged_at or closed_at), kept on the incident.
std::string SecondsSql(const std::string& until) {
  return until == "triaged_at" ? "incidents.triage_seconds" : "incidents.close_seconds";
}

// Counts per key, in key order (null first).
using Tally = std::map<json, long long>;

json TallyJson(const Tally& tally, const std::string& name) {
  json out = json::array();
  for (const auto& [key, count] : tally) out.push_back({{name, key}, {"count", count}});
  return out;
}

struct Totals {
  long long total = 0;
  std::vector<long long> months;
  Tally categories, severities, statuses;
  std::map<long long, long long> units;
  long long triaged = 0, triage_seconds = 0, closed = 0, close_seconds = 0;
};

// One scan: the incidents of `f` grouped by month, category, severity, status and unit, with
// the count and summed durations of each group; the groups are added up here (their number is
// bounded by those values, not by the number of incidents).
Totals Breakdown(store::Tx& tx, const store::Filter& f, const Months& m) {
  std::vector<Value> params;
  std::string bucket = BucketSql(m, params);
  params.insert(params.end(), f.params.begin(), f.params.end());
  Totals t;
  t.months.assign(m.labels.size(), 0);
  for (const auto& row : tx.Query(
           "SELECT " + bucket +
               ", incidents.category, incidents.severity, incidents.status, "
               "incidents.org_unit_id, COUNT(*), COUNT(incidents.triaged_at), CAST(COALESCE(SUM(" +
               SecondsSql("triaged_at") +
               "), 0) AS BIGINT), COUNT(incidents.closed_at), CAST(COALESCE(SUM(" +
               SecondsSql("closed_at") + "), 0) AS BIGINT) FROM incidents WHERE " + f.sql +
               " GROUP BY 1, incidents.category, incidents.severity, incidents.status, "
               "incidents.org_unit_id",
           params,
           {Col::kInt, Col::kText, Col::kInt, Col::kText, Col::kInt, Col::kInt, Col::kInt,
            Col::kInt, Col::kInt, Col::kInt})) {
    long long n = row.Int(5);
    t.total += n;
    if (row.Int(0) >= 0 && row.Int(0) < static_cast<long long>(t.months.size()))
      t.months[row.Int(0)] += n;
    t.categories[row.IsNull(1) ? json(nullptr) : json(row.Text(1))] += n;
    t.severities[row.IsNull(2) ? json(nullptr) : json(row.Int(2))] += n;
    t.statuses[json(row.Text(3))] += n;
    t.units[row.Int(4)] += n;
    t.triaged += row.Int(6);
    t.triage_seconds += row.Int(7);
    t.closed += row.Int(8);
    t.close_seconds += row.Int(9);
  }
  return t;
}

json ByUnit(store::Tx& tx, const std::map<long long, long long>& units) {
  std::vector<long long> ids;
  for (const auto& [id, count] : units) ids.push_back(id);
  json out = json::array();
  if (ids.empty()) return out;
  std::vector<Value> params;
  std::string in = store::Placeholders(ids, params);
  for (const auto& row :
       tx.Query("SELECT id, name FROM org_units WHERE id IN (" + in + ") ORDER BY name, id", params,
                {Col::kInt, Col::kText}))
    out.push_back(
        {{"org_unit_id", row.Int(0)}, {"org_unit", row.Text(1)}, {"count", units.at(row.Int(0))}});
  return out;
}

json Hours(double seconds) {
  return std::round(seconds / 360.0) / 10.0;  // one decimal
}

// Count, median and mean of `until` - created_at over the `n` incidents of `f` that have
// `until` (summing to `sum` seconds): the median by reading the one or two middle values of the
// sorted durations (LIMIT/OFFSET), never the rows themselves.
json Durations(store::Tx& tx, const store::Filter& f, const std::string& until, long long n,
               long long sum) {
  if (n == 0) return {{"count", 0}, {"median_hours", nullptr}, {"mean_hours", nullptr}};
  std::vector<Value> params = f.params;
  params.emplace_back(n % 2 == 0 ? 2LL : 1LL);
  params.emplace_back((n - 1) / 2);
  double middle = 0;
  auto rows = tx.Query("SELECT " + SecondsSql(until) + " AS s FROM incidents WHERE " + f.sql +
                           " AND incidents." + until + " IS NOT NULL ORDER BY s LIMIT ? OFFSET ?",
                       params, {Col::kInt});
  for (const auto& row : rows) middle += static_cast<double>(row.Int(0));
  if (!rows.empty()) middle /= static_cast<double>(rows.size());
  return {{"count", n},
          {"median_hours", Hours(middle)},
          {"mean_hours", Hours(static_cast<double>(sum) / static_cast<double>(n))}};
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
    Months months = MonthsOf(start, end);
    Totals t = Breakdown(tx, f, months);
    json by_month = json::array();
    for (size_t i = 0; i < months.labels.size(); ++i)
      by_month.push_back({{"month", months.labels[i]}, {"count", t.months[i]}});
    return json{{"from", q.from},
                {"to", q.to},
                {"org_unit_id", q.org_unit_id ? json(*q.org_unit_id) : json(nullptr)},
                {"total", t.total},
                {"by_month", by_month},
                {"by_category", TallyJson(t.categories, "category")},
                {"by_severity", TallyJson(t.severities, "severity")},
                {"by_status", TallyJson(t.statuses, "status")},
                {"by_unit", ByUnit(tx, t.units)},
                {"time_to_triage", Durations(tx, f, "triaged_at", t.triaged, t.triage_seconds)},
                {"time_to_close", Durations(tx, f, "closed_at", t.closed, t.close_seconds)}};
  });
}

}  // namespace lis::service
