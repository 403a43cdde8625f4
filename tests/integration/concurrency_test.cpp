// No lost updates under concurrency: 20 clients updating one record with the version they read
// (one wins, the others get 409), and on PostgreSQL two server processes writing one database
// at once. The hash chain verifies afterwards.
#include <algorithm>
#include <barrier>
#include <cstdio>
#include <mutex>
#include <thread>

#include <functional>

#include "audit_support.h"

namespace lis_test::concurrency_test {
namespace {

class ConcurrencyTest : public SharedServerTest<ConcurrencyTest> {
 public:
  // The background sweeps run every second: a sweep that took the write lock with nothing to
  // write would queue among the transactions the tests line up.
  static ServerOptions Options() {
    ServerOptions o;
    o.config_toml = "notification_sweep_seconds = 1\n";
    return o;
  }

 protected:
  // An API token of the installation-wide admin, so that threads need no CSRF token.
  static Auth AdminToken() {
    Response r = server().Post("/api/v1/tokens", server().Admin(), {{"name", "Concurrency"}});
    EXPECT_EQ(r.status, 201) << r;
    return Bearer(r.Json().value("token", ""));
  }
};

TEST_F(ConcurrencyTest, TwentyClientsOnOneVersionOneWinsTheOthersGet409) {
  constexpr int kClients = 20;
  constexpr int kRounds = 4;
  LisServer& s = server();
  Auth token = AdminToken();
  long long id = s.CreateOrgUnit("Kapplöpning", s.OrgUnitId("Socialförvaltningen"))["id"];
  std::string path = "/api/v1/org-units/" + Id(id);

  std::vector<std::unique_ptr<httplib::Client>> clients;
  for (int i = 0; i < kClients; ++i) clients.push_back(s.NewClient());
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    for (auto& c : clients) c->Get("/healthz");  // (re)connect one by one, not in the burst
    long long events_before = s.AuditTotal();
    std::vector<long long> read_version(kClients, 0);
    std::vector<Response> answers(kClients);
    std::barrier all_read(kClients);
    std::vector<std::thread> threads;
    for (int i = 0; i < kClients; ++i) {
      threads.emplace_back([&, i] {
        Response current = SendOn(*clients[i], "GET", path, token);
        if (current.status == 200)
          read_version[i] = json::parse(current.body).value("version", 0LL);
        all_read.arrive_and_wait();  // every client has read before any writes
        answers[i] =
            SendOn(*clients[i], "PATCH", path, token,
                   {{"name", "Runda " + std::to_string(round) + " klient " + std::to_string(i)},
                    {"version", read_version[i]}});
      });
    }
    for (auto& t : threads) t.join();

    long long n = read_version[0];
    int won = -1, conflicts = 0;
    for (int i = 0; i < kClients; ++i) {
      EXPECT_EQ(read_version[i], n) << "client " << i << " read the same version";
      if (answers[i].status == 200) {
        EXPECT_EQ(won, -1) << "a second winner: client " << i;
        won = i;
      } else {
        EXPECT_EQ(answers[i].status, 409) << "client " << i << ": " << answers[i];
        if (answers[i].status == 409) ++conflicts;
      }
    }
    ASSERT_NE(won, -1) << "nobody won";
    EXPECT_EQ(conflicts, kClients - 1);
    json winner = answers[won].Json();
    EXPECT_EQ(winner["version"], n + 1);
    for (int i = 0; i < kClients; ++i) {
      if (answers[i].status != 409) continue;
      json error = answers[i].Json()["error"];
      EXPECT_EQ(error["code"], "conflict") << i;
      EXPECT_EQ(error["current"], winner) << "client " << i << " is shown the winning change";
    }
    EXPECT_EQ(s.Get(path, s.Admin()).Json(), winner) << "the winner's change is what is stored";
    auto events = EventsSince(s, events_before);
    ASSERT_EQ(events.size(), 1u) << "one change, one event: " << json(events).dump(1);
    EXPECT_EQ(events[0]["action"], "update");
    EXPECT_EQ(events[0]["entity_id"], id);
    EXPECT_EQ(events[0]["after"], winner);
  }
  json history = s.Get(path + "/history", s.Admin()).Json()["items"];
  EXPECT_EQ(history.size(), 1u + kRounds) << "one version per round";
  VerifyOutcome v = ParseVerify(s.VerifyAudit());
  EXPECT_VERIFY_OK(v, s.AuditTotal());
  ExpectTimesFollowSequence(s);
}

// Two `lis serve` processes on one PostgreSQL database, ten client threads on each, every
// thread creating its own unit and updating it: every write succeeds, every write has its
// event, and the events form one chain.
TEST_F(ConcurrencyTest, TwoServersOnOnePostgresDatabaseWriteOneChain) {
  LisServer& first = server();
  if (!first.postgres()) GTEST_SKIP() << "two server processes share a database on PostgreSQL";
  constexpr int kThreadsPerServer = 10;
  constexpr int kUpdatesPerThread = 9;
  Auth token = AdminToken();
  long long parent =
      first.CreateOrgUnit("Två servrar", first.OrgUnitId("Socialförvaltningen"))["id"];
  ServerOptions options;
  options.share_database_with = &first;
  std::unique_ptr<LisServer> second;
  try {
    second = std::make_unique<LisServer>(options);
  } catch (const std::exception& e) {
    FAIL() << "second server: " << e.what();
  }
  LisServer* servers[] = {&first, second.get()};
  long long events_before = first.AuditTotal();

  struct Outcome {
    long long id = 0;
    long long version = 0;
    std::vector<std::string> failures;
  };
  std::vector<Outcome> outcomes(2 * kThreadsPerServer);
  std::vector<std::thread> threads;
  std::barrier start(2 * kThreadsPerServer);
  for (int i = 0; i < 2 * kThreadsPerServer; ++i) {
    auto client = servers[i % 2]->NewClient();
    threads.emplace_back([&, i, client = std::move(client)] {
      Outcome& out = outcomes[i];
      start.arrive_and_wait();
      Response created =
          SendOn(*client, "POST", "/api/v1/org-units", token,
                 {{"name", "Server " + std::to_string(i % 2) + " tråd " + std::to_string(i)},
                  {"kind", "unit"},
                  {"parent_id", parent}});
      if (created.status != 201) {
        out.failures.push_back("create: HTTP " + std::to_string(created.status) + " " +
                               created.body);
        return;
      }
      json unit = json::parse(created.body);
      out.id = unit["id"];
      out.version = unit["version"];
      for (int u = 0; u < kUpdatesPerThread; ++u) {
        Response r = SendOn(*client, "PATCH", "/api/v1/org-units/" + Id(out.id), token,
                            {{"name", "Tråd " + std::to_string(i) + " v" + std::to_string(u + 2)},
                             {"version", out.version}});
        if (r.status != 200) {
          out.failures.push_back("update: HTTP " + std::to_string(r.status) + " " + r.body);
          continue;
        }
        out.version = json::parse(r.body)["version"];
      }
    });
  }
  for (auto& t : threads) t.join();

  long long writes = 0;
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const Outcome& out = outcomes[i];
    EXPECT_TRUE(out.failures.empty()) << "thread " << i << ": " << out.failures.front();
    EXPECT_EQ(out.version, 1 + kUpdatesPerThread) << "thread " << i;
    writes += out.version;
    if (out.id == 0) continue;
    // Seen the same from both servers.
    for (LisServer* s : servers)
      EXPECT_EQ(s->Get("/api/v1/org-units/" + Id(out.id), token).Json()["version"], out.version);
    EXPECT_EQ(first.AuditPage("entity=org_unit&id=" + Id(out.id))["total"], out.version)
        << "one event per version of unit " << out.id;
  }
  EXPECT_EQ(writes, 2 * kThreadsPerServer * (1 + kUpdatesPerThread));
  long long total = first.AuditTotal();
  EXPECT_EQ(total - events_before, writes) << "every write has its event, nothing else was added";
  second.reset();
  VerifyOutcome v = ParseVerify(first.VerifyAudit());
  EXPECT_VERIFY_OK(v, total);
  ExpectTimesFollowSequence(first);
}

// Holds the audit trail's append lock (PostgreSQL advisory lock 7305002, which every event's
// transaction takes) from a psql session of its own, so that a test can line up transactions
// waiting for it.
class AppendLockHolder {
 public:
  explicit AppendLockHolder(const LisServer& s) : s_(s) {
    std::string cmd = "psql '" + s.database_url() + "' -qAt >/dev/null 2>&1";
    psql_ = ::popen(cmd.c_str(), "w");
    if (!psql_) return;
    std::fputs("SELECT pg_advisory_lock(7305002);\n", psql_);
    std::fflush(psql_);
    held_ = WaitFor("granted", 1);
  }
  ~AppendLockHolder() { Release(); }
  bool held() const { return held_; }
  // Waits until `n` transactions wait for the lock; false if they do not within 10 s.
  bool WaitForWaiters(int n) const { return WaitFor("NOT granted", n); }
  // The most transactions seen waiting for the lock, looking every 50 ms for `seconds`.
  int MostWaitersWithin(int seconds) const {
    int most = 0;
    for (int i = 0; i < seconds * 20; ++i) {
      most = std::max(most, Waiters());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return most;
  }
  void Release() {
    if (!psql_) return;
    std::fputs("SELECT pg_advisory_unlock(7305002);\n\\q\n", psql_);
    std::fflush(psql_);
    ::pclose(psql_);
    psql_ = nullptr;
  }

 private:
  int Count(const std::string& condition) const {
    CommandResult r = s_.Sql(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = 7305002 AND " +
        condition);
    return r.exit_code == 0 ? std::atoi(r.output.c_str()) : -1;
  }
  int Waiters() const { return Count("NOT granted"); }
  bool WaitFor(const std::string& condition, int n) const {
    for (int i = 0; i < 200; ++i) {
      if (Count(condition) == n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  const LisServer& s_;
  FILE* psql_ = nullptr;
  bool held_ = false;
};

// The background tasks of an idle server (the notification sweep, the expiry of exceptions and
// their reminders, the tally flush, the checkpoint writer) look before they write: with nothing
// due they take no write lock, so they never queue behind, or hold up, the users' writes.
TEST_F(ConcurrencyTest, AnIdleServerTakesNoWriteLock) {
  LisServer& s = server();
  if (!s.postgres()) GTEST_SKIP() << "the append lock is PostgreSQL's";
  AppendLockHolder lock(s);
  ASSERT_TRUE(lock.held()) << "psql could not take the append lock";
  EXPECT_EQ(lock.MostWaitersWithin(3), 0) << "a sweep every second, none may wait for the lock";
}

// An admin deactivates a user (the user's update, then its sessions and tokens end) at the
// moment the user logs out or revokes its own token (its session or token row, then the
// event). Whichever order the two transactions take the rows and the append lock in, both
// must succeed: no deadlock, no 5xx. The order is forced: the deactivation queues for the
// append lock first, then the user's request takes its row and queues behind it.
TEST_F(ConcurrencyTest, DeactivationMeetingTheUsersOwnLogoutOrRevocationDoesNotDeadlock) {
  LisServer& s = server();
  if (!s.postgres()) GTEST_SKIP() << "SQLite runs one writer at a time";
  long long sof = s.OrgUnitId("Socialförvaltningen");
  struct Case {
    const char* what;
    std::function<Response(httplib::Client&, const Session&, const Auth&, long long)> user_call;
  };
  const std::vector<Case> cases = {
      {"logout", [](httplib::Client& c, const Session& session, const Auth&,
                    long long) { return SendOn(c, "DELETE", "/api/v1/session", session); }},
      {"revoke own token",
       [](httplib::Client& c, const Session&, const Auth& token, long long token_id) {
         return SendOn(c, "DELETE", "/api/v1/tokens/" + Id(token_id), token);
       }},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    std::string username = "deadlock." + std::to_string(n++);
    long long id = s.CreateUser(username, sof)["id"];
    Session session;
    ASSERT_EQ(s.LoginAs(username, LisServer::kTestPassword, &session).status, 200);
    Response t = s.Post("/api/v1/tokens", session, {{"name", "Eget"}});
    ASSERT_EQ(t.status, 201) << t;
    Auth token = Bearer(t.Json()["token"]);
    long long token_id = t.Json()["id"];
    ASSERT_EQ(s.Get("/api/v1/me", token).status, 200);  // its last-used time is written now

    AppendLockHolder lock(s);
    ASSERT_TRUE(lock.held()) << "psql could not take the append lock";
    Response deactivated, own;
    auto admin_client = s.NewClient();
    auto user_client = s.NewClient();
    std::thread admin([&] {
      deactivated = SendOn(*admin_client, "PATCH", "/api/v1/users/" + Id(id), s.Admin(),
                           {{"active", false}, {"version", 1}});
    });
    bool admin_waits = lock.WaitForWaiters(1);
    std::thread user([&] { own = c.user_call(*user_client, session, token, token_id); });
    bool both_wait = lock.WaitForWaiters(2);
    lock.Release();
    admin.join();
    user.join();
    EXPECT_TRUE(admin_waits) << "the deactivation did not reach the append lock";
    EXPECT_TRUE(both_wait) << "the user's request did not reach the append lock";
    EXPECT_EQ(deactivated.status, 200) << "deactivation: " << deactivated;
    EXPECT_LT(own.status, 500) << c.what << ": " << own;
    EXPECT_TRUE(own.status == 204 || own.status == 404 || own.status == 401)
        << c.what << ": " << own;
    EXPECT_EQ(s.Get("/api/v1/users/" + Id(id), s.Admin()).Json()["active"], false);
    EXPECT_EQ(s.Get("/api/v1/me", token).status, 401) << "the token is revoked either way";
  }
  EXPECT_VERIFY_OK(ParseVerify(s.VerifyAudit()), s.AuditTotal());
}

}  // namespace
}  // namespace lis_test::concurrency_test
