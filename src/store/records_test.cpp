#include "store/records.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "store/audit_trail.h"
#include "store/org/org_tables.h"
#include "store/test_database.h"

namespace lis::store {
namespace {

using nlohmann::json;

class RecordsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    actor_.user_id = 7;
    actor_.name = "tester";
    actor_.comment = "because";
  }

  std::vector<StoredAuditEvent> Events() {
    std::vector<StoredAuditEvent> out;
    db_->Read([&](Tx& tx) {
      for (const auto& r : tx.Query(
               "SELECT seq, at, actor_id, actor, address, action, entity, entity_id, scope_id, "
               "before_json, after_json, comment, prev_hash, hash FROM audit_events ORDER BY seq",
               {},
               {Col::kInt, Col::kText, Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText,
                Col::kInt, Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText,
                Col::kText})) {
        out.push_back({r.Int(0), r.Text(1), r.OptInt(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6),
                       r.OptInt(7), r.OptInt(8), r.Text(9), r.Text(10), r.Text(11), r.Text(12),
                       r.Text(13)});
      }
      return Status();
    });
    return out;
  }

  TestDatabase test_{"lis-records", 2};
  Database* db_ = &test_.db();
  Actor actor_;
};

TEST_F(RecordsTest, EveryChangeWritesOneChainedEventWithBeforeAndAfter) {
  json created, updated;
  ASSERT_TRUE(
      db_->Write(actor_,
                 [&](Tx& tx) {
                   created = InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}});
                   updated = *UpdateRecord(tx, OrgUnitTable(), created["id"], 1, {{"name", "B"}});
                   return Status();
                 })
          .ok());
  EXPECT_EQ(created["version"], 1);
  EXPECT_EQ(updated["version"], 2);
  EXPECT_EQ(updated["name"], "B");

  auto events = Events();
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].action, "create");
  EXPECT_EQ(events[0].before_json, "");
  EXPECT_EQ(json::parse(events[0].after_json)["name"], "A");
  EXPECT_EQ(events[1].action, "update");
  EXPECT_EQ(json::parse(events[1].before_json)["name"], "A");
  EXPECT_EQ(json::parse(events[1].after_json)["name"], "B");
  EXPECT_EQ(events[1].actor_id, 7);
  EXPECT_EQ(events[1].comment, "because");
  EXPECT_EQ(events[1].prev_hash, events[0].hash);
  for (const auto& e : events) EXPECT_EQ(AuditEventHash(e), e.hash) << e.seq;
}

TEST_F(RecordsTest, StaleVersionIsAConflictCarryingTheCurrentRecordAndWritesNothing) {
  json created;
  db_->Write(actor_, [&](Tx& tx) {
    created = InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}});
    return Status();
  });
  auto result = db_->WriteResult<json>(actor_, [&](Tx& tx) -> Result<json> {
    return UpdateRecord(tx, OrgUnitTable(), created["id"], 5, {{"name", "C"}});
  });
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code, Code::kConflict);
  EXPECT_EQ(json::parse(result.error().current_json)["name"], "A");
  EXPECT_EQ(Events().size(), 1u);
}

TEST_F(RecordsTest, ARolledBackTransactionLeavesNeitherRecordNorEvent) {
  Status s = db_->Write(actor_, [&](Tx& tx) -> Status {
    InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}});
    return Invalid("error.field_blank", "name");
  });
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Events().empty());
  db_->Read([&](Tx& tx) {
    EXPECT_EQ(CountRecords(tx, OrgUnitTable(), {}), 0);
    return Status();
  });
}

TEST_F(RecordsTest, SoftDeleteHidesTheRecordFromListsButKeepsIt) {
  json created;
  db_->Write(actor_, [&](Tx& tx) {
    created = InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "A"}});
    EXPECT_TRUE(DeleteRecord(tx, OrgUnitTable(), created["id"], 1).ok());
    return Status();
  });
  db_->Read([&](Tx& tx) {
    EXPECT_FALSE(GetRecord(tx, OrgUnitTable(), created["id"]));
    auto kept = GetRecord(tx, OrgUnitTable(), created["id"], true);
    EXPECT_TRUE(kept && !(*kept)["deleted_at"].is_null());
    EXPECT_EQ(ListRecords(tx, OrgUnitTable(), {}, "id", 10, 0).total, 0);
    return Status();
  });
  EXPECT_EQ(Events().back().action, "delete");
}

}  // namespace
}  // namespace lis::store

namespace lis::store {
namespace {

TEST(EscapeLike, EscapesWildcardsAndTheEscapeCharacter) {
  EXPECT_EQ(EscapeLike("50%_off!"), "50!%!_off!!");
  EXPECT_EQ(EscapeLike("plain"), "plain");
}

}  // namespace
}  // namespace lis::store
