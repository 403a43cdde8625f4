// The time to import 10,000 rows (issue 4, item 7) through the import service, all in one
// transaction with one audit event per record: systems, and information sets with a draft
// classification each. SQLite always; PostgreSQL when LIS_BENCH_PG_URL names a database
// (it is migrated and filled; use a throw-away one). Run:
//   ninja -C build lis_bench && build/lis_bench --benchmark_filter=Import
//   scripts/with-postgres 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench
//   --benchmark_filter=Import'
#include <benchmark/benchmark.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "service/assets/asset_import.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"
#include "store/records.h"

namespace {

using namespace lis;
using nlohmann::json;

constexpr int kRows = 10000;

std::unique_ptr<store::Database> Open(bool postgres) {
  std::string url;
  if (postgres) {
    const char* pg = std::getenv("LIS_BENCH_PG_URL");
    if (!pg || !*pg) return nullptr;
    url = pg;
  } else {
    auto dir = std::filesystem::temp_directory_path() / "lis-bench-import";
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "lis.db").string();
  }
  auto db = store::Database::Open(url, 2);
  if (!db.ok() || !(*db)->Migrate().ok()) std::abort();
  return std::move(*db);
}

struct Fixture {
  std::unique_ptr<store::Database> db;
  long long unit = 0, object = 0, user = 0;
};

Fixture Prepare(bool postgres) {
  Fixture f;
  f.db = Open(postgres);
  if (!f.db) return f;
  f.db->Write(store::Actor(), [&](store::Tx& tx) {
    f.unit = store::InsertRecord(tx, store::OrgUnitTable(),
                                 {{"kind", "group"}, {"name", "Bench " + tx.Now()}})["id"];
    f.object = store::InsertRecord(
        tx, store::ObjectTable(),
        {{"name", "Bench-objekt"}, {"org_unit_id", f.unit}, {"description", ""}})["id"];
    std::string name = "bench-" + std::to_string(f.unit);
    f.user = store::InsertRecord(tx, store::UserTable(),
                                 {{"username", name},
                                  {"name", name},
                                  {"email", name + "@example.org"},
                                  {"active", true},
                                  {"language", "sv"},
                                  {"org_unit_id", f.unit}})["id"];
    return Status();
  });
  return f;
}

service::Caller Ciso(long long user) {
  service::Caller c;
  c.user_id = user;
  c.username = "bench";
  c.grants = {{1, "ciso", std::nullopt, std::nullopt}};
  return c;
}

tables::Table Systems(long long object, int round) {
  tables::Table t;
  t.header = {"namn", "objekt", "beskrivning", "drift", "livscykel"};
  for (int i = 0; i < kRows; ++i)
    t.rows.push_back({i + 2,
                      {"System " + std::to_string(round) + "-" + std::to_string(i),
                       std::to_string(object), "Ett system", "egen drift", "i drift"}});
  return t;
}

tables::Table Sets(long long unit, int round) {
  tables::Table t;
  t.header = {"namn",
              "organisationsenhet",
              "personuppgifter",
              "konfidentialitet",
              "riktighet",
              "tillgänglighet",
              "spårbarhet",
              "motivering konfidentialitet",
              "motivering riktighet",
              "motivering tillgänglighet",
              "motivering spårbarhet"};
  for (int i = 0; i < kRows; ++i)
    t.rows.push_back(
        {i + 2,
         {"Mängd " + std::to_string(round) + "-" + std::to_string(i), std::to_string(unit),
          "vanliga", std::to_string(i % 5), "2", "1", "0", "K", "R", "T", "S"}});
  return t;
}

void BM_Import(benchmark::State& state, service::ImportKind kind, bool postgres) {
  Fixture f = Prepare(postgres);
  if (!f.db) {
    state.SkipWithError("LIS_BENCH_PG_URL is not set");
    return;
  }
  service::InformationSetService sets(*f.db);
  service::AssetImportService imports(*f.db, sets, tables::ReadLimits{});
  service::Caller caller = Ciso(f.user);
  int round = 0;
  for (auto _ : state) {
    state.PauseTiming();
    tables::Table table =
        kind == service::ImportKind::kSystems ? Systems(f.object, round) : Sets(f.unit, round);
    ++round;
    state.ResumeTiming();
    auto report = imports.Import(caller, kind, table, false);
    if (!report.ok() || report->created != kRows) state.SkipWithError("import failed");
  }
  state.SetItemsProcessed(state.iterations() * kRows);
}

BENCHMARK_CAPTURE(BM_Import, SystemsSqlite, service::ImportKind::kSystems, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Import, SetsSqlite, service::ImportKind::kInformationSets, false)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Import, SystemsPostgres, service::ImportKind::kSystems, true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);
BENCHMARK_CAPTURE(BM_Import, SetsPostgres, service::ImportKind::kInformationSets, true)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(3);

}  // namespace
