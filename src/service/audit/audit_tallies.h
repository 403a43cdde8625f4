// A trail that cannot be flooded (issue 29 step 5): failed logins and refused requests are
// recorded per caller address, route, caller and minute — the first of a minute as an event of
// its own at once, the rest counted and written as one event with the number of repeats when
// the minute is over. None is dropped, and a flood writes a few events a minute, never one
// per attempt.
#pragma once

#include <optional>
#include <string>

#include "core/clock.h"
#include "core/periodic.h"
#include "core/status.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace lis::service {

// Records `event` of the transaction's actor (whose address it is) on `route` ("POST /login"):
// appended to the trail when it is the first of its address, route, caller (`user_id`, 0 for
// none) and minute, otherwise only counted, with `username` noted when not empty.
void AppendTalliedEvent(store::Tx& tx, const store::AuditEvent& event, const std::string& route,
                        long long user_id, const std::string& username);

// Writes, in one transaction, one event for each tally of a minute before `now`'s (every tally
// when `all`) that counted repeats — its action, address and caller, with route, minute,
// repeats (the attempts beyond the first) and the usernames tried — and removes the tallies.
// Returns the number of events written.
Result<int> FlushAuditTallies(store::Database& db, TimePoint now, bool all);

// The background writer of `lis serve`: flushes the finished minutes every few seconds, and
// every tally when it is destroyed.
class AuditTallyWriter {
 public:
  explicit AuditTallyWriter(store::Database& db);
  ~AuditTallyWriter();
  AuditTallyWriter(const AuditTallyWriter&) = delete;
  AuditTallyWriter& operator=(const AuditTallyWriter&) = delete;

 private:
  void Flush(bool all);  // logs failures, never throws

  store::Database& db_;
  std::optional<Periodic> ticker_;
};

}  // namespace lis::service
