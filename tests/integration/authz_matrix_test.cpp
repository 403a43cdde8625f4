// The role × endpoint matrix: every demo account (one per role, each in its own scope of the
// demo organisation) against every endpoint of the platform, authenticated by session cookie
// and by API token, and every endpoint without authentication. The table below IS the
// specification; it follows the permission table in src/domain/org/roles.cpp:
//   every role: org read; contact, ciso, security_chief, it_security: user read;
//   admin: org write, user write, role write.
// Reads of a record outside the caller's scope answer 404, so that existence is not revealed;
// a write of a record the caller can see but may not change answers 403. Every user may see
// itself.
//
// The demo organisation (scopes in brackets):
//   Norrviks kommunkoncern [sakerhetschef]
//     Norrviks kommun [ciso, itsak, dso, ks.ordforande]
//       Kommunstyrelseförvaltningen [objektagare.it, teknisk]
//       Barn- och utbildningsförvaltningen [objektagare, forvaltare]
//       Socialförvaltningen [infoagare.sof, kontakt.sof, medarbetare]   <- the targets live here
//       ...
//     Norrvik Energi AB [ciso.energi]
//       Drift och nät
//     Norrviksbostäder AB
//   admin: the whole installation.
#include <array>
#include <map>
#include <set>

#include "lis_server.h"

namespace lis_test::authz_matrix_test {
namespace {

enum Column {
  kListOrgUnits,       // GET    /org-units
  kCreateOrgUnit,      // POST   /org-units                    a unit under Socialförvaltningen
  kGetSof,             // GET    /org-units/{Socialförvaltningen}
  kGetEnergi,          // GET    /org-units/{Norrvik Energi AB}
  kRenameOrgUnit,      // PATCH  /org-units/{id}               a unit under Socialförvaltningen
  kDeleteOrgUnit,      // DELETE /org-units/{id}               an empty one there
  kListUsers,          // GET    /users
  kCreateUser,         // POST   /users                        in Socialförvaltningen
  kGetEmployee,        // GET    /users/{medarbetare}          who is in Socialförvaltningen
  kGetSelf,            // GET    /users/{own id}
  kUpdateUser,         // PATCH  /users/{id}                   a user in Socialförvaltningen
  kUpdateSelf,         // PATCH  /users/{own id}
  kListEmployeeRoles,  // GET    /users/{medarbetare}/roles
  kAddRole,            // POST   /users/{id}/roles             to a user in Socialförvaltningen
  kRemoveRole,         // DELETE /users/{id}/roles/{rid}       of a user in Socialförvaltningen
  kMe,                 // GET    /me
  kListTokens,         // GET    /tokens
  kCreateToken,        // POST   /tokens
  kRevokeOwnToken,     // DELETE /tokens/{id}                  one's own
  kRevokeOthersToken,  // DELETE /tokens/{id}                  another user's
  kColumns
};

struct Row {
  const char* username;  // "-": no authentication
  std::array<int, kColumns> expected;
};

// clang-format off
const Row kMatrix[] = {
//                    org-units                       users                                                   me     tokens
//                    list crea gSof gEne rena dele   list crea gEmp gSel upd  updS rols addR remR   me     list crea delO delX
  {"admin",          {200, 201, 200, 200, 200, 204,   200, 201, 200, 200, 200, 200, 200, 201, 204,   200,   200, 201, 204, 404}},
  {"ciso",           {200, 403, 200, 404, 403, 403,   200, 403, 200, 200, 403, 403, 200, 403, 403,   200,   200, 201, 204, 404}},
  {"ciso.energi",    {200, 403, 404, 200, 404, 404,   200, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"sakerhetschef",  {200, 403, 200, 200, 403, 403,   200, 403, 200, 200, 403, 403, 200, 403, 403,   200,   200, 201, 204, 404}},
  {"itsak",          {200, 403, 200, 404, 403, 403,   200, 403, 200, 200, 403, 403, 200, 403, 403,   200,   200, 201, 204, 404}},
  {"dso",            {200, 403, 200, 404, 403, 403,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"ks.ordforande",  {200, 403, 200, 404, 403, 403,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"infoagare.sof",  {200, 403, 200, 404, 403, 403,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"objektagare",    {200, 403, 404, 404, 404, 404,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"objektagare.it", {200, 403, 404, 404, 404, 404,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"forvaltare",     {200, 403, 404, 404, 404, 404,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"teknisk",        {200, 403, 404, 404, 404, 404,   403, 403, 404, 200, 404, 403, 404, 404, 404,   200,   200, 201, 204, 404}},
  {"kontakt.sof",    {200, 403, 200, 404, 403, 403,   200, 403, 200, 200, 403, 403, 200, 403, 403,   200,   200, 201, 204, 404}},
  {"medarbetare",    {200, 403, 200, 404, 403, 403,   403, 403, 200, 200, 404, 403, 200, 404, 404,   200,   200, 201, 204, 404}},
  {"-",              {401, 401, 401, 401, 401, 401,   401, 401, 401, 401, 401, 401, 401, 401, 401,   401,   401, 401, 401, 401}},
};
// clang-format on

struct Call {
  std::string method;
  std::string path;
  json body;
};

// A caller of the matrix: its session and an API token of its own.
struct Who {
  std::string username;
  Session session;
  std::string token;
};

class AuthzMatrixTest : public SharedServerTest<AuthzMatrixTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  // Targets that refused writes aim at (they must stay as they are) and the callers.
  static void Prepare() {
    LisServer& s = server();
    sof_ = s.OrgUnitId("Socialförvaltningen");
    energi_ = s.OrgUnitId("Norrvik Energi AB");
    employee_ = s.UserId("medarbetare");
    shared_unit_ = s.CreateOrgUnit("Matrix shared unit", sof_)["id"];
    shared_user_ = s.CreateUser("matrix.shared", sof_)["id"];
    shared_role_ = s.AddRole(shared_user_, "employee", sof_)["id"];
    Session other;
    s.CreateUser("matrix.other", sof_);
    s.LoginAs("matrix.other", LisServer::kTestPassword, &other);
    json token = s.Post("/api/v1/tokens", other, {{"name", "other"}}).Json();
    others_token_id_ = token["id"];
    others_token_ = token["token"];
    for (const auto& row : kMatrix) {
      Who who;
      who.username = row.username;
      if (who.username != "-") {
        who.session = s.Login(who.username);
        who.token = s.Post("/api/v1/tokens", who.session, {{"name", "matrix"}}).Json()["token"];
      }
      callers_[who.username] = who;
    }
    prepared_ = true;
  }

  // A fresh name for things the matrix creates.
  static std::string Fresh(const std::string& prefix) {
    return prefix + std::to_string(++counter_);
  }

  // The call of `column` for `who`. When `succeeds`, the call will change its target, which
  // is then made for this call alone; otherwise it aims at the shared targets.
  static Call Build(Column column, const Who& who, bool succeeds) {
    LisServer& s = server();
    long long self = who.session.user_id ? who.session.user_id : employee_;
    auto fresh_user = [&] {
      return s.CreateUser(Fresh("matrix.user"), sof_)["id"].get<long long>();
    };
    switch (column) {
      case kListOrgUnits:
        return {"GET", "/api/v1/org-units", nullptr};
      case kCreateOrgUnit:
        return {"POST",
                "/api/v1/org-units",
                {{"name", Fresh(succeeds ? "Matrix created " : "Matrix refused ")},
                 {"kind", "unit"},
                 {"parent_id", sof_}}};
      case kGetSof:
        return {"GET", "/api/v1/org-units/" + Id(sof_), nullptr};
      case kGetEnergi:
        return {"GET", "/api/v1/org-units/" + Id(energi_), nullptr};
      case kRenameOrgUnit: {
        long long id = succeeds
                           ? s.CreateOrgUnit(Fresh("Matrix unit "), sof_)["id"].get<long long>()
                           : shared_unit_;
        return {"PATCH", "/api/v1/org-units/" + Id(id), {{"name", "Renamed"}, {"version", 1}}};
      }
      case kDeleteOrgUnit: {
        long long id = succeeds
                           ? s.CreateOrgUnit(Fresh("Matrix unit "), sof_)["id"].get<long long>()
                           : shared_unit_;
        return {"DELETE", "/api/v1/org-units/" + Id(id), nullptr};
      }
      case kListUsers:
        return {"GET", "/api/v1/users", nullptr};
      case kCreateUser:
        return {"POST",
                "/api/v1/users",
                {{"username", Fresh(succeeds ? "matrix.created" : "matrix.refused")},
                 {"name", "Matrix"},
                 {"email", "matrix@example.se"},
                 {"password", LisServer::kTestPassword},
                 {"org_unit_id", sof_}}};
      case kGetEmployee:
        return {"GET", "/api/v1/users/" + Id(employee_), nullptr};
      case kGetSelf:
        return {"GET", "/api/v1/users/" + Id(self), nullptr};
      case kUpdateUser: {
        long long id = succeeds ? fresh_user() : shared_user_;
        return {"PATCH", "/api/v1/users/" + Id(id), {{"name", "Changed"}, {"version", 1}}};
      }
      case kUpdateSelf: {
        json me = s.Get("/api/v1/users/" + Id(self), s.Admin()).Json();
        return {"PATCH",
                "/api/v1/users/" + Id(self),
                {{"name", me["name"]}, {"version", me["version"]}}};
      }
      case kListEmployeeRoles:
        return {"GET", "/api/v1/users/" + Id(employee_) + "/roles", nullptr};
      case kAddRole: {
        long long id = succeeds ? fresh_user() : shared_user_;
        return {"POST",
                "/api/v1/users/" + Id(id) + "/roles",
                {{"role", "contact"}, {"scope_id", sof_}}};
      }
      case kRemoveRole: {
        if (!succeeds)
          return {"DELETE", "/api/v1/users/" + Id(shared_user_) + "/roles/" + Id(shared_role_),
                  nullptr};
        long long id = fresh_user();
        long long role = s.AddRole(id, "employee", sof_)["id"];
        return {"DELETE", "/api/v1/users/" + Id(id) + "/roles/" + Id(role), nullptr};
      }
      case kMe:
        return {"GET", "/api/v1/me", nullptr};
      case kListTokens:
        return {"GET", "/api/v1/tokens", nullptr};
      case kCreateToken:
        return {"POST", "/api/v1/tokens", {{"name", "matrix"}}};
      case kRevokeOwnToken: {
        long long id = others_token_id_;
        if (!who.session.cookie.empty())
          id = s.Post("/api/v1/tokens", who.session, {{"name", "to revoke"}}).Json()["id"];
        return {"DELETE", "/api/v1/tokens/" + Id(id), nullptr};
      }
      case kRevokeOthersToken:
        return {"DELETE", "/api/v1/tokens/" + Id(others_token_id_), nullptr};
      case kColumns:
        break;
    }
    return {};
  }

  static void RunMatrix(bool by_token) {
    LisServer& s = server();
    static const std::map<int, std::string> kErrorCodes = {
        {401, "unauthenticated"}, {403, "forbidden"}, {404, "not_found"}};
    for (const auto& row : kMatrix) {
      const Who& who = callers_.at(row.username);
      Auth auth;
      if (!who.session.cookie.empty()) auth = by_token ? Bearer(who.token) : Auth(who.session);
      for (int c = 0; c < kColumns; ++c) {
        int expected = row.expected[c];
        Call call = Build(static_cast<Column>(c), who, expected >= 200 && expected < 300);
        Response r = s.Send(call.method, call.path, auth, call.body);
        EXPECT_EQ(r.status, expected)
            << row.username << (by_token ? " (token)" : " (session)") << ": " << call.method << " "
            << call.path << " " << (call.body.is_null() ? "" : call.body.dump()) << "\n  answered "
            << r;
        if (r.status != expected) continue;
        if (kErrorCodes.count(expected))
          EXPECT_EQ(r.Json()["error"]["code"], kErrorCodes.at(expected))
              << row.username << ": " << call.method << " " << call.path;
        bool list =
            c == kListOrgUnits || c == kListUsers || c == kListEmployeeRoles || c == kListTokens;
        if (list && expected == 200) EXPECT_TRUE(r.Json()["items"].is_array()) << call.path;
      }
    }
    ExpectSharedTargetsUnchanged();
  }

  // Refused writes changed nothing.
  static void ExpectSharedTargetsUnchanged() {
    LisServer& s = server();
    const Session& admin = s.Admin();
    json unit = s.Get("/api/v1/org-units/" + Id(shared_unit_), admin).Json();
    EXPECT_EQ(unit["name"], "Matrix shared unit");
    EXPECT_EQ(unit["version"], 1);
    json user = s.Get("/api/v1/users/" + Id(shared_user_), admin).Json();
    EXPECT_EQ(user["name"], "Test matrix.shared");
    EXPECT_EQ(user["version"], 1);
    json roles = s.Get("/api/v1/users/" + Id(shared_user_) + "/roles", admin).Json();
    ASSERT_EQ(roles["total"], 1) << roles;
    EXPECT_EQ(roles["items"][0]["id"], shared_role_);
    EXPECT_EQ(s.Get("/api/v1/users?q=matrix.refused", admin).Json()["total"], 0);
    auto names = Strings(s.Get("/api/v1/org-units?limit=500", admin).Json()["items"], "name");
    for (const auto& n : names) EXPECT_EQ(n.rfind("Matrix refused", 0), std::string::npos) << n;
    EXPECT_EQ(s.Get("/api/v1/me", Bearer(others_token_)).status, 200) << "token not revoked";
  }

  static inline bool prepared_ = false;
  static inline long long sof_ = 0, energi_ = 0, employee_ = 0;
  static inline long long shared_unit_ = 0, shared_user_ = 0, shared_role_ = 0;
  static inline long long others_token_id_ = 0;
  static inline std::string others_token_;
  static inline std::map<std::string, Who> callers_;
  static inline int counter_ = 0;
};

TEST_F(AuthzMatrixTest, EveryRoleAgainstEveryEndpointWithSessionCookie) {
  RunMatrix(false);
}

TEST_F(AuthzMatrixTest, EveryRoleAgainstEveryEndpointWithApiToken) {
  RunMatrix(true);
}

// The matrix covers every demo account, and the demo has one account for every role.
TEST_F(AuthzMatrixTest, CoversEveryDemoAccountAndRole) {
  std::set<std::string> rows, roles;
  for (const auto& row : kMatrix) rows.insert(row.username);
  for (const auto& a : server().accounts()) {
    EXPECT_TRUE(rows.count(a.username)) << a.username << " is missing from the matrix";
    roles.insert(a.role);
  }
  EXPECT_EQ(rows.size(), server().accounts().size() + 1);
  for (const char* role : {"employee", "contact", "object_owner", "object_owner_it",
                           "object_manager", "technical_manager", "information_owner", "ciso",
                           "security_chief", "it_security", "dpo", "board", "admin"})
    EXPECT_TRUE(roles.count(role)) << "no demo account has role " << role;
}

}  // namespace
}  // namespace lis_test::authz_matrix_test
