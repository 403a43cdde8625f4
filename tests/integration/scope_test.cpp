// Scope isolation: a role held on an organisation node applies to that node and its subtree,
// and nobody sees anything outside its scopes, in lists or by id.
#include <map>
#include <set>

#include "lis_server.h"

namespace lis_test::scope_test {
namespace {

std::set<long long> Ids(const json& items) {
  std::set<long long> out;
  for (const auto& i : items) out.insert(i["id"].get<long long>());
  return out;
}

std::set<std::string> NameSet(const json& items, const std::string& key = "name") {
  auto v = Strings(items, key);
  return {v.begin(), v.end()};
}

class ScopeTest : public SharedServerTest<ScopeTest> {
 protected:
  // GET `path` (a list, on one page) as `auth`; its items. A test failure unless 200.
  static json Items(const std::string& path, const Auth& auth) {
    Response r = server().Get(path, auth);
    EXPECT_EQ(r.status, 200) << path << ": " << r;
    json body = r.Json();
    EXPECT_EQ(body["total"], body["items"].size()) << path << " fits on one page";
    return body["items"];
  }

  static Session& As(const std::string& username) {
    static std::map<std::string, Session> sessions;
    auto it = sessions.find(username);
    if (it == sessions.end()) it = sessions.emplace(username, server().Login(username)).first;
    return it->second;
  }

  // The ids of `roots` and every node below them, from the admin's view of the whole tree.
  static std::set<long long> Subtree(const std::set<long long>& roots) {
    json all = Items("/api/v1/org-units?limit=500", server().Admin());
    std::set<long long> out = roots;
    for (bool grew = true; grew;) {
      grew = false;
      for (const auto& u : all)
        if (u["parent_id"].is_number_integer() && out.count(u["parent_id"].get<long long>()) &&
            out.insert(u["id"].get<long long>()).second)
          grew = true;
    }
    return out;
  }

  static const std::set<std::string> kMunicipality;
  static const std::set<std::string> kEnergi;
};

const std::set<std::string> ScopeTest::kMunicipality = {
    "Norrviks kommun",     "Kommunstyrelseförvaltningen",   "Barn- och utbildningsförvaltningen",
    "Socialförvaltningen", "Samhällsbyggnadsförvaltningen", "Kultur- och fritidsförvaltningen"};
const std::set<std::string> ScopeTest::kEnergi = {"Norrvik Energi AB", "Drift och nät"};

TEST_F(ScopeTest, MunicipalCisoSeesTheMunicipalityAndNothingOfTheCompanies) {
  const Session& ciso = As("ciso");
  auto units = NameSet(Items("/api/v1/org-units?limit=500", ciso));
  for (const auto& n : kMunicipality) EXPECT_TRUE(units.count(n)) << n;
  for (const auto& n : kEnergi) EXPECT_FALSE(units.count(n)) << n;
  EXPECT_FALSE(units.count("Norrviksbostäder AB"));
  EXPECT_FALSE(units.count("Norrviks kommunkoncern"));

  // Every demo account but the company CISO belongs to a unit of the municipality.
  auto users = NameSet(Items("/api/v1/users?limit=500", ciso), "username");
  for (const auto& a : server().accounts())
    EXPECT_EQ(users.count(a.username), a.username == "ciso.energi" ? 0u : 1u) << a.username;

  EXPECT_EQ(
      server().Get("/api/v1/org-units/" + Id(server().OrgUnitId("Norrvik Energi AB")), ciso).status,
      404);
  EXPECT_EQ(
      server().Get("/api/v1/org-units/" + Id(server().OrgUnitId("Drift och nät")), ciso).status,
      404);
  EXPECT_EQ(server()
                .Get("/api/v1/org-units/" + Id(server().OrgUnitId("Norrviks kommunkoncern")), ciso)
                .status,
            404)
      << "a scope covers what is below it, not above";
  EXPECT_EQ(server().Get("/api/v1/users/" + Id(server().UserId("ciso.energi")), ciso).status, 404);
  EXPECT_EQ(
      server().Get("/api/v1/users/" + Id(server().UserId("ciso.energi")) + "/roles", ciso).status,
      404);
}

TEST_F(ScopeTest, CompanyCisoSeesItsCompanyAndNothingOfTheMunicipality) {
  const Session& energi = As("ciso.energi");
  EXPECT_EQ(NameSet(Items("/api/v1/org-units?limit=500", energi)), kEnergi);
  EXPECT_EQ(NameSet(Items("/api/v1/users?limit=500", energi), "username"),
            std::set<std::string>{"ciso.energi"});

  for (const char* unit :
       {"Norrviks kommun", "Socialförvaltningen", "Norrviksbostäder AB", "Norrviks kommunkoncern"})
    EXPECT_EQ(server().Get("/api/v1/org-units/" + Id(server().OrgUnitId(unit)), energi).status, 404)
        << unit;
  for (const char* user : {"ciso", "medarbetare", "admin"}) {
    std::string path = "/api/v1/users/" + Id(server().UserId(user));
    EXPECT_EQ(server().Get(path, energi).status, 404) << user;
    EXPECT_EQ(server().Get(path + "/roles", energi).status, 404) << user;
  }
}

// Filters and search do not reach past the scope either.
TEST_F(ScopeTest, FiltersAndSearchStayInsideTheScope) {
  const Session& energi = As("ciso.energi");
  long long kommun = server().OrgUnitId("Norrviks kommun");
  long long sof = server().OrgUnitId("Socialförvaltningen");
  EXPECT_TRUE(Items("/api/v1/org-units?parent_id=" + Id(kommun), energi).empty());
  EXPECT_TRUE(Items("/api/v1/users?org_unit_id=" + Id(sof), energi).empty());
  EXPECT_EQ(NameSet(Items("/api/v1/users?q=norrvik.se", energi), "username"),
            std::set<std::string>{"ciso.energi"});
  EXPECT_TRUE(Items("/api/v1/users?q=medarbetare", energi).empty());

  Response page = server().Get("/api/v1/users?limit=1&offset=0", energi);
  EXPECT_EQ(page.Json()["total"], 1) << "the total counts only what the caller may see";

  const Session& ciso = As("ciso");
  EXPECT_EQ(NameSet(Items("/api/v1/org-units?parent_id=" + Id(kommun), ciso)).size(), 5u);
  json page2 = server().Get("/api/v1/users?limit=2&offset=2", ciso).Json();
  EXPECT_EQ(page2["items"].size(), 2u);
  EXPECT_EQ(page2["total"], Items("/api/v1/users?limit=500", ciso).size());
}

TEST_F(ScopeTest, InstallationAdminAndGroupSecurityChiefSeeEverything) {
  for (const char* who : {"admin", "sakerhetschef"}) {
    const Auth& auth = std::string(who) == "admin" ? server().Admin() : As(who);
    auto units = NameSet(Items("/api/v1/org-units?limit=500", auth));
    for (const auto& n : kMunicipality) EXPECT_TRUE(units.count(n)) << who << ": " << n;
    for (const auto& n : kEnergi) EXPECT_TRUE(units.count(n)) << who << ": " << n;
    EXPECT_TRUE(units.count("Norrviks kommunkoncern")) << who;
    EXPECT_TRUE(units.count("Norrviksbostäder AB")) << who;
    auto users = NameSet(Items("/api/v1/users?limit=500", auth), "username");
    for (const auto& a : server().accounts()) EXPECT_TRUE(users.count(a.username)) << a.username;
  }
}

TEST_F(ScopeTest, EmployeeSeesOnlyItself) {
  const Session& employee = As("medarbetare");
  Response self = server().Get("/api/v1/users/" + Id(employee.user_id), employee);
  ASSERT_EQ(self.status, 200) << self;
  EXPECT_EQ(self.Json()["username"], "medarbetare");
  EXPECT_EQ(server().Get("/api/v1/users/" + Id(employee.user_id) + "/roles", employee).status, 200);

  Response list = server().Get("/api/v1/users", employee);
  EXPECT_EQ(list.status, 403) << list;
  EXPECT_EQ(list.Json()["error"]["code"], "forbidden");
  // Not even colleagues of the same unit.
  EXPECT_EQ(server().Get("/api/v1/users/" + Id(server().UserId("kontakt.sof")), employee).status,
            404);
  EXPECT_EQ(server().Get("/api/v1/users/" + Id(server().UserId("admin")), employee).status, 404);
}

// For every demo account: the org-unit list is exactly the subtree of its scope, and the user
// list (for roles that may read users) exactly the users of that subtree.
TEST_F(ScopeTest, EveryAccountSeesExactlyItsSubtree) {
  json all_users = Items("/api/v1/users?limit=500", server().Admin());
  const std::set<std::string> kUserReaders = {"admin", "ciso", "security_chief", "it_security",
                                              "contact"};
  for (const auto& a : server().accounts()) {
    const Session& s = As(a.username);
    std::set<long long> visible;
    if (a.scope.empty()) {
      visible = Ids(Items("/api/v1/org-units?limit=500", server().Admin()));
    } else {
      visible = Subtree({server().OrgUnitId(a.scope)});
    }
    EXPECT_EQ(Ids(Items("/api/v1/org-units?limit=500", s)), visible) << a.username;

    Response users = server().Get("/api/v1/users?limit=500", s);
    if (!kUserReaders.count(a.role)) {
      EXPECT_EQ(users.status, 403) << a.username;
      continue;
    }
    std::set<long long> expected;
    for (const auto& u : all_users)
      if (u["org_unit_id"].is_number_integer() && visible.count(u["org_unit_id"].get<long long>()))
        expected.insert(u["id"].get<long long>());
    EXPECT_EQ(Ids(users.Json()["items"]), expected) << a.username;
  }
}

// A role held on a node covers nodes created below it later, at any depth.
TEST_F(ScopeTest, RoleOnANodeCoversItsWholeSubtree) {
  long long sof = server().OrgUnitId("Socialförvaltningen");
  long long area = server().CreateOrgUnit("Äldreomsorg", sof)["id"];
  long long team = server().CreateOrgUnit("Hemtjänst Norra", area)["id"];
  long long nurse = server().CreateUser("sjukskoterska", team)["id"];

  for (const char* who : {"ciso", "sakerhetschef", "kontakt.sof", "infoagare.sof", "medarbetare",
                          "ciso.energi", "objektagare", "teknisk"}) {
    bool covered = std::string(who) != "ciso.energi" && std::string(who) != "objektagare" &&
                   std::string(who) != "teknisk";
    const Session& s = As(who);
    EXPECT_EQ(server().Get("/api/v1/org-units/" + Id(team), s).status, covered ? 200 : 404) << who;
    auto ids = Ids(Items("/api/v1/org-units?limit=500", s));
    EXPECT_EQ(ids.count(team) == 1, covered) << who;
    EXPECT_EQ(ids.count(area) == 1, covered) << who;
  }
  // Users in the deep unit: seen by those who may read users above it.
  for (const auto& [who, status] : std::map<std::string, int>{{"ciso", 200},
                                                              {"sakerhetschef", 200},
                                                              {"kontakt.sof", 200},
                                                              {"itsak", 200},
                                                              {"ciso.energi", 404},
                                                              {"medarbetare", 404},
                                                              {"infoagare.sof", 404}})
    EXPECT_EQ(server().Get("/api/v1/users/" + Id(nurse), As(who)).status, status) << who;
}

}  // namespace
}  // namespace lis_test::scope_test
