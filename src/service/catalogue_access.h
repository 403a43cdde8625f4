// Who may change the installation's catalogues: the protection-requirement catalogue and the
// control framework library.
#pragma once

#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

// kCatalogueWrite counts installation-wide or on a group or municipality node, not on a
// company or a unit (a company's CISO reads the catalogues).
bool CanWriteCatalogue(store::Tx& tx, const Caller& caller);

}  // namespace lis::service
