// Benchmarks of the asset registers (issue 4, item 6): listing, filtering and sorting 100,000
// systems and 100,000 information sets through the service layer, as the CISO of the
// municipality and as an employee of one förvaltning. Every call is timed on its own; the
// counters p50_ms and p95_ms are the median and 95th percentile over the iterations.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database:
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench \
//     --benchmark_filter=Register'
// The "Legacy" cases run the per-row correlated subqueries the registers used before the
// derived classes were cached (migration 3), for comparison.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <random>

#include "bench_support.h"
#include "service/assets/asset_work_service.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/demo/demo_loader.h"
#include "store/assets/asset_tables.h"
#include "store/assets/derived_cache.h"
#include "store/records.h"

namespace {

using namespace lis;
using namespace lis::bench;
using store::Tx;
using store::Value;

constexpr int kObjects = 1000;
constexpr int kSystems = 100000;
constexpr int kSets = 100000;

struct Data {
  std::unique_ptr<store::Database> db;
  std::map<std::string, long long> units;  // demo node name -> id
};

// A time of 2025 or 2026 for the classification of set `i`, a different one for every set (as
// people classify one set at a time).
std::string ClassifiedAt(int i) {
  char clock[32];
  std::snprintf(clock, sizeof clock, "T%02d:%02d:%02d.000000Z", i / 336 % 24, i / 60 % 60, i % 60);
  return Day(2025 + i % 2, 1 + i % 12, 1 + i / 24 % 28) + clock;
}

// The demo organisation, then 1,000 objects over its units, 100 systems each, and 100,000
// information sets linked to 1-3 systems: 80 % classified (of those 70 % approved, a tenth
// of which overdue for review), 10 % secrecy-marked. Written straight into the tables in one
// transaction, then the derived classes rebuilt.
void Fill(Data& d) {
  if (!service::LoadDemo(*d.db).ok()) {
    std::fprintf(stderr, "register bench: the database is not empty\n");
    std::abort();
  }
  d.db->Write(store::Actor(), [&](Tx& tx) {
    DemoIds ids = ReadDemoIds(tx);
    d.units = ids.units;
    const std::vector<long long>& units = ids.leaf_units;
    // After the demo's own assets: ids continue from the largest there is.
    auto after = [&](const char* table) {
      return tx
          .QueryOne(std::string("SELECT COALESCE(MAX(id), 0) FROM ") + table, {},
                    {store::Col::kInt})
          ->Int(0);
    };
    const long long ob = after("objects"), sb = after("systems"), ib = after("information_sets");
    std::mt19937 rng(42);
    auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
    const std::string now = tx.Now();
    auto stamp = [&](int i) { return Day(2025, 1 + i % 12, 1 + i % 28) + "T08:00:00.000000Z"; };
    std::vector<std::vector<Value>> rows;
    for (int o = 1; o <= kObjects; ++o)
      rows.push_back({Value(ob + o), Value(units[o % units.size()]),
                      Value("Objekt " + std::to_string(o)), Value(""), Value(1), Value(stamp(o)),
                      Value(stamp(o))});
    BulkInsert(tx, "objects",
               {"id", "org_unit_id", "name", "description", "version", "created_at", "updated_at"},
               rows);
    rows.clear();
    const char* hosting[] = {"own", "supplier", "cloud"};
    const char* lifecycle[] = {"planned", "in_use", "in_use", "retiring", "retired"};
    for (int s = 1; s <= kSystems; ++s) {
      int h = pick(3);
      rows.push_back({Value(sb + s), Value(ob + 1 + (s - 1) % kObjects),
                      Value("System " + std::to_string(s)), Value(""), Value(hosting[h]),
                      h == 2 ? Value("SE") : Value(), Value(lifecycle[pick(5)]), Value(1),
                      Value(stamp(s)), Value(stamp(s * 7))});
    }
    BulkInsert(tx, "systems",
               {"id", "object_id", "name", "description", "hosting", "hosting_country", "lifecycle",
                "version", "created_at", "updated_at"},
               rows);
    rows.clear();
    const char* personal[] = {"none", "none", "ordinary", "ordinary", "special", "criminal"};
    std::vector<std::vector<Value>> links, classes;
    for (int i = 1; i <= kSets; ++i) {
      long long unit = units[pick(static_cast<int>(units.size()))];
      rows.push_back({Value(ib + i), Value(unit), Value("Informationsmängd " + std::to_string(i)),
                      Value(""), Value(personal[pick(6)]),
                      pick(10) == 0 ? Value("23 kap. 2 § OSL") : Value(), Value(1), Value(stamp(i)),
                      Value(stamp(i * 3))});
      int n = 1 + pick(3), first = 1 + pick(kSystems - 3);
      for (int k = 0; k < n; ++k) links.push_back({Value(ib + i), Value(sb + first + k)});
      if (pick(10) < 2) continue;  // unclassified
      int level[4];
      int top = 0;
      for (int& l : level) top = std::max(top, l = pick(5));
      bool approved = pick(10) < 7;
      std::string due = !approved       ? ""
                        : pick(10) == 0 ? Day(2024, 1 + pick(12), 1 + pick(28))
                                        : Day(2027 + pick(2), 1 + pick(12), 1 + pick(28));
      classes.push_back({Value(ib + i), Value(unit), Value(level[0]), Value(level[1]),
                         Value(level[2]), Value(level[3]), Value(top), Value("{}"),
                         Value(approved ? "approved" : "draft"), Value(ClassifiedAt(i)),
                         due.empty() ? Value() : Value(due), Value(1), Value(now), Value(now)});
    }
    BulkInsert(tx, "information_sets",
               {"id", "org_unit_id", "name", "description", "personal_data", "secrecy", "version",
                "created_at", "updated_at"},
               rows);
    BulkInsert(tx, "information_set_systems", {"information_set_id", "system_id"}, links);
    BulkInsert(tx, "classifications",
               {"information_set_id", "org_unit_id", "confidentiality", "integrity", "availability",
                "traceability", "security_class", "motivations", "status", "classified_at",
                "review_due", "version", "created_at", "updated_at"},
               classes);
    store::RebuildDerived(tx);
    return Status();
  });
  if (d.db->dialect() == store::Dialect::kPostgres) VacuumPostgres();
}

// The filled database of `which` ("sqlite" or "postgresql"), made on first use.
Data& DataOf(const std::string& which) {
  static std::map<std::string, Data> all;
  auto it = all.find(which);
  if (it != all.end()) return it->second;
  Data& d = all[which];
  d.db = bench::OpenBenchDatabase(which, "register");
  auto t0 = std::chrono::steady_clock::now();
  Fill(d);
  std::fprintf(stderr, "register bench: %s filled in %.1f s\n", which.c_str(),
               std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  // As `lis serve` does when it starts (LIS_BENCH_NO_ANALYZE=1 measures without statistics).
  if (!std::getenv("LIS_BENCH_NO_ANALYZE")) d.db->RefreshStatistics();
  return d;
}

service::Caller CallerOf(Data& d, const std::string& who) {
  service::Caller c;
  c.user_id = 1;
  c.username = who;
  if (who == "ciso")
    c.grants = {{0, "ciso", d.units.at("Norrviks kommun"), std::nullopt}};
  else if (who == "owner")
    c.grants = {{0, "information_owner", d.units.at("Socialförvaltningen"), std::nullopt}};
  else
    c.grants = {{0, "employee", d.units.at("Socialförvaltningen"), std::nullopt}};
  return c;
}

void ListCase(benchmark::State& state, const std::string& which, const std::string& kind,
              const std::string& who, Params params) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  if (params.count("org_unit_id"))
    params["org_unit_id"] = std::to_string(d.units.at(params["org_unit_id"]));
  service::SystemService systems(*d.db);
  service::InformationSetService sets(*d.db);
  service::ObjectService objects(*d.db);
  Measure(state, [&]() -> long long {
    auto run = [&](auto query, auto& service) -> long long {
      if (!query.ok()) std::abort();
      query->page = {50, 0};
      auto page = service.List(caller, *query);
      if (!page.ok()) std::abort();
      return page->total;
    };
    if (kind == "systems") return run(service::ReadSystemListQuery(Lookup(params)), systems);
    if (kind == "objects") return run(service::ReadObjectListQuery(Lookup(params)), objects);
    return run(service::ReadSetListQuery(Lookup(params)), sets);
  });
}

// The asset work of the start page (AssetWorkService) for `who`: the caller's objects, the
// classifications awaiting its approval, the reviews due and the CISO's counts.
void WorkCase(benchmark::State& state, const std::string& which, const std::string& what,
              const std::string& who) {
  Data& d = DataOf(which);
  auto caller = CallerOf(d, who);
  service::AssetWorkService work(*d.db);
  const service::PageRequest first{10, 0};
  Measure(state, [&]() -> long long {
    auto total = [](Result<store::Page> page) -> long long {
      if (!page.ok()) std::abort();
      return page->total;
    };
    if (what == "my_objects") return total(work.MyObjects(caller, first));
    if (what == "awaiting_approval") return total(work.AwaitingApproval(caller, first));
    if (what == "review_due") return total(work.ReviewDue(caller, first));
    auto counts = work.Counts(caller);
    if (!counts.ok()) std::abort();
    return counts->unclassified + counts->awaiting_approval + counts->review_overdue +
           counts->review_soon;
  });
}

// The per-row derived class of the registers before migration 3.
const char* kLegacySystemClass =
    "(SELECT MAX(c.security_class) FROM information_set_systems l JOIN information_sets i ON "
    "i.id = l.information_set_id AND i.deleted_at IS NULL JOIN classifications c ON "
    "c.information_set_id = i.id AND c.deleted_at IS NULL WHERE l.system_id = systems.id)";
const char* kLegacySetClass =
    "(SELECT c.security_class FROM classifications c WHERE c.information_set_id = "
    "information_sets.id AND c.deleted_at IS NULL)";

void LegacyCase(benchmark::State& state, const std::string& which, const std::string& kind,
                bool filter) {
  Data& d = DataOf(which);
  bool systems = kind == "systems";
  const auto& spec = systems ? store::SystemTable() : store::InformationSetTable();
  std::string cls = systems ? kLegacySystemClass : kLegacySetClass;
  Measure(state, [&]() -> long long {
    store::Page page;
    d.db->Read([&](Tx& tx) {
      store::Filter f;
      if (filter) f.And(cls + " = ?", {Value(3)});
      page = store::ListRecords(tx, spec, f, "name, id", 50, 0, false, {{"security_class", cls}});
      return Status();
    });
    return page.total;
  });
}

struct Case {
  std::string name;
  std::string kind;
  Params params;
};

const std::vector<Case>& Cases() {
  static const std::vector<Case> kCases = {
      {"page1", "systems", {}},
      {"class3", "systems", {{"security_class", "3"}}},
      {"min_conf3", "systems", {{"min_confidentiality", "3"}}},
      {"unit_subtree", "systems", {{"org_unit_id", "Socialförvaltningen"}}},
      {"overdue", "systems", {{"review_overdue", "true"}}},
      {"sort_class_desc", "systems", {{"sort", "-security_class"}}},
      {"sort_updated", "systems", {{"sort", "-updated_at"}}},
      {"page1", "sets", {}},
      {"class3", "sets", {{"security_class", "3"}}},
      {"min_conf3", "sets", {{"min_confidentiality", "3"}}},
      {"unit_subtree", "sets", {{"org_unit_id", "Socialförvaltningen"}}},
      {"overdue", "sets", {{"review_overdue", "true"}}},
      {"unclassified", "sets", {{"unclassified", "true"}}},
      {"sort_class_desc", "sets", {{"sort", "-security_class"}}},
      {"sort_review_due", "sets", {{"sort", "review_due"}}},
      {"combined",
       "sets",
       {{"min_confidentiality", "2"},
        {"personal_data", "special"},
        {"status", "approved"},
        {"sort", "-security_class"}}},
      {"page1", "objects", {}},
      {"class4", "objects", {{"security_class", "4"}}},
  };
  return kCases;
}

int RegisterAll() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  for (const auto& which : dbs) {
    for (const auto& c : Cases())
      for (const char* who : {"ciso", "employee"})
        benchmark::RegisterBenchmark(
            ("BM_Register/" + which + "/" + c.kind + "/" + c.name + "/" + who).c_str(),
            [which, c, who](benchmark::State& s) { ListCase(s, which, c.kind, who, c.params); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(40);
    for (const char* what : {"my_objects", "awaiting_approval", "review_due", "counts"})
      for (const char* who : {"ciso", "owner"})
        benchmark::RegisterBenchmark(
            ("BM_Register/" + which + "/work/" + what + "/" + who).c_str(),
            [which, what, who](benchmark::State& s) { WorkCase(s, which, what, who); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(40);
    for (const char* kind : {"systems", "sets"})
      for (bool filter : {false, true})
        benchmark::RegisterBenchmark(
            ("BM_RegisterLegacy/" + which + "/" + kind + (filter ? "/class3" : "/page1")).c_str(),
            [which, kind, filter](benchmark::State& s) { LegacyCase(s, which, kind, filter); })
            ->Unit(benchmark::kMillisecond)
            ->Iterations(10);
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
