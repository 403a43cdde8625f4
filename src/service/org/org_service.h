// Organisation tree: groups, municipalities, companies and their units.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct OrgListQuery {
  PageRequest page{500, 0};
  std::optional<long long> parent_id;  // only children of this node
  bool roots_only = false;             // only nodes without a parent
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

 private:
  store::Database& db_;
};

}  // namespace lis::service
