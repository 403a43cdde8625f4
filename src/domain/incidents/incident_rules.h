// Pure rules of incident handling: the statuses and the moves between them, the affected
// aspects, severity, and the kinds of timeline entries and links.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace lis::domain {

// new, triage, investigating, contained, resolved, closed (in the usual order of handling).
const std::vector<std::string>& IncidentStatuses();
// Whether an incident in `status` is still being worked on (not resolved or closed).
bool IncidentOpen(const std::string& status);

// Whether the status may move from `from` to `to`. Staying is always allowed. Handling may go
// forward or back between triage, investigating, contained and resolved, and may close from
// any of them or from new (a false alarm); nothing goes back to new; a closed incident only
// reopens to investigating.
bool IncidentMoveAllowed(const std::string& from, const std::string& to);
// Whether the move leaves the intake (new or triage) for handling: the first such move sets
// triaged_at.
bool LeavesTriage(const std::string& from, const std::string& to);

// Severity 1 (low) to 4 (critical).
constexpr int kMinIncidentSeverity = 1;
constexpr int kMaxIncidentSeverity = 4;

// The affected aspects as stored: a subset of "KRTS" written in that order ("KT"). `letters`
// are one-letter strings in any order; nothing when one is not K, R, T or S or repeats.
std::optional<std::string> AspectsFromLetters(const std::vector<std::string>& letters);
// The stored form back as one-letter strings, in the order K, R, T, S.
std::vector<std::string> AspectLetters(const std::string& stored);

// Entries a person adds to the timeline: note, decision, contact.
const std::vector<std::string>& TimelineEntryKinds();
// Entries the service appends itself when the status or the handler changes.
inline const char* kTimelineStatus = "status";
inline const char* kTimelineHandler = "handler";

// What an incident links to: system, information_set, risk, action.
const std::vector<std::string>& IncidentLinkKinds();

}  // namespace lis::domain
