#include "service/audit/audit_tallies.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/test_database.h"

namespace lis::service {
namespace {

using nlohmann::json;
using store::Tx;

// The audit events as stored, oldest first.
struct StoredTallyEvent {
  std::string at, actor, address, action, entity, after;
  long long actor_id = 0, entity_id = 0;
};

class TalliedEventTest : public ::testing::Test {
 protected:
  store::TestDatabase test_{"lis-tallied"};

  // `n` attempts of `action` from `address` on `route`, each in a transaction of its own, as
  // `username` (the caller's id `user_id`, 0 for none).
  void Attempts(int n, const std::string& action, const std::string& address,
                const std::string& route, long long user_id, const std::string& username) {
    for (int i = 0; i < n; ++i) {
      store::Actor actor;
      actor.name = username;
      actor.address = address;
      if (user_id) actor.user_id = user_id;
      test_.db().Write(actor, [&](Tx& tx) {
        store::AuditEvent e;
        e.action = action;
        e.after_json = json{{"username", username}}.dump();
        AppendTalliedEvent(tx, e, route, user_id, username);
        return Status();
      });
    }
  }
  std::vector<StoredTallyEvent> Events() {
    std::vector<StoredTallyEvent> out;
    test_.db().Read([&](Tx& tx) {
      using store::Col;
      for (const auto& r :
           tx.Query("SELECT at, actor, address, action, entity, after_json, actor_id, entity_id "
                    "FROM audit_events ORDER BY seq",
                    {},
                    {Col::kText, Col::kText, Col::kText, Col::kText, Col::kText, Col::kText,
                     Col::kInt, Col::kInt}))
        out.push_back(
            {r.Text(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), r.Int(6), r.Int(7)});
      return Status();
    });
    return out;
  }
  int Flush(TimePoint now, bool all = false) {
    auto written = FlushAuditTallies(test_.db(), now, all);
    EXPECT_TRUE(written.ok());
    return written.ok() ? *written : -1;
  }
};

// Thirty failed logins from one address in a minute: one event at once, and one more with 29
// repeats when the minute is over — none before.
TEST_F(TalliedEventTest, AFloodIsTheFirstEventAndOneWithTheRepeats) {
  Attempts(30, "login_failed", "198.51.100.7", "POST /login", 0, "gissad");
  auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "login_failed");
  EXPECT_EQ(events[0].address, "198.51.100.7");
  TimePoint minute_of_first = *ParseTime(events[0].at);
  EXPECT_EQ(Flush(minute_of_first), 0) << "the minute is not over";
  EXPECT_EQ(Events().size(), 1u);

  EXPECT_EQ(Flush(minute_of_first + std::chrono::minutes(1)), 1);
  events = Events();
  ASSERT_EQ(events.size(), 2u);
  const auto& summary = events[1];
  EXPECT_EQ(summary.action, "login_failed");
  EXPECT_EQ(summary.address, "198.51.100.7");
  EXPECT_EQ(summary.actor, "gissad") << "the one username tried";
  json after = json::parse(summary.after);
  EXPECT_EQ(after["repeats"], 29);
  EXPECT_EQ(after["route"], "POST /login");
  EXPECT_EQ(after["minute"], events[0].at.substr(0, 16) + ":00.000000Z");
  EXPECT_EQ(after["usernames"], json::array({"gissad"}));
  EXPECT_EQ(Flush(minute_of_first + std::chrono::minutes(5)), 0) << "written once";
}

// A single attempt is its own event: the flush writes nothing for it.
TEST_F(TalliedEventTest, ASingleAttemptWritesNoSummary) {
  Attempts(1, "login_failed", "198.51.100.7", "POST /login", 0, "en");
  EXPECT_EQ(Flush(std::chrono::system_clock::now() + std::chrono::minutes(2)), 0);
  EXPECT_EQ(Events().size(), 1u);
}

// At shutdown (`all`) the minute still running is written too; each address and caller has
// its own events, a refused caller's naming it.
TEST_F(TalliedEventTest, AtShutdownEveryTallyIsWrittenEachOfItsAddressAndCaller) {
  Attempts(3, "permission_denied", "192.0.2.1", "GET /api/v1/audit", 42, "kontakt");
  Attempts(2, "permission_denied", "192.0.2.2", "GET /api/v1/audit", 42, "kontakt");
  Attempts(4, "permission_denied", "192.0.2.1", "GET /api/v1/audit", 43, "annan");
  ASSERT_EQ(Events().size(), 3u);
  EXPECT_EQ(Flush(std::chrono::system_clock::now(), true), 3);
  auto events = Events();
  ASSERT_EQ(events.size(), 6u);
  std::map<std::pair<std::string, long long>, long long> repeats;
  for (size_t i = 3; i < events.size(); ++i) {
    EXPECT_EQ(events[i].entity, "user");
    EXPECT_EQ(events[i].entity_id, events[i].actor_id);
    repeats[{events[i].address, events[i].actor_id}] = json::parse(events[i].after)["repeats"];
  }
  EXPECT_EQ((repeats[{"192.0.2.1", 42}]), 2);
  EXPECT_EQ((repeats[{"192.0.2.2", 42}]), 1);
  EXPECT_EQ((repeats[{"192.0.2.1", 43}]), 3);
}

}  // namespace
}  // namespace lis::service
