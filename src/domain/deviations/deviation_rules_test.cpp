#include "domain/deviations/deviation_rules.h"

#include <gtest/gtest.h>

#include <map>

namespace lis::domain {
namespace {

using S = DeviationState;
using M = DeviationMove;

// Everything a move may ask for is there: only the state decides.
DeviationFacts AllThere() {
  return {.root_cause = true, .done_actions = 1, .reason = true, .motivation = true};
}

// Every state × every move: where it leads, or refused naming the status.
TEST(DeviationRules, EveryStateAndMove) {
  const std::map<std::pair<S, M>, S> allowed = {
      {{S::kReported, M::kAnalyse}, S::kAnalysed},
      {{S::kReported, M::kReject}, S::kRejected},
      {{S::kAnalysed, M::kPlanActions}, S::kActionsPlanned},
      {{S::kAnalysed, M::kReject}, S::kRejected},
      {{S::kActionsPlanned, M::kVerify}, S::kVerifying},
      {{S::kVerifying, M::kEffective}, S::kClosed},
      {{S::kVerifying, M::kNotEffective}, S::kAnalysed},
  };
  for (const auto& state_name : DeviationStates()) {
    S state = *ParseDeviationState(state_name);
    for (const auto& move_name : DeviationMoves()) {
      M move = *ParseDeviationMove(move_name);
      auto next = NextDeviationState(state, move, AllThere());
      auto it = allowed.find({state, move});
      if (it != allowed.end()) {
        ASSERT_TRUE(next.ok()) << state_name << " " << move_name;
        EXPECT_EQ(*next, it->second) << state_name << " " << move_name;
      } else {
        ASSERT_FALSE(next.ok()) << state_name << " " << move_name;
        EXPECT_EQ(next.error().message_key, "error.deviation_move");
        EXPECT_EQ(next.error().field, "status");
      }
    }
  }
}

// The rules of each move beyond its state.
TEST(DeviationRules, MovesNeedWhatTheyStandOn) {
  const struct {
    const char* what;
    S from;
    M move;
    DeviationFacts facts;
    const char* key;
    const char* field;
  } cases[] = {
      {"analysis without a root cause",
       S::kReported,
       M::kAnalyse,
       {},
       "error.deviation_root_cause",
       "root_cause"},
      {"a plan without actions",
       S::kAnalysed,
       M::kPlanActions,
       {.root_cause = true},
       "error.deviation_no_actions",
       "actions"},
      {"verification with an action open",
       S::kActionsPlanned,
       M::kVerify,
       {.root_cause = true, .open_actions = 1, .done_actions = 2},
       "error.deviation_actions_open",
       "actions"},
      {"verification with every action cancelled",
       S::kActionsPlanned,
       M::kVerify,
       {.root_cause = true},
       "error.deviation_no_actions",
       "actions"},
      {"a verdict without motivation",
       S::kVerifying,
       M::kEffective,
       {.root_cause = true, .done_actions = 1},
       "error.deviation_motivation",
       "motivation"},
      {"a verdict by the owner of an action",
       S::kVerifying,
       M::kNotEffective,
       {.root_cause = true, .done_actions = 1, .motivation = true, .by_action_owner = true},
       "error.deviation_verdict_owner",
       ""},
      {"a rejection without a reason",
       S::kReported,
       M::kReject,
       {},
       "error.deviation_reason",
       "rejection_reason"},
  };
  for (const auto& c : cases) {
    auto next = NextDeviationState(c.from, c.move, c.facts);
    ASSERT_FALSE(next.ok()) << c.what;
    EXPECT_EQ(next.error().message_key, c.key) << c.what;
    EXPECT_EQ(next.error().field, c.field) << c.what;
  }
  auto owner = NextDeviationState(
      S::kVerifying, M::kEffective,
      {.root_cause = true, .done_actions = 1, .motivation = true, .by_action_owner = true});
  ASSERT_FALSE(owner.ok());
  EXPECT_EQ(owner.error().code, Code::kForbidden);
}

TEST(DeviationRules, NamesRoundTripAndOpenStates) {
  for (const auto& name : DeviationStates())
    EXPECT_EQ(DeviationStateName(*ParseDeviationState(name)), name);
  EXPECT_FALSE(ParseDeviationState("open"));
  EXPECT_FALSE(ParseDeviationMove("close"));
  EXPECT_TRUE(DeviationOpen(S::kVerifying));
  EXPECT_FALSE(DeviationOpen(S::kClosed));
  EXPECT_FALSE(DeviationOpen(S::kRejected));
}

}  // namespace
}  // namespace lis::domain
