// The one action list (åtgärder): who does what by when, for every area, each action linked
// back to its origin (action_origin.h).
//
// Permissions (domain/org/roles.cpp): kActionRead on an action's node (its subtree) reads it;
// kActionWrite there creates and changes it. The owner always reads its own actions, also
// outside its role scopes, and may change their status and progress note, but reassigns them
// or moves them to another node only with kActionWrite there. An action the caller may not
// read is not found; a refused change is forbidden.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/actions/action_origin.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct ActionListQuery {
  PageRequest page;
  // "planned", "in_progress", "done", "cancelled", or "open" (planned or in progress).
  std::string status;
  std::optional<long long> owner_id;     // "me" is read as the caller's id
  std::optional<long long> org_unit_id;  // the node and everything below it
  std::string origin;
  std::optional<long long> origin_id;
  std::string origin_ref;
  std::string priority;
  bool overdue = false;    // due before today and still open
  std::string due_before;  // YYYY-MM-DD, exclusive
  std::string search;      // part of the title, any case
  // due_date, priority, updated_at, title; "-" in front for descending. Empty: due date.
  std::string sort;
};

// Reads an action list query from request parameters: status, owner_id (an id or "me"),
// mine=true (owner_id=me), org_unit_id, origin, origin_id, origin_ref, priority, overdue
// (true/false), due_before, q, sort. A bad value is kInvalid naming the parameter. The page
// is left as it is.
Result<ActionListQuery> ReadActionListQuery(const ParamLookup& param, long long caller_id);

// Counts of open actions in the caller's read scope (for the start page).
struct ActionCounts {
  long long open = 0;
  long long overdue = 0;
  long long due_soon = 0;  // due within 14 days, not overdue
};

// Whether the caller may read `action` (an action record): its owner, or kActionRead there.
bool CanReadAction(store::Tx& tx, const Caller& caller, const nlohmann::json& action);

class ActionService {
 public:
  // Registers the built-in origins (manual, requirement_gap); other areas register theirs
  // through origins() at start.
  explicit ActionService(store::Database& db);

  ActionOrigins& origins() { return origins_; }

  // Actions the caller may read that match the query, each decorated as Get answers.
  Result<store::Page> List(const Caller& caller, const ActionListQuery& query);
  // One action with "owner_name", "org_unit", "overdue", "origin_url", "origin_label" and
  // "can": {"edit", "status", "delete"}.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: title, org_unit_id, owner_id, due_date (YYYY-MM-DD), and optional description,
  // priority (low, medium, high, critical; default medium), status (default planned),
  // progress_note, origin (default manual), origin_id, origin_ref. The owner must be an
  // active user that can see the node (it holds kOrgRead there).
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any field of Create. completed_at is set when the status becomes done
  // and cleared when it leaves done; when an action changes to done or cancelled and its
  // origin's actions are all through, the origin's on_all_done runs in the same transaction.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Soft delete, for kActionWrite on the action's node.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // What an area knows of an origin when it asks for an action to deal with it.
  struct OriginDraft {
    std::string origin;  // a registered kind
    long long origin_id = 0;
    std::string origin_ref;
    std::string title;  // shortened to 180 characters
    std::string description;
    long long org_unit_id = 0;  // where the action is placed
    std::string priority;       // low, medium, high, critical
  };
  // The one-click action of an origin: the draft's values, the caller as owner, due in 90
  // days, status planned. The origin is checked as Create checks it.
  Result<nlohmann::json> CreateForOrigin(const Caller& caller, const OriginDraft& draft);
  // Creates the action that closes the gap of requirement `code` on system `system_id`: the
  // requirement's code and text as title, origin requirement_gap, the system's node, the
  // caller as owner, due in 90 days, priority from the requirement's level.
  Result<nlohmann::json> CreateForRequirementGap(const Caller& caller, long long system_id,
                                                 const std::string& code);
  // Open actions (planned or in progress) of origin (kind, id) the caller may read, by
  // origin_ref: the first (lowest id) for each ref.
  Result<std::map<std::string, nlohmann::json>> OpenByOriginRef(const Caller& caller,
                                                                const std::string& kind,
                                                                long long origin_id);
  // Whether the caller may create actions on node `org_unit_id`.
  bool MayCreate(const Caller& caller, long long org_unit_id);
  // Counts in the caller's kActionRead scopes; kForbidden without any.
  Result<ActionCounts> Counts(const Caller& caller);

 private:
  store::Database& db_;
  ActionOrigins origins_;
};

}  // namespace lis::service
