// Client mistakes: every one answers 4xx with a JSON error naming what is wrong (or a 404 page
// outside the API), never 500, and the server keeps serving.
#include "lis_server.h"

namespace lis_test::bad_input_test {
namespace {

// Replaces {sof}, {unit} and {user} in `text` with ids.
std::string Fill(std::string text, const std::map<std::string, long long>& ids) {
  for (const auto& [key, id] : ids) {
    std::string mark = "{" + key + "}";
    for (size_t pos; (pos = text.find(mark)) != std::string::npos;)
      text.replace(pos, mark.size(), std::to_string(id));
  }
  return text;
}

// Checks the shape of an API error: {"error": {"code", "message", "field"?}}.
void ExpectApiError(const Response& r, int status, const std::string& code, const char* field,
                    const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r;
  EXPECT_EQ(r.Header("Content-Type").rfind("application/json", 0), 0u) << what;
  json e = r.Json()["error"];
  EXPECT_EQ(e["code"], code) << what << ": " << r;
  EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty()) << what;
  if (!field) return;
  if (std::string(field).empty())
    EXPECT_FALSE(e.contains("field")) << what << ": " << r;
  else
    EXPECT_EQ(e["field"], field) << what << ": " << r;
}

class BadInputTest : public SharedServerTest<BadInputTest> {
 protected:
  void TearDown() override {
    if (started()) EXPECT_EQ(server().Get("/healthz").status, 200) << "the server keeps serving";
    SharedServerTest::TearDown();
  }
};

struct BadRequest {
  const char* what;
  const char* method;
  const char* path;
  std::string body;
  const char* field;  // the field the error names; "" for none; nullptr: not checked
};

TEST_F(BadInputTest, MalformedBodiesWrongTypesUnknownAndMissingFieldsAnswer400) {
  LisServer& s = server();
  std::map<std::string, long long> ids = {
      {"sof", s.OrgUnitId("Socialförvaltningen")},
      {"unit", s.CreateOrgUnit("Bad input target", s.OrgUnitId("Socialförvaltningen"))["id"]},
      {"user", s.CreateUser("bad.input", s.OrgUnitId("Socialförvaltningen"))["id"]}};
  const std::string deep_array = std::string(100000, '[') + std::string(100000, ']');
  std::string deep_object;
  for (int i = 0; i < 50000; ++i) deep_object += "{\"a\":";
  deep_object += "1" + std::string(50000, '}');
  const std::string long_name = std::string(300, 'x');

  const BadRequest cases[] = {
      // Not a JSON object.
      {"malformed JSON", "POST", "/api/v1/org-units", "{", ""},
      {"trailing comma", "POST", "/api/v1/org-units", R"({"name": "X",})", ""},
      {"single quotes", "POST", "/api/v1/org-units", "{'name': 'X'}", ""},
      {"array", "POST", "/api/v1/org-units", R"([{"name": "X", "kind": "unit"}])", ""},
      {"string", "POST", "/api/v1/org-units", R"("X")", ""},
      {"null", "POST", "/api/v1/org-units", "null", ""},
      {"number", "POST", "/api/v1/org-units", "42", ""},
      {"empty body", "POST", "/api/v1/org-units", "", ""},
      {"white space body", "POST", "/api/v1/org-units", " \n ", ""},
      {"form body", "POST", "/api/v1/session", "username=admin&password=x", ""},
      {"invalid UTF-8", "POST", "/api/v1/org-units",
       "{\"name\": \"\xff\xfe\", \"kind\": \"unit\", \"parent_id\": {sof}}", ""},
      {"deeply nested arrays", "POST", "/api/v1/org-units", deep_array, ""},
      {"deeply nested objects", "POST", "/api/v1/org-units", deep_object, "a"},
      // Wrong types.
      {"name a number", "POST", "/api/v1/org-units",
       R"({"name": 5, "kind": "unit", "parent_id": {sof}})", "name"},
      {"kind a list", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": ["unit"], "parent_id": {sof}})", "kind"},
      {"parent_id a string", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": "{sof}"})", "parent_id"},
      {"parent_id a fraction", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": 1.5})", "parent_id"},
      {"parent_id huge", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": 1e400})", nullptr},
      {"parent_id beyond 64 bits", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": 18446744073709551615})", "parent_id"},
      {"name null", "POST", "/api/v1/org-units",
       R"({"name": null, "kind": "unit", "parent_id": {sof}})", "name"},
      {"name too long", "POST", "/api/v1/org-units",
       R"({"name": ")" + long_name + R"(", "kind": "unit", "parent_id": {sof}})", "name"},
      {"active a string", "PATCH", "/api/v1/users/{user}", R"({"active": "no", "version": 1})",
       "active"},
      {"active a number", "PATCH", "/api/v1/users/{user}", R"({"active": 0, "version": 1})",
       "active"},
      {"org_unit_id a string", "PATCH", "/api/v1/users/{user}",
       R"({"org_unit_id": "sof", "version": 1})", "org_unit_id"},
      {"username a list", "POST", "/api/v1/users",
       R"({"username": ["a"], "name": "N", "email": "a@b.se", "password": "correct horse battery"})",
       "username"},
      {"role a number", "POST", "/api/v1/users/{user}/roles", R"({"role": 7})", "role"},
      {"scope_id a string", "POST", "/api/v1/users/{user}/roles",
       R"({"role": "contact", "scope_id": "{sof}"})", "scope_id"},
      {"password a number", "POST", "/api/v1/session", R"({"username": "admin", "password": 5})",
       "password"},
      {"token name an object", "POST", "/api/v1/tokens", R"({"name": {"a": 1}})", "name"},
      // Versions.
      {"version a string", "PATCH", "/api/v1/org-units/{unit}", R"({"name": "X", "version": "1"})",
       "version"},
      {"version zero", "PATCH", "/api/v1/org-units/{unit}", R"({"name": "X", "version": 0})",
       "version"},
      {"version negative", "PATCH", "/api/v1/org-units/{unit}", R"({"name": "X", "version": -3})",
       "version"},
      {"version a fraction", "PATCH", "/api/v1/org-units/{unit}",
       R"({"name": "X", "version": 1.5})", "version"},
      {"version missing", "PATCH", "/api/v1/org-units/{unit}", R"({"name": "X"})", "version"},
      {"version missing on user", "PATCH", "/api/v1/users/{user}", R"({"name": "X"})", "version"},
      // Unknown fields.
      {"unknown field", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": {sof}, "colour": "red"})", "colour"},
      {"version on create", "POST", "/api/v1/org-units",
       R"({"name": "X", "kind": "unit", "parent_id": {sof}, "version": 1})", "version"},
      {"id on update", "PATCH", "/api/v1/org-units/{unit}",
       R"({"name": "X", "version": 1, "id": 5})", "id"},
      {"created_at on update", "PATCH", "/api/v1/org-units/{unit}",
       R"({"version": 1, "created_at": "2020-01-01"})", "created_at"},
      {"username on update", "PATCH", "/api/v1/users/{user}",
       R"({"username": "nytt", "version": 1})", "username"},
      {"password_hash on create", "POST", "/api/v1/users",
       R"({"username": "a.b", "name": "N", "email": "a@b.se", "password": "correct horse battery", "password_hash": "x"})",
       "password_hash"},
      {"unknown role field", "POST", "/api/v1/users/{user}/roles",
       R"({"role": "contact", "scope": {sof}})", "scope"},
      {"unknown login field", "POST", "/api/v1/session", R"({"user": "admin", "password": "x"})",
       "user"},
      // Missing fields.
      {"name missing", "POST", "/api/v1/org-units", R"({"kind": "unit", "parent_id": {sof}})",
       "name"},
      {"kind missing", "POST", "/api/v1/org-units", R"({"name": "X", "parent_id": {sof}})", "kind"},
      {"password missing", "POST", "/api/v1/users",
       R"({"username": "a.b", "name": "N", "email": "a@b.se"})", "password"},
      {"role missing", "POST", "/api/v1/users/{user}/roles", "{}", "role"},
      {"login password missing", "POST", "/api/v1/session", R"({"username": "admin"})", "password"},
      {"token name missing", "POST", "/api/v1/tokens", "{}", "name"},
      {"token name blank", "POST", "/api/v1/tokens", R"({"name": "  "})", "name"},
  };
  for (const auto& c : cases) {
    Response r = s.SendRaw(c.method, Fill(c.path, ids), s.Admin(), Fill(c.body, ids));
    ExpectApiError(r, 400, "invalid", c.field, c.what);
  }

  // Nothing was written.
  json unit = s.Get(Fill("/api/v1/org-units/{unit}", ids), s.Admin()).Json();
  EXPECT_EQ(unit["name"], "Bad input target");
  EXPECT_EQ(unit["version"], 1);
  EXPECT_EQ(s.Get(Fill("/api/v1/users/{user}", ids), s.Admin()).Json()["version"], 1);
  auto names = Strings(s.Get("/api/v1/org-units?limit=500", s.Admin()).Json()["items"], "name");
  EXPECT_EQ(std::count(names.begin(), names.end(), "X"), 0);
  EXPECT_TRUE(s.server_errors().empty());
}

TEST_F(BadInputTest, BadQueryParametersAnswer400) {
  LisServer& s = server();
  long long unit = s.CreateOrgUnit("Query target", s.OrgUnitId("Socialförvaltningen"))["id"];
  const std::pair<std::string, const char*> cases[] = {
      {"/api/v1/org-units?limit=0", "limit"},
      {"/api/v1/org-units?limit=abc", "limit"},
      {"/api/v1/org-units?limit=", "limit"},
      {"/api/v1/org-units?limit=501", "limit"},
      {"/api/v1/org-units?limit=99999999999999999999", "limit"},
      {"/api/v1/org-units?offset=-1", "offset"},
      {"/api/v1/org-units?offset=1.5", "offset"},
      {"/api/v1/org-units?parent_id=abc", "parent_id"},
      {"/api/v1/users?limit=-5", "limit"},
      {"/api/v1/users?offset=x", "offset"},
      {"/api/v1/users?org_unit_id=x", "org_unit_id"},
  };
  for (const auto& [path, field] : cases)
    ExpectApiError(s.Get(path, s.Admin()), 400, "invalid", field, path);
  ExpectApiError(s.Delete("/api/v1/org-units/" + std::to_string(unit) + "?version=abc", s.Admin()),
                 400, "invalid", "version", "DELETE with version=abc");
  EXPECT_EQ(s.Get("/api/v1/org-units/" + std::to_string(unit), s.Admin()).status, 200);
  EXPECT_EQ(s.Get("/api/v1/org-units?limit=500&offset=0", s.Admin()).status, 200);
}

TEST_F(BadInputTest, UnknownApiRoutesAnswer404Json) {
  LisServer& s = server();
  // No such route, logged in or not.
  for (const char* path : {"/api/v1/nope", "/api", "/api/v2/org-units", "/api/v1/org-units/abc",
                           "/api/v1/org-units/0", "/api/v1/org-units/-1", "/api/v1/org-units/007",
                           "/api/v1/org-units/99999999999999999999", "/api/v1/org-units/1/nope"}) {
    ExpectApiError(s.Get(path, s.Admin()), 404, "not_found", nullptr, path);
    ExpectApiError(s.Get(path), 404, "not_found", nullptr, std::string(path) + " without login");
  }
  // A route, but no such record.
  for (const char* path : {"/api/v1/org-units/999999999", "/api/v1/users/999999999",
                           "/api/v1/users/999999999/roles"}) {
    ExpectApiError(s.Get(path, s.Admin()), 404, "not_found", nullptr, path);
    ExpectApiError(s.Get(path), 401, "unauthenticated", nullptr, path);
  }
  ExpectApiError(s.Send("DELETE", "/api/v1/tokens/999999999", s.Admin()), 404, "not_found", nullptr,
                 "unknown token");
  // A known path with a method it does not take.
  Response put = s.Send("PUT", "/api/v1/org-units", s.Admin(), json::object());
  EXPECT_EQ(put.status, 405) << put;
  EXPECT_EQ(put.Header("Content-Type").rfind("application/json", 0), 0u);
}

TEST_F(BadInputTest, UnknownPagesAnswerA404Page) {
  LisServer& s = server();
  for (const Auth* auth :
       {static_cast<const Auth*>(nullptr), static_cast<const Auth*>(&s.Admin())}) {
    for (const char* path : {"/nope", "/org-units/abc", "/nope/deeper?x=1"}) {
      Response r = auth ? s.Get(path, *auth) : s.Get(path);
      EXPECT_EQ(r.status, 404) << path << ": " << r;
      EXPECT_EQ(r.Header("Content-Type").rfind("text/html", 0), 0u) << path;
      EXPECT_NE(r.body.find("<html"), std::string::npos) << path;
    }
  }
  Response asset = s.Get("/static/nope.css");
  EXPECT_EQ(asset.status, 404) << asset;
  EXPECT_EQ(s.Get("/static/../web/messages.json").status, 404);
}

// Form bodies (the HTML pages post forms) are read up to the configured limit (1 MiB by
// default), not refused from a smaller size the HTTP library has built in.
TEST_F(BadInputTest, FormBodiesUnderTheLimitAreRead) {
  for (size_t size : {1000, 20000}) {
    std::string body = "username=admin&password=" + std::string(size, 'x');
    Response r = server().LoginForm(body);
    EXPECT_EQ(r.status, 401) << "a form body of " << body.size() << " bytes: " << r;
  }
}

// A server with a small body limit: bodies over it answer 413, bodies up to it are read.
class BodyLimitTest : public SharedServerTest<BodyLimitTest> {
 public:
  static ServerOptions Options() { return {"max_body_bytes = 1024\n", true}; }
};

TEST_F(BodyLimitTest, BodiesOverTheLimitAnswer413AndTheServerGoesOn) {
  LisServer& s = server();
  const Account& admin = s.account("admin");
  // A login body padded with spaces to `size` bytes.
  auto login_body = [&](size_t size) {
    std::string body = json{{"username", admin.username}, {"password", admin.password}}.dump();
    body.insert(1, size - body.size(), ' ');
    return body;
  };

  Response at_limit = s.SendRaw("POST", "/api/v1/session", {}, login_body(1024));
  EXPECT_EQ(at_limit.status, 200) << "a body of exactly the limit is read: " << at_limit;

  Response over = s.SendRaw("POST", "/api/v1/session", {}, login_body(1025));
  ExpectApiError(over, 413, "too_large", "", "login body of 1025 bytes");

  Response big = s.SendRaw("POST", "/api/v1/org-units", s.Admin(), std::string(4096, ' '));
  ExpectApiError(big, 413, "too_large", "", "4 KiB body");

  Response page =
      s.SendRaw("POST", "/login", {}, "username=admin&password=" + std::string(4096, 'x'),
                "application/x-www-form-urlencoded");
  EXPECT_EQ(page.status, 413) << page;

  EXPECT_EQ(s.Get("/healthz").status, 200);
  EXPECT_EQ(s.Get("/api/v1/me", s.Admin()).status, 200);
  EXPECT_EQ(s.SendRaw("POST", "/api/v1/session", {}, login_body(200)).status, 200);
}

}  // namespace
}  // namespace lis_test::bad_input_test
