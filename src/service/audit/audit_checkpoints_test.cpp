#include "service/audit/audit_checkpoints.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "store/org/org_tables.h"
#include "store/records.h"
#include "store/test_database.h"

namespace lis::service {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

// A migrated SQLite database in a directory of its own, with checkpoints every 5 events or
// 60 minutes, signed by a key made there.
class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(InitCrypto());
    config_.database = test_.url();
    config_.audit_checkpoint_events = 5;
    settings_ = *CheckpointSettingsOf(config_);
    key_ = *LoadOrCreateSigningKey(settings_.key_file);
  }
  // `n` audit events (new organisation nodes).
  void Events(int n) {
    db_->Write(store::Actor(), [&](store::Tx& tx) {
      for (int i = 0; i < n; ++i)
        store::InsertRecord(tx, store::OrgUnitTable(), {{"kind", "group"}, {"name", "N"}});
      return Status();
    });
  }
  // The sequence number of the checkpoint written at `now`, 0 for none.
  long long Write(TimePoint now, bool at_shutdown = false) {
    auto c = WriteCheckpointIfDue(*db_, key_, settings_, now, at_shutdown);
    EXPECT_TRUE(c.ok());
    return c.ok() && *c ? (*c)->seq : 0;
  }
  std::vector<json> FileLines() {
    std::vector<json> out;
    std::ifstream in(settings_.checkpoint_file);
    for (std::string line; std::getline(in, line);) out.push_back(json::parse(line));
    return out;
  }

  store::TestDatabase test_{"lis-checkpoints"};
  store::Database* db_ = &test_.db();
  const std::filesystem::path& dir_ = test_.dir();
  Config config_;
  CheckpointSettings settings_;
  SigningKey key_;
};

TEST_F(CheckpointTest, TheFilesLieBesideASqliteDatabaseAndPostgresqlNeedsThemNamed) {
  EXPECT_EQ(settings_.key_file, (dir_ / "audit-signing.key").string());
  EXPECT_EQ(settings_.checkpoint_file, (dir_ / "audit-checkpoints.jsonl").string());
  Config pg;
  pg.database = "postgresql://lis@127.0.0.1/lis";
  EXPECT_FALSE(CheckpointSettingsOf(pg));
  pg.audit_key_file = "/etc/lis/audit.key";
  EXPECT_FALSE(CheckpointSettingsOf(pg)) << "the checkpoint file is not named";
  pg.audit_checkpoint_file = "/var/lib/lis/checkpoints.jsonl";
  EXPECT_TRUE(CheckpointSettingsOf(pg));
}

// After every 5 events, an hour after the oldest event no checkpoint covers, and at shutdown
// when there is anything new; never twice for one head.
TEST_F(CheckpointTest, ACheckpointIsWrittenWhenDueAndOnlyThen) {
  TimePoint t0 = std::chrono::system_clock::now();
  Events(3);
  EXPECT_EQ(Write(t0), 0) << "3 new events";
  Events(3);
  EXPECT_EQ(Write(t0), 6);
  EXPECT_EQ(Write(t0), 0) << "nothing new";
  EXPECT_EQ(Write(t0, true), 0) << "nothing new at shutdown either";
  Events(1);
  EXPECT_EQ(Write(t0 + 59min), 0);
  EXPECT_EQ(Write(t0 + 61min), 7) << "an hour after the oldest uncovered event";
  Events(2);
  EXPECT_EQ(Write(t0, true), 9) << "at shutdown";

  auto stored = store::AuditCheckpoints(*db_);
  ASSERT_EQ(stored.size(), 3u);
  std::vector<json> lines = FileLines();
  ASSERT_EQ(lines.size(), 3u) << "each appended to the file too";
  for (size_t i = 0; i < stored.size(); ++i) {
    EXPECT_TRUE(store::CheckpointSigned(stored[i], key_.public_hex)) << stored[i].seq;
    auto from_file = store::CheckpointFromJson(lines[i]);
    ASSERT_TRUE(from_file);
    EXPECT_EQ(from_file->seq, stored[i].seq);
    EXPECT_EQ(from_file->signature, stored[i].signature);
  }
}

TEST_F(CheckpointTest, ASignatureCoversTheSequenceNumberTheHashAndTheTime) {
  Events(5);
  ASSERT_EQ(Write(std::chrono::system_clock::now()), 5);
  store::AuditCheckpoint c = store::AuditCheckpoints(*db_).at(0);
  ASSERT_TRUE(store::CheckpointSigned(c));
  auto other_key = LoadOrCreateSigningKey((dir_ / "other.key").string());
  const struct {
    const char* what;
    void (*change)(store::AuditCheckpoint&);
  } cases[] = {
      {"sequence number", [](store::AuditCheckpoint& x) { x.seq -= 1; }},
      {"hash", [](store::AuditCheckpoint& x) { x.hash[0] = x.hash[0] == 'a' ? 'b' : 'a'; }},
      {"time", [](store::AuditCheckpoint& x) { x.at = "2020-01-01T00:00:00.000000Z"; }},
  };
  for (const auto& k : cases) {
    store::AuditCheckpoint changed = c;
    k.change(changed);
    EXPECT_FALSE(store::CheckpointSigned(changed)) << k.what;
  }
  EXPECT_FALSE(store::CheckpointSigned(c, other_key->public_hex)) << "not the expected key";
}

}  // namespace
}  // namespace lis::service
