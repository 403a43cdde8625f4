#include "domain/deviations/deviation_rules.h"

namespace lis::domain {

const std::vector<std::string>& DeviationStates() {
  static const std::vector<std::string> kStates = {"reported",  "analysed", "actions_planned",
                                                   "verifying", "closed",   "rejected"};
  return kStates;
}

std::string DeviationStateName(DeviationState state) {
  return DeviationStates()[static_cast<size_t>(state)];
}

std::optional<DeviationState> ParseDeviationState(std::string_view name) {
  for (size_t i = 0; i < DeviationStates().size(); ++i)
    if (name == DeviationStates()[i]) return static_cast<DeviationState>(i);
  return std::nullopt;
}

const std::vector<std::string>& DeviationMoves() {
  static const std::vector<std::string> kMoves = {"analyse",   "plan_actions",  "verify",
                                                  "effective", "not_effective", "reject"};
  return kMoves;
}

std::optional<DeviationMove> ParseDeviationMove(std::string_view name) {
  for (size_t i = 0; i < DeviationMoves().size(); ++i)
    if (name == DeviationMoves()[i]) return static_cast<DeviationMove>(i);
  return std::nullopt;
}

namespace {

using S = DeviationState;
using M = DeviationMove;

// The state a move starts from (reject: see below) and the one it leads to.
struct Edge {
  M move;
  S from;
  S to;
};
constexpr Edge kEdges[] = {
    {M::kAnalyse, S::kReported, S::kAnalysed},
    {M::kPlanActions, S::kAnalysed, S::kActionsPlanned},
    {M::kVerify, S::kActionsPlanned, S::kVerifying},
    {M::kEffective, S::kVerifying, S::kClosed},
    {M::kNotEffective, S::kVerifying, S::kAnalysed},
    {M::kReject, S::kReported, S::kRejected},
    {M::kReject, S::kAnalysed, S::kRejected},
};

// The rule of `move` on `facts`, once its state allows it.
Status CheckFacts(M move, const DeviationFacts& f) {
  switch (move) {
    case M::kAnalyse:
      if (!f.root_cause) return Invalid("error.deviation_root_cause", "root_cause");
      break;
    case M::kPlanActions:
      if (!f.root_cause) return Invalid("error.deviation_root_cause", "root_cause");
      if (f.open_actions + f.done_actions == 0)
        return Invalid("error.deviation_no_actions", "actions");
      break;
    case M::kVerify:
      if (f.open_actions > 0) return Invalid("error.deviation_actions_open", "actions");
      if (f.done_actions == 0) return Invalid("error.deviation_no_actions", "actions");
      break;
    case M::kEffective:
    case M::kNotEffective:
      if (f.by_action_owner) return MakeError(Code::kForbidden, "error.deviation_verdict_owner");
      if (!f.motivation) return Invalid("error.deviation_motivation", "motivation");
      break;
    case M::kReject:
      if (!f.reason) return Invalid("error.deviation_reason", "rejection_reason");
      break;
  }
  return {};
}

}  // namespace

Result<DeviationState> NextDeviationState(DeviationState from, DeviationMove move,
                                          const DeviationFacts& facts) {
  for (const Edge& e : kEdges) {
    if (e.move != move || e.from != from) continue;
    Status s = CheckFacts(move, facts);
    if (!s.ok()) return s.error();
    return e.to;
  }
  return Invalid("error.deviation_move", "status")
      .With("move", DeviationMoves()[static_cast<size_t>(move)])
      .With("status", DeviationStateName(from));
}

bool DeviationOpen(DeviationState state) {
  return state != DeviationState::kClosed && state != DeviationState::kRejected;
}

}  // namespace lis::domain
