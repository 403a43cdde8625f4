#include "core/messages.h"

#include <gtest/gtest.h>

namespace lis {
namespace {

TEST(Messages, EmbeddedCatalogueHasEveryKeyInBothLanguages) {
  EXPECT_TRUE(Messages::Embedded().Incomplete().empty())
      << "missing: " << ::testing::PrintToString(Messages::Embedded().Incomplete());
}

TEST(Messages, FillsPlaceholdersAndFallsBackToTheKey) {
  Messages m(R"({"a.b": {"sv": "Fältet {field} saknas.", "en": "Field {field} is missing."}})");
  EXPECT_EQ(m.Text("sv", "a.b", {{"field", "name"}}), "Fältet name saknas.");
  EXPECT_EQ(m.Text("en", "a.b", {{"field", "name"}}), "Field name is missing.");
  EXPECT_EQ(m.Text("en", "no.such.key"), "no.such.key");
  EXPECT_EQ(m.Tree("sv")["a"]["b"], "Fältet {field} saknas.");
}

TEST(Messages, ReportsKeysWithoutATranslation) {
  Messages m(R"({"x": {"sv": "X"}})");
  ASSERT_EQ(m.Incomplete().size(), 1u);
  EXPECT_EQ(m.Incomplete()[0], "x (en)");
}

}  // namespace
}  // namespace lis
