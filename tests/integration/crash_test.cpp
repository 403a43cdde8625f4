// The server is killed (SIGKILL) in the middle of a burst of writes. After a restart on the
// same database every write that was answered 2xx is there, every change has exactly its
// events, and the hash chain verifies.
#include <sys/wait.h>

#include <atomic>
#include <condition_variable>
#include <csignal>
#include <mutex>
#include <thread>

#include "audit_support.h"

namespace lis_test::crash_test {
namespace {

TEST(CrashTest, EveryAnsweredWriteSurvivesSigkillAndTheChainVerifies) {
  constexpr int kThreads = 6;
  constexpr int kKillAfter = 60;            // 2xx answers before the kill
  constexpr int kMaxWritesPerThread = 400;  // a bound should the kill never come
  std::unique_ptr<LisServer> server;
  try {
    server = std::make_unique<LisServer>();
  } catch (const std::exception& e) {
    FAIL() << "lis did not start: " << e.what();
  }
  LisServer& s = *server;
  Response token_answer = s.Post("/api/v1/tokens", s.Admin(), {{"name", "Crash"}});
  ASSERT_EQ(token_answer.status, 201) << token_answer;
  Auth token = Bearer(token_answer.Json()["token"]);
  long long parent = s.CreateOrgUnit("Kraschprov", s.OrgUnitId("Socialförvaltningen"))["id"];

  // What each thread was told: the units it created and the last version answered for each.
  struct Acked {
    long long id;
    long long version;
    std::string name;
  };
  std::vector<std::vector<Acked>> acked(kThreads);
  std::vector<std::vector<std::string>> unexpected(kThreads);
  std::atomic<int> answered{0};
  std::mutex mutex;
  std::condition_variable enough;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t, client = s.NewClient()] {
      auto ok = [&](const Response& r) {
        if (r.status >= 200 && r.status < 300) {
          if (++answered >= kKillAfter) enough.notify_all();
          return true;
        }
        if (r.status != 0) unexpected[t].push_back(std::to_string(r.status) + " " + r.body);
        return false;
      };
      for (int n = 0; n < kMaxWritesPerThread;) {
        std::string name = "Krasch " + std::to_string(t) + "-" + std::to_string(n);
        Response created = SendOn(*client, "POST", "/api/v1/org-units", token,
                                  {{"name", name}, {"kind", "unit"}, {"parent_id", parent}});
        ++n;
        if (!ok(created)) return;
        json unit = json::parse(created.body);
        acked[t].push_back({unit["id"], unit["version"], name});
        for (int u = 0; u < 2 && n < kMaxWritesPerThread; ++u, ++n) {
          Acked& last = acked[t].back();
          std::string renamed = name + " v" + std::to_string(last.version + 1);
          Response r = SendOn(*client, "PATCH", "/api/v1/org-units/" + Id(last.id), token,
                              {{"name", renamed}, {"version", last.version}});
          if (!ok(r)) return;
          last.version = json::parse(r.body)["version"];
          last.name = renamed;
        }
      }
    });
  }
  {
    std::unique_lock<std::mutex> lock(mutex);
    enough.wait_for(lock, std::chrono::seconds(120), [&] { return answered >= kKillAfter; });
  }
  ASSERT_GE(answered.load(), kKillAfter) << "the burst did not get going";
  s.Signal(SIGKILL);
  for (auto& t : threads) t.join();
  std::optional<int> status = s.Stop();  // reaps the killed process
  ASSERT_TRUE(status.has_value());
  EXPECT_TRUE(WIFSIGNALED(*status) && WTERMSIG(*status) == SIGKILL) << "killed, not stopped";
  for (int t = 0; t < kThreads; ++t)
    for (const auto& u : unexpected[t]) ADD_FAILURE() << "thread " << t << " got HTTP " << u;

  try {
    s.Restart();
  } catch (const std::exception& e) {
    FAIL() << "restart after the kill: " << e.what();
  }
  int checked = 0;
  for (int t = 0; t < kThreads; ++t) {
    for (const auto& a : acked[t]) {
      Response r = s.Get("/api/v1/org-units/" + Id(a.id), token);
      ASSERT_EQ(r.status, 200) << "unit " << a.id << " (" << a.name << ") was answered 201: " << r;
      json unit = r.Json();
      // A write in flight at the kill may or may not have been committed; an answered one was.
      EXPECT_GE(unit["version"], a.version) << a.name;
      if (unit["version"] == a.version) EXPECT_EQ(unit["name"], a.name);
      ++checked;
    }
  }
  EXPECT_GT(checked, 0);
  // Every unit there is (also any whose creation was not answered) has one event per version.
  json units = s.Get("/api/v1/org-units?limit=500&parent_id=" + Id(parent), token).Json();
  EXPECT_GE(units["total"], checked);
  for (const auto& unit : units["items"])
    EXPECT_EQ(s.AuditPage("entity=org_unit&id=" + Id(unit["id"]))["total"], unit["version"])
        << "events of unit " << unit["id"];
  VerifyOutcome v = ParseVerify(s.VerifyAudit());
  EXPECT_VERIFY_OK(v, s.AuditTotal());
  for (const auto& e : s.server_errors()) ADD_FAILURE() << "server error: " << e;
}

}  // namespace
}  // namespace lis_test::crash_test
