#include "service/assets/asset_access.h"

#include <nlohmann/json.hpp>

#include "service/authorizer.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Value;

bool CanOnObject(store::Tx& tx, const Caller& caller, Permission permission, const json& object) {
  return domain::AllowsOnObject(caller.grants, permission, object["id"].get<long long>(),
                                store::OrgPath(tx, object["org_unit_id"].get<long long>()));
}

bool CanOnSet(store::Tx& tx, const Caller& caller, Permission permission, const json& set) {
  if (domain::Allows(caller.grants, permission,
                     store::OrgPath(tx, set["org_unit_id"].get<long long>())))
    return true;
  if (!domain::ObjectRoleScopesFor(caller.grants, permission).any() &&
      domain::ObjectsFor(caller.grants, permission).empty())
    return false;
  for (long long o : store::ObjectsOfSet(tx, set["id"].get<long long>())) {
    auto object = store::GetRecord(tx, store::ObjectTable(), o);
    if (object && domain::ObjectRolesAllowOnObject(
                      caller.grants, permission, o,
                      store::OrgPath(tx, (*object)["org_unit_id"].get<long long>())))
      return true;
  }
  return false;
}

bool CanOnNewSet(store::Tx& tx, const Caller& caller, Permission permission, long long org_unit_id,
                 const std::vector<long long>& system_ids) {
  if (domain::Allows(caller.grants, permission, store::OrgPath(tx, org_unit_id))) return true;
  auto objects = domain::ObjectsFor(caller.grants, permission);
  for (long long id : system_ids) {
    auto system = store::GetRecord(tx, store::SystemTable(), id);
    if (system && std::find(objects.begin(), objects.end(),
                            (*system)["object_id"].get<long long>()) != objects.end())
      return true;
  }
  return false;
}

void FilterReadableObjects(store::Filter& filter, const Caller& caller,
                           const std::string& id_column, const std::string& unit_column) {
  store::AndInScopesOrObjects(filter, ScopesOf(caller, Permission::kAssetRead), unit_column,
                              id_column, domain::ObjectsFor(caller.grants, Permission::kAssetRead));
}

bool FilterObjectsOfObjectRoles(store::Filter& filter, const Caller& caller,
                                const std::string& id_column, const std::string& unit_column,
                                Permission permission) {
  auto scopes = domain::ObjectRoleScopesFor(caller.grants, permission);
  auto objects = domain::ObjectsFor(caller.grants, permission);
  if (!scopes.any() && objects.empty()) return false;
  store::AndInScopesOrObjects(filter, scopes, unit_column, id_column, objects);
  return true;
}

void FilterSets(store::Filter& filter, const Caller& caller, Permission permission) {
  auto scopes = ScopesOf(caller, permission);
  if (scopes.everywhere) return;
  store::Filter objects;
  bool by_objects =
      FilterObjectsOfObjectRoles(objects, caller, "o.id", "o.org_unit_id", permission);
  store::AndSetsPlacedOrProcessed(filter, scopes, by_objects ? &objects : nullptr);
}

void FilterReadableSets(store::Filter& filter, const Caller& caller) {
  FilterSets(filter, caller, Permission::kAssetRead);
}

bool CanReadAnyAsset(const Caller& caller) {
  return ScopesOf(caller, Permission::kAssetRead).any() ||
         !domain::ObjectsFor(caller.grants, Permission::kAssetRead).empty();
}

bool CanWriteAnyAsset(const Caller& caller) {
  return ScopesOf(caller, Permission::kAssetWrite).any() ||
         !domain::ObjectsFor(caller.grants, Permission::kAssetWrite).empty();
}

}  // namespace lis::service
