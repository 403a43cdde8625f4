#include "store/audit_chain.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <sstream>

#include "store/org/org_tables.h"
#include "store/records.h"

namespace lis::store {
namespace {

using nlohmann::json;

// A trail of 12 events (create + update of six nodes) on a fresh SQLite database.
class AuditChainTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("lis-chain-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    db_ = std::move(*Database::Open("sqlite:" + (dir_ / "lis.db").string(), 1));
    ASSERT_TRUE(db_->Migrate().ok());
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
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
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

  std::filesystem::path dir_;
  std::unique_ptr<Database> db_;
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

}  // namespace
}  // namespace lis::store
