// Helpers shared by the service-layer benchmarks (register, issue-5, incident and bell benches):
// bulk inserts straight into the tables, request parameters as the API would read them, and
// per-call timing reported as the counters p50_ms and p95_ms.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "service/assets/register_query.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::bench {

// The demo's organisation and users as `lis demo` wrote them: every node by name, the ids of
// the nodes of kind unit (id order), every user by username and all user ids (id order).
struct DemoIds {
  std::map<std::string, long long> units;
  std::vector<long long> leaf_units;
  std::map<std::string, long long> users;
  std::vector<long long> user_ids;
};

inline DemoIds ReadDemoIds(store::Tx& tx) {
  DemoIds ids;
  for (const auto& r : tx.Query("SELECT id, name, kind FROM org_units ORDER BY id", {},
                                {store::Col::kInt, store::Col::kText, store::Col::kText})) {
    ids.units[r.Text(1)] = r.Int(0);
    if (r.Text(2) == "unit") ids.leaf_units.push_back(r.Int(0));
  }
  for (const auto& r : tx.Query("SELECT id, username FROM users ORDER BY id", {},
                                {store::Col::kInt, store::Col::kText})) {
    ids.users[r.Text(1)] = r.Int(0);
    ids.user_ids.push_back(r.Int(0));
  }
  return ids;
}

// A migrated, empty database for benchmark `name`: on "sqlite" a fresh file in the temp
// directory (lis-bench-<name>), on "postgresql" the database LIS_BENCH_PG_URL names (which
// must be empty). Aborts when it cannot be opened or migrated.
inline std::unique_ptr<store::Database> OpenBenchDatabase(const std::string& which,
                                                          const std::string& name) {
  std::string url;
  if (which == "sqlite") {
    auto dir = std::filesystem::temp_directory_path() / ("lis-bench-" + name);
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    url = "sqlite:" + (dir / "lis.db").string();
  } else {
    url = std::getenv("LIS_BENCH_PG_URL");
  }
  auto db = store::Database::Open(url, 2);
  if (!db.ok() || !(*db)->Migrate().ok()) std::abort();
  return std::move(*db);
}

// On PostgreSQL (LIS_BENCH_PG_URL), what autovacuum soon does after a bulk load: VACUUM ANALYZE,
// which also sets the visibility map that lets a count read an index alone. Through psql, since
// VACUUM runs outside a transaction.
inline void VacuumPostgres() {
  const char* url = std::getenv("LIS_BENCH_PG_URL");
  if (!url || !*url) return;
  std::string command = std::string("psql '") + url + "' -qAtc 'VACUUM ANALYZE' >/dev/null";
  if (std::system(command.c_str()) != 0) std::fprintf(stderr, "bench: VACUUM ANALYZE failed\n");
}

// Inserts `rows` (each `columns.size()` values) into `table`, 400 rows per statement.
inline void BulkInsert(store::Tx& tx, const std::string& table,
                       const std::vector<std::string>& columns,
                       const std::vector<std::vector<store::Value>>& rows) {
  constexpr size_t kRows = 400;
  std::string cols, marks;
  for (const auto& c : columns) {
    cols += (cols.empty() ? "" : ", ") + c;
    marks += marks.empty() ? "?" : ", ?";
  }
  for (size_t start = 0; start < rows.size(); start += kRows) {
    std::string sql = "INSERT INTO " + table + " (" + cols + ") VALUES ";
    std::vector<store::Value> params;
    for (size_t i = start; i < std::min(rows.size(), start + kRows); ++i) {
      sql += (i == start ? "(" : ", (") + marks + ")";
      params.insert(params.end(), rows[i].begin(), rows[i].end());
    }
    tx.Exec(sql, params);
  }
}

// "YYYY-MM-DD".
inline std::string Day(int year, int month, int day) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
  return buf;
}

// Parameters of a list call, as the API would receive them.
using Params = std::map<std::string, std::string>;

// A lookup of `p`, which must outlive it.
inline service::ParamLookup Lookup(const Params& p) {
  return [&p](const std::string& name) -> std::optional<std::string> {
    auto it = p.find(name);
    if (it == p.end()) return std::nullopt;
    return it->second;
  };
}

// Times `call` once per iteration and reports p50_ms, p95_ms and `rows` (what the last call
// returned, e.g. a list's total).
inline void Measure(benchmark::State& state, const std::function<long long()>& call) {
  std::vector<double> ms;
  long long total = 0;
  for (auto _ : state) {
    auto t0 = std::chrono::steady_clock::now();
    total = call();
    ms.push_back(
        std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  state.counters["p50_ms"] = ms[ms.size() / 2];
  state.counters["p95_ms"] = ms[std::min(ms.size() - 1, ms.size() * 95 / 100)];
  state.counters["rows"] = static_cast<double>(total);
}

}  // namespace lis::bench
