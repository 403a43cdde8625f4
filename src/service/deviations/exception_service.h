// Exceptions (undantag, issue 28): an approved, time-limited departure from a requirement — a
// protection requirement of systems (requirement_code with system_ids), a control of the
// statement of applicability (control_ref with framework_id) or a guideline clause or other
// text (clause). Fields as declared in domain/deviations/exception_record.cpp; states by
// domain/deviations/exception_rules.h.
//
// Permissions (domain/org/roles.cpp): kExceptionRequest requests (object roles for the objects
// of its systems, the CISO in its scope); kExceptionDecide on the unit decides (only the
// information owner); kExceptionOpinion (the CISO) gives its opinion, revokes and removes;
// kExceptionRead on the unit, or an object role on an object of its systems, reads; the
// requester reads its own. Anyone else gets not_found; a refused change by one who reads is
// forbidden.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/deviations/exception_queries.h"
#include "store/records.h"

namespace lis::service {

struct ExceptionListQuery : store::ExceptionWhere {
  PageRequest page;
  std::string sort;  // title, valid_from, valid_until or updated_at, "-" for descending
  bool deleted = false;
};
// The list's filters from request parameters: org_unit_id, status, requirement_code,
// system_id, mine=true (requested by the caller), expiring_within (days, 0..366: approved and
// valid through a day before today + N), q, sort, deleted. A bad value is kInvalid naming the
// parameter. The page is left as it is.
Result<ExceptionListQuery> ReadExceptionListQuery(const ParamLookup& param, long long caller_id);

class ExceptionService {
 public:
  ExceptionService(store::Database& db, int max_months) : db_(db), max_months_(max_months) {}

  Result<store::Page> List(const Caller& caller, const ExceptionListQuery& query);
  // One exception with "system_ids", "requested_by_name", "decided_by_name", "in_force"
  // (approved and not run out today) and "can" {"edit", "decide", "revoke", "delete"}.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: the input fields. Exactly one subject: requirement_code (a live requirement, with
  // at least one system), control_ref with framework_id (a control of that framework), or
  // clause ("error.exception_subject" naming requirement_code otherwise); valid_until not
  // before valid_from and at most max_months after it; systems the caller reads, a risk it
  // reads, a previous exception it reads. The caller must hold kExceptionRequest on every
  // system's object, or on the unit when there are none; ciso_opinion needs
  // kExceptionOpinion. The status is "requested".
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any input fields, while requested (else conflict
  // "error.exception_decided"), by the requester or a holder of kExceptionRequest on the
  // unit; the same checks as Create.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // While requested by those who may edit it; at any time by kExceptionOpinion.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // The approved exceptions in force now for the controls of framework `framework_id` in the
  // statement of applicability of organisation `org_unit_id` that the caller sees, the
  // longest valid per control: control ref → {"id", "valid_until"}.
  Result<std::map<std::string, nlohmann::json>> InForceForControls(const Caller& caller,
                                                                   long long org_unit_id,
                                                                   long long framework_id);
  // Whether the caller may request an exception at unit `org_unit_id` (not for systems).
  bool MayRequestAt(const Caller& caller, long long org_unit_id);

  // Body {"approve": bool, "motivation", "version"}: the information owner's decision on a
  // requested exception (kExceptionDecide on its unit). An approval needs valid_until not
  // before today ("error.date_past" naming valid_until).
  Result<nlohmann::json> Decide(const Caller& caller, long long id, const nlohmann::json& body,
                                TimePoint now);
  // Body {"reason", "version"}: ends an approved exception before its time (kExceptionDecide
  // or kExceptionOpinion on its unit).
  Result<nlohmann::json> Revoke(const Caller& caller, long long id, const nlohmann::json& body);

 private:
  store::Database& db_;
  int max_months_;
};

// Marks every approved exception whose last valid day lies before the Swedish date of `now`
// as expired, one audited change each by the actor "system". Returns how many; a second run
// finds none. Safe to run in several processes at once (a changed version is skipped).
Result<int> ExpireExceptions(store::Database& db, TimePoint now);

// Writes the bell reminders due at `now` (Swedish date) for approved exceptions ending within
// 30 days: to the requester and the CISOs over its unit, at 30, 7 and 1 days before it ends
// (domain::ExpiryReminderDays, only the nearest), once per exception, threshold and user.
// Returns how many were written.
Result<int> RemindEndingExceptions(store::Database& db, TimePoint now);

// The approved exceptions in force on the Swedish date of `now` for the requirements of system
// `system_id`, by requirement code: {"id", "valid_until"} of the one valid longest. Authorises
// nothing: for the requirement view of a system the caller already reads.
std::map<std::string, nlohmann::json> ExceptionsInForceFor(store::Tx& tx, long long system_id,
                                                           TimePoint now);

}  // namespace lis::service
