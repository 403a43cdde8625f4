// Who sees and changes an exception (exception_service.h states the rules).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/status.h"
#include "domain/org/roles.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

// `exception` is an exception record (columns of store::ExceptionTable()), `systems` the
// systems it concerns.
bool SeesException(store::Tx& tx, const Caller& caller, const nlohmann::json& exception,
                   const std::vector<long long>& systems);
// Whether the caller holds `permission` on the exception's unit.
bool CanOnException(store::Tx& tx, const Caller& caller, domain::Permission permission,
                    const nlohmann::json& exception);
// Whether the caller may request an exception for `systems` (kExceptionRequest on each
// system's object) or, when there are none, at unit `unit`.
bool MayRequestException(store::Tx& tx, const Caller& caller, long long unit,
                         const std::vector<long long>& systems);

// The live exception `id` the caller sees (with `deleted`, also a deleted one) with its
// "system_ids", else kNotFound.
Result<nlohmann::json> SeenException(store::Tx& tx, const Caller& caller, long long id,
                                     bool deleted = false);

// `exception` (with its "system_ids") as Get shows it to `caller`: with "requested_by_name",
// "decided_by_name", "in_force" and "can" {"edit", "decide", "revoke", "delete"}.
nlohmann::json ShownException(store::Tx& tx, const Caller& caller, nlohmann::json exception);

}  // namespace lis::service
