#include "store/records/record_table.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "domain/assets/system_record.h"
#include "store/assets/asset_tables.h"

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
                 {.name = "class", .kind = FieldKind::kInt, .stored = false}}};
  return kType;
}

TEST(RecordTable, ColumnsAreTheStoredFieldsWithoutLinkLists) {
  std::vector<FieldSpec> columns = ColumnsOf(Sample());
  const std::vector<std::pair<std::string, FieldType>> expected = {{"org_unit_id", FieldType::kInt},
                                                                   {"title", FieldType::kText},
                                                                   {"count", FieldType::kInt},
                                                                   {"done", FieldType::kBool},
                                                                   {"due", FieldType::kText}};
  ASSERT_EQ(columns.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(columns[i].name, expected[i].first);
    EXPECT_EQ(columns[i].type, expected[i].second) << columns[i].name;
  }
  EXPECT_EQ(RestoreFieldsOf(Sample()),
            (std::vector<std::string>{"org_unit_id", "title", "count", "done", "due"}));
}

TEST(RecordTable, FiltersAndSortKeysComeFromTheFields) {
  EXPECT_EQ(FilterNamesOf(Sample()), (std::vector<std::string>{"org_unit_id", "done"}));
  EXPECT_EQ(SortKeysOf(Sample()), (std::vector<std::string>{"title", "count"}));
}

// Every column the systems declaration gives is a column of the systems table as the
// migrations make it, with the same kind of value.
TEST(RecordTable, TheSystemDeclarationMatchesTheMigratedTable) {
  auto dir =
      std::filesystem::temp_directory_path() / ("lis-record-table-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  {
    auto db = Database::Open("sqlite:" + (dir / "lis.db").string(), 1);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE((*db)->Migrate().ok());
    std::map<std::string, std::string> migrated;  // column → declared SQL type
    Status read = (*db)->Read([&](Tx& tx) {
      for (const auto& r : tx.Query("SELECT name, type FROM pragma_table_info('systems')", {},
                                    {Col::kText, Col::kText}))
        migrated[r.Text(0)] = r.Text(1);
      return Status();
    });
    ASSERT_TRUE(read.ok());
    ASSERT_FALSE(migrated.empty());
    for (const auto& column : ColumnsOf(domain::SystemRecord())) {
      auto it = migrated.find(column.name);
      ASSERT_NE(it, migrated.end()) << column.name << " is not a column of systems";
      bool integer = it->second.find("INT") != std::string::npos;
      EXPECT_EQ(integer, column.type != FieldType::kText) << column.name << ": " << it->second;
    }
    EXPECT_EQ(SystemTable().fields.size(), ColumnsOf(domain::SystemRecord()).size());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lis::store
