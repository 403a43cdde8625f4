// The risk scale, treatments and the pure rules of risk acceptance (GLOSSARY.md, Risk).
// Likelihood 1-4 (osannolik, möjlig, sannolik, mycket sannolik) times consequence 1-4
// (begränsad, måttlig, betydande, allvarlig) gives a score 1-16. A residual score above the
// organisation's threshold (risk appetite) with the treatment "accept" needs a recorded
// acceptance decision by the information owner of the area; a decision is valid up to and
// including its valid_until date and at most kMaxAcceptanceYears ahead.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

constexpr int kRiskScaleMax = 4;
constexpr int kRiskScoreMax = kRiskScaleMax * kRiskScaleMax;
constexpr int kMaxAcceptanceYears = 3;

// Whether `value` is a step of the scale (1-4).
bool IsRiskLevel(long long value);
// likelihood × consequence; both must be steps of the scale.
int RiskScore(int likelihood, int consequence);

// "reduce", "accept", "avoid", "share".
const std::vector<std::string>& RiskTreatments();
bool IsRiskTreatment(std::string_view treatment);

// An organisation's settings: the acceptance threshold (risk appetite) and the scores from
// which a matrix cell is yellow, orange and red (green below yellow_from).
struct RiskSettings {
  int threshold = 8;
  int yellow_from = 3;
  int orange_from = 6;
  int red_from = 9;
};
// The field at fault ("threshold", "yellow_from", ...), or nothing when the settings hold:
// every value 1-16 and yellow_from <= orange_from <= red_from.
std::optional<std::string> InvalidRiskSetting(const RiskSettings& s);
// "green", "yellow", "orange" or "red" for a score.
std::string RiskBand(const RiskSettings& s, int score);

// Whether a (residual) score lies above the threshold.
bool AboveThreshold(const RiskSettings& s, int score);

// A recorded acceptance decision; dates are "YYYY-MM-DD".
struct Acceptance {
  std::string valid_until;
};

// Whether a decision valid until `valid_until` still holds on `today` (inclusive).
bool AcceptanceValidOn(const std::string& valid_until, const std::string& today);
// The latest valid_until a decision made on `today` may carry (kMaxAcceptanceYears later).
std::string LatestValidUntil(const std::string& today);

// What a risk needs, from its treatment, scores and decision.
enum class RiskState {
  kOpen,                // no treatment decided yet
  kTreated,             // reduce, avoid or share
  kAccepted,            // accept: at or below the threshold, or a valid decision holds
  kAwaitingAcceptance,  // accept above the threshold without a decision
  kAcceptanceExpired,   // the decision has expired: the risk needs review
};
const char* RiskStateName(RiskState state);

struct RiskFacts {
  std::string treatment;                 // "" while undecided
  int score = 1;                         // inherent
  std::optional<int> residual_score;     // nothing while not assessed
  std::optional<Acceptance> acceptance;  // the recorded decision, if any
};
// The score the acceptance rules look at: the residual score, or the inherent one while
// the residual level is not assessed.
int EffectiveScore(const RiskFacts& risk);
// Whether accepting the risk needs a decision by the information owner.
bool NeedsAcceptanceDecision(const RiskSettings& s, const RiskFacts& risk);
// The state on `today` ("YYYY-MM-DD"). An expired decision sends the risk back for review
// whatever the threshold is now.
RiskState StateOf(const RiskSettings& s, const RiskFacts& risk, const std::string& today);

}  // namespace lis::domain
