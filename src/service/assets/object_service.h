// Objects (förvaltningsobjekt): areas of responsibility with one owner, holding systems.
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

struct ObjectListQuery : RegisterFilter {
  PageRequest page;
};
// The filter and sort of an object list from request parameters (see ReadRegisterFilter);
// the page is left as it is.
Result<ObjectListQuery> ReadObjectListQuery(const ParamLookup& param);

class ObjectService {
 public:
  explicit ObjectService(store::Database& db) : db_(db) {}

  // Objects the caller may read that match the filter, sorted (by name unless asked), each
  // with its derived "security_class" and earliest "review_due".
  Result<store::Page> List(const Caller& caller, const ObjectListQuery& query);
  // One object with "security_class" and "class_reason" (which system and information set
  // give the class, on which aspect).
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: name, org_unit_id, description (optional).
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any of name, org_unit_id, description.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Refuses an object that still has systems or people holding roles on it.
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

 private:
  // Adds what an object shows besides its fields: "security_class", "class_reason" and
  // "roles" (who holds object roles on it).
  static void AddShown(store::Tx& tx, nlohmann::json& object);
  store::Database& db_;
};

}  // namespace lis::service
