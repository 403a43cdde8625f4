#include "domain/actions/action_rules.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

TEST(ActionRules, PriorityFollowsTheRequirementLevel) {
  const std::pair<int, const char*> cases[] = {{0, "low"},  {1, "low"},      {2, "medium"},
                                               {3, "high"}, {4, "critical"}, {5, "critical"}};
  for (auto [level, priority] : cases) EXPECT_EQ(PriorityForLevel(level), priority) << level;
}

TEST(ActionRules, AnOriginIsCompleteWhenItsLastOpenActionIsThrough) {
  struct Case {
    const char* before;
    const char* after;
    std::vector<std::string> all;
    bool completes;
  };
  const Case cases[] = {
      {"planned", "done", {"done"}, true},
      {"in_progress", "done", {"done", "cancelled"}, true},
      {"planned", "cancelled", {"cancelled", "done"}, true},
      {"planned", "cancelled", {"cancelled"}, false},               // nothing was done
      {"planned", "cancelled", {"cancelled", "cancelled"}, false},  // nothing was done
      {"planned", "done", {"done", "planned"}, false},              // another still open
      {"planned", "done", {"done", "in_progress"}, false},
      {"done", "cancelled", {"cancelled", "done"}, false},  // was through already
      {"cancelled", "done", {"done"}, false},
      {"planned", "in_progress", {"in_progress"}, false},
      {"done", "done", {"done"}, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(CompletesOrigin(c.before, c.after, c.all), c.completes)
        << c.before << " -> " << c.after;
}

}  // namespace
}  // namespace lis::domain
