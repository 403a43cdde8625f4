// GET /api/v1/audit: filters, paging, who may read it and within which scope, bad input.
#include <set>

#include "asset_support.h"
#include "audit_support.h"

namespace lis_test::audit_api_test {
namespace {

class AuditApiTest : public SharedServerTest<AuditApiTest> {
 protected:
  // The sequence numbers of the items of an audit page.
  static std::vector<long long> Seqs(const json& page) {
    std::vector<long long> out;
    for (const auto& e : page.value("items", json::array())) out.push_back(e["seq"]);
    return out;
  }
  // The newest event, as the admin sees it.
  static json Newest() { return server().AuditPage("limit=1")["items"][0]; }
  // Every event `auth` may see with `query`, newest first, paged through.
  static std::vector<json> All(const Auth& auth, const std::string& query) {
    std::vector<json> out;
    for (long long offset = 0;; offset += 500) {
      Response r = server().Get(
          "/api/v1/audit?limit=500&offset=" + std::to_string(offset) + "&" + query, auth);
      EXPECT_EQ(r.status, 200) << r;
      if (r.status != 200) break;
      json page = r.Json();
      for (const auto& e : page["items"]) out.push_back(e);
      if (page["items"].size() < 500) break;
    }
    return out;
  }
  static long long Total(const Auth& auth, const std::string& query) {
    Response r = server().Get("/api/v1/audit?limit=1&" + query, auth);
    EXPECT_EQ(r.status, 200) << query << ": " << r;
    return r.Json().value("total", -1LL);
  }
};

TEST_F(AuditApiTest, FiltersNarrowTheListAndCombine) {
  LisServer& s = server();
  long long kommun = s.OrgUnitId("Norrviks kommun");
  long long energi = s.OrgUnitId("Norrvik Energi AB");
  s.Auditor();  // made now, not between the changes below
  // Six changes in a known order; each one's event is the newest right after it.
  long long a = s.CreateOrgUnit("Filter A", kommun)["id"];
  json a_created = Newest();
  long long b = s.CreateOrgUnit("Filter B", kommun)["id"];
  json b_created = Newest();
  long long c = s.CreateOrgUnit("Filter C", kommun)["id"];
  json c_created = Newest();
  ASSERT_EQ(
      s.Patch("/api/v1/org-units/" + Id(b), s.Admin(), {{"name", "Filter B2"}, {"version", 1}})
          .status,
      200);
  json b_updated = Newest();
  ASSERT_EQ(
      s.Patch("/api/v1/org-units/" + Id(b), s.Admin(), {{"name", "Filter B3"}, {"version", 2}})
          .status,
      200);
  json b_updated2 = Newest();
  long long e = s.CreateOrgUnit("Filter E", energi)["id"];
  json e_created = Newest();
  EXPECT_EQ(a_created["entity_id"], a);
  EXPECT_EQ(c_created["entity_id"], c);
  EXPECT_EQ(e_created["entity_id"], e);
  auto seq = [](const json& event) { return event["seq"].get<long long>(); };
  auto at = [](const json& event) { return UrlEncode(event["at"].get<std::string>()); };
  std::string admin_id = Id(s.Admin().user_id);

  struct Case {
    std::string query;
    std::vector<long long> seqs;  // newest first
  };
  const std::vector<Case> cases = {
      {"entity=org_unit&id=" + Id(b), {seq(b_updated2), seq(b_updated), seq(b_created)}},
      {"entity=org_unit&id=" + Id(b) + "&action=update", {seq(b_updated2), seq(b_updated)}},
      {"entity=org_unit&id=" + Id(b) + "&action=create", {seq(b_created)}},
      {"entity=org_unit&id=" + Id(b) + "&action=delete", {}},
      {"entity=user&id=" + Id(b) + "&action=update&from=" + at(a_created), {}},
      {"from=" + at(a_created),
       {seq(e_created), seq(b_updated2), seq(b_updated), seq(c_created), seq(b_created),
        seq(a_created)}},
      {"action=create&from=" + at(a_created),
       {seq(e_created), seq(c_created), seq(b_created), seq(a_created)}},
      // from is inclusive, to exclusive.
      {"from=" + at(b_created) + "&to=" + at(b_updated2),
       {seq(b_updated), seq(c_created), seq(b_created)}},
      {"entity=org_unit&action=update&from=" + at(b_created) + "&to=" + at(b_updated2),
       {seq(b_updated)}},
      {"actor=admin&from=" + at(a_created),
       {seq(e_created), seq(b_updated2), seq(b_updated), seq(c_created), seq(b_created),
        seq(a_created)}},
      {"actor=" + admin_id + "&action=update&from=" + at(a_created),
       {seq(b_updated2), seq(b_updated)}},
      {"actor=ciso&from=" + at(a_created), {}},
      {"action=nothing", {}},
      {"to=" + at(a_created) + "&from=" + at(a_created), {}},
  };
  for (const auto& c : cases) {
    json page = s.AuditPage("limit=500&" + c.query);
    EXPECT_EQ(Seqs(page), c.seqs) << c.query;
    EXPECT_EQ(page["total"], c.seqs.size()) << c.query;
  }
  // Each filter holds for every item it lets through.
  for (const auto& event :
       s.AuditPage("limit=500&entity=org_unit&action=update").value("items", json::array())) {
    EXPECT_EQ(event["entity"], "org_unit");
    EXPECT_EQ(event["action"], "update");
  }
  for (const auto& event : s.AuditPage("limit=500&actor=" + admin_id).value("items", json::array()))
    EXPECT_EQ(event["actor_id"], s.Admin().user_id);
}

TEST_F(AuditApiTest, PagesAreNewestFirstWithLimitOffsetAndTotal) {
  LisServer& s = server();
  long long kommun = s.OrgUnitId("Norrviks kommun");
  for (int i = 0; i < 5; ++i) s.CreateOrgUnit("Paging " + std::to_string(i), kommun);
  json everything = s.AuditPage("limit=500&entity=org_unit");
  long long total = everything["total"];
  ASSERT_GE(total, 5);
  ASSERT_LE(total, 500);
  auto all = Seqs(everything);
  ASSERT_EQ(static_cast<long long>(all.size()), total);
  for (size_t i = 1; i < all.size(); ++i) EXPECT_GT(all[i - 1], all[i]) << "newest first";

  std::vector<long long> paged;
  for (long long offset = 0; offset < total + 3; offset += 3) {
    json page = s.AuditPage("entity=org_unit&limit=3&offset=" + std::to_string(offset));
    EXPECT_EQ(page["total"], total) << "offset " << offset;
    EXPECT_EQ(page["limit"], 3);
    EXPECT_EQ(page["offset"], offset);
    EXPECT_EQ(page["items"].size(), std::min<long long>(3, std::max(0LL, total - offset)));
    for (long long seq : Seqs(page)) paged.push_back(seq);
  }
  EXPECT_EQ(paged, all) << "the pages together are the whole list, each event once";

  json past_end = s.AuditPage("entity=org_unit&offset=" + std::to_string(total + 10));
  EXPECT_TRUE(past_end["items"].empty());
  EXPECT_EQ(past_end["total"], total);
  EXPECT_EQ(s.AuditPage("")["limit"], 50) << "the default page size";
}

// An event is visible to those whose scope holds the node it concerns: the ciso of Norrviks
// kommun sees nothing of Norrvik Energi AB and the other way round; the security chief of the
// whole group sees both.
TEST_F(AuditApiTest, ScopedReadersSeeTheirSubtreeOnly) {
  LisServer& s = server();
  long long kommun = s.OrgUnitId("Norrviks kommun");
  long long energi = s.OrgUnitId("Norrvik Energi AB");
  long long in_energi = s.CreateOrgUnit("Fjärrvärme", energi)["id"];
  long long in_kommun = s.CreateOrgUnit("Överförmyndare", kommun)["id"];
  long long energi_user = s.CreateUser("scope.energi", in_energi)["id"];
  long long kommun_user = s.CreateUser("scope.kommun", in_kommun)["id"];
  std::string since = "&from=" + UrlEncode(Newest()["at"].get<std::string>());
  Session ciso = s.Login("ciso");
  Session ciso_energi = s.Login("ciso.energi");
  Session chief = s.Login("sakerhetschef");

  struct Case {
    const char* what;
    std::string query;
    long long admin, ciso, ciso_energi, chief;  // totals each sees
  };
  const std::vector<Case> cases = {
      {"unit in Energi", "entity=org_unit&id=" + Id(in_energi), 1, 0, 1, 1},
      {"unit in the municipality", "entity=org_unit&id=" + Id(in_kommun), 1, 1, 0, 1},
      {"user in Energi", "entity=user&id=" + Id(energi_user), 1, 0, 1, 1},
      {"user in the municipality", "entity=user&id=" + Id(kommun_user), 1, 1, 0, 1},
      {"the energy ciso's login", "action=login&actor=ciso.energi" + since, 1, 0, 1, 1},
      {"the municipal ciso's login", "action=login&actor=ciso" + since, 1, 1, 0, 1},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Total(s.Admin(), c.query), c.admin) << c.what << " for admin";
    EXPECT_EQ(Total(ciso, c.query), c.ciso) << c.what << " for ciso";
    EXPECT_EQ(Total(ciso_energi, c.query), c.ciso_energi) << c.what << " for ciso.energi";
    EXPECT_EQ(Total(chief, c.query), c.chief) << c.what << " for sakerhetschef";
  }

  // Every event the ciso sees concerns a node of the municipality's subtree.
  std::set<long long> subtree;
  for (const char* list :
       {"/api/v1/org-units?limit=500", "/api/v1/org-units?limit=500&deleted=true"})
    for (const auto& unit : s.Get(list, ciso).Json().value("items", json::array()))
      subtree.insert(unit["id"].get<long long>());
  ASSERT_TRUE(subtree.count(kommun));
  ASSERT_FALSE(subtree.count(energi));
  auto seen = All(ciso, "");
  EXPECT_FALSE(seen.empty());
  for (const auto& e : seen) {
    ASSERT_TRUE(e["scope_id"].is_number_integer()) << e;
    EXPECT_TRUE(subtree.count(e["scope_id"].get<long long>())) << e;
  }
  EXPECT_LT(static_cast<long long>(seen.size()), s.AuditTotal());
}

TEST_F(AuditApiTest, RolesWithoutAuditReadAreRefusedAndTheRefusalIsRecorded) {
  LisServer& s = server();
  EXPECT_EQ(s.Get("/api/v1/audit").status, 401) << "not logged in";
  for (const char* username : {"medarbetare", "itsak", "dso", "infoagare.sof", "kontakt.sof"}) {
    Session who = s.Login(username);
    long long total = s.AuditTotal();
    Response r = s.Get("/api/v1/audit?entity=org_unit", who);
    EXPECT_EQ(r.status, 403) << username << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "forbidden") << username;
    auto events = EventsSince(s, total);
    ASSERT_EQ(events.size(), 1u) << username;
    EXPECT_EQ(events[0]["action"], "permission_denied") << username;
    EXPECT_EQ(events[0]["actor"], username);
    EXPECT_EQ(events[0]["after"]["path"], "/api/v1/audit") << username;
  }
  for (const char* username : {"ciso", "sakerhetschef"})
    EXPECT_EQ(s.Get("/api/v1/audit", s.Login(username)).status, 200) << username;
}

TEST_F(AuditApiTest, BadParametersAre400NamingTheField) {
  LisServer& s = server();
  struct Case {
    std::string query;
    const char* field;
  };
  const std::vector<Case> cases = {
      {"from=yesterday", "from"},
      {"to=tomorrow", "to"},
      {"from=2026-01-01", "from"},  // a date is not a time
      {"to=2026-13-01T00:00:00Z", "to"},
      {"from=2026-01-01T25:00:00Z", "from"},
      {"from=2026-01-01T00:00:00Z&to=soon", "to"},
      {"to=2026-01-01T00:00:00", "to"},  // no zone
      {"id=abc", "id"},
      {"limit=0", "limit"},
      {"limit=501", "limit"},
      {"offset=-1", "offset"},
  };
  for (const auto& c : cases) {
    Response r = s.Get("/api/v1/audit?" + c.query, s.Admin());
    EXPECT_EQ(r.status, 400) << c.query << ": " << r;
    json e = r.Json()["error"];
    EXPECT_EQ(e["code"], "invalid") << c.query;
    EXPECT_EQ(e["field"], c.field) << c.query << ": " << e;
  }
  // Times with an offset or without fractions are times.
  for (const char* ok : {"from=2026-01-01T00:00:00Z", "from=2026-01-01T01:00:00%2B01:00",
                         "to=2099-12-31T23:59:59.123456Z"})
    EXPECT_EQ(s.Get(std::string("/api/v1/audit?") + ok, s.Admin()).status, 200) << ok;
}

// Bounds far in the future are after every event (or refused with 400), never misread as
// some other time.
TEST_F(AuditApiTest, FarFutureBoundsAreAfterEveryEvent) {
  LisServer& s = server();
  long long total = s.AuditTotal();
  for (const char* when :
       {"2262-04-12T00:00:00Z", "2300-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    for (const char* bound : {"to", "from"}) {
      Response r = s.Get("/api/v1/audit?limit=1&" + std::string(bound) + "=" + when, s.Admin());
      if (r.status == 400) {
        EXPECT_EQ(r.Json()["error"]["field"], bound) << when;
        continue;
      }
      ASSERT_EQ(r.status, 200) << r;
      EXPECT_EQ(r.Json()["total"], std::string(bound) == "to" ? total : 0)
          << bound << "=" << when << " is after every event";
    }
  }
}

TEST_F(AuditApiTest, EventsCarryEveryField) {
  LisServer& s = server();
  long long unit = s.CreateOrgUnit("Fältkontroll", s.OrgUnitId("Norrviks kommun"))["id"];
  json e = Newest();
  for (const char* key : {"seq", "at", "actor_id", "actor", "address", "action", "entity",
                          "entity_id", "scope_id", "before", "after", "comment", "hash"})
    EXPECT_TRUE(e.contains(key)) << key << ": " << e;
  EXPECT_EQ(e["entity_id"], unit);
  EXPECT_TRUE(lis::ParseTime(e["at"].get<std::string>()).has_value()) << e["at"];
  EXPECT_EQ(e["at"].get<std::string>().back(), 'Z') << "UTC";
  EXPECT_TRUE(std::regex_match(e["hash"].get<std::string>(), std::regex("[0-9a-f]{64}")));
  EXPECT_TRUE(e["before"].is_null());
  EXPECT_TRUE(e["after"].is_object()) << "parsed JSON, not a string";
}

// The log shows every reader who changed what, but the content of asset records only to
// readers who may read it: the administrator (no content permission) sees the changed fields
// without their values; the CISO sees them.
TEST_F(AuditApiTest, AssetContentIsHiddenFromReadersWithoutContentPermission) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  long long set = MustCreate(s, ciso, "information-sets",
                             {{"name", "Hemlig loggmängd"},
                              {"org_unit_id", s.OrgUnitId("Socialförvaltningen")},
                              {"description", "Känslig beskrivning"},
                              {"secrecy", "OSL 26:1"}})["id"];
  Classify(s, ciso, set, {3, 1, 1, 1});
  std::string query = "id=" + Id(set) + "&entity=";
  struct Case {
    std::string entity, field;
    json value;  // what the CISO sees
  };
  const std::vector<Case> cases = {
      {"information_set", "description", "Känslig beskrivning"},
      {"information_set", "name", "Hemlig loggmängd"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.entity + "." + c.field);
    std::vector<json> as_ciso = All(ciso, query + c.entity);
    std::vector<json> as_admin = All(s.Admin(), query + c.entity);
    ASSERT_FALSE(as_ciso.empty());
    ASSERT_EQ(as_admin.size(), as_ciso.size()) << "the administrator sees every event";
    EXPECT_EQ(as_ciso.back()["after"][c.field], c.value);
    EXPECT_FALSE(as_ciso.back().contains("redacted"));
    EXPECT_TRUE(as_admin.back()["after"].contains(c.field)) << "which field, not its value";
    EXPECT_TRUE(as_admin.back()["after"][c.field].is_null()) << as_admin.back();
    EXPECT_EQ(as_admin.back()["redacted"], true);
    EXPECT_EQ(as_admin.back()["entity_id"], set);
  }
  // An update shows the administrator which fields changed, not to what.
  ASSERT_EQ(s.Patch("/api/v1/information-sets/" + Id(set), ciso,
                    {{"description", "Ny känslig text"}, {"version", 1}})
                .status,
            200);
  json update = All(s.Admin(), query + "information_set&action=update").front();
  EXPECT_EQ(update["redacted_fields"], json::array({"description"})) << update;
  Response page = s.Get("/audit?entity=information_set&id=" + Id(set) + "&lang=en", s.Admin());
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_EQ(page.body.find("Ny känslig text"), std::string::npos) << "not on the page either";
  EXPECT_NE(page.body.find("the content is not shown to you"), std::string::npos) << page.body;
  // The classification's motivations likewise.
  std::vector<json> admin_classifications = All(s.Admin(), "entity=classification");
  ASSERT_FALSE(admin_classifications.empty());
  for (const auto& e : admin_classifications)
    if (e["after"].is_object()) EXPECT_TRUE(e["after"]["motivations"].is_null()) << e;
}

}  // namespace
}  // namespace lis_test::audit_api_test
