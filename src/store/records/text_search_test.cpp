#include "store/records/text_search.h"

#include <gtest/gtest.h>

#include "domain/deviations/deviation_record.h"
#include "domain/deviations/exception_record.h"
#include "store/deviations/deviation_tables.h"
#include "store/test_database.h"

namespace lis::store {
namespace {

// A migrated SQLite database in a directory of its own, removed at the end.
class TextSearchTest : public ::testing::Test {
 protected:
  TestDatabase test_{"lis-text-search"};
  Database* db_ = &test_.db();
};

TEST_F(TextSearchTest, EachIndexHoldsExactlyTheDeclaredSearchableColumns) {
  const struct {
    std::string table;
    std::vector<std::string> columns;
  } cases[] = {
      {domain::DeviationRecord().table, SearchColumnsOf(domain::DeviationRecord())},
      {domain::ExceptionRecord().table, SearchColumnsOf(domain::ExceptionRecord())},
      {"incidents", {"title"}},  // as the incident list searches it (incident_query.cpp)
  };
  for (const auto& c : cases) {
    std::vector<std::string> columns;
    Status read = db_->Read([&](Tx& tx) {
      for (const auto& r : tx.Query("SELECT name FROM pragma_table_info('" + c.table + "_search')",
                                    {}, {Col::kText}))
        columns.push_back(r.Text(0));
      return Status();
    });
    ASSERT_TRUE(read.ok());
    EXPECT_EQ(columns, c.columns) << c.table;
  }
}

// The deviations whose title or description contains `text`, by title, through the index or
// (fewer than three characters) LIKE.
std::vector<std::string> Found(Database& db, const std::string& text) {
  std::vector<std::string> titles;
  Status read = db.Read([&](Tx& tx) {
    Filter f;
    AndTextSearch(f, tx.dialect(), domain::DeviationRecord(), text);
    for (const auto& d :
         ListRecords(tx, DeviationTable(), f, "deviations.title", 100, 0, false).items)
      titles.push_back(d["title"]);
    return Status();
  });
  EXPECT_TRUE(read.ok());
  return titles;
}

TEST_F(TextSearchTest, FindsAPartOfATitleOrDescriptionInAnyCaseAndFollowsChanges) {
  long long second = 0;
  Status wrote = db_->Write(Actor(), [&](Tx& tx) {
    tx.Exec(
        "INSERT INTO org_units (kind, name, version, created_at, updated_at) VALUES "
        "('municipality', 'Norrvik', 1, 'x', 'x')");
    long long unit = tx.QueryOne("SELECT MAX(id) FROM org_units", {}, {Col::kInt})->Int(0);
    auto add = [&](const std::string& title, const std::string& description) {
      return InsertRecord(tx, DeviationTable(),
                          {{"title", title},
                           {"description", description},
                           {"org_unit_id", unit},
                           {"detected_on", "2026-12-01"},
                           {"source", "audit"},
                           {"severity", "low"},
                           {"status", "reported"},
                           {"verdict_count", 0}})["id"]
          .get<long long>();
    };
    add("Åtkomst till journalsystemet", "Behörigheter granskades inte.");
    second = add("Säkerhetskopia saknas", "Ingen återläsning 100% testad \"i år\".");
    add("Lö", "kort");
    return Status();
  });
  ASSERT_TRUE(wrote.ok()) << wrote.error().message_key;
  const struct {
    const char* text;
    std::vector<std::string> titles;
  } cases[] = {
      {"ÅTKOMST", {"Åtkomst till journalsystemet"}},
      {"granskades inte", {"Åtkomst till journalsystemet"}},
      {"kopia sak", {"Säkerhetskopia saknas"}},
      {"100%", {"Säkerhetskopia saknas"}},
      {"\"i år\"", {"Säkerhetskopia saknas"}},
      {"100_", {}},
      {"ko", {"Lö", "Säkerhetskopia saknas", "Åtkomst till journalsystemet"}},
      {"Lö", {"Lö"}},
      {"finns inte", {}},
  };
  for (const auto& c : cases) EXPECT_EQ(Found(*db_, c.text), c.titles) << c.text;

  Status changed = db_->Write(Actor(), [&](Tx& tx) {
    auto r = UpdateRecord(tx, DeviationTable(), second, 1, {{"title", "Reservkraft brister"}});
    return r.ok() ? Status() : Status(r.error());
  });
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(Found(*db_, "kopia").empty()) << "the old title is gone from the index";
  EXPECT_EQ(Found(*db_, "reservkraft"), std::vector<std::string>{"Reservkraft brister"});
}

}  // namespace
}  // namespace lis::store
