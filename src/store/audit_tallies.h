// The tallies of repeated security events (issue 29 step 5): failed logins and refused requests
// counted per caller address, route, caller and minute, so that a flood of them writes a few
// audit events a minute instead of one per attempt (service/audit/audit_tallies.h).
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace lis::store {

struct AuditTallyKey {
  std::string action;     // the audit action: login_failed, login_locked, permission_denied
  std::string address;    // the client address
  std::string route;      // the method and route pattern, "POST /api/v1/session"
  long long user_id = 0;  // the signed-in caller; 0 for none
  std::string minute;     // "2026-12-07T19:20" (UTC; in events "2026-12-07T19:20:00.000000Z")

  bool operator==(const AuditTallyKey&) const = default;
};

struct AuditTally {
  AuditTallyKey key;
  long long count = 0;                 // the attempts of the minute, the first included
  std::vector<std::string> usernames;  // the distinct ones given, the first kTallyUsernames
};

inline constexpr size_t kTallyUsernames = 10;

// The minute of an audit time ("2026-12-07T19:20:31.123456Z" -> "2026-12-07T19:20").
std::string MinuteOf(const std::string& at);

// Counts one attempt of `key`, noting `username` when it is not empty. True when it is the
// first of its key: then the caller records it as an event of its own.
bool CountAuditAttempt(Tx& tx, const AuditTallyKey& key, const std::string& username);

// Whether there are tallies of the minutes before `before_minute` (any when it is empty).
bool HasAuditTallies(Tx& tx, const std::string& before_minute);

// Removes and returns the tallies of the minutes before `before_minute` (every one when it is
// empty), oldest minute first.
std::vector<AuditTally> TakeAuditTallies(Tx& tx, const std::string& before_minute);

}  // namespace lis::store
