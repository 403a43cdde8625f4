#include "store/audit_tallies.h"

#include <gtest/gtest.h>

#include "store/test_database.h"

namespace lis::store {
namespace {

const AuditTallyKey kTallyBase = {"login_failed", "198.51.100.7", "POST /login", 0,
                                  "2026-12-07T19:20"};

class AuditTallyTest : public ::testing::Test {
 protected:
  TestDatabase test_{"lis-tallies"};

  bool Count(const AuditTallyKey& key, const std::string& username = "") {
    bool first = false;
    test_.db().Write(Actor(), [&](Tx& tx) {
      first = CountAuditAttempt(tx, key, username);
      return Status();
    });
    return first;
  }
  bool Has(const std::string& before) {
    bool any = false;
    test_.db().Read([&](Tx& tx) {
      any = HasAuditTallies(tx, before);
      return Status();
    });
    return any;
  }
  std::vector<AuditTally> Take(const std::string& before) {
    std::vector<AuditTally> out;
    test_.db().Write(Actor(), [&](Tx& tx) {
      out = TakeAuditTallies(tx, before);
      return Status();
    });
    return out;
  }
};

TEST(AuditTallyMinute, IsTheTimeCutAtTheMinute) {
  EXPECT_EQ(MinuteOf("2026-12-07T19:20:31.123456Z"), "2026-12-07T19:20");
}

// The first attempt of a key is the one recorded at once; a key differing in any part is a
// new first.
TEST_F(AuditTallyTest, OnlyTheFirstAttemptOfAKeyIsFirst) {
  EXPECT_TRUE(Count(kTallyBase));
  EXPECT_FALSE(Count(kTallyBase));
  EXPECT_FALSE(Count(kTallyBase));
  struct Case {
    const char* what;
    void (*change)(AuditTallyKey&);
  };
  const Case cases[] = {
      {"another action", [](AuditTallyKey& k) { k.action = "login_locked"; }},
      {"another address", [](AuditTallyKey& k) { k.address = "198.51.100.8"; }},
      {"another route", [](AuditTallyKey& k) { k.route = "POST /api/v1/session"; }},
      {"another caller", [](AuditTallyKey& k) { k.user_id = 42; }},
      {"another minute", [](AuditTallyKey& k) { k.minute = "2026-12-07T19:21"; }},
  };
  for (const auto& c : cases) {
    AuditTallyKey key = kTallyBase;
    c.change(key);
    EXPECT_TRUE(Count(key)) << c.what;
    EXPECT_FALSE(Count(key)) << c.what;
  }
}

// Each attempt is counted; the distinct usernames are kept, the first ten.
TEST_F(AuditTallyTest, CountsEveryAttemptAndKeepsTheFirstTenDistinctUsernames) {
  for (int i = 0; i < 30; ++i) Count(kTallyBase, "namn" + std::to_string(i % 15));
  Count(kTallyBase);  // no username
  auto tallies = Take("");
  ASSERT_EQ(tallies.size(), 1u);
  EXPECT_EQ(tallies[0].key, kTallyBase);
  EXPECT_EQ(tallies[0].count, 31);
  ASSERT_EQ(tallies[0].usernames.size(), kTallyUsernames);
  EXPECT_EQ(tallies[0].usernames.front(), "namn0");
  EXPECT_EQ(tallies[0].usernames.back(), "namn9");
}

// Taking the minutes before one leaves that minute and later ones; taking them removes them,
// so the next attempt of a taken key is a first again.
TEST_F(AuditTallyTest, TakesTheMinutesBeforeAndRemovesThem) {
  AuditTallyKey early = kTallyBase, late = kTallyBase;
  late.minute = "2026-12-07T19:21";
  Count(early);
  Count(early);
  Count(late);
  EXPECT_FALSE(Has("2026-12-07T19:20")) << "none before the earliest minute";
  EXPECT_TRUE(Has("2026-12-07T19:21"));
  auto taken = Take("2026-12-07T19:21");
  ASSERT_EQ(taken.size(), 1u);
  EXPECT_EQ(taken[0].key, early);
  EXPECT_EQ(taken[0].count, 2);
  EXPECT_TRUE(Take("2026-12-07T19:21").empty()) << "taken once";
  EXPECT_TRUE(Count(early)) << "a first again";
  auto rest = Take("");
  ASSERT_EQ(rest.size(), 2u);
  EXPECT_EQ(rest[0].key, early) << "oldest minute first";
  EXPECT_EQ(rest[1].key, late);
  EXPECT_TRUE(Take("").empty());
  EXPECT_FALSE(Has(""));
}

}  // namespace
}  // namespace lis::store
