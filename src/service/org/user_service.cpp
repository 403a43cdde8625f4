#include "service/org/user_service.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/common_passwords.h"
#include "core/crypto.h"
#include "domain/org/password_rules.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/assets/asset_tables.h"
#include "store/audit_trail.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<InputField>& CreateFields() {
  static const std::vector<InputField> kFields = {
      {"username", InputType::kText, true, false, 64},
      {"name", InputType::kText, true, false, 200},
      {"email", InputType::kText, true, false, 254},
      {"password", InputType::kText, true, false, 256},
      {"org_unit_id", InputType::kInt, false, true},
      {"language", InputType::kText, false, false, 2},
      {"active", InputType::kBool, false, false},
  };
  return kFields;
}

const std::vector<InputField>& UpdateFields() {
  static const std::vector<InputField> kFields = {
      {"name", InputType::kText, false, false, 200},
      {"email", InputType::kText, false, false, 254},
      {"password", InputType::kText, false, false, 256},
      {"org_unit_id", InputType::kInt, false, true},
      {"language", InputType::kText, false, false, 2},
      {"active", InputType::kBool, false, false},
  };
  return kFields;
}

const std::vector<InputField>& RoleFields() {
  static const std::vector<InputField> kFields = {
      {"role", InputType::kText, true, false, 40},
      {"scope_id", InputType::kInt, false, true},
      {"object_id", InputType::kInt, false, true},
  };
  return kFields;
}

bool ValidUsername(const std::string& u) {
  if (u.size() < 2 || u.size() > 64) return false;
  for (char c : u)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-' ||
          c == '@'))
      return false;
  return true;
}

bool ValidEmail(const std::string& e) {
  auto at = e.find('@');
  if (at == std::string::npos || at == 0 || e.find('@', at + 1) != std::string::npos) return false;
  auto dot = e.find('.', at);
  return dot != std::string::npos && dot > at + 1 && dot + 1 < e.size() &&
         e.find_first_of(" \t\r\n<>") == std::string::npos;
}

// Normalises and checks the person fields present in `record`.
Status CheckPerson(json& record) {
  if (record.contains("name")) {
    record["name"] = Trimmed(record["name"].get<std::string>());
    if (record["name"].get<std::string>().empty()) return Invalid("error.field_blank", "name");
  }
  if (record.contains("email")) {
    record["email"] = Trimmed(record["email"].get<std::string>());
    if (!ValidEmail(record["email"].get<std::string>())) return Invalid("error.email", "email");
  }
  if (record.contains("language")) {
    auto lang = record["language"].get<std::string>();
    if (lang != "sv" && lang != "en") return Invalid("error.language", "language");
  }
  return {};
}

std::optional<long long> UnitOf(const json& user) {
  if (user["org_unit_id"].is_null()) return std::nullopt;
  return user["org_unit_id"].get<long long>();
}

Status CheckUnitExists(Tx& tx, const json& org_unit_id) {
  if (org_unit_id.is_null()) return {};
  if (!store::GetRecord(tx, store::OrgUnitTable(), org_unit_id.get<long long>()))
    return Invalid("error.org_unit_missing", "org_unit_id");
  return {};
}

// Writes a new user with its password; checks done by the caller.
Result<json> InsertUser(Tx& tx, json record, const std::string& password) {
  if (tx.QueryOne("SELECT id FROM users WHERE username = ?",
                  {Value(record["username"].get<std::string>())}, {store::Col::kInt}))
    return Invalid("error.username_taken", "username");
  Status unit = CheckUnitExists(tx, record["org_unit_id"]);
  if (!unit.ok()) return unit.error();
  std::string hash = HashPassword(password);
  if (hash.empty()) return MakeError(Code::kInternal, "error.internal");
  json user = store::InsertRecord(tx, store::UserTable(), record);
  store::SetPasswordHash(tx, user["id"].get<long long>(), hash);
  return user;
}

// The new user record from a checked create body.
Result<json> NewUserRecord(const json& body) {
  json record = {{"username", Trimmed(body["username"].get<std::string>())},
                 {"name", body["name"]},
                 {"email", body["email"]},
                 {"active", body.value("active", true)},
                 {"language", body.value("language", std::string("sv"))},
                 {"org_unit_id", body.value("org_unit_id", json(nullptr))}};
  if (!ValidUsername(record["username"].get<std::string>()))
    return Invalid("error.username", "username");
  Status s = CheckPerson(record);
  if (!s.ok()) return s.error();
  s = CheckPassword(body["password"].get<std::string>(), record["username"].get<std::string>(),
                    "password");
  if (!s.ok()) return s.error();
  return record;
}

void AuditPasswordSet(Tx& tx, const json& user) {
  store::AuditEvent e;
  e.action = "password_set";
  e.entity = "user";
  e.entity_id = user["id"].get<long long>();
  e.scope_id = UnitOf(user);
  store::AppendAuditEvent(tx, e);
}

// Ends every session and revokes every API token of `user_id`.
void EndAccess(Tx& tx, long long user_id) {
  store::DeleteSessionsOfUser(tx, user_id);
  store::Filter f;
  f.And("user_id = ?", {Value(user_id)});
  auto tokens = store::ListRecords(tx, store::ApiTokenTable(), f, "id", 100000, 0);
  for (const auto& t : tokens.items)
    store::DeleteRecord(tx, store::ApiTokenTable(), t["id"].get<long long>(),
                        t["version"].get<long long>());
}

// Whether `caller` may change user `user`: it must be allowed to write users at the user's
// unit and to assign every role the user holds, so that no one can take over an account
// with more reach than its own.
bool CanManageUser(Tx& tx, const Caller& caller, const json& user) {
  if (!Can(tx, caller, Permission::kUserWrite, UnitOf(user))) return false;
  for (const auto& grant : store::LoadGrants(tx, user["id"].get<long long>()))
    if (!Can(tx, caller, Permission::kRoleWrite, grant.scope_id)) return false;
  return true;
}

// Whether `caller` may see user record `user`.
bool CanSeeUser(Tx& tx, const Caller& caller, const json& user) {
  return user["id"].get<long long>() == caller.user_id ||
         Can(tx, caller, Permission::kUserRead, UnitOf(user));
}

}  // namespace

Status CheckPassword(const std::string& password, const std::string& username,
                     const std::string& field) {
  std::string problem = domain::PasswordProblem(password, username, IsCommonPassword);
  if (problem.empty()) return {};
  return Invalid(problem, field)
      .With("min", std::to_string(domain::kPasswordMinCodePoints))
      .With("max", std::to_string(domain::kPasswordMaxBytes));
}

Result<store::Page> UserService::List(const Caller& caller, const UserListQuery& query) {
  auto scopes = ScopesOf(caller, Permission::kUserRead);
  if (!scopes.any()) return Forbidden();
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter filter;
    store::FilterToSubtrees(filter, "org_unit_id", scopes);
    if (query.org_unit_id) filter.And("org_unit_id = ?", {Value(*query.org_unit_id)});
    if (!query.search.empty()) {
      std::string like = "%" + store::EscapeLike(query.search) + "%";
      filter.And(
          "(LOWER(username) LIKE LOWER(?) ESCAPE '!' OR LOWER(name) LIKE LOWER(?) ESCAPE '!' OR "
          "LOWER(email) LIKE LOWER(?) ESCAPE '!')",
          {Value(like), Value(like), Value(like)});
    }
    return store::ListRecords(tx, store::UserTable(), filter, "name, id", query.page.limit,
                              query.page.offset);
  });
}

Result<json> UserService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto user = store::GetRecord(tx, store::UserTable(), id);
    if (!user || !CanSeeUser(tx, caller, *user)) return NotFound();
    return *user;
  });
}

Result<json> UserService::Create(const Caller& caller, const json& body) {
  Status s = CheckInput(body, CreateFields(), false);
  if (!s.ok()) return s.error();
  auto record = NewUserRecord(body);
  if (!record.ok()) return record.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    if (!Can(tx, caller, Permission::kUserWrite, UnitOf(*record))) {
      if (ScopesOf(caller, Permission::kUserWrite).any() && (*record)["org_unit_id"].is_null())
        return Invalid("error.field_missing", "org_unit_id");
      return Forbidden();
    }
    return InsertUser(tx, *record, body["password"].get<std::string>());
  });
}

// Applies `changes` to the user `current` after the checks every kind of change needs.
Result<json> UserService::Save(Tx& tx, const Caller& caller, const json& current, json changes,
                               long long expected_version, const std::string& action) {
  long long id = current["id"].get<long long>();
  if (!CanManageUser(tx, caller, current)) return Forbidden();
  Status s = CheckPerson(changes);
  if (!s.ok()) return s.error();
  if (changes.contains("org_unit_id") && changes["org_unit_id"] != current["org_unit_id"]) {
    Status unit = CheckUnitExists(tx, changes["org_unit_id"]);
    if (!unit.ok()) return unit.error();
    if (!Can(tx, caller, Permission::kUserWrite, UnitOf(changes))) return Forbidden();
  }
  auto updated = store::UpdateRecord(tx, store::UserTable(), id, expected_version, changes, action);
  if (updated.ok() && current["active"].get<bool>() && !(*updated)["active"].get<bool>())
    EndAccess(tx, id);
  return updated;
}

Result<json> UserService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, UpdateFields(), true);
  if (!s.ok()) return s.error();
  json changes = json::object();
  for (const char* f : {"name", "email", "active", "language", "org_unit_id"})
    if (body.contains(f)) changes[f] = body[f];
  s = CheckPerson(changes);
  if (!s.ok()) return s.error();
  if (body.contains("password")) {  // the rule of the username once the user is read
    s = CheckPassword(body["password"].get<std::string>(), "", "password");
    if (!s.ok()) return s.error();
  }
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::UserTable(), id);
    if (!current || !CanSeeUser(tx, caller, *current)) return NotFound();
    if (body.contains("password")) {
      Status rules = CheckPassword(body["password"].get<std::string>(),
                                   (*current)["username"].get<std::string>(), "password");
      if (!rules.ok()) return rules.error();
    }
    auto updated = Save(tx, caller, *current, changes, InputVersion(body), "update");
    if (updated.ok() && body.contains("password")) {
      store::SetPasswordHash(tx, id, HashPassword(body["password"].get<std::string>()));
      AuditPasswordSet(tx, *updated);
      // A password set by someone else means the old one is not to be trusted: every way in
      // that rested on it ends.
      if (id != caller.user_id) EndAccess(tx, id);
    }
    return updated;
  });
}

Result<std::vector<json>> UserService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::UserTable(), id, [&](Tx& tx, const json& record) {
    return CanSeeUser(tx, caller, record);
  });
}

Result<json> UserService::GetAt(const Caller& caller, long long id, const std::string& at) {
  return history::ReadAt(db_, store::UserTable(), id, at, [&](Tx& tx, const json& record) {
    return CanSeeUser(tx, caller, record);
  });
}

Result<json> UserService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = store::GetRecord(tx, store::UserTable(), id, true);
    if (!current || !CanSeeUser(tx, caller, *current)) return NotFound();
    auto old = history::Version(tx, store::UserTable(), id, *target);
    if (!old) return Invalid("error.version_unknown", "version");
    json changes = json::object();
    for (const char* f : {"name", "email", "active", "language", "org_unit_id"})
      changes[f] = (*old)[f];
    if (!(*current)["deleted_at"].is_null()) changes["deleted_at"] = nullptr;
    return Save(tx, caller, *current, changes, (*current)["version"].get<long long>(), "restore");
  });
}

Result<store::Page> UserService::ListRoles(const Caller& caller, long long user_id, bool deleted) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto user = store::GetRecord(tx, store::UserTable(), user_id);
    if (!user || !CanSeeUser(tx, caller, *user)) return NotFound();
    store::Filter filter;
    filter.And("user_id = ?", {Value(user_id)});
    return store::ListRecords(tx, store::RoleAssignmentTable(), filter, "id", 1000, 0, deleted);
  });
}

namespace {

// Conflict when user `user_id` already holds `role` in exactly this scope (and object).
Status CheckNotHeld(Tx& tx, long long user_id, const std::string& role,
                    std::optional<long long> scope_id, std::optional<long long> object_id) {
  store::Filter dup;
  dup.And("user_id = ? AND role = ?", {Value(user_id), Value(role)});
  dup.And(scope_id ? "scope_id = ?" : "scope_id IS NULL",
          scope_id ? std::vector<Value>{Value(*scope_id)} : std::vector<Value>{});
  dup.And(object_id ? "object_id = ?" : "object_id IS NULL",
          object_id ? std::vector<Value>{Value(*object_id)} : std::vector<Value>{});
  if (store::CountRecords(tx, store::RoleAssignmentTable(), dup) > 0)
    return MakeError(Code::kConflict, "error.role_exists");
  return {};
}

}  // namespace

// Whether `caller` may give `role` in `scope_id` to user `user_id` now: the scope exists, the
// caller may assign roles there, and the user does not already hold it.
Status UserService::CheckGrantable(Tx& tx, const Caller& caller, long long user_id,
                                   const std::string& role, std::optional<long long> scope_id,
                                   std::optional<long long> object_id) {
  if (scope_id && !store::GetRecord(tx, store::OrgUnitTable(), *scope_id))
    return Invalid("error.org_unit_missing", "scope_id");
  if (!Can(tx, caller, Permission::kRoleWrite, scope_id)) return Forbidden();
  if (user_id == caller.user_id && domain::IsContentRole(role))
    return MakeError(Code::kForbidden, "error.role_self_grant");
  return CheckNotHeld(tx, user_id, role, scope_id, object_id);
}

Result<json> UserService::AddRole(const Caller& caller, long long user_id, const json& body) {
  Status s = CheckInput(body, RoleFields(), false);
  if (!s.ok()) return s.error();
  const std::string role = body["role"].get<std::string>();
  if (!domain::IsRole(role)) return Invalid("error.role_unknown", "role");
  json scope = body.value("scope_id", json(nullptr));
  json object = body.value("object_id", json(nullptr));
  if (!object.is_null() && !domain::IsObjectRole(role))
    return Invalid("error.role_not_object_role", "object_id");
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto user = store::GetRecord(tx, store::UserTable(), user_id);
    if (!user || !CanSeeUser(tx, caller, *user)) return NotFound();
    std::optional<long long> scope_id, object_id;
    if (!scope.is_null()) scope_id = scope.get<long long>();
    if (!object.is_null()) {
      // A role on one object is held at the object's node: whoever may assign roles there may
      // assign it, and it moves with nothing else.
      object_id = object.get<long long>();
      auto o = store::GetRecord(tx, store::ObjectTable(), *object_id);
      if (!o) return Invalid("error.object_missing", "object_id");
      scope_id = (*o)["org_unit_id"].get<long long>();
      scope = *scope_id;
    }
    Status grantable = CheckGrantable(tx, caller, user_id, role, scope_id, object_id);
    if (!grantable.ok()) return grantable.error();
    return store::InsertRecord(
        tx, store::RoleAssignmentTable(),
        {{"user_id", user_id}, {"role", role}, {"scope_id", scope}, {"object_id", object}});
  });
}

Result<json> UserService::RestoreRole(const Caller& caller, long long user_id,
                                      long long assignment_id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto user = store::GetRecord(tx, store::UserTable(), user_id);
    if (!user || !CanSeeUser(tx, caller, *user)) return NotFound();
    auto grant = store::GetRecord(tx, store::RoleAssignmentTable(), assignment_id, true);
    if (!grant || (*grant)["user_id"].get<long long>() != user_id) return NotFound();
    auto old = history::Version(tx, store::RoleAssignmentTable(), assignment_id, *target);
    if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
    if ((*grant)["deleted_at"].is_null()) return MakeError(Code::kConflict, "error.role_exists");
    std::optional<long long> scope_id;
    if (!(*old)["scope_id"].is_null()) scope_id = (*old)["scope_id"].get<long long>();
    // Versions written before object roles existed have no object_id.
    std::optional<long long> object_id;
    if (old->contains("object_id") && !(*old)["object_id"].is_null())
      object_id = (*old)["object_id"].get<long long>();
    Status grantable =
        CheckGrantable(tx, caller, user_id, (*old)["role"].get<std::string>(), scope_id, object_id);
    if (!grantable.ok()) return grantable.error();
    return store::UpdateRecord(tx, store::RoleAssignmentTable(), assignment_id,
                               (*grant)["version"].get<long long>(),
                               {{"role", (*old)["role"]},
                                {"scope_id", (*old)["scope_id"]},
                                {"object_id", object_id ? json(*object_id) : json(nullptr)},
                                {"deleted_at", nullptr}},
                               "restore");
  });
}

Result<json> UserService::RemoveRole(const Caller& caller, long long user_id,
                                     long long assignment_id) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto user = store::GetRecord(tx, store::UserTable(), user_id);
    if (!user || !CanSeeUser(tx, caller, *user)) return NotFound();
    auto grant = store::GetRecord(tx, store::RoleAssignmentTable(), assignment_id);
    if (!grant || (*grant)["user_id"].get<long long>() != user_id) return NotFound();
    std::optional<long long> scope_id;
    if (!(*grant)["scope_id"].is_null()) scope_id = (*grant)["scope_id"].get<long long>();
    if (!Can(tx, caller, Permission::kRoleWrite, scope_id)) return Forbidden();
    return store::DeleteRecord(tx, store::RoleAssignmentTable(), assignment_id,
                               (*grant)["version"].get<long long>());
  });
}

Result<json> UserService::CreateAsSystem(const store::Actor& actor, const json& body,
                                         const std::optional<std::string>& role,
                                         std::optional<long long> scope_id) {
  Status s = CheckInput(body, CreateFields(), false);
  if (!s.ok()) return s.error();
  auto record = NewUserRecord(body);
  if (!record.ok()) return record.error();
  if (role && !domain::IsRole(*role)) return Invalid("error.role_unknown", "role");
  return db_.WriteResult<json>(actor, [&](Tx& tx) -> Result<json> {
    if (scope_id && !store::GetRecord(tx, store::OrgUnitTable(), *scope_id))
      return Invalid("error.org_unit_missing", "scope_id");
    auto user = InsertUser(tx, *record, body["password"].get<std::string>());
    if (!user.ok() || !role) return user;
    store::InsertRecord(tx, store::RoleAssignmentTable(),
                        {{"user_id", (*user)["id"]},
                         {"role", *role},
                         {"scope_id", scope_id ? json(*scope_id) : json(nullptr)}});
    return user;
  });
}

Result<json> UserService::GrantAsSystem(const store::Actor& actor, const std::string& username,
                                        const std::string& role,
                                        std::optional<long long> scope_id) {
  if (!domain::IsRole(role)) return Invalid("error.role_unknown", "role");
  return db_.WriteResult<json>(actor, [&](Tx& tx) -> Result<json> {
    auto row = tx.QueryOne("SELECT id FROM users WHERE username = ? AND deleted_at IS NULL",
                           {Value(username)}, {store::Col::kInt});
    if (!row) return Invalid("error.user_unknown", "username");
    if (scope_id && !store::GetRecord(tx, store::OrgUnitTable(), *scope_id))
      return Invalid("error.org_unit_missing", "scope_id");
    Status held = CheckNotHeld(tx, row->Int(0), role, scope_id, std::nullopt);
    if (!held.ok()) return held.error();
    return store::InsertRecord(tx, store::RoleAssignmentTable(),
                               {{"user_id", row->Int(0)},
                                {"role", role},
                                {"scope_id", scope_id ? json(*scope_id) : json(nullptr)}});
  });
}

Status UserService::SetPasswordAsSystem(const store::Actor& actor, const std::string& username,
                                        const std::string& password) {
  Status s = CheckPassword(password, username, "password");
  if (!s.ok()) return s;
  return db_.Write(actor, [&](Tx& tx) -> Status {
    auto row = tx.QueryOne("SELECT id FROM users WHERE username = ? AND deleted_at IS NULL",
                           {Value(username)}, {store::Col::kInt});
    if (!row) return Invalid("error.user_unknown", "username");
    auto user = store::GetRecord(tx, store::UserTable(), row->Int(0));
    store::SetPasswordHash(tx, row->Int(0), HashPassword(password));
    AuditPasswordSet(tx, *user);
    return {};
  });
}

}  // namespace lis::service
