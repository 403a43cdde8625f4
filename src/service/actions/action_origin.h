// Where actions come from. Each origin kind (domain::ActionOriginKinds) is registered with
// how to check that the thing an action names (origin_id, origin_ref) exists and is visible to
// the caller, how to link back to it, and optionally what to do when its actions are all
// through. Kinds not registered yet are refused (issue 5: incident and deviation arrive with
// later issues). The registry is filled once at start, before the server serves; afterwards
// it is only read.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

struct OriginLink {
  std::string url;    // a page of LIS
  std::string label;  // in the language asked for
};

struct OriginHandler {
  // Whether the origin names a record (origin_id required); `manual` does not, and then
  // origin_id and origin_ref must be absent.
  bool has_id = true;
  // Whether origin_ref is required besides origin_id (a requirement code, a control ref).
  bool has_ref = false;
  // Ok when (id, ref) exists and `caller` may see it; otherwise kInvalid naming origin_id
  // or origin_ref. Called inside the write transaction of the action's create or change.
  std::function<Status(store::Tx&, const Caller&, long long id, const std::string& ref)> check;
  // The link back to the origin, its label in `language`.
  std::function<OriginLink(store::Tx&, long long id, const std::string& ref,
                           const std::string& language)>
      link;
  // Optional: called in the same transaction when an action of this origin changes to done or
  // cancelled and every action of the origin is then done or cancelled, at least one done
  // (domain::CompletesOrigin). A risk asks its owner to re-assess the residual level.
  std::function<void(store::Tx&, long long id, const std::string& ref)> on_all_done;
};

class ActionOrigins {
 public:
  // Registers (or replaces) the handler of `kind`, one of domain::ActionOriginKinds().
  void Register(const std::string& kind, OriginHandler handler);
  // The handler of `kind`, or null when it is not registered.
  const OriginHandler* Find(const std::string& kind) const;

  // Checks an action's origin as the caller gives it: `kind` must be a known kind (kInvalid
  // "error.action_origin" naming origin) and registered ("error.action_origin_unavailable"
  // naming origin); origin_id (and origin_ref) present exactly when the kind takes them
  // (naming the field); then the handler's check.
  Status Check(store::Tx& tx, const Caller& caller, const std::string& kind,
               std::optional<long long> id, const std::string& ref) const;
  // The link back, or an empty one (manual, or a kind not registered).
  OriginLink Link(store::Tx& tx, const std::string& kind, std::optional<long long> id,
                  const std::string& ref, const std::string& language) const;
  // After one action of origin (kind, id, ref) changed status from `before` to `after`, with
  // `all` the statuses of every live action of that origin now: calls on_all_done when
  // domain::CompletesOrigin says the origin is finished. Returns whether it called it.
  bool AfterStatusChange(store::Tx& tx, const std::string& kind, std::optional<long long> id,
                         const std::string& ref, const std::string& before,
                         const std::string& after, const std::vector<std::string>& all) const;

 private:
  std::map<std::string, OriginHandler> handlers_;
};

// Registers the origins this area knows itself: `manual` (no origin record) and
// `requirement_gap` (origin_id a system, origin_ref a requirement code: the system must be
// visible to the caller, the requirement triggered for it and not met nor not applicable;
// the link goes to the system page).
void RegisterBuiltInOrigins(ActionOrigins& origins);

}  // namespace lis::service
