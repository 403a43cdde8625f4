// The deviation statistics for the annual report (deviation_service.h).
#include <algorithm>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "service/authorizer.h"
#include "service/deviations/deviation_service.h"
#include "store/deviations/deviation_queries.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

// Days from the date `from` to the date `to` (YYYY-MM-DD both).
long long DaysBetween(const std::string& from, const std::string& to) {
  auto day = [](const std::string& d) {
    return std::chrono::sys_days{std::chrono::year_month_day{
        std::chrono::year(std::stoi(d.substr(0, 4))),
        std::chrono::month(static_cast<unsigned>(std::stoi(d.substr(5, 2)))),
        std::chrono::day(static_cast<unsigned>(std::stoi(d.substr(8, 2))))}};
  };
  return (day(to) - day(from)).count();
}

// The Swedish date of the stored UTC time `t` (RFC 3339): Stockholm is one or two hours ahead
// of UTC, so before 22:00 UTC it is the UTC date; later, the zone decides. "" when not a time.
std::string SwedishDateOfStored(const std::string& t) {
  if (t.size() >= 13 && t[10] == 'T' && t.back() == 'Z' && t.substr(11, 2) < "22")
    return t.substr(0, 10);
  auto time = ParseTime(t);
  return time ? StockholmDate(*time) : "";
}

json Median(std::vector<long long> values) {
  if (values.empty()) return nullptr;
  std::sort(values.begin(), values.end());
  size_t n = values.size();
  if (n % 2 == 1) return values[n / 2];
  return (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

// The UTC time at which the Swedish `year` begins, as stored.
std::string YearStartUtc(int year) {
  return FormatTime(*ParseStockholmLocal(std::to_string(year) + "-01-01T00:00"));
}

}  // namespace

Result<json> DeviationService::Statistics(const Caller& caller, int year,
                                          std::optional<long long> org_unit_id) {
  if (!ReadsByRole(caller)) return Forbidden();
  if (year < 2000 || year > 2200) return Invalid("error.param_value", "year");
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    store::Filter scope;
    store::FilterToSubtrees(scope, "deviations.org_unit_id",
                            ScopesOf(caller, Permission::kDeviationRead));
    if (org_unit_id) {
      domain::PermissionScopes under;
      under.roots = {*org_unit_id};
      store::FilterToSubtrees(scope, "deviations.org_unit_id", under);
    }
    std::string y = std::to_string(year);
    std::string from = YearStartUtc(year), to = YearStartUtc(year + 1);
    std::map<long long, std::vector<long long>> days;
    std::vector<long long> all_days;
    for (const auto& c : store::ClosedDeviations(tx, scope, from, to)) {
      std::string verdict_day = SwedishDateOfStored(c.verdict_at);
      if (verdict_day.empty()) continue;
      long long d = DaysBetween(c.detected_on, verdict_day);
      days[c.org_unit_id].push_back(d);
      all_days.push_back(d);
    }
    json units = json::array();
    json totals = {{"opened", 0}, {"closed", 0}, {"effective_first", 0}};
    for (const auto& r : store::DeviationYear(tx, scope, y + "-01-01", y + "-12-31", from, to)) {
      units.push_back({{"org_unit_id", r.org_unit_id},
                       {"opened", r.opened},
                       {"closed", r.closed},
                       {"effective_first", r.effective_first},
                       {"median_days_to_close", Median(days[r.org_unit_id])}});
      totals["opened"] = totals["opened"].get<long long>() + r.opened;
      totals["closed"] = totals["closed"].get<long long>() + r.closed;
      totals["effective_first"] = totals["effective_first"].get<long long>() + r.effective_first;
    }
    totals["median_days_to_close"] = Median(all_days);
    return json{{"year", year}, {"units", units}, {"totals", totals}};
  });
}

}  // namespace lis::service
