#include "domain/actions/action_rules.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace lis::domain {

const std::vector<std::string>& ActionStatuses() {
  static const std::vector<std::string> kValues = {"planned", "in_progress", "done", "cancelled"};
  return kValues;
}

const std::vector<std::string>& ActionPriorities() {
  static const std::vector<std::string> kValues = {"low", "medium", "high", "critical"};
  return kValues;
}

const std::vector<std::string>& ActionOriginKinds() {
  static const std::vector<std::string> kValues = {"risk",     "control_gap", "requirement_gap",
                                                   "incident", "deviation",   "manual"};
  return kValues;
}

bool IsOneOf(const std::string& value, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

bool ActionOpen(const std::string& status) {
  return status == "planned" || status == "in_progress";
}

std::string PriorityForLevel(int level) {
  if (level <= 1) return "low";
  if (level == 2) return "medium";
  if (level == 3) return "high";
  return "critical";
}

bool CompletesOrigin(const std::string& before, const std::string& after,
                     const std::vector<std::string>& all) {
  auto through = [](const std::string& s) { return s == "done" || s == "cancelled"; };
  if (!through(after) || through(before)) return false;
  bool any_done = false;
  for (const auto& s : all) {
    if (!through(s)) return false;
    any_done = any_done || s == "done";
  }
  return any_done;
}

}  // namespace lis::domain
