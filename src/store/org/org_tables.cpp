#include "store/org/org_tables.h"

#include "core/clock.h"

namespace lis::store {

const TableSpec& OrgUnitTable() {
  static const TableSpec kSpec = {"org_units",
                                  "org_unit",
                                  "id",
                                  {{"parent_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"name", FieldType::kText},
                                   {"org_number", FieldType::kText}}};
  return kSpec;
}

const TableSpec& UserTable() {
  static const TableSpec kSpec = {"users",
                                  "user",
                                  "org_unit_id",
                                  {{"username", FieldType::kText},
                                   {"name", FieldType::kText},
                                   {"email", FieldType::kText},
                                   {"active", FieldType::kBool},
                                   {"language", FieldType::kText},
                                   {"org_unit_id", FieldType::kInt}}};
  return kSpec;
}

const TableSpec& RoleAssignmentTable() {
  static const TableSpec kSpec = {"role_assignments",
                                  "role_assignment",
                                  "scope_id",
                                  {{"user_id", FieldType::kInt},
                                   {"role", FieldType::kText},
                                   {"scope_id", FieldType::kInt},
                                   {"object_id", FieldType::kInt}}};
  return kSpec;
}

const TableSpec& ApiTokenTable() {
  // token_hash is written once at creation and never shown; it is not part of the record.
  static const TableSpec kSpec = {"api_tokens",
                                  "api_token",
                                  "",
                                  {{"user_id", FieldType::kInt},
                                   {"name", FieldType::kText},
                                   {"last_used_at", FieldType::kText}},
                                  "SELECT u.org_unit_id FROM api_tokens t JOIN users u ON u.id = "
                                  "t.user_id WHERE t.id = ?"};
  return kSpec;
}

std::vector<long long> OrgPath(Tx& tx, long long id) {
  auto rows = tx.Query(
      "WITH RECURSIVE anc(id, parent_id, depth) AS ("
      " SELECT id, parent_id, 0 FROM org_units WHERE id = ?"
      " UNION ALL SELECT o.id, o.parent_id, anc.depth + 1 FROM org_units o"
      " JOIN anc ON o.id = anc.parent_id)"
      " SELECT id FROM anc ORDER BY depth DESC",
      {Value(id)}, {Col::kInt});
  std::vector<long long> path;
  path.reserve(rows.size());
  for (const auto& r : rows) path.push_back(r.Int(0));
  return path;
}

void FilterToSubtrees(Filter& filter, const std::string& column,
                      const domain::PermissionScopes& scopes) {
  if (scopes.everywhere) return;
  if (scopes.roots.empty()) {
    filter.And("1 = 0");
    return;
  }
  std::vector<Value> params;
  std::string marks = Placeholders(scopes.roots, params);
  filter.And(column + " IN (WITH RECURSIVE sub(id) AS (SELECT id FROM org_units WHERE id IN (" +
                 marks +
                 ") UNION ALL SELECT o.id FROM org_units o JOIN sub ON o.parent_id = sub.id) "
                 "SELECT id FROM sub)",
             std::move(params));
}

long long CountOrgDependants(Tx& tx, long long id) {
  static const char* const kPlacedAtNode[] = {"users",     "objects",       "information_sets",
                                              "actions",   "risk_analyses", "soa_entries",
                                              "incidents", "deviations",    "exceptions"};
  std::string sql =
      "SELECT (SELECT COUNT(*) FROM org_units WHERE parent_id = ? AND deleted_at IS NULL)"
      " + (SELECT COUNT(*) FROM role_assignments WHERE scope_id = ? AND deleted_at IS NULL)";
  std::vector<Value> params = {Value(id), Value(id)};
  for (const char* table : kPlacedAtNode) {
    sql += std::string(" + (SELECT COUNT(*) FROM ") + table +
           " WHERE org_unit_id = ? AND deleted_at IS NULL)";
    params.push_back(Value(id));
  }
  auto row = tx.QueryOne(sql, params, {Col::kInt});
  return row ? row->Int(0) : 0;
}

std::optional<long long> UserOrgUnit(Tx& tx, long long user_id) {
  auto row =
      tx.QueryOne("SELECT org_unit_id FROM users WHERE id = ?", {Value(user_id)}, {Col::kInt});
  return row ? row->OptInt(0) : std::nullopt;
}

std::vector<domain::RoleGrant> LoadGrants(Tx& tx, long long user_id) {
  auto rows = tx.Query(
      "SELECT id, role, scope_id, object_id FROM role_assignments WHERE user_id = ? AND "
      "deleted_at IS NULL ORDER BY id",
      {Value(user_id)}, {Col::kInt, Col::kText, Col::kInt, Col::kInt});
  std::vector<domain::RoleGrant> grants;
  for (const auto& r : rows) grants.push_back({r.Int(0), r.Text(1), r.OptInt(2), r.OptInt(3)});
  return grants;
}

std::optional<Credential> FindCredentialByUsername(Tx& tx, const std::string& username) {
  auto row = tx.QueryOne(
      "SELECT u.id, c.password_hash FROM users u LEFT JOIN credentials c ON c.user_id = u.id "
      "WHERE u.username = ? AND u.deleted_at IS NULL AND u.active = 1",
      {Value(username)}, {Col::kInt, Col::kText});
  if (!row) return std::nullopt;
  return Credential{row->Int(0), row->Text(1)};
}

void SetPasswordHash(Tx& tx, long long user_id, const std::string& hash) {
  const std::string& now = tx.Now();
  if (tx.Exec("UPDATE credentials SET password_hash = ?, updated_at = ? WHERE user_id = ?",
              {Value(hash), Value(now), Value(user_id)}) == 0)
    tx.Exec("INSERT INTO credentials (user_id, password_hash, updated_at) VALUES (?, ?, ?)",
            {Value(user_id), Value(hash), Value(now)});
}

long long InsertSession(Tx& tx, long long user_id, const std::string& token_hash,
                        const std::string& csrf, const std::string& address,
                        const std::string& expires_at) {
  const std::string& now = tx.Now();
  auto row = tx.QueryOne(
      "INSERT INTO sessions (token_hash, user_id, csrf_token, address, created_at, last_seen_at, "
      "expires_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {Value(token_hash), Value(user_id), Value(csrf), Value(address), Value(now), Value(now),
       Value(expires_at)},
      {Col::kInt});
  return row->Int(0);
}

std::optional<SessionRow> FindSession(Tx& tx, const std::string& token_hash) {
  auto row = tx.QueryOne(
      "SELECT id, user_id, csrf_token, last_seen_at, expires_at FROM sessions WHERE token_hash = ?",
      {Value(token_hash)}, {Col::kInt, Col::kInt, Col::kText, Col::kText, Col::kText});
  if (!row) return std::nullopt;
  return SessionRow{row->Int(0), row->Int(1), row->Text(2), row->Text(3), row->Text(4)};
}

void TouchSession(Tx& tx, long long id, const std::string& now, const std::string& expires_at) {
  tx.Exec("UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE id = ?",
          {Value(now), Value(expires_at), Value(id)});
}

void DeleteSession(Tx& tx, long long id) {
  tx.Exec("DELETE FROM sessions WHERE id = ?", {Value(id)});
}

void DeleteSessionsOfUser(Tx& tx, long long user_id) {
  tx.Exec("DELETE FROM sessions WHERE user_id = ?", {Value(user_id)});
}

std::optional<TokenRow> FindLiveToken(Tx& tx, const std::string& token_hash) {
  auto row = tx.QueryOne(
      "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND deleted_at IS "
      "NULL",
      {Value(token_hash)}, {Col::kInt, Col::kInt, Col::kText});
  if (!row) return std::nullopt;
  return TokenRow{row->Int(0), row->Int(1), row->Text(2)};
}

void TouchToken(Tx& tx, long long id, const std::string& now) {
  tx.Exec("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {Value(now), Value(id)});
}

std::vector<std::string> RecentLoginFailures(Tx& tx, const std::string& username,
                                             const std::string& since) {
  auto rows = tx.Query(
      "SELECT at FROM login_failures WHERE username = ? AND at >= ? ORDER BY at DESC LIMIT 100",
      {Value(username), Value(since)}, {Col::kText});
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

std::vector<std::string> RecentLoginFailuresFrom(Tx& tx, const std::string& address,
                                                 const std::string& since) {
  auto rows = tx.Query(
      "SELECT at FROM login_failures WHERE address = ? AND at >= ? ORDER BY at DESC LIMIT 100",
      {Value(address), Value(since)}, {Col::kText});
  std::vector<std::string> out;
  for (const auto& r : rows) out.push_back(r.Text(0));
  return out;
}

void RecordLoginFailure(Tx& tx, const std::string& username, const std::string& address,
                        const std::string& at) {
  tx.Exec("INSERT INTO login_failures (username, address, at) VALUES (?, ?, ?)",
          {Value(username), Value(address), Value(at)});
}

void ClearLoginFailures(Tx& tx, const std::string& username) {
  tx.Exec("DELETE FROM login_failures WHERE username = ?", {Value(username)});
}

}  // namespace lis::store
