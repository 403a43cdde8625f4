// Pure rules of exceptions (undantag): an approved, time-limited departure from a requirement.
// An exception is requested, decided by the information owner of its area (approved or
// rejected), and an approved one ends by itself on the first Swedish day after its last valid
// day (expired) or earlier when it is revoked.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace lis::domain {

enum class ExceptionState { kRequested, kApproved, kRejected, kExpired, kRevoked };

// requested, approved, rejected, expired, revoked.
const std::vector<std::string>& ExceptionStates();
std::string ExceptionStateName(ExceptionState state);
std::optional<ExceptionState> ParseExceptionState(std::string_view name);

enum class ExceptionMove {
  kApprove,  // requested → approved: the information owner's decision
  kReject,   // requested → rejected
  kRevoke,   // approved → revoked: ended before its time
  kExpire,   // approved → expired: its last valid day has passed (the sweep)
};

// approve, reject, revoke, expire.
const std::vector<std::string>& ExceptionMoves();

// The state `move` leads to from `from`, or the rule it breaks as an input error naming
// "status": "error.exception_not_requested" (a decision on an exception not requested),
// "error.exception_not_approved" (revoking or expiring one not approved).
Result<ExceptionState> NextExceptionState(ExceptionState from, ExceptionMove move);

// The YYYY-MM-DD date `months` after `date`, the day kept or, past the end of the month, its
// last day (2027-01-31 + 1 = 2027-02-28); nothing when `date` is not a date.
std::optional<std::string> AddMonthsToDate(std::string_view date, int months);

// The validity of an exception from `valid_from` through `valid_until` (YYYY-MM-DD): until
// not before from ("error.exception_valid_until" naming valid_until) and at most `max_months`
// after from ("error.exception_too_long" naming valid_until); dates as dates
// ("error.field_not_date" naming the field).
Status CheckValidity(const std::string& valid_from, const std::string& valid_until, int max_months);

// Whether an approved exception valid through `valid_until` has expired at `now`: the Swedish
// date of `now` lies after it.
bool ExceptionExpiredAt(const std::string& valid_until, TimePoint now);

// Whether an exception in `state` departs from its requirement at `now` (approved, not yet
// expired): then the requirement shows the exception instead of a gap.
bool ExceptionInForce(ExceptionState state, const std::string& valid_until, TimePoint now);

// The reminder due `today` (YYYY-MM-DD) for an approved exception valid through
// `valid_until`: 30, 7 or 1 when its expiry (the day after valid_until) is at most that many
// days away — the nearest of them — or nothing (further off, or already run out).
std::optional<int> ExpiryReminderDays(const std::string& valid_until, const std::string& today);

}  // namespace lis::domain
