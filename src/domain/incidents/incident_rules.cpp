#include "domain/incidents/incident_rules.h"

#include <algorithm>

namespace lis::domain {

namespace {
bool In(const std::string& value, const std::vector<std::string>& list) {
  return std::find(list.begin(), list.end(), value) != list.end();
}
}  // namespace

const std::vector<std::string>& IncidentStatuses() {
  static const std::vector<std::string> kStatuses = {"new",       "triage",   "investigating",
                                                     "contained", "resolved", "closed"};
  return kStatuses;
}

bool IncidentOpen(const std::string& status) {
  return status != "resolved" && status != "closed";
}

bool IncidentMoveAllowed(const std::string& from, const std::string& to) {
  if (!In(from, IncidentStatuses()) || !In(to, IncidentStatuses())) return false;
  if (from == to) return true;
  if (to == "new") return false;
  if (from == "closed") return to == "investigating";
  return true;
}

bool LeavesTriage(const std::string& from, const std::string& to) {
  auto intake = [](const std::string& s) { return s == "new" || s == "triage"; };
  return intake(from) && !intake(to);
}

std::optional<std::string> AspectsFromLetters(const std::vector<std::string>& letters) {
  static const std::string kOrder = "KRTS";
  std::string seen;
  for (const auto& l : letters) {
    if (l.size() != 1 || kOrder.find(l[0]) == std::string::npos) return std::nullopt;
    if (seen.find(l[0]) != std::string::npos) return std::nullopt;
    seen += l[0];
  }
  std::string out;
  for (char c : kOrder)
    if (seen.find(c) != std::string::npos) out += c;
  return out;
}

std::vector<std::string> AspectLetters(const std::string& stored) {
  std::vector<std::string> out;
  for (char c : std::string("KRTS"))
    if (stored.find(c) != std::string::npos) out.emplace_back(1, c);
  return out;
}

const std::vector<std::string>& TimelineEntryKinds() {
  static const std::vector<std::string> kKinds = {"note", "decision", "contact"};
  return kKinds;
}

const std::vector<std::string>& IncidentLinkKinds() {
  static const std::vector<std::string> kKinds = {"system", "information_set", "risk", "action"};
  return kKinds;
}

}  // namespace lis::domain
