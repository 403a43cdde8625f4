#include "service/catalogue_access.h"

#include "service/authorizer.h"

namespace lis::service {

bool CanWriteCatalogue(store::Tx& tx, const Caller& caller) {
  auto scopes = ScopesOf(caller, domain::Permission::kCatalogueWrite);
  if (scopes.everywhere) return true;
  for (long long root : scopes.roots) {
    auto row = tx.QueryOne(
        "SELECT id FROM org_units WHERE id = ? AND kind IN ('group', 'municipality') AND "
        "deleted_at IS NULL",
        {store::Value(root)}, {store::Col::kInt});
    if (row) return true;
  }
  return false;
}

}  // namespace lis::service
