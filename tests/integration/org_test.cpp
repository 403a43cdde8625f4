// The organisation tree through the API, as the installation-wide admin: placement rules,
// organisation numbers, rename, move, delete and optimistic locking.
#include <array>

#include "lis_server.h"

namespace lis_test::org_test {
namespace {

class OrgTest : public SharedServerTest<OrgTest> {
 protected:
  static Response Create(const json& body) {
    return server().Post("/api/v1/org-units", server().Admin(), body);
  }
  static Response Patch(long long id, const json& body, const httplib::Headers& headers = {}) {
    return server().Send("PATCH", "/api/v1/org-units/" + Id(id), server().Admin(), body, headers);
  }
  static json Fetch(long long id) {
    Response r = server().Get("/api/v1/org-units/" + Id(id), server().Admin());
    EXPECT_EQ(r.status, 200) << r;
    return r.Json();
  }
  static long long NewUnit(const std::string& name, long long parent) {
    return server().CreateOrgUnit(name, parent)["id"].get<long long>();
  }
  // Asserts a 400 naming `field`.
  static void ExpectInvalid(const Response& r, const std::string& field, const std::string& what) {
    EXPECT_EQ(r.status, 400) << what << ": " << r;
    json e = r.Json()["error"];
    EXPECT_EQ(e["code"], "invalid") << what;
    EXPECT_EQ(e["field"], field) << what << ": " << e;
    EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty()) << what;
  }
};

TEST_F(OrgTest, KindsArePlacedByTheRules) {
  LisServer& s = server();
  std::map<std::string, json> parent = {
      {"root", nullptr},
      {"group", s.OrgUnitId("Norrviks kommunkoncern")},
      {"municipality", s.OrgUnitId("Norrviks kommun")},
      {"company", s.OrgUnitId("Norrvik Energi AB")},
      {"unit", s.OrgUnitId("Socialförvaltningen")},
  };
  struct Case {
    const char* kind;
    const char* under;
    bool allowed;
  };
  const Case cases[] = {
      // A group is only a root.
      {"group", "root", true},
      {"group", "group", false},
      {"group", "municipality", false},
      {"group", "unit", false},
      // Municipalities and companies are roots or stand under a group.
      {"municipality", "root", true},
      {"municipality", "group", true},
      {"municipality", "municipality", false},
      {"municipality", "company", false},
      {"municipality", "unit", false},
      {"company", "root", true},
      {"company", "group", true},
      {"company", "municipality", false},
      {"company", "company", false},
      {"company", "unit", false},
      // Units stand under anything but a group, never at the root.
      {"unit", "root", false},
      {"unit", "group", false},
      {"unit", "municipality", true},
      {"unit", "company", true},
      {"unit", "unit", true},
  };
  for (const auto& c : cases) {
    std::string what = std::string(c.kind) + " under " + c.under;
    Response r =
        Create({{"name", "Placed " + what}, {"kind", c.kind}, {"parent_id", parent[c.under]}});
    if (c.allowed) {
      ASSERT_EQ(r.status, 201) << what << ": " << r;
      json unit = r.Json();
      EXPECT_EQ(unit["kind"], c.kind);
      EXPECT_EQ(unit["parent_id"], parent[c.under]);
      EXPECT_EQ(unit["version"], 1);
      // Remove it again so that it does not stand in the way of other tests.
      EXPECT_EQ(s.Delete("/api/v1/org-units/" + Id(unit["id"]), s.Admin()).status, 204);
    } else {
      ExpectInvalid(r, "parent_id", what);
    }
  }
}

TEST_F(OrgTest, CreateChecksKindAndParent) {
  long long sof = server().OrgUnitId("Socialförvaltningen");
  ExpectInvalid(Create({{"name", "X"}, {"kind", "department"}, {"parent_id", sof}}), "kind",
                "unknown kind");
  ExpectInvalid(Create({{"name", "X"}, {"kind", "unit"}, {"parent_id", 999999}}), "parent_id",
                "missing parent");
  ExpectInvalid(Create({{"name", "   "}, {"kind", "unit"}, {"parent_id", sof}}), "name",
                "blank name");
  Response r = Create({{"name", "  Trimmad enhet  "}, {"kind", "unit"}, {"parent_id", sof}});
  ASSERT_EQ(r.status, 201) << r;
  json unit = r.Json();
  EXPECT_EQ(unit["name"], "Trimmad enhet");
  EXPECT_TRUE(unit["org_number"].is_null());
  for (const char* field : {"id", "name", "kind", "parent_id", "org_number", "version"})
    EXPECT_TRUE(unit.contains(field)) << field;
  EXPECT_EQ(Fetch(unit["id"]), unit) << "GET answers what POST answered";
}

TEST_F(OrgTest, OrganisationNumbersAreValidatedAndNormalised) {
  long long group = server().OrgUnitId("Norrviks kommunkoncern");
  struct Case {
    const char* given;
    const char* stored;  // nullptr: refused with field org_number
  };
  const Case cases[] = {
      {"556123-4567", "556123-4567"},
      {"5569876542", "556987-6542"},   // normalised to the usual form
      {"202100-9879", "202100-9879"},  // a municipality's kind of number
      {"", nullptr},                   // empty: no number (checked below)
      {"556677-8890", nullptr},        // wrong check digit
      {"556677-889", nullptr},         // too short
      {"55667788990", nullptr},        // too long
      {"556677+8899", nullptr},        // wrong separator
      {"55667a-8899", nullptr},        // not digits
      {"811218-9876", nullptr},        // a personal identity number, not a legal entity
  };
  for (const auto& c : cases) {
    Response r = Create({{"name", std::string("Bolag ") + c.given},
                         {"kind", "company"},
                         {"parent_id", group},
                         {"org_number", c.given}});
    if (std::string(c.given).empty()) {
      ASSERT_EQ(r.status, 201) << r;
      EXPECT_TRUE(r.Json()["org_number"].is_null()) << "an empty number is no number";
    } else if (c.stored) {
      ASSERT_EQ(r.status, 201) << c.given << ": " << r;
      EXPECT_EQ(r.Json()["org_number"], c.stored) << c.given;
    } else {
      ExpectInvalid(r, "org_number", c.given);
    }
  }
  // The same check on update.
  long long id = server().OrgUnitId("Norrvik Energi AB");
  json before = Fetch(id);
  ExpectInvalid(Patch(id, {{"org_number", "556677-8890"}, {"version", before["version"]}}),
                "org_number", "update with wrong check digit");
  EXPECT_EQ(Fetch(id), before);
  Response normalised = Patch(id, {{"org_number", "5566778899"}, {"version", before["version"]}});
  ASSERT_EQ(normalised.status, 200) << normalised;
  EXPECT_EQ(normalised.Json()["org_number"], "556677-8899");
  Response cleared =
      Patch(id, {{"org_number", nullptr}, {"version", normalised.Json()["version"]}});
  ASSERT_EQ(cleared.status, 200) << cleared;
  EXPECT_TRUE(cleared.Json()["org_number"].is_null());
}

TEST_F(OrgTest, RenameAndMove) {
  long long sof = server().OrgUnitId("Socialförvaltningen");
  long long buf = server().OrgUnitId("Barn- och utbildningsförvaltningen");
  long long id = NewUnit("Individ- och familjeomsorg", sof);

  Response renamed = Patch(id, {{"name", "IFO"}, {"version", 1}});
  ASSERT_EQ(renamed.status, 200) << renamed;
  EXPECT_EQ(renamed.Json()["name"], "IFO");
  EXPECT_EQ(renamed.Json()["version"], 2);
  EXPECT_EQ(renamed.Json()["parent_id"], sof) << "a rename does not move";

  Response moved = Patch(id, {{"parent_id", buf}, {"version", 2}});
  ASSERT_EQ(moved.status, 200) << moved;
  json now = Fetch(id);
  EXPECT_EQ(now["parent_id"], buf);
  EXPECT_EQ(now["name"], "IFO") << "a move does not rename";
  EXPECT_EQ(now["version"], 3);

  auto under_buf = Strings(
      server().Get("/api/v1/org-units?parent_id=" + Id(buf), server().Admin()).Json()["items"],
      "name");
  EXPECT_NE(std::find(under_buf.begin(), under_buf.end(), "IFO"), under_buf.end());
}

TEST_F(OrgTest, MoveIntoOwnSubtreeOrUnderAMissingParentIsRefused) {
  long long sof = server().OrgUnitId("Socialförvaltningen");
  long long a = NewUnit("Cycle A", sof);
  long long b = NewUnit("Cycle B", a);
  long long c = NewUnit("Cycle C", b);
  ExpectInvalid(Patch(a, {{"parent_id", c}, {"version", 1}}), "parent_id", "under grandchild");
  ExpectInvalid(Patch(a, {{"parent_id", b}, {"version", 1}}), "parent_id", "under child");
  ExpectInvalid(Patch(a, {{"parent_id", a}, {"version", 1}}), "parent_id", "under itself");
  ExpectInvalid(Patch(a, {{"parent_id", 999999}, {"version", 1}}), "parent_id", "missing parent");
  ExpectInvalid(Patch(a, {{"parent_id", nullptr}, {"version", 1}}), "parent_id", "a unit as root");
  json now = Fetch(a);
  EXPECT_EQ(now["parent_id"], sof);
  EXPECT_EQ(now["version"], 1);
}

// Changing a node's kind must keep the node and its children placed by the rules: a group
// with a municipality under it cannot become a municipality or a company.
TEST_F(OrgTest, KindChangeKeepsChildrenPlacedByTheRules) {
  auto tree = [](const std::string& name) {
    Response g = Create({{"name", name + " koncern"}, {"kind", "group"}, {"parent_id", nullptr}});
    EXPECT_EQ(g.status, 201) << g;
    long long group = g.Json()["id"];
    long long municipality =
        Create({{"name", name + " kommun"}, {"kind", "municipality"}, {"parent_id", group}})
            .Json()["id"];
    long long unit = NewUnit(name + " förvaltning", municipality);
    return std::array<long long, 3>{group, municipality, unit};
  };

  auto [group, municipality, unit] = tree("Kindtest 1");
  for (const char* kind : {"municipality", "company"}) {
    Response r = Patch(group, {{"kind", kind}, {"version", Fetch(group)["version"]}});
    EXPECT_EQ(r.status, 400) << "the group with a municipality under it becomes a " << kind << ": "
                             << r;
    EXPECT_EQ(r.Json()["error"]["code"], "invalid");
  }
  EXPECT_EQ(Fetch(group)["kind"], "group");

  auto [group2, municipality2, unit2] = tree("Kindtest 2");
  // A municipality with a unit under it may become a company: both still fit.
  EXPECT_EQ(Patch(municipality2, {{"kind", "company"}, {"version", 1}}).status, 200);
  // As a unit it would stand under a group.
  ExpectInvalid(Patch(municipality2, {{"kind", "unit"}, {"version", 2}}), "parent_id",
                "unit under group");
  // A unit turned municipality would stand under a company.
  ExpectInvalid(Patch(unit2, {{"kind", "municipality"}, {"version", 1}}), "parent_id",
                "municipality under company");
  (void)municipality;
  (void)unit;
  (void)group2;
}

TEST_F(OrgTest, DeleteRefusesNodesWithChildrenUsersOrRolesAndRemovesEmptyOnes) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long parent = NewUnit("Delete parent", sof);
  long long child = NewUnit("Delete child", parent);
  long long staffed = NewUnit("Delete staffed", sof);
  s.CreateUser("delete.staff", staffed);
  long long scoped = NewUnit("Delete scoped", sof);
  long long holder = s.CreateUser("delete.holder", sof)["id"];
  s.AddRole(holder, "contact", scoped);

  for (long long id : {parent, staffed, scoped}) {
    Response r = s.Delete("/api/v1/org-units/" + Id(id), s.Admin());
    EXPECT_EQ(r.status, 409) << id << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "conflict");
    EXPECT_EQ(Fetch(id)["version"], 1) << "still there, unchanged";
  }
  EXPECT_EQ(s.Delete("/api/v1/org-units/" + Id(sof), s.Admin()).status, 409);

  EXPECT_EQ(s.Delete("/api/v1/org-units/" + Id(child), s.Admin()).status, 204);
  EXPECT_EQ(s.Get("/api/v1/org-units/" + Id(child), s.Admin()).status, 404);
  EXPECT_EQ(s.Delete("/api/v1/org-units/" + Id(child), s.Admin()).status, 404);
  EXPECT_EQ(
      s.Patch("/api/v1/org-units/" + Id(child), s.Admin(), {{"name", "Z"}, {"version", 2}}).status,
      404);
  auto names = Strings(s.Get("/api/v1/org-units?limit=500", s.Admin()).Json()["items"], "name");
  EXPECT_EQ(std::find(names.begin(), names.end(), "Delete child"), names.end());
  // Now that its child is gone the parent can go too.
  EXPECT_EQ(s.Delete("/api/v1/org-units/" + Id(parent), s.Admin()).status, 204);
  // A deleted node takes no children.
  Response r = Create({{"name", "Orphan"}, {"kind", "unit"}, {"parent_id", parent}});
  ExpectInvalid(r, "parent_id", "under a deleted node");
}

TEST_F(OrgTest, UpdateNeedsTheCurrentVersion) {
  long long id = NewUnit("Versioned", server().OrgUnitId("Socialförvaltningen"));
  ExpectInvalid(Patch(id, {{"name", "No version"}}), "version", "without version");
  ASSERT_EQ(Patch(id, {{"name", "Versioned 2"}, {"version", 1}}).status, 200);

  Response stale = Patch(id, {{"name", "Stale"}, {"version", 1}});
  EXPECT_EQ(stale.status, 409) << stale;
  json error = stale.Json()["error"];
  EXPECT_EQ(error["code"], "conflict");
  ASSERT_TRUE(error["current"].is_object()) << error;
  EXPECT_EQ(error["current"]["id"], id);
  EXPECT_EQ(error["current"]["name"], "Versioned 2");
  EXPECT_EQ(error["current"]["version"], 2);
  EXPECT_EQ(Fetch(id)["name"], "Versioned 2") << "the stale change was not written";

  // If-Match carries the version when the body has none.
  Response matched = Patch(id, {{"name", "Versioned 3"}}, {{"If-Match", "\"2\""}});
  EXPECT_EQ(matched.status, 200) << matched;
  EXPECT_EQ(matched.Json()["version"], 3);
  EXPECT_EQ(Patch(id, {{"name", "Weak"}}, {{"If-Match", "W/\"3\""}}).status, 200);
  EXPECT_EQ(Patch(id, {{"name", "Stale"}}, {{"If-Match", "\"3\""}}).status, 409);
  ExpectInvalid(Patch(id, {{"name", "Bad"}}, {{"If-Match", "\"abc\""}}), "If-Match",
                "If-Match not a version");
  EXPECT_EQ(Fetch(id)["name"], "Weak");

  // DELETE takes the version as a query parameter.
  Response stale_delete =
      server().Delete("/api/v1/org-units/" + Id(id) + "?version=1", server().Admin());
  EXPECT_EQ(stale_delete.status, 409) << stale_delete;
  EXPECT_EQ(server().Delete("/api/v1/org-units/" + Id(id) + "?version=4", server().Admin()).status,
            204);
}

}  // namespace
}  // namespace lis_test::org_test
