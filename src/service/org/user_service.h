// People and the roles they hold. A user belongs to an organisation node (or, for
// installation-wide accounts, none); who may see and change it follows from that node.
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

struct UserListQuery {
  PageRequest page;
  std::string search;                    // part of username, name or email
  std::optional<long long> org_unit_id;  // only users placed at this node
};

class UserService {
 public:
  explicit UserService(store::Database& db) : db_(db) {}

  Result<store::Page> List(const Caller& caller, const UserListQuery& query);
  // A user may always read itself.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: username, name, email, password, and optional org_unit_id, language, active.
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any of name, email, active, language, org_unit_id, password.
  // Deactivating ends the user's sessions and revokes its API tokens.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);

  // Versions of the user from the audit trail, oldest first.
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  // The user as it was at `at` (RFC 3339).
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);
  // Body: {"version": N, "comment"?}: the user's fields as at version N, as a new version.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

  // The roles the user holds, or with `deleted` those taken away from it.
  Result<store::Page> ListRoles(const Caller& caller, long long user_id, bool deleted = false);
  // Body: role, scope_id (null: installation-wide, only by an installation-wide admin), or
  // for an object role object_id (the role then applies to that object only).
  Result<nlohmann::json> AddRole(const Caller& caller, long long user_id,
                                 const nlohmann::json& body);
  Result<nlohmann::json> RemoveRole(const Caller& caller, long long user_id,
                                    long long assignment_id);

  // Gives back a role that was taken away. Body: {"version": N} naming the live version to
  // bring back (the one before the removal); the same checks as adding the role apply.
  Result<nlohmann::json> RestoreRole(const Caller& caller, long long user_id,
                                     long long assignment_id, const nlohmann::json& body);

  // For the command line: creates a user as `actor` with no permission check.
  Result<nlohmann::json> CreateAsSystem(const store::Actor& actor, const nlohmann::json& body,
                                        const std::optional<std::string>& role,
                                        std::optional<long long> scope_id);
  // For the command line: gives user `username` `role` in `scope_id` (nothing: the whole
  // installation) as `actor` with no permission check; the way to give an administrator a
  // content role (domain::IsContentRole) when no other administrator is there to do it.
  Result<nlohmann::json> GrantAsSystem(const store::Actor& actor, const std::string& username,
                                       const std::string& role, std::optional<long long> scope_id);
  Status SetPasswordAsSystem(const store::Actor& actor, const std::string& username,
                             const std::string& password);

 private:
  Status CheckGrantable(store::Tx& tx, const Caller& caller, long long user_id,
                        const std::string& role, std::optional<long long> scope_id,
                        std::optional<long long> object_id);
  Result<nlohmann::json> Save(store::Tx& tx, const Caller& caller, const nlohmann::json& current,
                              nlohmann::json changes, long long expected_version,
                              const std::string& action);

  store::Database& db_;
};

// Password rules for every way a password is set (domain/org/password_rules.h): at least 12
// characters, at most 256 bytes, not only spaces, not containing `username`, not a common
// password; kInvalid naming `field` and the rule.
Status CheckPassword(const std::string& password, const std::string& username,
                     const std::string& field);

}  // namespace lis::service
