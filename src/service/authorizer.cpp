#include "service/authorizer.h"

#include "store/org/org_tables.h"

namespace lis::service {

bool Can(store::Tx& tx, const Caller& caller, domain::Permission permission,
         std::optional<long long> node) {
  auto scopes = domain::ScopesFor(caller.grants, permission);
  if (scopes.everywhere) return true;
  if (!node || scopes.roots.empty()) return false;
  return domain::Allows(caller.grants, permission, store::OrgPath(tx, *node));
}

}  // namespace lis::service
