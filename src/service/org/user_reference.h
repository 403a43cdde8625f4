// References from a record to a user (an owner, a handler, a responsible person): who may be
// named, checked the same way by every area.
#pragma once

#include <string>

#include "core/status.h"
#include "store/database.h"

namespace lis::service {

// The outermost organisation (municipality or company) at or above org node `unit`; the
// root when none is; 0 when there is no such node.
long long OrganisationOf(store::Tx& tx, long long unit);

// Whether user `user_id` may be named in field `field` of a record placed at org node `unit`:
// an active user who belongs to the record's organisation or holds an active role in it
// (scoped inside it, or over it such as an installation-wide role). Otherwise kInvalid
// "error.user_reference" naming the field — the same answer whether the user exists or not, so that
// the user directory of other organisations cannot be probed through a reference.
Status CheckUserReference(store::Tx& tx, const std::string& field, long long user_id,
                          long long unit);

}  // namespace lis::service
