// Tables and queries of the `org` area: organisation nodes, users, role assignments,
// credentials, sessions, API tokens and failed logins.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/org/roles.h"
#include "store/records.h"

namespace lis::store {

const TableSpec& OrgUnitTable();
const TableSpec& UserTable();
const TableSpec& RoleAssignmentTable();
const TableSpec& ApiTokenTable();

// Ids from the root down to `id` itself (empty if there is no such node).
std::vector<long long> OrgPath(Tx& tx, long long id);
// Adds "column lies in the subtree of one of `roots`" to `filter` (nothing if everywhere).
void FilterToSubtrees(Filter& filter, const std::string& column,
                      const domain::PermissionScopes& scopes);
// Live children, users, role assignments, objects, information sets, actions, risk analyses,
// statement-of-applicability entries, incidents, deviations and exceptions placed at node `id`:
// what stops a delete.
long long CountOrgDependants(Tx& tx, long long id);

// The organisation node user `user_id` belongs to (nothing for installation-level accounts).
std::optional<long long> UserOrgUnit(Tx& tx, long long user_id);

// Active role grants of a user.
std::vector<domain::RoleGrant> LoadGrants(Tx& tx, long long user_id);

struct Credential {
  long long user_id = 0;
  std::string password_hash;
};
std::optional<Credential> FindCredentialByUsername(Tx& tx, const std::string& username);
void SetPasswordHash(Tx& tx, long long user_id, const std::string& hash);

struct SessionRow {
  long long id = 0;
  long long user_id = 0;
  std::string csrf_token;
  std::string last_seen_at;
  std::string expires_at;
};
long long InsertSession(Tx& tx, long long user_id, const std::string& token_hash,
                        const std::string& csrf, const std::string& address,
                        const std::string& expires_at);
std::optional<SessionRow> FindSession(Tx& tx, const std::string& token_hash);
void TouchSession(Tx& tx, long long id, const std::string& now, const std::string& expires_at);
void DeleteSession(Tx& tx, long long id);
void DeleteSessionsOfUser(Tx& tx, long long user_id);

struct TokenRow {
  long long id = 0;
  long long user_id = 0;
  std::string last_used_at;
};
std::optional<TokenRow> FindLiveToken(Tx& tx, const std::string& token_hash);
void TouchToken(Tx& tx, long long id, const std::string& now);

// Failed logins for `username` at or after `since`, newest first.
std::vector<std::string> RecentLoginFailures(Tx& tx, const std::string& username,
                                             const std::string& since);
// Failed logins from client `address` (any username) at or after `since`, newest first.
std::vector<std::string> RecentLoginFailuresFrom(Tx& tx, const std::string& address,
                                                 const std::string& since);
void RecordLoginFailure(Tx& tx, const std::string& username, const std::string& address,
                        const std::string& at);
void ClearLoginFailures(Tx& tx, const std::string& username);

}  // namespace lis::store
