// Text at the boundary: every text field of a JSON body is valid UTF-8 without NUL or other
// control characters (tab, CR and LF only in multi-line fields), and one-line fields refuse
// bidirectional overrides. A refused value answers 400 naming the field, on SQLite and on
// PostgreSQL alike, nothing is written and the audit chain still verifies.
#include "action_support.h"
#include "incident_support.h"
#include "lis_server.h"
#include "risk_support.h"

namespace lis_test::text_input_test {
namespace {

class TextInputTest : public SharedServerTest<TextInputTest> {};

// A valid create body for `collection`, and which of its text fields hold several lines.
struct CreateCase {
  std::string collection;
  std::string who;  // a demo account that may create it
  json body;
  std::set<std::string> multiline;
};

// A value with `bad` between ordinary text.
std::string With(const std::string& bad) {
  return "före" + bad + "efter";
}

void ExpectRefused(LisServer& s, const Auth& auth, const std::string& method,
                   const std::string& path, const json& body, const std::string& field,
                   const std::string& what) {
  Response r = s.Send(method, path, auth, body);
  EXPECT_EQ(r.status, 400) << what << ": " << r;
  if (r.status != 400) return;
  EXPECT_EQ(r.Json()["error"]["code"], "invalid") << what;
  EXPECT_EQ(r.Json()["error"]["field"], field) << what << ": " << r;
}

TEST_F(TextInputTest, ControlCharactersAndBidiOverridesAreRefusedNamingTheField) {
  LisServer& s = server();
  Sessions as(s);
  long long unit = s.OrgUnitId("Socialförvaltningen");
  long long ciso = s.UserId("ciso");
  long long object = CreateObject(s, as("ciso"), "Textobjekt", unit);
  long long analysis = CreateAnalysis(s, as("ciso"), "Textanalys", unit);
  const std::vector<CreateCase> cases = {
      {"objects",
       "ciso",
       {{"name", "O"}, {"org_unit_id", unit}, {"description", "D"}},
       {"description"}},
      {"systems",
       "ciso",
       {{"name", "S"}, {"object_id", object}, {"description", "D"}, {"supplier_name", "L"}},
       {"description"}},
      {"information-sets",
       "ciso",
       {{"name", "I"}, {"org_unit_id", unit}, {"description", "D"}, {"retention", "R"}},
       {"description", "retention"}},
      {"incidents", "ciso", ReportBody("T", unit), {"description"}},
      {"risk-analyses",
       "ciso",
       {{"title", "A"}, {"org_unit_id", unit}, {"participants", "P"}, {"method", "M"}},
       {"participants", "method"}},
      {"risks",
       "ciso",
       RiskBody(analysis, "R", 2, 2, {{"threat", "H"}, {"vulnerability", "V"}}),
       {"threat", "vulnerability"}},
      {"actions",
       "ciso",
       ActionBody("A", unit, ciso, "2030-06-30", {{"description", "D"}}),
       {"description"}},
      {"org-units", "admin", {{"name", "E"}, {"kind", "unit"}, {"parent_id", unit}}, {}},
  };
  long long audit_before = s.AuditTotal();
  for (const auto& c : cases) {
    const Auth& auth = c.who == "admin" ? s.Admin() : as(c.who);
    for (auto it = c.body.begin(); it != c.body.end(); ++it) {
      if (!it->is_string()) continue;
      bool multiline = c.multiline.count(it.key()) > 0;
      std::vector<std::pair<std::string, std::string>> bad = {
          {"NUL", std::string(1, '\0')}, {"BEL", "\x07"}, {"ESC", "\x1b"}, {"DEL", "\x7f"}};
      if (!multiline) {
        bad.push_back({"LF", "\n"});
        bad.push_back({"tab", "\t"});
        bad.push_back({"U+202E", "\u202e"});
        bad.push_back({"U+2066", "\u2066"});
        bad.push_back({"zero-width space", "\u200b"});
        bad.push_back({"right-to-left mark", "\u200f"});
        bad.push_back({"BOM", "\ufeff"});
        bad.push_back({"C1 control", "\u0085"});
      }
      for (const auto& [name, chars] : bad) {
        json body = c.body;
        body[it.key()] = With(chars);
        ExpectRefused(s, auth, "POST", "/api/v1/" + c.collection, body, it.key(),
                      c.collection + "." + it.key() + " with " + name);
      }
    }
  }
  EXPECT_EQ(s.AuditTotal(), audit_before) << "nothing refused was written";

  // Multi-line fields keep their line breaks and tabs; one-line text its accents.
  json lines =
      MustCreate(s, as("ciso"), "objects",
                 {{"name", "Åtta öar"}, {"org_unit_id", unit}, {"description", "a\r\n\tb"}});
  EXPECT_EQ(lines["description"], "a\r\n\tb");
  EXPECT_EQ(lines["name"], "Åtta öar");

  // The comment of a change (the field that broke the chain on PostgreSQL) and an update.
  long long incident = ReportIncident(s, as("ciso"), ReportBody("Kommentar", unit))["id"];
  json patch = {{"title", "Ny"},
                {"comment", With(std::string(1, '\0'))},
                {"version", Fetch(s, as("ciso"), IncidentPath(incident))["version"]}};
  ExpectRefused(s, as("ciso"), "PATCH", IncidentPath(incident), patch, "comment",
                "incident comment with NUL");
  patch["comment"] = "ok";
  patch["title"] = With("\u202d");
  ExpectRefused(s, as("ciso"), "PATCH", IncidentPath(incident), patch, "title",
                "incident title with U+202D");
  EXPECT_EQ(Fetch(s, as("ciso"), IncidentPath(incident))["title"], "Kommentar");

  CommandResult verify = s.VerifyAudit();
  EXPECT_EQ(verify.exit_code, 0) << verify;
  EXPECT_TRUE(s.server_errors().empty());
}

}  // namespace
}  // namespace lis_test::text_input_test
