// The bell's cost per page view (issue 6, item 6): every page asks for the caller's unread
// count, so it must stay one cheap indexed COUNT. 100,000 notifications over 1,000 users (100
// each, every tenth unread), then NotificationService::UnreadCount and the first page of List
// for users across the table. p50_ms and p95_ms are per call.
// On SQLite always; on PostgreSQL too when LIS_BENCH_PG_URL names an empty database:
//   scripts/with-postgres bash -c 'LIS_BENCH_PG_URL=$LIS_TEST_PG_URL build/lis_bench
//     --benchmark_filter=Bell'   (one line)
#include <benchmark/benchmark.h>

#include <map>
#include <nlohmann/json.hpp>

#include "bench_support.h"
#include "service/notifications/notification_service.h"

namespace {

using namespace lis;
using namespace lis::bench;
using store::Value;

constexpr int kUsers = 1000;
constexpr int kPerUser = 100;

struct Data {
  std::unique_ptr<store::Database> db;
  std::vector<long long> users;
};

std::string Stamp(int i) {
  return Day(2026, 1 + i % 12, 1 + i % 28) + "T" + (i % 2 ? "08" : "14") + ":00:00.000000Z";
}

void Fill(Data& d) {
  store::Actor system;
  Status s = d.db->Write(system, [&](store::Tx& tx) -> Status {
    const std::string now = Stamp(0);
    tx.Exec(
        "INSERT INTO org_units (parent_id, kind, name, org_number, version, created_at, "
        "updated_at) VALUES (NULL, 'municipality', 'Bench kommun', NULL, 1, ?, ?)",
        {Value(now), Value(now)});
    long long unit = tx.QueryOne("SELECT MAX(id) FROM org_units", {}, {store::Col::kInt})->Int(0);
    std::vector<std::vector<Value>> users, notes;
    for (int u = 0; u < kUsers; ++u)
      users.push_back({Value("bench" + std::to_string(u)), Value("Bench " + std::to_string(u)),
                       Value("b@x.se"), Value(1LL), Value("sv"), Value(unit), Value(1LL),
                       Value(now), Value(now)});
    BulkInsert(tx, "users",
               {"username", "name", "email", "active", "language", "org_unit_id", "version",
                "created_at", "updated_at"},
               users);
    for (const auto& r : tx.Query("SELECT id FROM users ORDER BY id", {}, {store::Col::kInt}))
      d.users.push_back(r.Int(0));
    for (int i = 0; i < kUsers * kPerUser; ++i) {
      long long user = d.users[i % kUsers];
      std::string at = Stamp(i / kUsers);
      bool unread = (i / kUsers) % 10 == 0;
      notes.push_back({Value(user), Value(unit), Value("incident_new"), Value("incident"),
                       Value(static_cast<long long>(i)), Value("notification.incident_new"),
                       Value(R"({"title":"Bench"})"), Value("/incidents/1"),
                       Value("bench:" + std::to_string(i)), unread ? Value() : Value(at),
                       Value(1LL), Value(at), Value(at)});
    }
    BulkInsert(tx, "notifications",
               {"user_id", "org_unit_id", "kind", "entity", "entity_id", "message_key", "args",
                "link", "dedupe_key", "read_at", "version", "created_at", "updated_at"},
               notes);
    return {};
  });
  if (!s.ok()) std::abort();
  d.db->RefreshStatistics();
}

Data& DataOf(const std::string& which) {
  static std::map<std::string, Data> cache;
  auto it = cache.find(which);
  if (it != cache.end()) return it->second;
  Data& d = cache[which];
  d.db = OpenBenchDatabase(which, "bell");
  Fill(d);
  return d;
}

service::Caller CallerAt(const Data& d, size_t i) {
  service::Caller c;
  c.user_id = d.users[(i * 37) % d.users.size()];
  return c;
}

void UnreadCountCase(benchmark::State& state, const std::string& which) {
  Data& d = DataOf(which);
  service::NotificationService notifications(*d.db);
  size_t i = 0;
  Measure(state, [&]() -> long long {
    auto n = notifications.UnreadCount(CallerAt(d, i++));
    if (!n.ok()) std::abort();
    return *n;
  });
}

void ListCase(benchmark::State& state, const std::string& which) {
  Data& d = DataOf(which);
  service::NotificationService notifications(*d.db);
  size_t i = 0;
  Measure(state, [&]() -> long long {
    auto page = notifications.List(CallerAt(d, i++), {{50, 0}, false, "sv"});
    if (!page.ok()) std::abort();
    return page->total;
  });
}

int RegisterAll() {
  std::vector<std::string> dbs = {"sqlite"};
  if (const char* pg = std::getenv("LIS_BENCH_PG_URL"); pg && *pg) dbs.push_back("postgresql");
  for (const auto& which : dbs) {
    const std::string prefix = "BM_Bell/" + which + "/";
    benchmark::RegisterBenchmark((prefix + "unread_count").c_str(),
                                 [which](benchmark::State& s) { UnreadCountCase(s, which); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(500);
    benchmark::RegisterBenchmark((prefix + "list_page1").c_str(),
                                 [which](benchmark::State& s) { ListCase(s, which); })
        ->Unit(benchmark::kMillisecond)
        ->Iterations(100);
  }
  return 0;
}

const int kRegistered = RegisterAll();

}  // namespace
