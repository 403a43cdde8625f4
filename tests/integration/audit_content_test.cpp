// Audit content by entity type and reader: every entity type in the log has a rule, and a
// reader of the log sees an event's values only when it holds the permission that reads the
// record elsewhere. The installation-wide administrator (organisation, users, the log itself)
// sees that a risk, an action or an SoA entry changed and which fields, never to what; the
// CISO and the security chief read every type. A type without a rule shows no values at all.
#include <set>

#include "lis_server.h"
#include "soa_support.h"

namespace lis_test::audit_content_test {
namespace {

class AuditContentTest : public SharedServerTest<AuditContentTest> {};

// Entity type → whether the administrator may read its values (the test's own table, so that a
// new type in the log fails here until someone decides who reads it).
const std::map<std::string, bool> kAdminReads = {
    {"", true},  // security events about no user
    {"org_unit", true},
    {"user", true},
    {"role_assignment", true},
    {"api_token", true},
    {"framework", true},  // the control library, open to everyone
    {"framework_control", true},
    {"requirement", false},
    {"object", false},
    {"system", false},
    {"information_set", false},
    {"classification", false},
    {"system_requirement", false},
    {"risk_settings", false},
    {"risk_analysis", false},
    {"risk", false},
    {"action", false},
    {"soa_entry", false},
    {"soa_evidence", false},
    {"soa_version", false},
    {"incident", false},
    {"incident_timeline_entry", false},
    {"incident_link", false},
    {"incident_report", false},
    {"incident_review", false},
    {"notification", false},
};

// Whether any value of `e` other than the record's id, version and times is shown.
bool ShowsValues(const json& e) {
  static const std::set<std::string> kKept = {"id", "version", "created_at", "updated_at",
                                              "deleted_at"};
  for (const char* side : {"before", "after"}) {
    if (!e[side].is_object()) continue;
    for (const auto& [key, value] : e[side].items())
      if (!kKept.count(key) && !value.is_null()) return true;
  }
  return false;
}

// Every event `auth` may list, newest first.
std::vector<json> WholeLog(LisServer& s, const Auth& auth) {
  std::vector<json> out;
  for (long long offset = 0;; offset += 500) {
    Response r = s.Get("/api/v1/audit?limit=500&offset=" + Id(offset), auth);
    EXPECT_EQ(r.status, 200) << r;
    json page = r.Json();
    for (const auto& e : page.value("items", json::array())) out.push_back(e);
    if (r.status != 200 || offset + 500 >= page.value("total", 0LL)) break;
  }
  return out;
}

TEST_F(AuditContentTest, EveryEntityTypeShowsItsValuesOnlyToItsReaders) {
  LisServer& s = server();
  struct Reader {
    std::string name;
    Session session;
  };
  // An SoA entry, which the demo does not write.
  Response soa =
      s.Patch(SoaPath(s.OrgUnitId("Norrviks kommun"), FrameworkId(s, "iso27001-2022"), "/5.1"),
              s.Login("ciso"),
              {{"applicable", true},
               {"justification", "Gäller hela kommunen."},
               {"status", "implemented"},
               {"version", 0}});
  ASSERT_EQ(soa.status, 200) << soa;
  // Readers of every type: the municipality's CISO and the group's security chief.
  std::vector<Reader> readers = {{"ciso", s.Login("ciso")},
                                 {"sakerhetschef", s.Login("sakerhetschef")}};
  std::set<std::string> seen_with_values;
  std::map<long long, json> full;  // seq → the event as a reader of every type sees it
  for (const auto& reader : readers) {
    SCOPED_TRACE(reader.name);
    std::vector<json> log = WholeLog(s, reader.session);
    ASSERT_FALSE(log.empty());
    for (const auto& e : log) {
      std::string entity = e["entity"].get<std::string>();
      auto rule = kAdminReads.find(entity);
      if (rule == kAdminReads.end()) {
        ADD_FAILURE() << "entity type '" << entity << "' has no row in this test: " << e;
        continue;
      }
      EXPECT_FALSE(e.contains("redacted")) << e;
      if (ShowsValues(e)) seen_with_values.insert(entity);
      full[e["seq"].get<long long>()] = e;
    }
  }
  int hidden = 0;
  for (const auto& e : WholeLog(s, s.Admin())) {
    auto rule = kAdminReads.find(e["entity"].get<std::string>());
    if (rule == kAdminReads.end()) continue;
    auto other = full.find(e["seq"].get<long long>());
    if (rule->second) {
      EXPECT_FALSE(e.contains("redacted")) << e;
    } else {
      EXPECT_FALSE(ShowsValues(e)) << "values shown to the administrator: " << e;
      if (other != full.end() && ShowsValues(other->second)) {
        EXPECT_EQ(e.value("redacted", false), true) << e;
        ++hidden;
      }
    }
  }
  EXPECT_GT(hidden, 0);
  // The demo's data reaches the areas the finding named, so the table was really exercised.
  for (const char* entity : {"risk", "risk_analysis", "action", "soa_entry", "incident", "user"})
    EXPECT_TRUE(seen_with_values.count(entity)) << entity << " was not in the log with values";
}

}  // namespace
}  // namespace lis_test::audit_content_test
