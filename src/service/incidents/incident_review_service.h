// The closing review of an incident (issue 6, item 4): one per incident, with the cause, what
// worked and what to improve. Full viewers of the incident (incident_access.h) read it; its
// handlers (CanHandleIncident) write it; others get not_found. What to improve becomes actions
// with origin `incident` (incident_origin.h).
//
// "Nothing that blames a person": a text that names a user of the system — a display name, or
// a username that reads like an identifier (domain/incidents/review_blame.h), of any user,
// active or not — is refused with kInvalid "error.incident_review_blame" naming the field and
// the name. Every change is one audited transaction.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "service/actions/action_service.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

class IncidentReviewService {
 public:
  explicit IncidentReviewService(store::Database& db) : db_(db) {}

  // {"incident_id", "org_unit_id" (the incident's), "exists", "cause", "what_worked", "to_improve",
  // "reviewed_by",
  //  "reviewed_by_name", "reviewed_at", "version", "can_edit"}; before a review is written the
  //  texts are empty, "exists" false and "version" 0.
  Result<nlohmann::json> Get(const Caller& caller, long long incident_id);
  // Creates the review (no version, or version 0) or updates it (the version read; stale is
  // kConflict). Fields cause (required when creating), what_worked, to_improve: text up to
  // 4000 bytes; on update a field left out keeps its value. Records the caller and the time.
  // kForbidden for a full viewer who does not handle the incident.
  Result<nlohmann::json> Put(const Caller& caller, long long incident_id,
                             const nlohmann::json& body);
  // The one-click action of the review ("Skapa åtgärd"), for ActionService::CreateForOrigin:
  // origin incident, the incident's unit, "Improvement after incident N" in `language` as
  // title, what to improve as description, priority from the severity (1 low … 4 critical,
  // unset medium). Handlers only (kForbidden otherwise, kNotFound for non-viewers); kInvalid
  // naming to_improve while the review says nothing to improve.
  Result<ActionService::OriginDraft> ActionDraft(const Caller& caller, long long incident_id,
                                                 const std::string& language);

 private:
  store::Database& db_;
};

// The incident `id` if it is live and `caller` sees it in full.
std::optional<nlohmann::json> FullIncident(store::Tx& tx, const Caller& caller, long long id);

}  // namespace lis::service
