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

TEST_F(AuditChainTest, AnUntouchedTrailVerifies) {
  ChainReport r = VerifyChain(*db_);
  EXPECT_TRUE(r.ok) << r.detail;
  EXPECT_EQ(r.count, 12);
  EXPECT_EQ(r.head.size(), 64u);
}

TEST_F(AuditChainTest, TamperingIsFoundAndNamed) {
  struct Case {
    const char* name;
    const char* sql;
    long long bad_seq;
    const char* problem;
  };
  const Case cases[] = {
      {"changed field", "UPDATE audit_events SET actor = 'mallory' WHERE seq = 5", 5, "changed"},
      {"changed record", "UPDATE audit_events SET after_json = '{}' WHERE seq = 3", 3, "changed"},
      {"deleted event", "DELETE FROM audit_events WHERE seq = 7", 7, "missing"},
      {"deleted last-but-one", "DELETE FROM audit_events WHERE seq = 11", 11, "missing"},
      {"swapped events",
       "UPDATE audit_events SET seq = -seq WHERE seq IN (4, 8); "
       "UPDATE audit_events SET seq = 12 + seq WHERE seq IN (-4, -8)",
       4, "out of order"},
  };
  for (const auto& c : cases) {
    SetUp();
    Sql(c.sql);
    ChainReport r = VerifyChain(*db_);
    EXPECT_FALSE(r.ok) << c.name;
    EXPECT_EQ(r.bad_seq, c.bad_seq) << c.name;
    EXPECT_EQ(r.problem, c.problem) << c.name << ": " << r.detail;
    TearDown();
  }
}

TEST_F(AuditChainTest, AnExportedSliceVerifiesWithoutTheDatabaseAndTamperingIsFound) {
  std::stringstream file;
  ForEachAuditEvent(*db_, "0000", "9999", [&](const StoredAuditEvent& e) {
    if (e.seq >= 3) file << AuditEventToJson(e).dump() << "\n";
  });
  std::string text = file.str();
  std::istringstream good(text);
  ChainReport r = VerifyJsonLines(good);
  EXPECT_TRUE(r.ok) << r.detail;
  EXPECT_EQ(r.count, 10);

  std::string tampered = text;
  tampered.replace(tampered.find("\"actor\":\"system\""), 16, "\"actor\":\"sys\"");
  std::istringstream bad(tampered);
  r = VerifyJsonLines(bad);
  EXPECT_FALSE(r.ok);
  EXPECT_EQ(r.bad_seq, 3);
  EXPECT_EQ(r.problem, "changed");
}

}  // namespace
}  // namespace lis::store
