// Benchmarks of the deviation and exception registers at municipal scale (issue 28), through
// the service layer: 50,000 deviations over the demo units in every state, listed as the CISO
// of the municipality, the contact person of Socialförvaltningen, the board and an employee
// (who sees only what it reported), with the register's filters and sorts; one deviation
// fetched in full (its corrective actions, what the caller may do, the names of its people);
// and 10,000 exceptions (clauses, every state) listed as the CISO, the board and the object
// owner of Barn- och utbildningsförvaltningen; the annual statistics of the year as the CISO
// and the board.
// Every call is timed on its own; p50_ms and p95_ms are the median and 95th percentile.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database:
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench \
//     --benchmark_filter=Issue28'
#include <benchmark/benchmark.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_support.h"
#include "service/demo/demo_loader.h"
#include "service/deviations/deviation_service.h"
#include "service/deviations/exception_service.h"

namespace {

using namespace lis;
using namespace lis::bench;
using store::Tx;
using store::Value;

constexpr int kDeviations = 50000;
constexpr int kExceptions = 10000;

struct DeviationData {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::DeviationService> deviations;
  std::unique_ptr<service::ExceptionService> exceptions;
  std::map<std::string, long long> units;
  std::map<std::string, long long> users;
  long long first = 0;
};

std::vector<Value> DeviationRow(long long id, long long unit, long long reporter, int i,
                                std::mt19937& rng) {
  static const char* kStatuses[] = {"reported",  "analysed", "actions_planned",
                                    "verifying", "closed",   "rejected"};
  static const char* kSources[] = {"internal_control", "incident_review", "audit",
                                   "self_reported",    "supplier",        "other"};
  static const char* kSeverities[] = {"low", "medium", "high"};
  std::string status = kStatuses[rng() % 6];
  std::string day = Day(2026, 1 + i % 11, 1 + i % 28);
  bool analysed = status != "reported" && status != "rejected";
  Value none;
  return {
      Value(id),
      Value("Avvikelse " + std::to_string(id)),
      Value("Beskrivning av avvikelsen"),
      Value(unit),
      Value(day),
      Value(reporter),
      Value(kSources[rng() % 6]),
      Value(kSeverities[rng() % 3]),
      Value(status),
      analysed ? Value("Grundorsak") : none,
      status == "verifying" ? Value(Day(2026, 1 + i % 12, 1 + i % 28)) : none,
      status == "rejected" ? Value("Ingen avvikelse") : none,
      status == "closed" ? Value(1LL) : none,
      status == "closed" ? Value(Day(2026, 2 + i % 11, 1 + i % 28) + "T10:00:00.000000Z") : none,
      Value(static_cast<long long>(status == "closed" ? 1 + i % 3 : 0)),
      Value(1LL),
      Value(day + "T08:00:00.000000Z"),
      Value(day + "T08:00:00.000000Z")};
}

std::vector<Value> ExceptionRow(long long id, long long unit, long long requester, int i,
                                std::mt19937& rng) {
  static const char* kStates[] = {"requested", "approved", "rejected", "expired", "revoked"};
  std::string status = kStates[rng() % 5];
  std::string from = Day(2026, 1 + i % 12, 1 + i % 28);
  std::string until = Day(2027, 1 + i % 12, 1 + i % 28);
  bool decided = status != "requested";
  Value none;
  return {Value(id),
          Value("Undantag " + std::to_string(id)),
          Value(unit),
          Value("Riktlinje " + std::to_string(i % 40)),
          Value("Skäl"),
          Value(requester),
          Value(from),
          Value(until),
          Value(status),
          decided ? Value("Beslutat") : none,
          decided ? Value(requester) : none,
          status == "revoked" ? Value("Återkallat") : none,
          Value(1LL),
          Value(from + "T08:00:00.000000Z"),
          Value(from + "T08:00:00.000000Z")};
}

void FillExceptions(Tx& tx, const DemoIds& ids) {
  std::mt19937 rng(2028);
  std::vector<std::vector<Value>> rows;
  for (long long i = 1; i <= kExceptions; ++i)
    rows.push_back(ExceptionRow(i, ids.leaf_units[rng() % ids.leaf_units.size()],
                                ids.user_ids[rng() % ids.user_ids.size()], static_cast<int>(i),
                                rng));
  BulkInsert(tx, "exceptions",
             {"id", "title", "org_unit_id", "clause", "reason", "requested_by", "valid_from",
              "valid_until", "status", "decision_motivation", "decided_by", "revocation_reason",
              "version", "created_at", "updated_at"},
             rows);
}

DeviationData& DeviationDataOf(const std::string& which) {
  static std::map<std::string, DeviationData> all;
  auto it = all.find(which);
  if (it != all.end()) return it->second;
  DeviationData& d = all[which];
  d.db = OpenBenchDatabase(which, "issue28");
  if (!service::LoadDemo(*d.db).ok()) std::abort();
  Status filled = d.db->Write(store::Actor(), [&](Tx& tx) {
    DemoIds ids = ReadDemoIds(tx);
    d.units = ids.units;
    d.users = ids.users;
    d.first = 1;
    std::mt19937 rng(28);
    std::vector<std::vector<Value>> rows;
    for (long long i = d.first; i < d.first + kDeviations; ++i)
      rows.push_back(DeviationRow(i, ids.leaf_units[rng() % ids.leaf_units.size()],
                                  ids.user_ids[rng() % ids.user_ids.size()], static_cast<int>(i),
                                  rng));
    BulkInsert(
        tx, "deviations",
        {"id", "title", "description", "org_unit_id", "detected_on", "reported_by", "source",
         "severity", "status", "root_cause", "verification_due", "rejection_reason",
         "verdict_effective", "verdict_at", "verdict_count", "version", "created_at", "updated_at"},
        rows);
    FillExceptions(tx, ids);
    // As autovacuum would soon after such a load.
    if (d.db->dialect() == store::Dialect::kPostgres) tx.Exec("ANALYZE");
    return Status();
  });
  if (!filled.ok()) std::abort();
  d.db->RefreshStatistics();
  d.deviations = std::make_unique<service::DeviationService>(*d.db);
  d.exceptions = std::make_unique<service::ExceptionService>(*d.db, 12);
  return d;
}

service::Caller DeviationCaller(DeviationData& d, const std::string& who) {
  static const std::map<std::string, std::pair<const char*, const char*>> kRoles = {
      {"ciso", {"ciso", "Norrviks kommun"}},
      {"kontakt.sof", {"contact", "Socialförvaltningen"}},
      {"ks.ordforande", {"board", "Norrviks kommun"}},
      {"medarbetare", {"employee", "Socialförvaltningen"}},
      {"objektagare", {"object_owner", "Barn- och utbildningsförvaltningen"}}};
  service::Caller c;
  c.user_id = d.users.at(who);
  c.username = who;
  auto [role, scope] = kRoles.at(who);
  c.grants = {{0, role, d.units.at(scope), std::nullopt}};
  return c;
}

void DeviationListCase(benchmark::State& state, const std::string& which, const std::string& who,
                       const Params& params) {
  DeviationData& d = DeviationDataOf(which);
  auto caller = DeviationCaller(d, who);
  auto q = service::ReadDeviationListQuery(Lookup(params), caller.user_id);
  if (!q.ok()) std::abort();
  Measure(state, [&] {
    auto page = d.deviations->List(caller, *q);
    if (!page.ok()) std::abort();
    return page->total;
  });
}

void DeviationGetCase(benchmark::State& state, const std::string& which) {
  DeviationData& d = DeviationDataOf(which);
  auto caller = DeviationCaller(d, "ciso");
  Measure(state, [&] {
    auto deviation = d.deviations->Get(caller, d.first + kDeviations / 2);
    if (!deviation.ok()) std::abort();
    return (*deviation)["version"].get<long long>();
  });
}

void ExceptionListCase(benchmark::State& state, const std::string& which, const std::string& who,
                       const Params& params) {
  DeviationData& d = DeviationDataOf(which);
  auto caller = DeviationCaller(d, who);
  auto q = service::ReadExceptionListQuery(Lookup(params), caller.user_id);
  if (!q.ok()) std::abort();
  Measure(state, [&] {
    auto page = d.exceptions->List(caller, *q);
    if (!page.ok()) std::abort();
    return page->total;
  });
}

// The annual report's figures for `year` over everything `who` reads by role.
void DeviationStatisticsCase(benchmark::State& state, const std::string& which,
                             const std::string& who) {
  DeviationData& d = DeviationDataOf(which);
  auto caller = DeviationCaller(d, who);
  Measure(state, [&] {
    auto stats = d.deviations->Statistics(caller, 2026, std::nullopt);
    if (!stats.ok()) std::abort();
    return (*stats)["totals"]["opened"].get<long long>();
  });
}

int RegisterDeviationBenchmarks() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  const std::vector<std::pair<std::string, Params>> cases = {
      {"page1", {}},
      {"open", {{"status", "open"}}},
      {"high_audit", {{"severity", "high"}, {"source", "audit"}}},
      {"by_severity", {{"sort", "-severity"}}},
      {"verification_overdue", {{"verification_overdue", "true"}}},
      {"search", {{"q", "Avvikelse 4999"}}}};
  for (const auto& which : dbs) {
    const std::string prefix = "BM_Issue28/" + which + "/";
    for (const char* who : {"ciso", "kontakt.sof", "ks.ordforande", "medarbetare"})
      for (const auto& [name, params] : cases)
        benchmark::RegisterBenchmark(
            (prefix + "list/" + name + "/" + who).c_str(),
            [which, who, params](benchmark::State& s) { DeviationListCase(s, which, who, params); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(40);
    const std::vector<std::pair<std::string, Params>> exception_cases = {
        {"page1", {}},
        {"approved", {{"status", "approved"}}},
        {"ending_30", {{"expiring_within", "30"}}},
        {"search", {{"q", "Undantag 999"}}}};
    for (const char* who : {"ciso", "ks.ordforande", "objektagare"})
      for (const auto& [name, params] : exception_cases)
        benchmark::RegisterBenchmark(
            (prefix + "exceptions/" + name + "/" + who).c_str(),
            [which, who, params](benchmark::State& s) { ExceptionListCase(s, which, who, params); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(40);
    for (const char* who : {"ciso", "ks.ordforande"})
      benchmark::RegisterBenchmark(
          (prefix + "statistics/" + who).c_str(),
          [which, who](benchmark::State& s) { DeviationStatisticsCase(s, which, who); })
          ->Unit(benchmark::kMillisecond)
          ->Iterations(40);
    benchmark::RegisterBenchmark((prefix + "get/ciso").c_str(),
                                 [which](benchmark::State& s) { DeviationGetCase(s, which); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(40);
  }
  return 0;
}

const int kDeviationBenchmarks = RegisterDeviationBenchmarks();

}  // namespace
