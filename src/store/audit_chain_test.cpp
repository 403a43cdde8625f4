#include "store/audit_chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/crypto.h"
#include "core/signing.h"
#include "store/org/org_tables.h"
#include "store/records.h"
#include "store/test_database.h"

namespace lis::store {
namespace {

using nlohmann::json;

// A trail of 12 events (create + update of six nodes) on a fresh SQLite database.
class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    test_.reset();  // a case of its own starts afresh: the old directory goes first
    test_ = std::make_unique<TestDatabase>("lis-chain");
    db_ = &test_->db();
    dir_ = test_->dir();
    Actor actor;
    for (int i = 0; i < 6; ++i) {
      db_->Write(actor, [&](Tx& tx) {
        json n = InsertRecord(tx, OrgUnitTable(),
                              {{"kind", "group"}, {"name", "N" + std::to_string(i)}});
        UpdateRecord(tx, OrgUnitTable(), n["id"], 1, {{"name", "M" + std::to_string(i)}});
        return Status();
      });
    }
  }
  void TearDown() override { test_.reset(); }
  // Runs `sql` (statements separated by "; ") behind the application's back.
  void Sql(const std::string& sql) {
    db_->Write(Actor(), [&](Tx& tx) {
      size_t start = 0;
      while (start < sql.size()) {
        size_t end = sql.find("; ", start);
        tx.Exec(sql.substr(start, end == std::string::npos ? std::string::npos : end - start));
        start = end == std::string::npos ? sql.size() : end + 2;
      }
      return Status();
    });
  }

  std::unique_ptr<TestDatabase> test_;
  Database* db_ = nullptr;
  std::filesystem::path dir_;
};

// The faults of a report as (sequence number, problem).
std::vector<std::pair<long long, std::string>> Faults(const ChainReport& r) {
  std::vector<std::pair<long long, std::string>> out;
  for (const auto& f : r.faults) out.emplace_back(f.seq, f.problem);
  return out;
}

std::string Details(const ChainReport& r) {
  std::string out;
  for (const auto& f : r.faults) out += f.detail + "; ";
  return out;
}

TEST_F(AuditChainTest, AnUntouchedTrailVerifies) {
  ChainReport r = VerifyChain(*db_);
  EXPECT_TRUE(r.ok) << Details(r);
  EXPECT_EQ(r.count, 12);
  EXPECT_EQ(r.read, 12);
  EXPECT_EQ(r.fault_count, 0);
  EXPECT_EQ(r.head.size(), 64u);
}

// Every fault is named, each once: verification goes on after the first.
TEST_F(AuditChainTest, EveryFaultIsFoundAndNamedOnce) {
  using Expected = std::vector<std::pair<long long, std::string>>;
  struct Case {
    const char* name;
    const char* sql;
    Expected faults;
    long long count;  // verified before the first fault
  };
  const Case cases[] = {
      {"changed field",
       "UPDATE audit_events SET actor = 'mallory' WHERE seq = 5",
       {{5, "changed"}},
       4},
      {"changed record",
       "UPDATE audit_events SET after_json = '{}' WHERE seq = 3",
       {{3, "changed"}},
       2},
      {"two events changed",
       "UPDATE audit_events SET actor = 'mallory' WHERE seq IN (3, 9)",
       {{3, "changed"}, {9, "changed"}},
       2},
      {"hash replaced", "UPDATE audit_events SET hash = 'x' WHERE seq = 6", {{6, "changed"}}, 5},
      {"deleted event", "DELETE FROM audit_events WHERE seq = 7", {{7, "missing"}}, 6},
      {"deleted stretch",
       "DELETE FROM audit_events WHERE seq BETWEEN 4 AND 6",
       {{4, "missing"}},
       3},
      {"deleted last-but-one", "DELETE FROM audit_events WHERE seq = 11", {{11, "missing"}}, 10},
      {"deleted, and a change after it",
       "DELETE FROM audit_events WHERE seq = 2; UPDATE audit_events SET comment = 'x' WHERE seq = "
       "10",
       {{2, "missing"}, {10, "changed"}},
       1},
      {"swapped events",
       "UPDATE audit_events SET seq = -seq WHERE seq IN (4, 8); "
       "UPDATE audit_events SET seq = 12 + seq WHERE seq IN (-4, -8)",
       {{4, "out of order"}, {8, "out of order"}},
       3},
  };
  for (const auto& c : cases) {
    SetUp();
    Sql(c.sql);
    ChainReport r = VerifyChain(*db_);
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(Faults(r), c.faults) << c.name << ": " << Details(r);
    EXPECT_EQ(r.fault_count, static_cast<long long>(c.faults.size())) << c.name;
    EXPECT_EQ(r.count, c.count) << c.name;
    TearDown();
  }
}

TEST_F(AuditChainTest, BeyondAHundredFaultsTheRestAreCounted) {
  Actor actor;
  db_->Write(actor, [&](Tx& tx) {
    for (int i = 0; i < 150; ++i)
      InsertRecord(tx, OrgUnitTable(), {{"kind", "group"}, {"name", "X" + std::to_string(i)}});
    return Status();
  });
  Sql("UPDATE audit_events SET actor = 'mallory' WHERE seq > 12");
  ChainReport r = VerifyChain(*db_);
  EXPECT_EQ(r.fault_count, 150);
  ASSERT_EQ(r.faults.size(), ChainReport::kMaxFaults);
  EXPECT_EQ(r.faults.front().seq, 13);
  EXPECT_EQ(r.faults.back().seq, 112);
  EXPECT_EQ(r.read, 162);
}

TEST_F(AuditChainTest, AnExportedSliceVerifiesWithoutTheDatabaseAndTamperingIsFound) {
  std::stringstream file;
  ForEachAuditEvent(*db_, "0000", "9999", [&](const StoredAuditEvent& e) {
    if (e.seq >= 3) file << AuditEventToJson(e).dump() << "\n";
  });
  std::string text = file.str();
  std::istringstream good(text);
  ChainReport r = VerifyJsonLines(good);
  EXPECT_TRUE(r.ok) << Details(r);
  EXPECT_EQ(r.count, 10);

  std::string tampered = text;
  tampered.replace(tampered.find("\"actor\":\"system\""), 16, "\"actor\":\"sys\"");
  std::istringstream bad(tampered);
  r = VerifyJsonLines(bad);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(Faults(r), (std::vector<std::pair<long long, std::string>>{{3, "changed"}}));
  EXPECT_EQ(r.faults[0].line, 1);

  // Two lines swapped: the one standing too early leaves a gap the other fills.
  std::vector<std::string> lines;
  std::istringstream split(text);
  for (std::string line; std::getline(split, line);) lines.push_back(line);
  std::swap(lines[2], lines[3]);
  std::string swapped;
  for (const auto& line : lines) swapped += line + "\n";
  std::istringstream moved(swapped);
  r = VerifyJsonLines(moved);
  EXPECT_EQ(Faults(r), (std::vector<std::pair<long long, std::string>>{{5, "out of order"}}))
      << Details(r);
}

// Checkpoints of the 12-event trail at sequence numbers 6 and 12, signed by a key made in the
// test's directory; and the rewrites an attacker with the database, but not the key, can make.
class CheckpointChainTest : public AuditChainTest {
 protected:
  void SetUp() override {
    AuditChainTest::SetUp();
    ASSERT_TRUE(InitCrypto());
    key_ = *LoadOrCreateSigningKey((dir_ / "audit.key").string());
    checkpoints_.clear();
    for (long long seq : {6, 12}) checkpoints_.push_back(Checkpoint(key_, seq));
  }

 public:
  // The tampering of a case (the test body reaches these through the fixture's type).
  void Tamper(const std::string& sql) { Sql(sql); }
  AuditCheckpoint Checkpoint(const SigningKey& key, long long seq) {
    AuditCheckpoint c{seq, Events().at(seq - 1).hash, "2026-12-07T10:00:00.000000Z", key.public_hex,
                      ""};
    c.signature = SignHex(key, CheckpointMessage(c.seq, c.hash, c.at));
    return c;
  }
  std::vector<StoredAuditEvent> Events() {
    std::vector<StoredAuditEvent> out;
    ForEachAuditEvent(*db_, "0000", "9999", [&](const StoredAuditEvent& e) { out.push_back(e); });
    return out;
  }
  // Writes `events` back as the whole trail, numbered from 1 and every hash and link computed
  // anew: what one can do with the database but without the key.
  void Rechain(std::vector<StoredAuditEvent> events) {
    std::string prev = GenesisHash();
    for (size_t i = 0; i < events.size(); ++i) {
      events[i].seq = static_cast<long long>(i + 1);
      events[i].prev_hash = prev;
      events[i].hash = AuditEventHash(events[i]);
      prev = events[i].hash;
    }
    db_->Write(Actor(), [&](Tx& tx) {
      tx.Exec("DELETE FROM audit_events");
      for (const auto& e : events) {
        auto opt = [](const std::optional<long long>& v) { return v ? Value(*v) : Value(); };
        tx.Exec(
            "INSERT INTO audit_events (seq, at, actor_id, actor, address, action, entity, "
            "entity_id, scope_id, before_json, after_json, comment, prev_hash, hash) VALUES (?, "
            "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            {Value(e.seq), Value(e.at), opt(e.actor_id), Value(e.actor), Value(e.address),
             Value(e.action), Value(e.entity), opt(e.entity_id), opt(e.scope_id),
             Value(e.before_json), Value(e.after_json), Value(e.comment), Value(e.prev_hash),
             Value(e.hash)});
      }
      return Status();
    });
  }

 protected:
  SigningKey key_;
  std::vector<AuditCheckpoint> checkpoints_;
};

TEST_F(CheckpointChainTest, AnUntouchedTrailMatchesItsCheckpoints) {
  ChainReport r = VerifyChain(*db_, checkpoints_, key_.public_hex);
  EXPECT_TRUE(r.ok) << Details(r);
  EXPECT_EQ(r.checkpoints, 2);
  ASSERT_TRUE(r.last_checkpoint);
  EXPECT_EQ(r.last_checkpoint->seq, 12);
  EXPECT_TRUE(VerifyChain(*db_).ok) << "without checkpoints, the chain alone";
}

TEST_F(CheckpointChainTest, ACutOrARechainedTrailIsNamedAgainstTheCheckpoints) {
  using Expected = std::vector<std::pair<long long, std::string>>;
  struct Case {
    const char* name;
    std::function<void(CheckpointChainTest&)> tamper;
    Expected faults;
    const char* first_detail;  // how the first fault begins
  };
  const Case cases[] = {
      {"the last event deleted",
       [](CheckpointChainTest& t) { t.Tamper("DELETE FROM audit_events WHERE seq = 12"); },
       {{11, "truncated"}},
       "truncated after 11"},
      {"the last half deleted",
       [](CheckpointChainTest& t) { t.Tamper("DELETE FROM audit_events WHERE seq > 6"); },
       {{6, "truncated"}},
       "truncated after 6"},
      {"every event deleted",
       [](CheckpointChainTest& t) { t.Tamper("DELETE FROM audit_events"); },
       {{0, "truncated"}},
       "truncated after 0"},
      {"an event deleted and every later hash computed anew",
       [](CheckpointChainTest& t) {
         auto events = t.Events();
         events.erase(events.begin() + 2);
         t.Rechain(events);
       },
       {{6, "rewritten"}, {11, "truncated"}},
       "rewritten before 6"},
      {"an event rewritten and every later hash computed anew",
       [](CheckpointChainTest& t) {
         auto events = t.Events();
         events[8].comment = "rättad i efterhand";
         t.Rechain(events);
       },
       {{12, "rewritten"}},
       "rewritten before 12"},
  };
  for (const auto& c : cases) {
    SetUp();
    c.tamper(*this);
    EXPECT_TRUE(VerifyChain(*db_).ok) << c.name << ": the chain alone shows nothing";
    ChainReport r = VerifyChain(*db_, checkpoints_, key_.public_hex);
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(Faults(r), c.faults) << c.name << ": " << Details(r);
    if (!r.faults.empty())
      EXPECT_EQ(r.faults[0].detail.rfind(c.first_detail, 0), 0u) << r.faults[0].detail;
    TearDown();
  }
}

TEST_F(CheckpointChainTest, ACheckpointSignedByAnotherKeyIsNotHeldTo) {
  auto other = LoadOrCreateSigningKey((dir_ / "other.key").string());
  ASSERT_TRUE(other.ok());
  std::vector<AuditCheckpoint> forged = {Checkpoint(*other, 12)};
  ChainReport r = VerifyChain(*db_, forged, key_.public_hex);
  EXPECT_EQ(Faults(r), (std::vector<std::pair<long long, std::string>>{{12, "bad checkpoint"}}));
  EXPECT_EQ(r.checkpoints, 0);
}

TEST_F(CheckpointChainTest, AnExportHoldsItsCheckpointsAndIsHeldToThemWithTheKey) {
  std::string text;
  for (const auto& e : Events()) text += AuditEventToJson(e).dump() + "\n";
  for (const auto& c : checkpoints_) text += CheckpointToJson(c).dump() + "\n";
  std::istringstream whole(text);
  ChainReport r = VerifyJsonLines(whole, key_.public_hex);
  EXPECT_TRUE(r.ok) << Details(r);
  EXPECT_EQ(r.checkpoints, 2);
  EXPECT_EQ(r.read, 12) << "checkpoint lines are not events";

  std::string cut = text;
  size_t at = cut.find("\"seq\":12}");  // in the 12th event's line (keys sorted, seq last)
  ASSERT_NE(at, std::string::npos);
  size_t start = cut.rfind('\n', at) + 1;
  cut.erase(start, cut.find('\n', at) + 1 - start);
  std::istringstream shortened(cut);
  r = VerifyJsonLines(shortened, key_.public_hex);
  EXPECT_EQ(Faults(r), (std::vector<std::pair<long long, std::string>>{{11, "truncated"}}))
      << Details(r);
  std::istringstream without_key(cut);
  EXPECT_TRUE(VerifyJsonLines(without_key).ok) << "without the key the checkpoints are not used";
}

}  // namespace
}  // namespace lis::store
