#include "store/records/record_table.h"

#include <gtest/gtest.h>

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

// The declaration of systems gives exactly the columns the hand-written table spec has, in
// its order: the switch-over (issue 27 step 2) changes no storage.
TEST(RecordTable, TheSystemDeclarationMatchesTheSystemsTable) {
  const TableSpec& spec = SystemTable();
  std::vector<FieldSpec> columns = ColumnsOf(domain::SystemRecord());
  ASSERT_EQ(columns.size(), spec.fields.size());
  for (size_t i = 0; i < columns.size(); ++i) {
    EXPECT_EQ(columns[i].name, spec.fields[i].name);
    EXPECT_EQ(columns[i].type, spec.fields[i].type) << columns[i].name;
  }
  EXPECT_EQ(spec.table, domain::SystemRecord().table);
  EXPECT_EQ(spec.entity, domain::SystemRecord().entity);
  EXPECT_EQ(spec.scope_field, domain::SystemRecord().scope_field);
}

}  // namespace
}  // namespace lis::store
