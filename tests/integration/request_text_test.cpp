// Text at the boundary of every request: the path, every query parameter of every list (read
// from the server's own OpenAPI description), the page filters, the headers the server reads
// and every string anywhere in a JSON body are valid UTF-8 without control characters. A
// refused request answers 400 naming the part, on SQLite and PostgreSQL alike (PostgreSQL
// answered 500 to invalid UTF-8 before), and the audit chain still verifies afterwards.
#include "asset_support.h"
#include "audit_support.h"
#include "lis_server.h"
#include "soa_support.h"

namespace lis_test::request_text_test {
namespace {

class RequestTextTest : public SharedServerTest<RequestTextTest> {};

// Percent-encoded values no parameter may hold, and what each is.
const std::pair<const char*, const char*> kBadValues[] = {
    {"%FF", "invalid UTF-8"},
    {"a%00b", "NUL"},
    {"%1B%5B2J", "ESC"},
    {"%E2%80%AEgpj.exe", "U+202E"},
};

void ExpectRefused(const Response& r, const std::string& field, const std::string& what) {
  EXPECT_EQ(r.status, 400) << what << ": " << r;
  if (r.status != 400) return;
  json e = r.Json()["error"];
  EXPECT_EQ(e["code"], "invalid") << what;
  EXPECT_EQ(e["field"], field) << what << ": " << r;
}

TEST_F(RequestTextTest, EveryQueryParameterOfEveryListRefusesBadText) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  json spec = s.Get("/api/v1/openapi.json", ciso).Json();
  ASSERT_TRUE(spec["paths"].is_object());
  int parameters = 0;
  for (const auto& [path, operations] : spec["paths"].items()) {
    if (path.find('{') != std::string::npos || !operations.contains("get")) continue;
    for (const auto& p : operations["get"].value("parameters", json::array())) {
      if (p.value("in", "") != "query") continue;
      std::string name = p["name"];
      ++parameters;
      for (const auto& [value, what] : kBadValues) {
        ExpectRefused(s.Get("/api/v1" + path + "?" + name + "=" + value, ciso), name,
                      "GET " + path + " " + name + " with " + what);
      }
    }
  }
  EXPECT_GE(parameters, 100) << "the OpenAPI description lists the lists' parameters";
  CommandResult verify = s.VerifyAudit();
  EXPECT_EQ(verify.exit_code, 0) << verify;
}

TEST_F(RequestTextTest, PageFiltersRefuseBadTextWithAnErrorPage) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  const std::pair<const char*, const char*> pages[] = {
      {"/assets/objects", "q"},
      {"/assets/systems", "q"},
      {"/assets/information-sets", "q"},
      {"/actions", "q"},
      {"/incidents", "q"},
      {"/risks", "q"},
      {"/audit", "actor"},
      {"/users", "q"},
      {"/notifications", "page"},
      {"/incidents/statistics", "from"},
  };
  for (const auto& [page, name] : pages) {
    for (const auto& [value, what] : kBadValues) {
      std::string path = std::string(page) + "?" + name + "=" + value;
      Response r = s.Get(path, ciso);
      EXPECT_EQ(r.status, 400) << path << " (" << what << "): " << r;
      EXPECT_EQ(r.Header("Content-Type").rfind("text/html", 0), 0u) << path;
    }
  }
}

TEST_F(RequestTextTest, PathHeadersAndNestedJsonStringsAreCheckedToo) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  ExpectRefused(s.Get("/api/v1/requirements/K%00-1", ciso), "path", "NUL in a path segment");
  ExpectRefused(s.Get("/api/v1/requirements/%FF", ciso), "path", "invalid UTF-8 in a path");

  Response token = s.Get("/api/v1/me", Bearer("abc\x1b"
                                              "def"));
  ExpectRefused(token, "authorization", "ESC in a bearer token");
  Auth bad_csrf = ciso;
  bad_csrf.csrf = "x\x7fy";
  ExpectRefused(s.Post("/api/v1/objects", bad_csrf, {{"name", "O"}}), "x-csrf-token",
                "DEL in the CSRF header");

  long long unit = s.OrgUnitId("Socialförvaltningen");
  long long before = s.AuditTotal();
  json nested = {{"name", "O"},
                 {"org_unit_id", unit},
                 {"extra", {{"list", json::array({"ok", std::string("a\0b", 3)})}}}};
  ExpectRefused(s.Post("/api/v1/objects", ciso, nested), "extra", "NUL deep in a body");
  json key = {{"name", "O"}, {"org_unit_id", unit}, {"extra", {{std::string("k\x01", 2), 1}}}};
  ExpectRefused(s.Post("/api/v1/objects", ciso, key), "extra", "a control character in a key");
  Response raw = s.SendRaw("POST", "/api/v1/objects", ciso,
                           "{\"name\": \"\xff\", \"org_unit_id\": " + Id(unit) + "}");
  EXPECT_EQ(raw.status, 400) << raw;
  EXPECT_NE(raw.Json()["error"]["message"].get<std::string>().find("UTF-8"), std::string::npos)
      << raw;
  EXPECT_EQ(s.AuditTotal(), before) << "nothing was written";

  Response multiline = s.Post(
      "/api/v1/objects", ciso,
      {{"name", "Flerradigt"}, {"org_unit_id", unit}, {"description", "rad ett\r\n\trad två"}});
  EXPECT_EQ(multiline.status, 201)
      << "tab, CR and LF stay allowed in multi-line text: " << multiline;
  CommandResult verify = s.VerifyAudit();
  EXPECT_EQ(verify.exit_code, 0) << verify;
}

// A document uploaded or pasted on a page is parsed after the boundary: its "\u0000" escapes
// become NUL there, and the import refuses them the same way.
TEST_F(RequestTextTest, ImportedDocumentsRefuseEscapedControlCharacters) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  // Valid documents (the installation's own exports) with one NUL put into a text.
  json framework =
      Fetch(s, ciso, "/api/v1/frameworks/" + Id(FrameworkId(s, "iso27001-2022")) + "/export");
  ASSERT_TRUE(framework["name"].contains("sv")) << framework;
  framework["name"]["sv"] = std::string("Ny\0tt namn", 11);
  json catalogue = Fetch(s, ciso, "/api/v1/requirements/export");
  ASSERT_FALSE(catalogue["requirements"].empty()) << catalogue;
  catalogue["requirements"][0]["text"]["sv"] = std::string("Ny\0 text", 9);
  long long before = s.AuditTotal();

  Multipart file = FileForm("ramverk.json", framework.dump());
  Response page = s.SendRaw("POST", "/frameworks/import", ciso, file.body, file.content_type);
  EXPECT_EQ(page.status, 400) << page;
  EXPECT_NE(page.body.find("styrtecken"), std::string::npos) << "the control character is named";
  Response pasted =
      s.SendRaw("POST", "/assets/requirements/import", ciso,
                "catalogue=" + UrlEncode(catalogue.dump()), "application/x-www-form-urlencoded");
  EXPECT_EQ(pasted.status, 400) << pasted;
  EXPECT_NE(pasted.body.find("styrtecken"), std::string::npos) << pasted.body;
  ExpectRefused(s.Post("/api/v1/requirements/import", ciso, catalogue), "requirements",
                "NUL in a catalogue imported through the API");
  EXPECT_EQ(s.AuditTotal(), before) << "nothing was written";
  CommandResult verify = s.VerifyAudit();
  EXPECT_EQ(verify.exit_code, 0) << verify;
}

// What may be stored is stored byte for byte on both databases, and the audit chain, which
// hashes what was written, still verifies over it.
TEST_F(RequestTextTest, EveryKindOfStorableTextReadsBackByteForByteAndTheChainVerifies) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  long long unit = s.OrgUnitId("Socialförvaltningen");
  const std::vector<std::string> texts = {
      "åäö ÅÄÖ é ü ß æøå",
      "utanför BMP: 🛡️🔐 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
      "kombinerande e\u0301 och a\u030A",
      "rader\r\nmed\ttabb\noch LF",
      "radseparator \u2028 och BOM \uFEFF mitt i",
      "citat \"' och \\ bakstreck, <script>alert(1)</script> & %00",
      std::string(900, 'x') + "ä",
  };
  for (size_t i = 0; i < texts.size(); ++i) {
    json body = {
        {"name", "Text " + std::to_string(i)}, {"org_unit_id", unit}, {"description", texts[i]}};
    json created = MustCreate(s, ciso, "objects", body);
    json read = Fetch(s, ciso, "/api/v1/objects/" + Id(created["id"]));
    EXPECT_EQ(read["description"], texts[i]) << "text " << i;
  }
  CommandResult verify = s.VerifyAudit();
  EXPECT_EQ(verify.exit_code, 0) << verify;
}

}  // namespace
}  // namespace lis_test::request_text_test
