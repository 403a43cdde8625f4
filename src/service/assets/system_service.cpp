#include "service/assets/system_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/audit/audit_service.h"

#include "domain/assets/system_record.h"
#include "service/assets/asset_access.h"
#include "service/assets/derived_class.h"
#include "service/input.h"
#include "service/records/record_input.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

// The rules of a system beyond what its declaration says: a name that is not only spaces, a
// country as two capital letters, a country for a cloud service, and a recovery time within
// the maximum tolerable outage.
Status CheckSystem(json& r) {
  r["name"] = Trimmed(r["name"].get<std::string>());
  if (r["name"].get<std::string>().empty()) return Invalid("error.field_blank", "name");
  if (r["hosting_country"].is_string()) {
    std::string c = r["hosting_country"];
    if (c.size() != 2 || !std::isupper(static_cast<unsigned char>(c[0])) ||
        !std::isupper(static_cast<unsigned char>(c[1])))
      return Invalid("error.country", "hosting_country");
  }
  if (r["hosting"] == "cloud" && !r["hosting_country"].is_string())
    return Invalid("error.cloud_country", "hosting_country");
  const json &rto = r["recovery_time_hours"], &outage = r["max_outage_hours"];
  if (rto.is_number_integer() && outage.is_number_integer() &&
      rto.get<long long>() > outage.get<long long>())
    return Invalid("error.recovery_beyond_outage", "recovery_time_hours");
  return {};
}

// Whether the caller may read the object that system `system` belongs to (also when either
// is deleted: for the history).
bool ObjectOfSystemReadable(Tx& tx, const Caller& caller, const json& system) {
  auto object =
      store::GetRecord(tx, store::ObjectTable(), system["object_id"].get<long long>(), true);
  return object && CanOnObject(tx, caller, Permission::kAssetRead, *object);
}

}  // namespace

Result<json> SystemService::Readable(Tx& tx, const Caller& caller, long long id) {
  auto system = store::GetRecord(tx, store::SystemTable(), id);
  if (!system) return NotFound();
  auto object =
      store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>(), true);
  if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object)) return NotFound();
  (*system)["object"] = (*object)["name"];
  (*system)["org_unit_id"] = (*object)["org_unit_id"];
  return *system;
}

void SystemService::FilterOfReadableObjects(store::Filter& f, const Caller& caller,
                                            bool deleted_objects, bool walk_order) {
  store::Filter objects;
  FilterReadableObjects(objects, caller, "o.id", "o.org_unit_id");
  store::AndSystemsOfObjects(f, objects, deleted_objects, walk_order);
}

namespace {
// From 1,000 matching systems a page walks the order's index: with at least that many matches
// among the table's rows, a page of 50 is found within 50 × rows / 1,000 rows. On SQLite only:
// PostgreSQL's planner weighs the plans with its statistics and walks by itself where it pays.
bool WalkTheOrder(Tx& tx, long long total) {
  constexpr long long kWalkTheOrderFrom = 1000;
  return tx.dialect() == store::Dialect::kSqlite && total >= kWalkTheOrderFrom;
}
}  // namespace

Result<store::Page> SystemService::List(const Caller& caller, const SystemListQuery& q) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    // The same rows twice: counted object by object, and (when many match) the page read by
    // walking the order's index, where a page is found within a few rows.
    store::Filter f, walk;
    for (bool walk_order : {false, true}) {
      store::Filter& filter = walk_order ? walk : f;
      FilterOfReadableObjects(filter, caller, false, walk_order);
      store::AndSystemFields(filter, q.object_id, q.lifecycle, q.hosting);
      ApplyRegisterFilter(filter, RegisterKind::kSystems, q);
    }
    long long total = store::CountRecords(tx, store::SystemTable(), f);
    auto page = store::ListCountedRecords(
        tx, store::SystemTable(), total, WalkTheOrder(tx, total) ? walk : f, RegisterOrder(q.sort),
        q.page.limit, q.page.offset, false, RegisterColumns(RegisterKind::kSystems));
    if (q.class_reasons) AddDerivedClasses(tx, page.items, false);
    return page;
  });
}

Result<json> SystemService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto system = Readable(tx, caller, id);
    if (system.ok()) AddDerivedClass(*system, store::ClassifiedSetsOfSystem(tx, id));
    return system;
  });
}

Result<json> SystemService::NewRecord(const json& body) {
  Status s = CheckRecordInput(domain::SystemRecord(), body, false);
  if (!s.ok()) return s.error();
  json r = RecordFromInput(domain::SystemRecord(), body);
  s = CheckSystem(r);
  if (!s.ok()) return s.error();
  return r;
}

Status SystemService::CheckObject(Tx& tx, const Caller& caller, long long object_id) {
  auto object = store::GetRecord(tx, store::ObjectTable(), object_id);
  if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
    return Invalid("error.object_missing", "object_id");
  if (!CanOnObject(tx, caller, Permission::kAssetWrite, *object)) return Forbidden();
  return {};
}

Result<json> SystemService::Create(const Caller& caller, const json& body) {
  auto r = NewRecord(body);
  if (!r.ok()) return r;
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status s = CheckObject(tx, caller, (*r)["object_id"].get<long long>());
    if (!s.ok()) return s.error();
    json created = store::InsertRecord(tx, store::SystemTable(), *r);
    AddDerivedClass(created, {});
    return created;
  });
}

Result<json> SystemService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckRecordInput(domain::SystemRecord(), body, true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = Readable(tx, caller, id);
    if (!current.ok()) return current;
    auto object =
        store::GetRecord(tx, store::ObjectTable(), (*current)["object_id"].get<long long>());
    if (!object || !CanOnObject(tx, caller, Permission::kAssetWrite, *object)) return Forbidden();
    json r = *current;
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "version" && it.key() != "comment") r[it.key()] = *it;
    Status checked = CheckSystem(r);
    if (!checked.ok()) return checked.error();
    if (r["object_id"] != (*current)["object_id"]) {
      auto target = store::GetRecord(tx, store::ObjectTable(), r["object_id"].get<long long>());
      if (!target || !CanOnObject(tx, caller, Permission::kAssetRead, *target))
        return Invalid("error.object_missing", "object_id");
      if (!CanOnObject(tx, caller, Permission::kAssetWrite, *target)) return Forbidden();
    }
    auto updated = store::UpdateRecord(tx, store::SystemTable(), id, InputVersion(body),
                                       StoredValues(domain::SystemRecord(), r));
    if (updated.ok()) AddDerivedClass(*updated, store::ClassifiedSetsOfSystem(tx, id));
    return updated;
  });
}

Result<json> SystemService::Delete(const Caller& caller, long long id,
                                   std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto current = Readable(tx, caller, id);
    if (!current.ok()) return current;
    auto object =
        store::GetRecord(tx, store::ObjectTable(), (*current)["object_id"].get<long long>());
    if (!object || !CanOnObject(tx, caller, Permission::kAssetWrite, *object)) return Forbidden();
    return store::DeleteRecord(tx, store::SystemTable(), id,
                               version.value_or((*current)["version"].get<long long>()));
  });
}

Result<std::vector<json>> SystemService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::SystemTable(), id, [&](Tx& tx, const json& record) {
    return ObjectOfSystemReadable(tx, caller, record);
  });
}

Result<json> SystemService::GetAt(const Caller& caller, long long id, const std::string& at) {
  auto record = history::ReadAt(db_, store::SystemTable(), id, at, [&](Tx& tx, const json& record) {
    return ObjectOfSystemReadable(tx, caller, record);
  });
  if (!record.ok()) return record;
  return WithDeclaredFields(domain::SystemRecord(), *record);
}

}  // namespace lis::service
