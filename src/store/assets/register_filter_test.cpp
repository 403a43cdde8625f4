#include "store/assets/register_filter.h"

#include <gtest/gtest.h>

#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "store/records/record_table.h"

namespace lis::store {
namespace {

// A register sorts by every key its declaration calls sortable, each by its own columns and
// the exact reverse when descending (so that one index serves both).
TEST(RegisterFilter, EveryDeclaredSortKeyOrdersByItsOwnColumns) {
  for (const domain::RecordType* type : {&domain::ObjectRecord(), &domain::SystemRecord()}) {
    std::vector<std::string> keys = SortKeysOf(*type);
    ASSERT_FALSE(keys.empty()) << type->name;
    EXPECT_EQ(keys.front(), "name") << type->name;
    for (const auto& key : keys) {
      std::string asc = RegisterOrder(key), desc = RegisterOrder("-" + key);
      if (key != "name") EXPECT_NE(asc, RegisterOrder("name")) << type->name << "." << key;
      EXPECT_NE(desc.find(" DESC"), std::string::npos) << key;
      std::string reversed = desc;
      for (size_t at; (at = reversed.find(" DESC")) != std::string::npos;) reversed.erase(at, 5);
      EXPECT_EQ(reversed, asc) << key;
    }
  }
}

}  // namespace
}  // namespace lis::store
