// Benchmarks of the incident list at municipal scale (issue 6), through the service layer:
// 50,000 incidents over the demo units (a quarter may involve personal data, one in twenty a
// marked breach, a third with a handler), listed as the CISO of the municipality, the DPO (its
// filter is the OR of personal-data flags), the security chief of the group, an employee who
// handles some of them without roles, and the same employee's own reports; and one incident
// with 50 timeline entries and 10 links fetched in full (deadlines, links with labels).
// Every call is timed on its own; p50_ms and p95_ms are the median and 95th percentile.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database:
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench \
//     --benchmark_filter=Issue6'
#include <benchmark/benchmark.h>

#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_support.h"
#include "core/config.h"
#include "service/demo/demo_loader.h"
#include "service/incidents/incident_service.h"

namespace {

using namespace lis;
using namespace lis::bench;
using store::Tx;
using store::Value;

constexpr int kIncidents = 50000;

struct Data {
  std::unique_ptr<store::Database> db;
  std::unique_ptr<service::IncidentService> incidents;
  Config config;
  std::map<std::string, long long> units;
  std::map<std::string, long long> users;
  long long detailed = 0;  // the incident with a long timeline and many links
};

std::string Stamp(int i) {
  return Day(2026, 1 + i % 10, 1 + i % 28) + "T08:00:00.000000Z";
}

std::vector<Value> IncidentRow(long long id, long long unit, long long reporter,
                               const Value& handler, int i, std::mt19937& rng) {
  static const char* kStatuses[] = {"new",       "triage",   "investigating",
                                    "contained", "resolved", "closed"};
  const char* status = kStatuses[rng() % 6];
  bool triaged = std::string(status) != "new" && std::string(status) != "triage";
  Value none;
  return {Value(id),
          Value(unit),
          Value("Incident " + std::to_string(id)),
          Value("Beskrivning"),
          Value(Stamp(i)),
          Value(Stamp(i)),
          Value(Stamp(i)),
          Value(static_cast<long long>(rng() % 4 == 0)),
          Value(0LL),
          Value(reporter),
          Value(""),
          Value("web"),
          Value(status),
          triaged ? Value(static_cast<long long>(1 + rng() % 4)) : none,
          triaged ? Value("fraud.phishing") : none,
          Value("KT"),
          handler,
          Value(static_cast<long long>(rng() % 20 == 0)),
          Value(static_cast<long long>(rng() % 50 == 0)),
          triaged ? Value(Stamp(i)) : none,
          std::string(status) == "closed" ? Value(Stamp(i)) : none,
          Value(""),
          Value(""),
          Value(""),
          Value(""),
          Value(1LL),
          Value(Stamp(i)),
          Value(Stamp(i))};
}

// The incidents get ids from `first` on (after the demo's own).
void FillIncidents(Tx& tx, const std::vector<long long>& units, const std::vector<long long>& users,
                   long long handler, long long first) {
  std::mt19937 rng(6);
  std::vector<std::vector<Value>> rows;
  for (long long i = first; i < first + kIncidents; ++i) {
    Value h =
        rng() % 3 == 0 ? Value(rng() % 10 == 0 ? handler : users[rng() % users.size()]) : Value();
    rows.push_back(
        IncidentRow(i, units[rng() % units.size()], users[rng() % users.size()], h, i, rng));
  }
  BulkInsert(tx, "incidents",
             {"id",
              "org_unit_id",
              "title",
              "description",
              "occurred_at",
              "discovered_at",
              "awareness_at",
              "personal_data",
              "ongoing",
              "reporter_id",
              "reporter_contact",
              "reported_via",
              "status",
              "severity",
              "category",
              "aspects",
              "handler_id",
              "personal_data_breach",
              "significant",
              "triaged_at",
              "closed_at",
              "breach_subjects",
              "breach_records",
              "breach_consequences",
              "breach_measures",
              "version",
              "created_at",
              "updated_at"},
             rows);
}

// Incident `id` gets 50 timeline entries, 10 links and both clocks.
void FillDetail(Tx& tx, Data& d, long long id) {
  d.detailed = id;
  long long unit =
      tx.QueryOne("SELECT org_unit_id FROM incidents WHERE id = ?", {Value(id)}, {store::Col::kInt})
          ->Int(0);
  std::vector<std::vector<Value>> entries, links;
  for (int i = 0; i < 50; ++i)
    entries.push_back({Value(id), Value(unit), Value("note"), Value("Anteckning"), Value(Stamp(i)),
                       Value(d.users.at("ciso")), Value("Johan Bergström"), Value(1LL),
                       Value(Stamp(i)), Value(Stamp(i))});
  BulkInsert(tx, "incident_timeline",
             {"incident_id", "org_unit_id", "kind", "body", "happened_at", "author_id",
              "author_name", "version", "created_at", "updated_at"},
             entries);
  for (int i = 0; i < 10; ++i)
    links.push_back({Value(id), Value(unit), Value("action"), Value(static_cast<long long>(i + 1)),
                     Value(1LL), Value(Stamp(i)), Value(Stamp(i))});
  BulkInsert(
      tx, "incident_links",
      {"incident_id", "org_unit_id", "kind", "target_id", "version", "created_at", "updated_at"},
      links);
  tx.Exec("UPDATE incidents SET personal_data_breach = 1, significant = 1 WHERE id = ?",
          {Value(id)});
}

Data& DataOf(const std::string& which) {
  static std::map<std::string, Data> all;
  auto it = all.find(which);
  if (it != all.end()) return it->second;
  Data& d = all[which];
  d.db = OpenBenchDatabase(which, "issue6");
  if (!service::LoadDemo(*d.db).ok()) std::abort();
  d.db->Write(store::Actor(), [&](Tx& tx) {
    DemoIds ids = ReadDemoIds(tx);
    d.units = ids.units;
    d.users = ids.users;
    const long long first =
        tx.QueryOne("SELECT COALESCE(MAX(id), 0) + 1 FROM incidents", {}, {store::Col::kInt})
            ->Int(0);
    FillIncidents(tx, ids.leaf_units, ids.user_ids, d.users.at("medarbetare"), first);
    FillDetail(tx, d, first);
    // As autovacuum would soon after such a load.
    if (d.db->dialect() == store::Dialect::kPostgres) tx.Exec("ANALYZE");
    return Status();
  });
  d.db->RefreshStatistics();
  d.incidents = std::make_unique<service::IncidentService>(*d.db, d.config);
  return d;
}

service::Caller CallerOf(Data& d, const std::string& who) {
  static const std::map<std::string, std::pair<const char*, const char*>> kRoles = {
      {"ciso", {"ciso", "Norrviks kommun"}},
      {"dso", {"dpo", "Norrviks kommun"}},
      {"sakerhetschef", {"security_chief", "Norrviks kommunkoncern"}},
      {"medarbetare", {"employee", "Socialförvaltningen"}}};
  service::Caller c;
  c.user_id = d.users.at(who);
  c.username = who;
  auto [role, scope] = kRoles.at(who);
  c.grants = {{0, role, d.units.at(scope), std::nullopt}};
  return c;
}

void ListCase(benchmark::State& state, const std::string& which, const std::string& who,
              const Params& params) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  auto q = service::ReadIncidentListQuery(Lookup(params), caller.user_id);
  if (!q.ok()) std::abort();
  Measure(state, [&] {
    auto page = d.incidents->List(caller, *q);
    if (!page.ok()) std::abort();
    return page->total;
  });
}

void ReportedCase(benchmark::State& state, const std::string& which) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, "medarbetare");
  Measure(state, [&] {
    auto page = d.incidents->ListReported(caller, {50, 0});
    if (!page.ok()) std::abort();
    return page->total;
  });
}

void GetCase(benchmark::State& state, const std::string& which, bool timeline) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, "ciso");
  Measure(state, [&] {
    if (timeline) {
      auto entries = d.incidents->Timeline(caller, d.detailed);
      if (!entries.ok()) std::abort();
      return static_cast<long long>(entries->size());
    }
    auto incident = d.incidents->Get(caller, d.detailed);
    if (!incident.ok()) std::abort();
    return static_cast<long long>((*incident)["links"].size());
  });
}

int RegisterAll() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  const std::vector<std::pair<std::string, Params>> cases = {
      {"page1", {}},
      {"open", {{"status", "open"}}},
      {"severity4_breach", {{"severity", "4"}, {"personal_data_breach", "true"}}},
      {"search", {{"q", "Incident 4999"}}}};
  for (const auto& which : dbs) {
    const std::string prefix = "BM_Issue6/" + which + "/";
    for (const char* who : {"ciso", "dso", "sakerhetschef", "medarbetare"})
      for (const auto& [name, params] : cases)
        benchmark::RegisterBenchmark(
            (prefix + "list/" + name + "/" + who).c_str(),
            [which, who, params](benchmark::State& s) { ListCase(s, which, who, params); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(40);
    benchmark::RegisterBenchmark((prefix + "reported/medarbetare").c_str(),
                                 [which](benchmark::State& s) { ReportedCase(s, which); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(40);
    for (bool timeline : {false, true})
      benchmark::RegisterBenchmark(
          (prefix + (timeline ? "timeline/ciso" : "get/ciso")).c_str(),
          [which, timeline](benchmark::State& s) { GetCase(s, which, timeline); })
          ->Unit(benchmark::kMillisecond)
          ->Iterations(40);
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
