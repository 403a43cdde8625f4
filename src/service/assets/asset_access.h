// Who may do what with objects, systems and information sets. An object belongs to a node;
// its systems belong to it; an information set belongs to a node and to the objects whose
// systems process it. Grants on the node (and above) count; so do object roles on one of
// those objects, held on the object itself or on a node above it (an object owner reads,
// edits, classifies and approves the sets its systems process, whichever unit owns them).
// Other roles reach a set only through its own node: the information owner approves the sets
// of its unit, an employee reads its unit's register. The same rule decides a single read,
// a list, the history and the record as it was.
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
// Limits a list of information sets to those on which the caller holds `permission`
// (CanOnSet's rule, in SQL), and FilterReadableSets to those it may read.
void FilterSets(store::Filter& filter, const Caller& caller, domain::Permission permission);
void FilterReadableSets(store::Filter& filter, const Caller& caller);
// Limits a list of objects to those on which the caller's object roles give `permission`
// (held on the object or on a node above it); false, adding nothing, when they give it on
// none.
bool FilterObjectsOfObjectRoles(store::Filter& filter, const Caller& caller,
                                const std::string& id_column, const std::string& unit_column,
                                domain::Permission permission);
// Whether the caller can read any asset at all.
bool CanReadAnyAsset(const Caller& caller);
// Whether the caller can write some asset (in a scope or on one object).
bool CanWriteAnyAsset(const Caller& caller);

}  // namespace lis::service
