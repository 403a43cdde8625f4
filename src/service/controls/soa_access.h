// Shared by the SoA service's parts: who may reach which SoA, and the document as it is now.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/org/roles.h"
#include "service/caller.h"
#include "service/controls/soa_service.h"
#include "store/database.h"

namespace lis::service {

struct SoaTarget {
  nlohmann::json org;        // the organisation's org_units record
  nlohmann::json framework;  // the frameworks record
};

// The organisation and framework of `key` when the caller holds `permission` there (see
// soa_service.h for the errors: not found, forbidden, not an organisation, unknown framework).
Result<SoaTarget> ReachSoa(store::Tx& tx, const Caller& caller, const SoaKey& key,
                           domain::Permission permission);
// The organisation node `org_unit_id` under the same rule (no framework).
Result<nlohmann::json> ReachOrganisation(store::Tx& tx, const Caller& caller, long long org_unit_id,
                                         domain::Permission permission);
// The id of the live control `ref` of the framework, or kNotFound.
Result<long long> ControlIdByRef(store::Tx& tx, long long framework_id, const std::string& ref);
// The SoA document (soa_service.h) as it is now.
nlohmann::json BuildSoa(store::Tx& tx, const SoaTarget& target);

}  // namespace lis::service
