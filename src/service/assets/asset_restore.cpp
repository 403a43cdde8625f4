// Deleted objects, systems and information sets: listing them and restoring earlier versions.
#include <nlohmann/json.hpp>

#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "service/assets/asset_access.h"
#include "service/assets/derived_class.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"
#include "store/records/record_table.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const char* kDeletedOrder = "deleted_at DESC, id";

// Version `version` of record `id`, if it was not a deletion.
Result<json> TargetVersion(Tx& tx, const store::TableSpec& spec, long long id, long long version) {
  auto old = history::Version(tx, spec, id, version);
  if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
  return *old;
}

// The fields `fields` of `old`, and live again if `current` is deleted.
json RestoreChanges(const json& current, const json& old, const std::vector<std::string>& fields) {
  json changes = json::object();
  for (const auto& f : fields) changes[f] = old.value(f, json(nullptr));
  if (!current["deleted_at"].is_null()) changes["deleted_at"] = nullptr;
  return changes;
}

bool UnitExists(Tx& tx, const json& record) {
  return record["org_unit_id"].is_number_integer() &&
         store::GetRecord(tx, store::OrgUnitTable(), record["org_unit_id"].get<long long>());
}

}  // namespace

// ---- Objects ----

Result<store::Page> ObjectService::ListDeleted(const Caller& caller, const PageRequest& page) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterReadableObjects(f, caller, "objects.id", "objects.org_unit_id");
    return store::ListRecords(tx, store::ObjectTable(), f, kDeletedOrder, page.limit, page.offset,
                              true);
  });
}

Result<json> ObjectService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::ObjectTable(), id, true);
    if (!current || !CanOnObject(tx, caller, Permission::kAssetRead, *current)) return NotFound();
    auto old = TargetVersion(tx, store::ObjectTable(), id, *target);
    if (!old.ok()) return old;
    // As for deleting and moving: the right to place objects at the node, now and then.
    if (!Can(tx, caller, Permission::kAssetWrite, (*current)["org_unit_id"].get<long long>()))
      return Forbidden();
    if (!UnitExists(tx, *old)) return Invalid("error.org_unit_missing", "org_unit_id");
    if (!Can(tx, caller, Permission::kAssetWrite, (*old)["org_unit_id"].get<long long>()))
      return Forbidden();
    auto restored = store::UpdateRecord(
        tx, store::ObjectTable(), id, (*current)["version"].get<long long>(),
        RestoreChanges(*current, *old, store::RestoreFieldsOf(domain::ObjectRecord())), "restore");
    if (restored.ok()) AddShown(tx, *restored);
    return restored;
  });
}

// ---- Systems ----

Result<store::Page> SystemService::ListDeleted(const Caller& caller, const PageRequest& page) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    // The object may be deleted too: the system is listed under it all the same.
    FilterOfReadableObjects(f, caller, true);
    return store::ListRecords(tx, store::SystemTable(), f, kDeletedOrder, page.limit, page.offset,
                              true);
  });
}

Result<json> SystemService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::SystemTable(), id, true);
    if (!current) return NotFound();
    auto owner =
        store::GetRecord(tx, store::ObjectTable(), (*current)["object_id"].get<long long>(), true);
    if (!owner || !CanOnObject(tx, caller, Permission::kAssetRead, *owner)) return NotFound();
    if (!CanOnObject(tx, caller, Permission::kAssetWrite, *owner)) return Forbidden();
    auto old = TargetVersion(tx, store::SystemTable(), id, *target);
    if (!old.ok()) return old;
    // A system comes back only into a live object the caller may change.
    auto object = store::GetRecord(tx, store::ObjectTable(), (*old)["object_id"].get<long long>());
    if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
      return Invalid("error.object_missing", "object_id");
    if (!CanOnObject(tx, caller, Permission::kAssetWrite, *object)) return Forbidden();
    auto restored = store::UpdateRecord(
        tx, store::SystemTable(), id, (*current)["version"].get<long long>(),
        RestoreChanges(*current, *old, store::RestoreFieldsOf(domain::SystemRecord())), "restore");
    if (restored.ok()) AddDerivedClass(*restored, store::ClassifiedSetsOfSystem(tx, id));
    return restored;
  });
}

// ---- Information sets ----

Result<store::Page> InformationSetService::ListDeleted(const Caller& caller,
                                                       const PageRequest& page) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterReadableSets(f, caller);
    auto out = store::ListRecords(tx, store::InformationSetTable(), f, kDeletedOrder, page.limit,
                                  page.offset, true);
    for (auto& item : out.items)
      if (item["secrecy"].is_string() && !CanOnSet(tx, caller, Permission::kSecrecyRead, item)) {
        item["description"] = nullptr;
        item["retention"] = nullptr;
        item["redacted"] = true;
      }
    return out;
  });
}

Result<json> InformationSetService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::InformationSetTable(), id, true);
    if (!current || !CanOnSet(tx, caller, Permission::kAssetRead, *current)) return NotFound();
    if (!CanOnSet(tx, caller, Permission::kAssetWrite, *current)) return Forbidden();
    auto old = TargetVersion(tx, store::InformationSetTable(), id, *target);
    if (!old.ok()) return old;
    if (!UnitExists(tx, *old)) return Invalid("error.org_unit_missing", "org_unit_id");
    if ((*old)["org_unit_id"] != (*current)["org_unit_id"] &&
        !Can(tx, caller, Permission::kAssetWrite, (*old)["org_unit_id"].get<long long>()))
      return Forbidden();
    auto restored = store::UpdateRecord(
        tx, store::InformationSetTable(), id, (*current)["version"].get<long long>(),
        RestoreChanges(
            *current, *old,
            {"name", "org_unit_id", "description", "personal_data", "secrecy", "retention"}),
        "restore");
    if (!restored.ok()) return restored;
    // The classification deleted together with the set (same instant) comes back with it.
    auto c = store::ClassificationOfSet(tx, id);
    if (c && !(*current)["deleted_at"].is_null()) {
      auto classification = store::GetRecord(tx, store::ClassificationTable(), *c, true);
      if ((*classification)["deleted_at"] == (*current)["deleted_at"]) {
        auto back = store::UpdateRecord(tx, store::ClassificationTable(), *c,
                                        (*classification)["version"].get<long long>(),
                                        {{"deleted_at", nullptr}}, "restore");
        if (!back.ok()) return back.error();
      }
    }
    return Full(tx, caller, *restored);
  });
}

}  // namespace lis::service
