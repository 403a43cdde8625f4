#include "domain/org/org_kind.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(OrgKind, Placement) {
  struct Case {
    const char* kind;
    std::optional<std::string_view> parent;
    bool allowed;
  };
  const Case cases[] = {
      {"group", std::nullopt, true},
      {"group", "group", false},
      {"municipality", std::nullopt, true},
      {"municipality", "group", true},
      {"municipality", "company", false},
      {"company", "group", true},
      {"company", "unit", false},
      {"unit", std::nullopt, false},
      {"unit", "group", false},
      {"unit", "municipality", true},
      {"unit", "company", true},
      {"unit", "unit", true},
      {"team", std::nullopt, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(MayPlaceUnder(c.kind, c.parent), c.allowed)
        << c.kind << " under " << (c.parent ? *c.parent : "nothing");
}

}  // namespace
}  // namespace lis::domain
