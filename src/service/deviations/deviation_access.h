// Who sees and handles a deviation (deviation_service.h states the rules).
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

// `deviation` is a deviation record (columns of store::DeviationTable()).
bool SeesDeviation(store::Tx& tx, const Caller& caller, const nlohmann::json& deviation);
bool HandlesDeviation(store::Tx& tx, const Caller& caller, const nlohmann::json& deviation);

// The live deviation `id` the caller sees (with `deleted`, also a deleted one), else
// kNotFound.
Result<nlohmann::json> SeenDeviation(store::Tx& tx, const Caller& caller, long long id,
                                     bool deleted = false);
// Like SeenDeviation, and kForbidden when the caller sees it but does not handle it.
Result<nlohmann::json> HandledDeviation(store::Tx& tx, const Caller& caller, long long id,
                                        bool deleted = false);

// `deviation` as Get shows it to `caller`: with "actions" {"open", "done"} (its live
// corrective actions) and "can" {"edit", "move", "verdict", "delete"}.
nlohmann::json ShownDeviation(store::Tx& tx, const Caller& caller, nlohmann::json deviation);

// Whether the caller may place a deviation at unit `unit`: a live unit where it reads
// deviations or in its own organisation; otherwise kInvalid "error.org_unit_missing" naming
// org_unit_id (the same whether the unit exists or not).
Status CheckDeviationUnit(store::Tx& tx, const Caller& caller, long long unit);

}  // namespace lis::service
