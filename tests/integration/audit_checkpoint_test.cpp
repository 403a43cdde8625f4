// Signed checkpoints of the audit trail (issue 29 step 2), on both databases: `lis serve` signs
// the trail's head after every N events and at a clean shutdown, stores each checkpoint and
// appends it to a file outside the database; two processes on one database write one sequence
// of checkpoints, each verifying with the key `lis audit key` prints.
#include <stdlib.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "audit_support.h"
#include "lis_server.h"
#include "service/audit/audit_checkpoints.h"

namespace lis_test::audit_checkpoint_test {
namespace {

using lis::store::AuditCheckpoint;

std::string MakeTempDir() {
  std::string pattern = "/tmp/lis-checkpoints-XXXXXX";
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  return pattern;
}

// Checkpoints every 5 events, the key and the file in `dir`.
ServerOptions CheckpointOptions(const std::string& dir, const LisServer* share = nullptr) {
  ServerOptions o;
  o.config_toml = "audit_checkpoint_events = 5\naudit_key_file = \"" + dir +
                  "/audit.key\"\naudit_checkpoint_file = \"" + dir + "/checkpoints.jsonl\"\n";
  o.share_database_with = share;
  return o;
}

std::vector<AuditCheckpoint> FileCheckpoints(const std::string& dir) {
  std::vector<AuditCheckpoint> out;
  std::ifstream in(dir + "/checkpoints.jsonl");
  for (std::string line; std::getline(in, line);) {
    auto c = lis::service::CheckpointFromJson(json::parse(line, nullptr, false));
    EXPECT_TRUE(c) << "not a checkpoint: " << line;
    if (c) out.push_back(*c);
  }
  return out;
}

std::vector<AuditCheckpoint> StoredCheckpoints(LisServer& s) {
  CommandResult r =
      s.Sql("SELECT seq, hash, at, public_key, signature FROM audit_checkpoints ORDER BY seq");
  EXPECT_EQ(r.exit_code, 0) << r;
  std::vector<AuditCheckpoint> out;
  std::istringstream lines(r.output);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> f;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, '|');) f.push_back(cell);
    if (f.size() == 5) out.push_back({std::stoll(f[0]), f[1], f[2], f[3], f[4]});
  }
  return out;
}

// Waits (at most 30 s) until the file holds more than `n` checkpoints.
void AwaitCheckpointsBeyond(const std::string& dir, size_t n) {
  for (int i = 0; i < 300 && FileCheckpoints(dir).size() <= n; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
}

long long LastSeq(LisServer& s) {
  CommandResult r = s.Sql("SELECT MAX(seq) FROM audit_events");
  return std::stoll(r.output);
}

std::string EventHash(LisServer& s, long long seq) {
  CommandResult r = s.Sql("SELECT hash FROM audit_events WHERE seq = " + std::to_string(seq));
  return r.output.substr(0, r.output.find('\n'));
}

TEST(AuditCheckpointTest, LisServeSignsTheHeadAfterEveryFiveEventsAndAtShutdown) {
  std::string dir = MakeTempDir();
  LisServer s(CheckpointOptions(dir));
  // The demo's events are more than five: the server signs them as it starts.
  AwaitCheckpointsBeyond(dir, 0);
  ASSERT_EQ(FileCheckpoints(dir).size(), 1u) << s.Log();
  CommandResult key = RunLis({"audit", "key", "--config", s.TempPath("lis.toml")});
  ASSERT_EQ(key.exit_code, 0) << key;
  std::string public_key = key.output.substr(0, key.output.find('\n'));
  ASSERT_EQ(public_key.size(), 64u) << key;

  long long root = s.OrgUnitId("Norrviks kommun");
  for (int i = 0; i < 5; ++i) s.CreateOrgUnit("Kontrollpunkt " + std::to_string(i), root);
  AwaitCheckpointsBeyond(dir, 1);
  s.CreateOrgUnit("Sista före stopp", root);
  ASSERT_TRUE(s.Stop());

  std::vector<AuditCheckpoint> file = FileCheckpoints(dir), stored = StoredCheckpoints(s);
  ASSERT_GE(file.size(), 3u) << "at start, after five events, at shutdown";
  ASSERT_EQ(stored.size(), file.size());
  EXPECT_EQ(file.back().seq, LastSeq(s)) << "the shutdown's checkpoint covers every event";
  for (size_t i = 0; i < file.size(); ++i) {
    SCOPED_TRACE(file[i].seq);
    EXPECT_TRUE(lis::service::CheckpointSigned(file[i], public_key));
    EXPECT_EQ(file[i].hash, EventHash(s, file[i].seq)) << "the head it signs";
    EXPECT_EQ(file[i].seq, stored[i].seq);
    EXPECT_EQ(file[i].signature, stored[i].signature);
    if (i > 0) EXPECT_GT(file[i].seq, file[i - 1].seq);
  }
}

TEST(AuditCheckpointTest, TwoProcessesOnOneDatabaseWriteOneSequence) {
  std::string dir = MakeTempDir();
  LisServer first(CheckpointOptions(dir));
  LisServer second(CheckpointOptions(dir, &first));
  long long root = first.OrgUnitId("Norrviks kommun");
  for (int i = 0; i < 12; ++i)
    (i % 2 ? first : second).CreateOrgUnit("Process " + std::to_string(i), root);
  ASSERT_TRUE(second.Stop());
  ASSERT_TRUE(first.Stop());

  std::vector<AuditCheckpoint> stored = StoredCheckpoints(first);
  ASSERT_GE(stored.size(), 2u);
  std::string public_key = stored.front().public_key;
  for (size_t i = 0; i < stored.size(); ++i) {
    SCOPED_TRACE(stored[i].seq);
    EXPECT_TRUE(lis::service::CheckpointSigned(stored[i], public_key)) << "one key";
    EXPECT_EQ(stored[i].hash, EventHash(first, stored[i].seq));
    if (i > 0) EXPECT_GT(stored[i].seq, stored[i - 1].seq);
  }
  EXPECT_EQ(stored.back().seq, LastSeq(first));
  EXPECT_EQ(FileCheckpoints(dir).size(), stored.size()) << "each in the file once";
}

}  // namespace
}  // namespace lis_test::audit_checkpoint_test
