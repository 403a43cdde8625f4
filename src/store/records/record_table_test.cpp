#include "store/records/record_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/exception_record.h"
#include "store/assets/asset_tables.h"
#include "store/deviations/deviation_tables.h"

namespace lis::store {
namespace {

using domain::FieldKind;

const domain::RecordType& Sample() {
  static const domain::RecordType kType = {
      .name = "sample",
      .table = "samples",
      .entity = "sample",
      .scope_field = "org_unit_id",
      .fields = {{.name = "org_unit_id", .kind = FieldKind::kReference, .filterable = true},
                 {.name = "title", .sortable = true, .searchable = true},
                 {.name = "count", .kind = FieldKind::kInt, .sortable = true},
                 {.name = "done", .kind = FieldKind::kBool, .filterable = true},
                 {.name = "due", .kind = FieldKind::kDate},
                 {.name = "system_ids", .kind = FieldKind::kReferenceList},
                 {.name = "risk_ids",
                  .kind = FieldKind::kReferenceList,
                  .link = {.table = "sample_risks", .owner = "sample_id", .target = "risk_id"}},
                 {.name = "class", .kind = FieldKind::kInt, .stored = false}}};
  return kType;
}

// A list of references with a link declaration is a column (a list of ids) naming its link
// table; one without is the service's.
TEST(RecordTable, ColumnsAreTheStoredFieldsWithoutLinkLists) {
  std::vector<FieldSpec> columns = ColumnsOf(Sample());
  const std::vector<std::pair<std::string, FieldType>> expected = {
      {"org_unit_id", FieldType::kInt}, {"title", FieldType::kText},
      {"count", FieldType::kInt},       {"done", FieldType::kBool},
      {"due", FieldType::kText},        {"risk_ids", FieldType::kIdList}};
  ASSERT_EQ(columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(columns[i].name, expected[i].first);
    EXPECT_EQ(columns[i].type, expected[i].second) << columns[i].name;
  }
  EXPECT_EQ(columns.back().link_table, "sample_risks");
  EXPECT_EQ(columns.back().link_owner, "sample_id");
  EXPECT_EQ(columns.back().link_target, "risk_id");
  EXPECT_EQ(RestoreFieldsOf(Sample()),
            (std::vector<std::string>{"org_unit_id", "title", "count", "done", "due", "risk_ids"}));
}

TEST(RecordTable, FiltersAndSortKeysComeFromTheFields) {
  EXPECT_EQ(FilterNamesOf(Sample()), (std::vector<std::string>{"org_unit_id", "done"}));
  EXPECT_EQ(SortKeysOf(Sample()), (std::vector<std::string>{"title", "count"}));
}

// Every column a declaration gives is a column of its table as the migrations make it, with
// the same kind of value, and the table spec has exactly the declared columns.
TEST(RecordTable, EveryDeclarationMatchesItsMigratedTable) {
  auto dir =
      std::filesystem::temp_directory_path() / ("lis-record-table-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    auto db = Database::Open("sqlite:" + (dir / "lis.db").string(), 1);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Migrate().ok());
    const struct {
      const domain::RecordType& type;
      const TableSpec& spec;
    } cases[] = {{domain::SystemRecord(), SystemTable()},
                 {domain::ObjectRecord(), ObjectTable()},
                 {domain::DeviationRecord(), DeviationTable()},
                 {domain::ExceptionRecord(), ExceptionTable()}};
    ASSERT_EQ(std::size(cases), domain::DeclaredRecordTypes().size()) << "a declared type untested";
    for (const auto& c : cases) {
      SCOPED_TRACE(c.type.name);
      std::map<std::string, std::string> migrated;  // column → declared SQL type
      Status read = (*db)->Read([&](Tx& tx) {
        for (const auto& r : tx.Query(
                 std::string("SELECT name, type FROM pragma_table_info('") + c.type.table + "')",
                 {}, {Col::kText, Col::kText}))
          migrated[r.Text(0)] = r.Text(1);
        return Status();
      });
      ASSERT_TRUE(read.ok());
      ASSERT_FALSE(migrated.empty());
      for (const auto& column : ColumnsOf(c.type)) {
        auto it = migrated.find(column.name);
        ASSERT_NE(it, migrated.end()) << column.name << " is not a column of " << c.type.table;
        bool integer = it->second.find("INT") != std::string::npos;
        bool text = column.type == FieldType::kText || column.type == FieldType::kIdList;
        EXPECT_EQ(integer, !text) << column.name << ": " << it->second;
        if (column.link_table.empty()) continue;
        std::set<std::string> link_columns;
        Status links = (*db)->Read([&](Tx& tx) {
          for (const auto& r :
               tx.Query("SELECT name FROM pragma_table_info('" + column.link_table + "')", {},
                        {Col::kText}))
            link_columns.insert(r.Text(0));
          return Status();
        });
        ASSERT_TRUE(links.ok());
        EXPECT_EQ(link_columns, (std::set<std::string>{column.link_owner, column.link_target}))
            << column.name << ": its link table " << column.link_table;
      }
      EXPECT_EQ(c.spec.fields.size(), ColumnsOf(c.type).size());
      EXPECT_EQ(c.spec.table, c.type.table);
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lis::store
