// Signed checkpoints of the audit trail (issue 29 step 2), on both databases: `lis serve` signs
// the trail's head after every N events and at a clean shutdown, stores each checkpoint and
// appends it to a file outside the database; two processes on one database write one sequence
// of checkpoints, each verifying with the key `lis audit key` prints.
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "audit_support.h"
#include "lis_server.h"
#include "service/audit/audit_checkpoints.h"
#include "store/audit_chain.h"

namespace lis_test::audit_checkpoint_test {
namespace {

using lis::store::AuditCheckpoint;

// A directory of its own for the key and the checkpoint file, removed with it (declare it before
// the servers that use it, so that they stop first).
struct TempDir {
  TempDir() {
    path = "/tmp/lis-checkpoints-XXXXXX";
    if (!::mkdtemp(path.data())) throw std::runtime_error("mkdtemp failed");
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::string path;
};

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
    auto c = lis::store::CheckpointFromJson(json::parse(line, nullptr, false));
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
  TempDir temp;
  const std::string& dir = temp.path;
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
  // The audit log shows the newest checkpoint, and that the trail still matches it.
  Response page = s.Get("/audit", s.Login("admin"));
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("id=\"audit-checkpoint\""), std::string::npos);
  EXPECT_NE(page.body.find("Den är signerad med installationens nyckel"), std::string::npos);
  s.CreateOrgUnit("Sista före stopp", root);
  ASSERT_TRUE(s.Stop());

  std::vector<AuditCheckpoint> file = FileCheckpoints(dir), stored = StoredCheckpoints(s);
  ASSERT_GE(file.size(), 3u) << "at start, after five events, at shutdown";
  ASSERT_EQ(stored.size(), file.size());
  EXPECT_EQ(file.back().seq, LastSeq(s)) << "the shutdown's checkpoint covers every event";
  for (size_t i = 0; i < file.size(); ++i) {
    SCOPED_TRACE(file[i].seq);
    EXPECT_TRUE(lis::store::CheckpointSigned(file[i], public_key));
    EXPECT_EQ(file[i].hash, EventHash(s, file[i].seq)) << "the head it signs";
    EXPECT_EQ(file[i].seq, stored[i].seq);
    EXPECT_EQ(file[i].signature, stored[i].signature);
    if (i > 0) EXPECT_GT(file[i].seq, file[i - 1].seq);
  }
}

TEST(AuditCheckpointTest, TwoProcessesOnOneDatabaseWriteOneSequence) {
  TempDir temp;
  const std::string& dir = temp.path;
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
    EXPECT_TRUE(lis::store::CheckpointSigned(stored[i], public_key)) << "one key";
    EXPECT_EQ(stored[i].hash, EventHash(first, stored[i].seq));
    if (i > 0) EXPECT_GT(stored[i].seq, stored[i - 1].seq);
  }
  EXPECT_EQ(stored.back().seq, LastSeq(first));
  EXPECT_EQ(FileCheckpoints(dir).size(), stored.size()) << "each in the file once";
}

// SQL that replaces the events from sequence number `from` on with `events`, numbered from
// `from` and every hash and link computed anew from `prev`: what one can do with the database
// but without the key.
std::string RechainSql(std::vector<lis::store::StoredAuditEvent> events, long long from,
                       std::string prev) {
  auto text = [](const std::string& v) {
    std::string out = "'";
    for (char c : v) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  auto opt = [](const std::optional<long long>& v) {
    return v ? std::to_string(*v) : std::string("NULL");
  };
  std::string sql = "DELETE FROM audit_events WHERE seq >= " + std::to_string(from) + ";";
  for (size_t i = 0; i < events.size(); ++i) {
    auto& e = events[i];
    e.seq = from + static_cast<long long>(i);
    e.prev_hash = prev;
    e.hash = lis::store::AuditEventHash(e);
    prev = e.hash;
    sql +=
        " INSERT INTO audit_events (seq, at, actor_id, actor, address, action, entity, "
        "entity_id, scope_id, before_json, after_json, comment, prev_hash, hash) VALUES (" +
        std::to_string(e.seq) + ", " + text(e.at) + ", " + opt(e.actor_id) + ", " + text(e.actor) +
        ", " + text(e.address) + ", " + text(e.action) + ", " + text(e.entity) + ", " +
        opt(e.entity_id) + ", " + opt(e.scope_id) + ", " + text(e.before_json) + ", " +
        text(e.after_json) + ", " + text(e.comment) + ", " + text(e.prev_hash) + ", " +
        text(e.hash) + ");";
  }
  return sql;
}

// The events of an export file from sequence number `from` on, and the hash of the one before.
std::vector<lis::store::StoredAuditEvent> ExportedFrom(const std::string& file, long long from,
                                                       std::string& prev) {
  std::vector<lis::store::StoredAuditEvent> out;
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto e = lis::store::AuditEventFromJson(json::parse(line, nullptr, false));
    if (!e) continue;
    if (e->seq == from - 1) prev = e->hash;
    if (e->seq >= from) out.push_back(*e);
  }
  return out;
}

// `lis audit verify` holds the trail to the checkpoints (issue 29 step 3): cut short or
// rechained without the key, the trail fails with "truncated after N" or "rewritten before N"
// though its chain alone is whole; an export carries its checkpoints to be checked years later
// with the public key.
TEST(AuditCheckpointTest, VerifyNamesACutOrRechainedTrailByItsCheckpoints) {
  TempDir temp;
  const std::string& dir = temp.path;
  LisServer s(CheckpointOptions(dir));
  long long root = s.OrgUnitId("Norrviks kommun");
  for (int i = 0; i < 30; ++i) s.CreateOrgUnit("Verifierad " + std::to_string(i), root);
  ASSERT_TRUE(s.Stop());  // its last checkpoint covers every event
  const long long total = LastSeq(s);
  const std::string config = s.TempPath("lis.toml");
  auto verify = [&] {
    return ParseVerify(
        RunLis({"audit", "verify", "--database", s.database_url(), "--config", config}));
  };
  VerifyOutcome clean = verify();
  EXPECT_VERIFY_OK(clean, total);
  EXPECT_NE(clean.checkpoints.find("signed by the key, the newest at sequence number " +
                                   std::to_string(total)),
            std::string::npos)
      << clean;

  std::string exported = s.TempPath("all.jsonl");
  ASSERT_EQ(RunLis({"audit", "export", "--database", s.database_url(), "--from", "2000-01-01",
                    "--to", "2200-01-01", "--out", exported})
                .exit_code,
            0);
  ASSERT_EQ(s.Sql("CREATE TABLE audit_backup AS SELECT * FROM audit_events").exit_code, 0);
  const long long cut = std::min<long long>(1000, total - 1);
  const long long k = total - 20;
  std::string prev;
  auto later = ExportedFrom(exported, k, prev);
  auto without_k = later;
  without_k.erase(without_k.begin());
  auto rewritten = later;
  rewritten.front().comment = "rättad i efterhand";
  const struct {
    const char* what;
    std::string sql;
    std::string problem, detail;  // of the first fault
  } cases[] = {
      {"the last event deleted", "DELETE FROM audit_events WHERE seq = " + std::to_string(total),
       "truncated", "truncated after " + std::to_string(total - 1)},
      {"the last 1,000 deleted",
       "DELETE FROM audit_events WHERE seq > " + std::to_string(total - cut), "truncated",
       "truncated after " + std::to_string(total - cut)},
      {"every event deleted", "DELETE FROM audit_events", "truncated", "truncated after 0"},
      {"an event deleted, every later hash computed anew", RechainSql(without_k, k, prev),
       "truncated", "truncated after " + std::to_string(total - 1)},
      {"an event rewritten, every later hash computed anew", RechainSql(rewritten, k, prev),
       "rewritten", "rewritten before " + std::to_string(total)},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    ASSERT_TRUE(TamperFromBackup(s, c.sql));
    VerifyOutcome v = verify();
    EXPECT_EQ(v.exit_code, 1) << v;
    ASSERT_FALSE(v.faults.empty()) << v;
    bool named = false;
    for (size_t i = 0; i < v.faults.size(); ++i)
      named = named || (v.faults[i].second == c.problem && v.details[i].rfind(c.detail, 0) == 0);
    EXPECT_TRUE(named) << "expected " << c.detail << ": " << v;
  }

  // The audit log says so too, on the rewritten trail the last case left.
  s.Restart();
  Response page = s.Get("/audit", s.Login("admin"));
  EXPECT_NE(page.body.find("har en annan kontrollsumma än den signerade"), std::string::npos);
  ASSERT_TRUE(s.Stop());

  // The export, checked without the database: whole, and with its last event cut off.
  CommandResult key = RunLis({"audit", "key", "--config", config});
  std::string public_key = key.output.substr(0, key.output.find('\n'));
  VerifyOutcome file =
      ParseVerify(RunLis({"audit", "verify", "--file", exported, "--public-key", public_key}));
  EXPECT_VERIFY_OK(file, total);
  EXPECT_NE(file.checkpoints.find("signed by the key"), std::string::npos) << file;
  std::vector<std::string> lines;
  {
    std::ifstream in(exported);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
  }
  std::string shortened = s.TempPath("cut.jsonl");
  {
    std::ofstream out(shortened);
    for (const auto& line : lines)
      if (line.find("\"seq\":" + std::to_string(total) + "}") == std::string::npos)
        out << line << "\n";
  }
  VerifyOutcome cut_file =
      ParseVerify(RunLis({"audit", "verify", "--file", shortened, "--public-key", public_key}));
  EXPECT_EQ(cut_file.problem, "truncated") << cut_file;
}

}  // namespace
}  // namespace lis_test::audit_checkpoint_test
