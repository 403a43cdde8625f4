#include "service/assets/asset_access.h"

#include <nlohmann/json.hpp>

#include "service/authorizer.h"
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
  auto objects = domain::ObjectsFor(caller.grants, permission);
  if (objects.empty()) return false;
  for (long long o : store::ObjectsOfSet(tx, set["id"].get<long long>()))
    if (std::find(objects.begin(), objects.end(), o) != objects.end()) return true;
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

namespace {
// "(<unit in subtree> OR <object condition>)" with its values; "{ids}" in the object
// condition stands for the list of object ids.
void AddOr(store::Filter& filter, const domain::PermissionScopes& scopes,
           const std::string& unit_column, const std::vector<long long>& objects,
           const std::string& object_condition) {
  if (scopes.everywhere) return;
  store::Filter unit;
  store::FilterToSubtrees(unit, unit_column, scopes);
  std::string sql = "(" + unit.sql;
  std::vector<Value> params = unit.params;
  if (!objects.empty()) {
    std::string marks;
    for (long long o : objects) {
      marks += marks.empty() ? "?" : ", ?";
      params.emplace_back(o);
    }
    std::string condition = object_condition;
    condition.replace(condition.find("{ids}"), 5, marks);
    sql += " OR " + condition + ")";
  } else {
    sql += ")";
  }
  filter.And(sql, std::move(params));
}
}  // namespace

void FilterReadableObjects(store::Filter& filter, const Caller& caller,
                           const std::string& id_column, const std::string& unit_column) {
  AddOr(filter, ScopesOf(caller, Permission::kAssetRead), unit_column,
        domain::ObjectsFor(caller.grants, Permission::kAssetRead), id_column + " IN ({ids})");
}

void FilterReadableSets(store::Filter& filter, const Caller& caller) {
  auto objects = domain::ObjectsFor(caller.grants, Permission::kAssetRead);
  AddOr(filter, ScopesOf(caller, Permission::kAssetRead), "information_sets.org_unit_id", objects,
        "EXISTS (SELECT 1 FROM information_set_systems l JOIN systems s ON s.id = l.system_id "
        "WHERE l.information_set_id = information_sets.id AND s.deleted_at IS NULL AND "
        "s.object_id IN ({ids}))");
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
