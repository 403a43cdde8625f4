#include "domain/risk/risk.h"

#include "core/clock.h"

#include <algorithm>
#include <cstdio>

namespace lis::domain {

bool IsRiskLevel(long long value) {
  return value >= 1 && value <= kRiskScaleMax;
}

int RiskScore(int likelihood, int consequence) {
  return likelihood * consequence;
}

const std::vector<std::string>& RiskTreatments() {
  static const std::vector<std::string> kTreatments = {"reduce", "accept", "avoid", "share"};
  return kTreatments;
}

bool IsRiskTreatment(std::string_view treatment) {
  const auto& all = RiskTreatments();
  return std::find(all.begin(), all.end(), treatment) != all.end();
}

std::optional<std::string> InvalidRiskSetting(const RiskSettings& s) {
  auto out_of_scale = [](int v) { return v < 1 || v > kRiskScoreMax; };
  if (out_of_scale(s.threshold)) return "threshold";
  if (out_of_scale(s.yellow_from)) return "yellow_from";
  if (out_of_scale(s.orange_from) || s.orange_from < s.yellow_from) return "orange_from";
  if (out_of_scale(s.red_from) || s.red_from < s.orange_from) return "red_from";
  return std::nullopt;
}

std::string RiskBand(const RiskSettings& s, int score) {
  if (score >= s.red_from) return "red";
  if (score >= s.orange_from) return "orange";
  if (score >= s.yellow_from) return "yellow";
  return "green";
}

bool AboveThreshold(const RiskSettings& s, int score) {
  return score > s.threshold;
}

bool AcceptanceValidOn(const std::string& valid_until, const std::string& today) {
  return today <= valid_until;  // ISO dates sort as the days they name
}

std::string LatestValidUntil(const std::string& today) {
  int y = std::stoi(today.substr(0, 4)) + kMaxAcceptanceYears;
  std::string month_day = today.substr(4);
  char year[8];
  std::snprintf(year, sizeof year, "%04d", y);
  std::string out = year + month_day;
  // 29 February has no twin three years on.
  if (!IsDate(out)) out = std::string(year) + "-02-28";
  return out;
}

const char* RiskStateName(RiskState state) {
  switch (state) {
    case RiskState::kOpen:
      return "open";
    case RiskState::kTreated:
      return "treated";
    case RiskState::kAccepted:
      return "accepted";
    case RiskState::kAwaitingAcceptance:
      return "awaiting_acceptance";
    case RiskState::kAcceptanceExpired:
      return "acceptance_expired";
  }
  return "open";
}

int EffectiveScore(const RiskFacts& risk) {
  return risk.residual_score.value_or(risk.score);
}

bool NeedsAcceptanceDecision(const RiskSettings& s, const RiskFacts& risk) {
  return risk.treatment == "accept" && AboveThreshold(s, EffectiveScore(risk));
}

RiskState StateOf(const RiskSettings& s, const RiskFacts& risk, const std::string& today) {
  if (risk.treatment.empty()) return RiskState::kOpen;
  if (risk.treatment != "accept") return RiskState::kTreated;
  if (risk.acceptance)
    return AcceptanceValidOn(risk.acceptance->valid_until, today) ? RiskState::kAccepted
                                                                  : RiskState::kAcceptanceExpired;
  return NeedsAcceptanceDecision(s, risk) ? RiskState::kAwaitingAcceptance : RiskState::kAccepted;
}

}  // namespace lis::domain
