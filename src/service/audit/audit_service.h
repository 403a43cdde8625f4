// Reading the audit trail: the audit log (filtered, within the caller's scopes) and the
// version history of one record.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct AuditQuery {
  PageRequest page;
  std::string entity;           // e.g. "org_unit"
  std::optional<long long> id;  // entity id
  std::string actor;            // username, or a user id in digits
  std::string action;           // create, update, delete, restore, login, ...
  std::string from, to;         // RFC 3339 bounds (from inclusive, to exclusive)
};

class AuditService {
 public:
  explicit AuditService(store::Database& db) : db_(db) {}

  // Events newest first, for ciso, security_chief and admin within their scopes; events
  // that belong to no organisation node only for installation-wide grants.
  Result<store::Page> Query(const Caller& caller, const AuditQuery& query);

  // Records that `caller` was refused `method` `path` (a 403) on the route `route` (its
  // pattern), as a security event: the first of the caller's address, route and minute at
  // once, later ones counted (AppendTalliedEvent).
  Status RecordDenied(const Caller& caller, const std::string& method, const std::string& path,
                      const std::string& route);

 private:
  store::Database& db_;
};

// Audit-trail views of one record, shared by the services of every area. The caller has
// already checked that the record may be read.
namespace history {

// {"version", "at", "actor", "action", "changed_fields", "changes": [{"field", "before",
// "after"}], "seq", "comment"}, oldest first.
std::vector<nlohmann::json> Entries(store::Tx& tx, const store::TableSpec& spec, long long id);
// The record as it was at `at` (RFC 3339 text, UTC); nothing if it did not exist then or
// was deleted.
std::optional<nlohmann::json> At(store::Tx& tx, const store::TableSpec& spec, long long id,
                                 const std::string& at);
// The record as it was at `version`; nothing if there was no such version.
std::optional<nlohmann::json> Version(store::Tx& tx, const store::TableSpec& spec, long long id,
                                      long long version);
// Whether the caller may read a record (live or deleted), as its service decides.
using ReadableCheck = std::function<bool(store::Tx&, const nlohmann::json& record)>;
// The history (Entries) of record `id`, or kNotFound when there is no such record or
// `readable` refuses it. One read transaction.
Result<std::vector<nlohmann::json>> ReadHistory(store::Database& db, const store::TableSpec& spec,
                                                long long id, const ReadableCheck& readable);
// The record as it was at `at` (RFC 3339; kInvalid naming "at" otherwise), under the same
// rule; kNotFound with "error.not_at_time" if it did not exist then.
Result<nlohmann::json> ReadAt(store::Database& db, const store::TableSpec& spec, long long id,
                              const std::string& at, const ReadableCheck& readable);

// Checks a restore request body {"version": N, "comment"?} and returns N.
Result<long long> RestoreTarget(const nlohmann::json& body);

}  // namespace history

}  // namespace lis::service
