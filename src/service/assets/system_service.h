// Systems: IT systems of an object, with hosting and lifecycle.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct SystemListQuery : RegisterFilter {
  PageRequest page;
  std::optional<long long> object_id;
  std::string lifecycle;  // "planned", "in_use", "retiring", "retired" or empty
  std::string hosting;    // "own", "supplier", "cloud" or empty
};
// The filter and sort of a system list from request parameters (ReadRegisterFilter and
// object_id, lifecycle, hosting); the page is left as it is.
Result<SystemListQuery> ReadSystemListQuery(const ParamLookup& param);

class SystemService {
 public:
  explicit SystemService(store::Database& db) : db_(db) {}

  // Systems of objects the caller may read that match the filter, sorted (by name unless
  // asked), each with its derived "security_class" and earliest "review_due".
  Result<store::Page> List(const Caller& caller, const SystemListQuery& query);
  // One system with "security_class" and "class_reason".
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: name, object_id, and optional description, hosting ("own", "supplier", "cloud"),
  // hosting_country (ISO 3166 alpha-2, required for cloud), supplier_name, lifecycle
  // ("planned", "in_use", "retiring", "retired").
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);

  // Soft-deleted records the caller may read, most recently deleted first (asset_restore.cpp).
  Result<store::Page> ListDeleted(const Caller& caller, const PageRequest& page);
  // Body {"version": N, "comment"?}: makes the record what it was at version N (one that was
  // not a deletion), live again if deleted, as an audited "restore". The place it goes back to
  // must exist: refused naming the field otherwise.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

  // Versions from the audit trail, oldest first (also after deletion), and the record as
  // it was at `at` (RFC 3339), for callers who may read it.
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // The checks of Create, shared with the import. NewRecord: the record a create body
  // describes, with defaults, checked without the database. CheckObject: kInvalid
  // "error.object_missing" (field object_id) when the object is missing or the caller may not
  // read it, kForbidden when it may read but not write it.
  static Result<nlohmann::json> NewRecord(const nlohmann::json& body);
  static Status CheckObject(store::Tx& tx, const Caller& caller, long long object_id);

 private:
  Result<nlohmann::json> Readable(store::Tx& tx, const Caller& caller, long long id);
  // Limits a list of systems to those of objects the caller may read: live objects, or with
  // `deleted_objects` also deleted ones (the register of deleted systems); `walk_order` as
  // store::AndSystemsOfObjects.
  static void FilterOfReadableObjects(store::Filter& f, const Caller& caller, bool deleted_objects,
                                      bool walk_order = false);
  store::Database& db_;
};

}  // namespace lis::service
