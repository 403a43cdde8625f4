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

namespace {
std::optional<std::chrono::year_month_day> ParseDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(text.substr(0, 4))},
      std::chrono::month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))},
      std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}
}  // namespace

bool IsDate(const std::string& text) {
  return ParseDate(text).has_value();
}

std::optional<std::string> AddDays(const std::string& date, int days) {
  auto ymd = ParseDate(date);
  if (!ymd) return std::nullopt;
  std::chrono::year_month_day out{std::chrono::sys_days(*ymd) + std::chrono::days(days)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()),
                static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
  return std::string(buf);
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
