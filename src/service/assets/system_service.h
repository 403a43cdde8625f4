// Systems: IT systems of an object, with hosting and lifecycle.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct SystemListQuery {
  PageRequest page;
  std::optional<long long> object_id;
  std::string search;
};

class SystemService {
 public:
  explicit SystemService(store::Database& db) : db_(db) {}

  // Systems of objects the caller may read, by name, each with "security_class".
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
  store::Database& db_;
};

}  // namespace lis::service
