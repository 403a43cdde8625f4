#include "service/auth/auth_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <thread>

#include "core/clock.h"
#include "core/crypto.h"
#include "service/audit/audit_tallies.h"
#include "service/input.h"
#include "service/org/user_service.h"
#include "store/audit_trail.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

// Touching last-seen on every request would make every read a write; once a minute is enough.
constexpr auto kTouchInterval = std::chrono::minutes(1);

// A security event of `action`, about the user `user_id` when it is known.
store::AuditEvent SecurityEvent(Tx& tx, const std::string& action, std::optional<long long> user_id,
                                const std::string& detail_json) {
  store::AuditEvent e;
  e.action = action;
  if (user_id) {
    e.entity = "user";
    e.entity_id = user_id;
    e.scope_id = store::UserOrgUnit(tx, *user_id);
  }
  e.after_json = detail_json;
  return e;
}

void AuditSecurity(Tx& tx, const std::string& action, std::optional<long long> user_id,
                   const std::string& detail_json = {}) {
  store::AppendAuditEvent(tx, SecurityEvent(tx, action, user_id, detail_json));
}

// A failed login, or one while locked: the first of the address, route and minute is an event
// of its own, later ones are counted (AppendTalliedEvent).
void AuditTallied(Tx& tx, const std::string& action, std::optional<long long> user_id,
                  const std::string& username, const std::string& route) {
  AppendTalliedEvent(tx, SecurityEvent(tx, action, user_id, json{{"username", username}}.dump()),
                     route, 0, username);
}

bool OlderThan(const std::string& stamp, std::chrono::system_clock::duration age) {
  auto t = ParseTime(stamp);
  return !t || *t + age < std::chrono::system_clock::now();
}

// A username is locked for `window` from the failure that made `limit` failures within
// `window` (newest first in `failures`). Attempts while locked are not counted, so the newest
// failure is the one that locked.
bool IsLocked(const std::vector<std::string>& failures, int limit,
              std::chrono::system_clock::duration window, TimePoint now) {
  if (limit <= 0 || static_cast<int>(failures.size()) < limit) return false;
  auto newest = ParseTime(failures.front());
  auto oldest = ParseTime(failures[limit - 1]);
  if (!newest || !oldest) return false;
  return *newest - *oldest <= window && now < *newest + window;
}

// What LoginHashToCheck answers for an unknown username: it matches no password anyone sends.
const std::string& DummyLoginHash() {
  static const std::string kHash = HashPassword(RandomToken());
  return kHash;
}

Error Unauthenticated() {
  return MakeError(Code::kUnauthenticated, "error.unauthenticated");
}

}  // namespace

std::chrono::milliseconds LoginSlowDown(int failures, int limit) {
  if (limit <= 0 || failures < limit) return std::chrono::milliseconds(0);
  return std::min(std::chrono::milliseconds(2000),
                  std::chrono::milliseconds(250) * (failures - limit + 1));
}

const std::string& LoginHashToCheck(const std::string* stored) {
  return stored ? *stored : DummyLoginHash();
}

Result<Caller> AuthService::LoadCaller(Tx& tx, long long user_id, const std::string& address) {
  auto user = store::GetRecord(tx, store::UserTable(), user_id);
  if (!user || !(*user)["active"].get<bool>()) return Unauthenticated();
  Caller c;
  c.user_id = user_id;
  c.username = (*user)["username"].get<std::string>();
  c.name = (*user)["name"].get<std::string>();
  c.language = (*user)["language"].get<std::string>();
  c.grants = store::LoadGrants(tx, user_id);
  c.address = address;
  return c;
}

Result<LoginResult> AuthService::Login(const std::string& username, const std::string& password,
                                       const std::string& address, const std::string& route) {
  auto now = std::chrono::system_clock::now();
  auto window = std::chrono::minutes(config_.lockout_minutes);
  store::Actor actor;
  actor.name = username.substr(0, 64);
  actor.address = address;
  // The lockout and the failure count must commit even though the login fails, so the
  // transaction returns ok and the outcome travels in `result`.
  std::optional<Result<LoginResult>> result;
  std::chrono::milliseconds slow_down(0);
  const bool by_address = config_.lockout_by_address;
  Status s = db_.Write(actor, [&](Tx& tx) -> Status {
    std::string since = FormatTime(now - 2 * window);
    auto failures = store::RecentLoginFailures(tx, username, since);
    // What a failure counts toward: the address's failures, or (the older rule) the username's.
    auto counted = by_address ? store::RecentLoginFailuresFrom(tx, address, since) : failures;
    if (IsLocked(counted, config_.lockout_failures, window, now)) {
      AuditTallied(tx, "login_locked", std::nullopt, username, route);
      result.emplace(MakeError(Code::kLocked,
                               by_address ? "error.login_locked_address" : "error.login_locked"));
      return {};
    }
    auto cred = store::FindCredentialByUsername(tx, username);
    bool matches =
        VerifyPassword(LoginHashToCheck(cred ? &cred->password_hash : nullptr), password);
    if (!cred || !matches) {
      store::RecordLoginFailure(tx, username, address, FormatTime(now));
      counted.insert(counted.begin(), FormatTime(now));
      bool locks = IsLocked(counted, config_.lockout_failures, window, now);
      if (by_address) {
        std::string in_window = FormatTime(now - window);
        auto recent = std::count_if(failures.begin(), failures.end(),
                                    [&](const std::string& at) { return at >= in_window; });
        slow_down = LoginSlowDown(static_cast<int>(recent) + 1, config_.lockout_failures);
      }
      auto user_id = cred ? std::optional(cred->user_id) : std::nullopt;
      if (locks)
        AuditSecurity(tx, "lockout", user_id, json{{"username", username}}.dump());
      else
        AuditTallied(tx, "login_failed", user_id, username, route);
      result.emplace(MakeError(Code::kUnauthenticated, "error.login_failed"));
      return {};
    }
    auto caller = LoadCaller(tx, cred->user_id, address);
    if (!caller.ok()) {
      result.emplace(MakeError(Code::kUnauthenticated, "error.login_failed"));
      return {};
    }
    store::ClearLoginFailures(tx, username);
    actor.user_id = cred->user_id;  // the login event is the user's own (tx holds `actor`)
    LoginResult r;
    r.session_token = RandomToken();
    r.csrf_token = RandomToken();
    r.caller = *caller;
    r.caller.session_id =
        store::InsertSession(tx, cred->user_id, Sha256Hex(r.session_token), r.csrf_token, address,
                             FormatTime(now + std::chrono::hours(config_.session_hours)));
    AuditSecurity(tx, "login", cred->user_id);
    result.emplace(std::move(r));
    return {};
  });
  if (!s.ok()) return s.error();
  // Outside the transaction: a slowed-down failure holds no lock while it waits.
  if (slow_down.count() > 0 && !result->ok()) std::this_thread::sleep_for(slow_down);
  return std::move(*result);
}

Status AuthService::Logout(const Caller& caller) {
  if (caller.session_id == 0) return {};
  return db_.Write(caller.ToActor(), [&](Tx& tx) -> Status {
    store::DeleteSession(tx, caller.session_id);
    AuditSecurity(tx, "logout", caller.user_id);
    return {};
  });
}

Result<std::pair<Caller, std::string>> AuthService::FromSession(const std::string& token,
                                                                const std::string& address) {
  if (token.empty()) return Unauthenticated();
  std::string hash = Sha256Hex(token);
  std::optional<store::SessionRow> session;
  auto caller = db_.ReadResult<Caller>([&](Tx& tx) -> Result<Caller> {
    session = store::FindSession(tx, hash);
    if (!session || session->expires_at < NowText()) return Unauthenticated();
    auto c = LoadCaller(tx, session->user_id, address);
    if (c.ok()) c->session_id = session->id;
    return c;
  });
  if (!caller.ok()) return caller.error();
  if (OlderThan(session->last_seen_at, kTouchInterval)) {
    auto now = std::chrono::system_clock::now();
    db_.Write(store::Actor(), [&](Tx& tx) -> Status {
      store::TouchSession(tx, session->id, FormatTime(now),
                          FormatTime(now + std::chrono::hours(config_.session_hours)));
      return {};
    });
  }
  return std::make_pair(std::move(*caller), session->csrf_token);
}

Result<Caller> AuthService::FromApiToken(const std::string& token, const std::string& address) {
  if (token.empty()) return Unauthenticated();
  std::string hash = Sha256Hex(token);
  std::optional<store::TokenRow> row;
  auto caller = db_.ReadResult<Caller>([&](Tx& tx) -> Result<Caller> {
    row = store::FindLiveToken(tx, hash);
    if (!row) return Unauthenticated();
    auto c = LoadCaller(tx, row->user_id, address);
    if (c.ok()) c->token_id = row->id;
    return c;
  });
  if (!caller.ok()) return caller;
  if (OlderThan(row->last_used_at, kTouchInterval)) {
    db_.Write(store::Actor(), [&](Tx& tx) -> Status {
      store::TouchToken(tx, row->id, NowText());
      return {};
    });
  }
  return caller;
}

Status AuthService::ChangeOwnPassword(const Caller& caller, const json& body) {
  static const std::vector<InputField> kFields = {
      {"current_password", InputType::kText, true, false, 256},
      {"new_password", InputType::kText, true, false, 256},
  };
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s;
  s = CheckPassword(body["new_password"].get<std::string>(), caller.username, "new_password");
  if (!s.ok()) return s;
  return db_.Write(caller.ToActor(), [&](Tx& tx) -> Status {
    auto cred = store::FindCredentialByUsername(tx, caller.username);
    if (!cred || !VerifyPassword(cred->password_hash, body["current_password"].get<std::string>()))
      return Invalid("error.password_wrong", "current_password");
    store::SetPasswordHash(tx, caller.user_id,
                           HashPassword(body["new_password"].get<std::string>()));
    // Other sessions of this user end; this one stays.
    tx.Exec("DELETE FROM sessions WHERE user_id = ? AND id <> ?",
            {Value(caller.user_id), Value(caller.session_id)});
    AuditSecurity(tx, "password_change", caller.user_id);
    return {};
  });
}

Result<json> AuthService::SetOwnLanguage(const Caller& caller, const json& body) {
  static const std::vector<InputField> kFields = {{"language", InputType::kText, false, false, 2}};
  Status s = CheckInput(body, kFields, true);
  if (!s.ok()) return s.error();
  std::string lang = body.value("language", caller.language);
  if (lang != "sv" && lang != "en") return Invalid("error.language", "language");
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    return store::UpdateRecord(tx, store::UserTable(), caller.user_id, InputVersion(body),
                               {{"language", lang}});
  });
}

Result<CreatedToken> AuthService::CreateToken(const Caller& caller, const json& body) {
  static const std::vector<InputField> kFields = {{"name", InputType::kText, true, false, 100}};
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  CreatedToken out;
  out.token = "lis_" + RandomToken();
  out.name = Trimmed(body["name"].get<std::string>());
  return db_.WriteResult<CreatedToken>(
      caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<CreatedToken> {
        json record = store::InsertRecord(tx, store::ApiTokenTable(),
                                          {{"user_id", caller.user_id}, {"name", out.name}},
                                          {{"token_hash", Value(Sha256Hex(out.token))}});
        out.id = record["id"].get<long long>();
        out.created_at = record["created_at"].get<std::string>();
        return out;
      });
}

Result<store::Page> AuthService::ListTokens(const Caller& caller) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    f.And("user_id = ?", {Value(caller.user_id)});
    return store::ListRecords(tx, store::ApiTokenTable(), f, "id", 1000, 0);
  });
}

Result<json> AuthService::RevokeToken(const Caller& caller, long long id) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto token = store::GetRecord(tx, store::ApiTokenTable(), id);
    if (!token || (*token)["user_id"].get<long long>() != caller.user_id) return NotFound();
    return store::DeleteRecord(tx, store::ApiTokenTable(), id,
                               (*token)["version"].get<long long>());
  });
}

}  // namespace lis::service
