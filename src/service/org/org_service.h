// Organisation tree: groups, municipalities, companies and their units.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include <vector>
#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct OrgListQuery {
  PageRequest page{500, 0};
  std::optional<long long> parent_id;  // only children of this node
  bool roots_only = false;             // only nodes without a parent
  bool deleted = false;                // the soft-deleted nodes instead of the live ones
};

class OrgService {
 public:
  explicit OrgService(store::Database& db) : db_(db) {}

  // Nodes the caller may read, ordered by name.
  Result<store::Page> List(const Caller& caller, const OrgListQuery& query);
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: name, kind, parent_id (null for a root), org_number (optional).
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any of name, kind, parent_id (a move), org_number.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Refuses a node with live children, users or role assignments. `version` if given must match.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);

  // Versions of the node from the audit trail, oldest first (also for a deleted node).
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  // The node as it was at `at` (RFC 3339).
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);
  // Body: {"version": N, "comment"?}. Makes the node equal to version N again (undeleting it
  // if need be) as a new, audited version; the same rules as an update apply.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

 private:
  Result<nlohmann::json> Save(store::Tx& tx, const Caller& caller, const nlohmann::json& current,
                              nlohmann::json record, long long expected_version,
                              const std::string& action);

  store::Database& db_;
};

}  // namespace lis::service
