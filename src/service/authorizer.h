// Role-and-scope checks shared by every service. A grant held on a node covers its subtree.
#pragma once

#include <optional>

#include "domain/org/roles.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

// Whether `caller` holds `permission` on organisation node `node`. A record that belongs to
// no node (nothing) needs an installation-wide grant.
bool Can(store::Tx& tx, const Caller& caller, domain::Permission permission,
         std::optional<long long> node);

inline domain::PermissionScopes ScopesOf(const Caller& caller, domain::Permission permission) {
  return domain::ScopesFor(caller.grants, permission);
}

}  // namespace lis::service
