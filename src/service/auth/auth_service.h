// Sign-in and who-is-this: passwords, server-side sessions, API tokens, failed-login lockout.
// Sessions live in the database, so several server processes can share them.
#pragma once

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/config.h"
#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct LoginResult {
  std::string session_token;  // goes to the client in the lis_session cookie; stored hashed
  std::string csrf_token;
  Caller caller;
};

struct CreatedToken {
  long long id = 0;
  std::string token;  // shown once; only its hash is stored
  std::string name;
  std::string created_at;
};

// The Argon2 hash a login checks the password against: `*stored` (the account's) or, for an
// unknown username (null), a dummy of the same cost made once, so that both cost one Argon2
// verification and the time of a failed login does not tell whether the username exists.
const std::string& LoginHashToCheck(const std::string* stored);

// How long a failed login for a username with `failures` recent failures (this one included)
// is answered late when lockout is by address: nothing under `limit`, then 250 ms more for each,
// at most 2 s — a slow-down, never a lockout.
std::chrono::milliseconds LoginSlowDown(int failures, int limit);

class AuthService {
 public:
  AuthService(store::Database& db, const Config& config) : db_(db), config_(config) {}

  // Checks the password. Failed attempts are counted per client address (and username);
  // after config.lockout_failures within config.lockout_minutes the address is locked (kLocked)
  // for lockout_minutes, even for the right password (config.lockout_by_address false: the
  // username). Every outcome is audited; failures and attempts while locked are tallied per
  // address, `route` ("POST /login") and minute (AppendTalliedEvent).
  Result<LoginResult> Login(const std::string& username, const std::string& password,
                            const std::string& address, const std::string& route);
  Status Logout(const Caller& caller);

  // The caller behind a session cookie value, and the session's CSRF token; kUnauthenticated
  // if the session is unknown, expired or its user inactive.
  Result<std::pair<Caller, std::string>> FromSession(const std::string& session_token,
                                                     const std::string& address);
  // The caller behind an API token (the value after "Bearer ").
  Result<Caller> FromApiToken(const std::string& token, const std::string& address);

  // Body: current_password, new_password.
  Status ChangeOwnPassword(const Caller& caller, const nlohmann::json& body);
  // Body: version, language ("sv" or "en").
  Result<nlohmann::json> SetOwnLanguage(const Caller& caller, const nlohmann::json& body);

  // Body: name.
  Result<CreatedToken> CreateToken(const Caller& caller, const nlohmann::json& body);
  Result<store::Page> ListTokens(const Caller& caller);
  Result<nlohmann::json> RevokeToken(const Caller& caller, long long id);

 private:
  Result<Caller> LoadCaller(store::Tx& tx, long long user_id, const std::string& address);

  store::Database& db_;
  const Config& config_;
};

}  // namespace lis::service
