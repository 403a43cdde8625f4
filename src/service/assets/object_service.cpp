#include "service/assets/object_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/audit/audit_service.h"

#include "domain/assets/object_record.h"
#include "service/assets/asset_access.h"
#include "service/assets/derived_class.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "service/records/record_input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

Status CheckObject(Tx& tx, json& record) {
  record["name"] = Trimmed(record["name"].get<std::string>());
  if (record["name"].get<std::string>().empty()) return Invalid("error.field_blank", "name");
  if (!store::GetRecord(tx, store::OrgUnitTable(), record["org_unit_id"].get<long long>()))
    return Invalid("error.org_unit_missing", "org_unit_id");
  return {};
}

}  // namespace

void ObjectService::AddShown(Tx& tx, json& object) {
  long long id = object["id"].get<long long>();
  AddDerivedClass(object, store::ClassifiedSetsOfObject(tx, id));
  object["roles"] = store::ObjectRoleHolders(tx, id);
}

Result<store::Page> ObjectService::List(const Caller& caller, const ObjectListQuery& q) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterReadableObjects(f, caller, "objects.id", "objects.org_unit_id");
    ApplyRegisterFilter(f, RegisterKind::kObjects, q);
    auto page = store::ListRecords(tx, store::ObjectTable(), f, RegisterOrder(q.sort), q.page.limit,
                                   q.page.offset, false, RegisterColumns(RegisterKind::kObjects));
    if (q.class_reasons) AddDerivedClasses(tx, page.items, true);
    return page;
  });
}

Result<json> ObjectService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto object = store::GetRecord(tx, store::ObjectTable(), id);
    if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object)) return NotFound();
    AddShown(tx, *object);
    return *object;
  });
}

Result<json> ObjectService::Create(const Caller& caller, const json& body) {
  Status s = CheckRecordInput(domain::ObjectRecord(), body, false);
  if (!s.ok()) return s.error();
  json record = RecordFromInput(domain::ObjectRecord(), body);
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status checked = CheckObject(tx, record);
    if (!checked.ok()) return checked.error();
    if (!Can(tx, caller, Permission::kAssetWrite, record["org_unit_id"].get<long long>()))
      return Forbidden();
    json created = store::InsertRecord(tx, store::ObjectTable(), record);
    AddShown(tx, created);
    return created;
  });
}

Result<json> ObjectService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckRecordInput(domain::ObjectRecord(), body, true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::ObjectTable(), id);
    if (!current || !CanOnObject(tx, caller, Permission::kAssetRead, *current)) return NotFound();
    if (!CanOnObject(tx, caller, Permission::kAssetWrite, *current)) return Forbidden();
    json record = *current;
    for (const auto& f : domain::ObjectRecord().fields)
      if (body.contains(f.name)) record[f.name] = body[f.name];
    Status checked = CheckObject(tx, record);
    if (!checked.ok()) return checked.error();
    // Moving an object to another node needs the right to place objects there.
    if (record["org_unit_id"] != (*current)["org_unit_id"] &&
        !Can(tx, caller, Permission::kAssetWrite, record["org_unit_id"].get<long long>()))
      return Forbidden();
    auto updated = store::UpdateRecord(tx, store::ObjectTable(), id, InputVersion(body),
                                       StoredValues(domain::ObjectRecord(), record));
    if (updated.ok()) AddShown(tx, *updated);
    return updated;
  });
}

Result<json> ObjectService::Delete(const Caller& caller, long long id,
                                   std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::ObjectTable(), id);
    if (!current || !CanOnObject(tx, caller, Permission::kAssetRead, *current)) return NotFound();
    if (!Can(tx, caller, Permission::kAssetWrite, (*current)["org_unit_id"].get<long long>()))
      return Forbidden();
    if (store::CountSystemsOfObject(tx, id) > 0)
      return MakeError(Code::kConflict, "error.object_has_systems");
    if (store::CountRoleAssignmentsOnObject(tx, id) > 0)
      return MakeError(Code::kConflict, "error.object_has_roles");
    return store::DeleteRecord(tx, store::ObjectTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<std::vector<json>> ObjectService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::ObjectTable(), id, [&](Tx& tx, const json& record) {
    return CanOnObject(tx, caller, Permission::kAssetRead, record);
  });
}

Result<json> ObjectService::GetAt(const Caller& caller, long long id, const std::string& at) {
  auto record = history::ReadAt(db_, store::ObjectTable(), id, at, [&](Tx& tx, const json& record) {
    return CanOnObject(tx, caller, Permission::kAssetRead, record);
  });
  if (!record.ok()) return record;
  return WithDeclaredFields(domain::ObjectRecord(), *record);
}

}  // namespace lis::service
