// Incident statistics at municipal scale (issue 6, item 4): 100,000 incidents over the demo
// units and two years (statuses, categories and severities mixed; three in four triaged, half
// closed), through IncidentStatisticsService as the CISO of the municipality and as the contact
// person of one förvaltning (Socialförvaltningen), for a year and for one month. Every call is
// timed on its own; p50_ms and p95_ms are the median and 95th percentile.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database:
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench \
//     --benchmark_filter=IncidentStats'
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_support.h"
#include "core/clock.h"
#include "service/demo/demo_loader.h"
#include "service/incidents/incident_statistics.h"

namespace {

using namespace lis;
using namespace lis::bench;
using nlohmann::json;
using store::Tx;
using store::Value;

constexpr int kIncidents = 100000;

struct Data {
  std::unique_ptr<store::Database> db;
  std::map<std::string, long long> units;
  std::map<std::string, long long> users;
};

long long Seconds(TimePoint::duration d) {
  return std::chrono::duration_cast<std::chrono::seconds>(d).count();
}

std::string At(TimePoint t) {
  return FormatTime(t);
}

void FillIncidents(Tx& tx, const std::vector<long long>& units, long long reporter) {
  std::mt19937 rng(6);
  const char* statuses[] = {"new", "triage", "investigating", "contained", "resolved", "closed"};
  const char* categories[] = {
      "phishing", "malware", "lost_device", "misdirected_email", "unauthorised_access", "ddos"};
  const TimePoint start = ParseTime("2025-01-01T00:00:00Z").value();
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < kIncidents; ++i) {
    TimePoint created = start + std::chrono::minutes(rng() % (2 * 365 * 24 * 60));
    bool triaged = i % 4 != 0, closed = i % 2 == 0 && triaged;
    TimePoint triaged_at = created + std::chrono::minutes(rng() % (48 * 60));
    TimePoint closed_at = triaged_at + std::chrono::hours(rng() % (30 * 24));
    std::string c = At(created);
    rows.push_back({Value(units[rng() % units.size()]),
                    Value("Incident " + std::to_string(i)),
                    Value(std::string("Beskrivning")),
                    Value(c),
                    Value(c),
                    Value(c),
                    Value(static_cast<long long>(i % 3 == 0)),
                    Value(0LL),
                    Value(reporter),
                    Value(std::string()),
                    Value(std::string("web")),
                    Value(std::string(closed ? "closed" : statuses[rng() % 5])),
                    triaged ? Value(static_cast<long long>(1 + rng() % 4)) : Value(),
                    triaged ? Value(std::string(categories[rng() % 6])) : Value(),
                    Value(std::string("KR")),
                    Value(0LL),
                    Value(0LL),
                    triaged ? Value(At(triaged_at)) : Value(),
                    closed ? Value(At(closed_at)) : Value(),
                    triaged ? Value(Seconds(triaged_at - created)) : Value(),
                    closed ? Value(Seconds(closed_at - created)) : Value(),
                    Value(std::string()),
                    Value(std::string()),
                    Value(std::string()),
                    Value(std::string()),
                    Value(1LL),
                    Value(c),
                    Value(c)});
  }
  BulkInsert(tx, "incidents", {"org_unit_id",     "title",
                               "description",     "occurred_at",
                               "discovered_at",   "awareness_at",
                               "personal_data",   "ongoing",
                               "reporter_id",     "reporter_contact",
                               "reported_via",    "status",
                               "severity",        "category",
                               "aspects",         "personal_data_breach",
                               "significant",     "triaged_at",
                               "closed_at",       "triage_seconds",
                               "close_seconds",   "breach_subjects",
                               "breach_records",  "breach_consequences",
                               "breach_measures", "version",
                               "created_at",      "updated_at"},
             rows);
}

void Fill(Data& d) {
  if (!service::LoadDemo(*d.db).ok()) {
    std::fprintf(stderr, "incident bench: the database is not empty\n");
    std::abort();
  }
  d.db->Write(store::Actor(), [&](Tx& tx) {
    DemoIds ids = ReadDemoIds(tx);
    d.units = ids.units;
    d.users = ids.users;
    FillIncidents(tx, ids.leaf_units, d.users.at("medarbetare"));
    if (d.db->dialect() == store::Dialect::kPostgres) tx.Exec("ANALYZE");
    return Status();
  });
}

Data& DataOf(const std::string& which) {
  static std::map<std::string, Data> all;
  auto it = all.find(which);
  if (it != all.end()) return it->second;
  Data& d = all[which];
  d.db = OpenBenchDatabase(which, "incident-stats");
  auto t0 = std::chrono::steady_clock::now();
  Fill(d);
  std::fprintf(stderr, "incident bench: %s filled in %.1f s\n", which.c_str(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  d.db->RefreshStatistics();
  return d;
}

service::Caller CallerOf(Data& d, const std::string& who) {
  service::Caller c;
  if (who == "ciso") {
    c.user_id = d.users.at("ciso");
    c.grants = {{0, "ciso", d.units.at("Norrviks kommun"), std::nullopt}};
  } else {
    c.user_id = d.users.at("kontakt.sof");
    c.grants = {{0, "contact", d.units.at("Socialförvaltningen"), std::nullopt}};
  }
  return c;
}

void StatsCase(benchmark::State& state, const std::string& which, const std::string& who,
               const std::string& from, const std::string& to) {
  Data& d = DataOf(which);
  service::IncidentStatisticsService stats(*d.db);
  auto caller = CallerOf(d, who);
  service::IncidentStatsQuery q;
  q.from = from;
  q.to = to;
  Measure(state, [&]() -> long long {
    auto r = stats.Statistics(caller, q);
    if (!r.ok()) state.SkipWithError("statistics failed");
    return r.ok() ? (*r)["total"].get<long long>() : 0;
  });
}

int RegisterAll() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  struct Period {
    const char* name;
    const char* from;
    const char* to;
  };
  const Period periods[] = {{"year", "2025-07-01", "2026-06-30"},
                            {"month", "2026-03-01", "2026-03-31"},
                            {"two_years", "2025-01-01", "2026-12-31"}};
  for (const auto& which : dbs)
    for (const char* who : {"ciso", "unit"})
      for (const auto& p : periods)
        benchmark::RegisterBenchmark(
            ("BM_IncidentStats/" + which + "/" + p.name + "/" + who).c_str(),
            [which, who, p](benchmark::State& s) { StatsCase(s, which, who, p.from, p.to); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(20);
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
