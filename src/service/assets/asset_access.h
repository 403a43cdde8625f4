// Who may do what with objects, systems and information sets. An object belongs to a node;
// its systems belong to it; an information set belongs to a node and to the objects whose
// systems process it. Grants on the node (and above) or on one of those objects count.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "domain/org/roles.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

bool CanOnObject(store::Tx& tx, const Caller& caller, domain::Permission permission,
                 const nlohmann::json& object);
bool CanOnSet(store::Tx& tx, const Caller& caller, domain::Permission permission,
              const nlohmann::json& set);
// CanOnSet for a set not yet written: placed at `org_unit_id`, processed by `system_ids`.
bool CanOnNewSet(store::Tx& tx, const Caller& caller, domain::Permission permission,
                 long long org_unit_id, const std::vector<long long>& system_ids);

// Limits a list of objects (`id_column` their id, `unit_column` their node) to those the
// caller may read.
void FilterReadableObjects(store::Filter& filter, const Caller& caller,
                           const std::string& id_column, const std::string& unit_column);
// Limits a list of information sets the same way.
void FilterReadableSets(store::Filter& filter, const Caller& caller);
// Whether the caller can read any asset at all.
bool CanReadAnyAsset(const Caller& caller);
// Whether the caller can write some asset (in a scope or on one object).
bool CanWriteAnyAsset(const Caller& caller);

}  // namespace lis::service
