// Benchmarks of the audit trail (issue 3): how fast `lis audit verify` checks a long chain,
// and what the audit event adds to one update. Run: make bench, or
//   cmake --build build --target lis_bench && build/lis_bench
#include <benchmark/benchmark.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "store/audit_chain.h"
#include "store/org/org_tables.h"
#include "store/records.h"

namespace {

using namespace lis::store;
using nlohmann::json;

std::filesystem::path TempDb(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("lis-bench-" + name);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir / "lis.db";
}

std::unique_ptr<Database> OpenFresh(const std::string& name) {
  auto db = Database::Open("sqlite:" + TempDb(name).string(), 2);
  if (!db.ok() || !(*db)->Migrate().ok()) std::abort();
  return std::move(*db);
}

// A chain of `n` realistic events (an org unit update each), written straight into the table.
void FillChain(Database& db, long long n) {
  std::string prev = GenesisHash();
  const long long kPerTx = 20000;
  for (long long start = 1; start <= n; start += kPerTx) {
    db.Write(Actor(), [&](Tx& tx) {
      for (long long seq = start; seq < start + kPerTx && seq <= n; ++seq) {
        StoredAuditEvent e;
        e.seq = seq;
        e.at = lis::NowText();
        e.actor_id = 2;
        e.actor = "ciso";
        e.address = "127.0.0.1";
        e.action = "update";
        e.entity = "org_unit";
        e.entity_id = seq % 500 + 1;
        e.scope_id = 2;
        e.before_json =
            json{{"id", seq % 500 + 1}, {"name", "Socialförvaltningen"}, {"version", seq}}.dump();
        e.after_json =
            json{{"id", seq % 500 + 1}, {"name", "Socialförvaltningen "}, {"version", seq + 1}}
                .dump();
        e.prev_hash = prev;
        e.hash = AuditEventHash(e);
        prev = e.hash;
        tx.Exec(
            "INSERT INTO audit_events (seq, at, actor_id, actor, address, action, entity, "
            "entity_id, scope_id, before_json, after_json, comment, prev_hash, hash) VALUES "
            "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)",
            {Value(e.seq), Value(e.at), Value(*e.actor_id), Value(e.actor), Value(e.address),
             Value(e.action), Value(e.entity), Value(*e.entity_id), Value(*e.scope_id),
             Value(e.before_json), Value(e.after_json), Value(e.prev_hash), Value(e.hash)});
      }
      return lis::Status();
    });
  }
}

void BM_VerifyChain(benchmark::State& state) {
  static std::unique_ptr<Database> db;
  static long long filled = 0;
  if (filled != state.range(0)) {
    db = OpenFresh("verify");
    FillChain(*db, state.range(0));
    filled = state.range(0);
  }
  for (auto _ : state) {
    ChainReport r = VerifyChain(*db);
    if (!r.ok || r.count != state.range(0)) state.SkipWithError("chain did not verify");
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_VerifyChain)->Arg(1000000)->Unit(benchmark::kMillisecond)->Iterations(1);

// One update of an org unit with its audit event (the normal write path).
void BM_UpdateWithTrail(benchmark::State& state) {
  auto db = OpenFresh("with");
  long long id = 0, version = 1;
  db->Write(Actor(), [&](Tx& tx) {
    id = InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}})["id"];
    return lis::Status();
  });
  for (auto _ : state) {
    db->Write(Actor(), [&](Tx& tx) {
      auto r =
          UpdateRecord(tx, OrgUnitTable(), id, version, {{"name", "A" + std::to_string(version)}});
      ++version;
      return r.status();
    });
  }
}
BENCHMARK(BM_UpdateWithTrail)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

// The same update as plain SQL in a transaction, without reading the record or the trail.
void BM_UpdateWithoutTrail(benchmark::State& state) {
  auto db = OpenFresh("without");
  long long id = 0, version = 1;
  db->Write(Actor(), [&](Tx& tx) {
    id = InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}})["id"];
    return lis::Status();
  });
  for (auto _ : state) {
    db->Write(Actor(), [&](Tx& tx) {
      tx.Exec(
          "UPDATE org_units SET name = ?, version = version + 1, updated_at = ? WHERE id = ? AND "
          "version = ?",
          {Value("A" + std::to_string(version)), Value(lis::NowText()), Value(id), Value(version)});
      ++version;
      return lis::Status();
    });
  }
}
BENCHMARK(BM_UpdateWithoutTrail)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
