// The registers of objects, systems and information sets (issue 4, item 6): every filter and
// sort against a known data set, table-driven; bad parameters are 400s naming the parameter;
// rows outside the caller's scope never appear; the overview per organisation unit; and the
// cached derived classes (migration 3) checked against a recomputation from the tables after
// every kind of change that feeds them.
#include <map>
#include <optional>

#include "asset_support.h"
#include "store/assets/asset_tables.h"
#include "store/assets/derived_cache.h"
#include "store/database.h"
#include "store/records.h"

namespace lis_test::asset_register_test {
namespace {

// The data set (built once per server):
//   units   Buf (Barn- och utbildning), Sof (Social), Äldreomsorg (under Sof)
//   objects Alfa (Buf), Beta (Sof), Gamma (Äldreomsorg)
//   systems Elevregister (Alfa, cloud, in use), Journalsystem (Beta, supplier, in use),
//           Larmsystem (Gamma, own, planned), Arkiv (Beta, own, retired; no sets)
//   sets    Betyg (Buf, ordinary; Elevregister)          K2 R1 T1 S1 approved    class 2
//           Journaler (Sof, special; Journalsystem)       K4 R3 T2 S3 approved, review overdue
//           Larmloggar (Äldreomsorg, none; Larmsystem)    K1 R1 T3 S0 draft       class 3
//           Besöksregister (Sof, criminal; Journalsystem, Larmsystem)  unclassified
//           Ekonomi (Buf, none; no systems)               K0 R0 T0 S0 approved    class 0
struct Fixture {
  long long buf = 0, sof = 0, aldre = 0, kommun = 0;
  std::map<std::string, long long> ids;  // every record by name
};

// Makes the approved classification of set `id` overdue for review.
void MakeOverdue(LisServer& s, long long id) {
  SetReviewDue(s, id, "2020-01-31");
}

Fixture Build(LisServer& s, const Session& ciso) {
  ClearAssets(s, ciso);
  Fixture f;
  f.buf = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  f.sof = s.OrgUnitId("Socialförvaltningen");
  f.kommun = s.OrgUnitId("Norrviks kommun");
  f.aldre = s.CreateOrgUnit("Äldreomsorg", f.sof)["id"];
  auto& id = f.ids;
  id["Alfa"] = CreateObject(s, ciso, "Alfa", f.buf);
  id["Beta"] = CreateObject(s, ciso, "Beta", f.sof);
  id["Gamma"] = CreateObject(s, ciso, "Gamma", f.aldre);
  id["Elevregister"] = CreateSystem(s, ciso, "Elevregister", id["Alfa"],
                                    {{"hosting", "cloud"}, {"hosting_country", "SE"}});
  id["Journalsystem"] =
      CreateSystem(s, ciso, "Journalsystem", id["Beta"], {{"hosting", "supplier"}});
  id["Larmsystem"] = CreateSystem(s, ciso, "Larmsystem", id["Gamma"], {{"lifecycle", "planned"}});
  id["Arkiv"] = CreateSystem(s, ciso, "Arkiv", id["Beta"], {{"lifecycle", "retired"}});
  id["Betyg"] =
      CreateSet(s, ciso, "Betyg", f.buf, {id["Elevregister"]}, {{"personal_data", "ordinary"}});
  id["Journaler"] =
      CreateSet(s, ciso, "Journaler", f.sof, {id["Journalsystem"]}, {{"personal_data", "special"}});
  id["Larmloggar"] = CreateSet(s, ciso, "Larmloggar", f.aldre, {id["Larmsystem"]});
  id["Besöksregister"] =
      CreateSet(s, ciso, "Besöksregister", f.sof, {id["Journalsystem"], id["Larmsystem"]},
                {{"personal_data", "criminal"}});
  id["Ekonomi"] = CreateSet(s, ciso, "Ekonomi", f.buf);
  Classify(s, ciso, id["Betyg"], {2, 1, 1, 1});
  Approve(s, ciso, id["Betyg"]);
  Classify(s, ciso, id["Journaler"], {4, 3, 2, 3});
  Approve(s, ciso, id["Journaler"]);
  MakeOverdue(s, id["Journaler"]);
  Classify(s, ciso, id["Larmloggar"], {1, 1, 3, 0});
  Classify(s, ciso, id["Ekonomi"], {0, 0, 0, 0});
  Approve(s, ciso, id["Ekonomi"]);
  return f;
}

class RegisterTest : public SharedServerTest<RegisterTest> {
 protected:
  static const Session& Ciso() {
    static Session session = server().Login("ciso");
    return session;
  }
  static const Fixture& Data() {
    static Fixture f = Build(server(), Ciso());
    return f;
  }
  // Names in the order listed at `path` (with `query`, org unit names replaced by ids).
  static std::vector<std::string> Listed(const Auth& auth, const std::string& collection,
                                         const std::string& query) {
    json body = Fetch(server(), auth, "/api/v1/" + collection + "?limit=500&" + Expand(query));
    return Strings(body.value("items", json::array()), "name");
  }
  // "{Sof}" and the like in `query` become ids.
  static std::string Expand(std::string query) {
    const Fixture& f = Data();
    std::map<std::string, long long> names = {
        {"{Buf}", f.buf}, {"{Sof}", f.sof}, {"{Aldre}", f.aldre}, {"{Kommun}", f.kommun}};
    for (const auto& [name, id] : f.ids) names["{" + name + "}"] = id;
    for (const auto& [token, id] : names)
      for (size_t p; (p = query.find(token)) != std::string::npos;)
        query.replace(p, token.size(), Id(id));
    return query;
  }
};

using NameList = std::vector<std::string>;

struct ListCase {
  const char* collection;
  const char* query;
  NameList expected;  // in order
};

TEST_F(RegisterTest, EveryFilterAndSortGivesTheExpectedRowsInOrder) {
  const ListCase cases[] = {
      // Information sets.
      {"information-sets", "", {"Besöksregister", "Betyg", "Ekonomi", "Journaler", "Larmloggar"}},
      {"information-sets", "org_unit_id={Sof}", {"Besöksregister", "Journaler", "Larmloggar"}},
      {"information-sets", "org_unit_id={Aldre}", {"Larmloggar"}},
      {"information-sets",
       "org_unit_id={Kommun}",
       {"Besöksregister", "Betyg", "Ekonomi", "Journaler", "Larmloggar"}},
      {"information-sets", "q=LOGG", {"Larmloggar"}},
      {"information-sets", "security_class=4", {"Journaler"}},
      {"information-sets", "security_class=3", {"Larmloggar"}},
      {"information-sets", "security_class=0", {"Ekonomi"}},
      {"information-sets", "min_confidentiality=2", {"Betyg", "Journaler"}},
      {"information-sets", "min_integrity=3", {"Journaler"}},
      {"information-sets", "min_availability=3", {"Larmloggar"}},
      {"information-sets", "min_traceability=1", {"Betyg", "Journaler"}},
      {"information-sets", "personal_data=special", {"Journaler"}},
      {"information-sets", "personal_data=none", {"Ekonomi", "Larmloggar"}},
      {"information-sets", "personal_data=any", {"Besöksregister", "Betyg", "Journaler"}},
      {"information-sets", "review_overdue=true", {"Journaler"}},
      {"information-sets",
       "review_overdue=false",
       {"Besöksregister", "Betyg", "Ekonomi", "Journaler", "Larmloggar"}},
      {"information-sets", "unclassified=true", {"Besöksregister"}},
      {"information-sets", "status=draft", {"Larmloggar"}},
      {"information-sets", "status=approved", {"Betyg", "Ekonomi", "Journaler"}},
      {"information-sets", "system_id={Journalsystem}", {"Besöksregister", "Journaler"}},
      {"information-sets", "org_unit_id={Sof}&status=approved&min_integrity=3", {"Journaler"}},
      {"information-sets",
       "security_class=",
       {"Besöksregister", "Betyg", "Ekonomi", "Journaler", "Larmloggar"}},
      {"information-sets",
       "sort=-name",
       {"Larmloggar", "Journaler", "Ekonomi", "Betyg", "Besöksregister"}},
      {"information-sets",
       "sort=security_class",
       {"Besöksregister", "Ekonomi", "Betyg", "Larmloggar", "Journaler"}},
      {"information-sets",
       "sort=-security_class",
       {"Journaler", "Larmloggar", "Betyg", "Ekonomi", "Besöksregister"}},
      {"information-sets",
       "sort=review_due",
       {"Journaler", "Betyg", "Ekonomi", "Besöksregister", "Larmloggar"}},
      {"information-sets",
       "sort=-review_due",
       {"Larmloggar", "Besöksregister", "Ekonomi", "Betyg", "Journaler"}},
      {"information-sets",
       "sort=updated_at",
       {"Betyg", "Journaler", "Larmloggar", "Besöksregister", "Ekonomi"}},
      {"information-sets",
       "sort=-updated_at",
       {"Ekonomi", "Besöksregister", "Larmloggar", "Journaler", "Betyg"}},
      // Systems: values derived from the sets they process.
      {"systems", "", {"Arkiv", "Elevregister", "Journalsystem", "Larmsystem"}},
      {"systems", "org_unit_id={Sof}", {"Arkiv", "Journalsystem", "Larmsystem"}},
      {"systems", "org_unit_id={Aldre}", {"Larmsystem"}},
      {"systems", "object_id={Beta}", {"Arkiv", "Journalsystem"}},
      {"systems", "security_class=4", {"Journalsystem"}},
      {"systems", "min_confidentiality=2", {"Elevregister", "Journalsystem"}},
      {"systems", "min_availability=3", {"Larmsystem"}},
      {"systems", "personal_data=ordinary", {"Elevregister", "Journalsystem", "Larmsystem"}},
      {"systems", "personal_data=special", {"Journalsystem", "Larmsystem"}},
      {"systems", "personal_data=any", {"Elevregister", "Journalsystem", "Larmsystem"}},
      {"systems", "review_overdue=true", {"Journalsystem"}},
      {"systems", "unclassified=true", {"Arkiv"}},
      {"systems", "status=draft", {"Larmsystem"}},
      {"systems", "status=approved", {"Elevregister", "Journalsystem"}},
      {"systems", "lifecycle=planned", {"Larmsystem"}},
      {"systems", "lifecycle=retired", {"Arkiv"}},
      {"systems", "hosting=cloud", {"Elevregister"}},
      {"systems", "hosting=supplier&review_overdue=true", {"Journalsystem"}},
      {"systems", "sort=security_class", {"Arkiv", "Elevregister", "Larmsystem", "Journalsystem"}},
      {"systems", "sort=-security_class", {"Journalsystem", "Larmsystem", "Elevregister", "Arkiv"}},
      {"systems", "sort=review_due", {"Journalsystem", "Elevregister", "Arkiv", "Larmsystem"}},
      {"systems", "sort=-updated_at", {"Arkiv", "Larmsystem", "Journalsystem", "Elevregister"}},
      // Objects: values derived from their systems.
      {"objects", "", {"Alfa", "Beta", "Gamma"}},
      {"objects", "org_unit_id={Sof}", {"Beta", "Gamma"}},
      {"objects", "security_class=4", {"Beta"}},
      {"objects", "min_confidentiality=2", {"Alfa", "Beta"}},
      {"objects", "personal_data=criminal", {"Beta", "Gamma"}},
      {"objects", "review_overdue=true", {"Beta"}},
      {"objects", "status=draft", {"Gamma"}},
      {"objects", "unclassified=true", {}},
      {"objects", "sort=-security_class", {"Beta", "Gamma", "Alfa"}},
      {"objects", "sort=-name", {"Gamma", "Beta", "Alfa"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(Listed(Ciso(), c.collection, c.query), c.expected)
        << "GET /api/v1/" << c.collection << "?" << c.query;
}

TEST_F(RegisterTest, ListedRowsCarryTheirDerivedValues) {
  json items = Fetch(server(), Ciso(), "/api/v1/information-sets?sort=-security_class")["items"];
  ASSERT_EQ(items.size(), 5u);
  EXPECT_EQ(items[0]["security_class"], 4);
  EXPECT_EQ(items[0]["review_due"], "2020-01-31");
  EXPECT_EQ(items[0]["classification_status"], "approved");
  EXPECT_EQ(items[1]["classification_status"], "draft");
  EXPECT_TRUE(items[4]["security_class"].is_null());
  EXPECT_TRUE(items[4]["classification_status"].is_null());
  json systems = Fetch(server(), Ciso(), "/api/v1/systems?sort=-security_class")["items"];
  EXPECT_EQ(systems[0]["security_class"], 4);
  EXPECT_EQ(systems[0]["review_due"], "2020-01-31");
}

TEST_F(RegisterTest, PagingKeepsFilterAndSort) {
  Data();
  json page = Fetch(server(), Ciso(), "/api/v1/information-sets?sort=-name&limit=2&offset=2");
  EXPECT_EQ(page["total"], 5);
  EXPECT_EQ(Strings(page["items"], "name"), (NameList{"Ekonomi", "Betyg"}));
  page = Fetch(server(), Ciso(), "/api/v1/systems?personal_data=any&limit=1&offset=1");
  EXPECT_EQ(page["total"], 3);
  EXPECT_EQ(Strings(page["items"], "name"), (NameList{"Journalsystem"}));
}

TEST_F(RegisterTest, BadParametersAreRefusedNamingTheParameter) {
  Data();
  struct Bad {
    const char* collection;
    const char* query;
    const char* field;
  };
  const Bad cases[] = {
      {"information-sets", "sort=bogus", "sort"},
      {"information-sets", "sort=-", "sort"},
      {"information-sets", "sort=-lifecycle", "sort"},
      {"information-sets", "sort=name,id", "sort"},
      {"information-sets", "security_class=5", "security_class"},
      {"information-sets", "security_class=high", "security_class"},
      {"information-sets", "min_confidentiality=-1", "min_confidentiality"},
      {"information-sets", "min_traceability=9", "min_traceability"},
      {"information-sets", "personal_data=lots", "personal_data"},
      {"information-sets", "review_overdue=yes", "review_overdue"},
      {"information-sets", "unclassified=1", "unclassified"},
      {"information-sets", "status=pending", "status"},
      {"information-sets", "org_unit_id=abc", "org_unit_id"},
      {"information-sets", "system_id=x", "system_id"},
      {"systems", "lifecycle=dead", "lifecycle"},
      {"systems", "hosting=moon", "hosting"},
      {"systems", "object_id=1.5", "object_id"},
      {"systems", "sort=review", "sort"},
      {"objects", "min_integrity=high", "min_integrity"},
      {"objects", "sort=updated", "sort"},
  };
  for (const auto& c : cases) {
    std::string path = std::string("/api/v1/") + c.collection + "?" + c.query;
    Response r = server().Get(path, Ciso());
    EXPECT_EQ(r.status, 400) << path << ": " << r;
    json e = r.Json()["error"];
    EXPECT_EQ(e.value("code", ""), "invalid") << path << ": " << r;
    EXPECT_EQ(e.value("field", ""), c.field) << path << ": " << r;
    EXPECT_NE(e.value("message", "").find(c.field), std::string::npos)
        << path << ": the message names the parameter: " << r;
  }
  // The register page answers the same way.
  Response page = server().Get("/assets/systems?sort=bogus", Ciso());
  EXPECT_EQ(page.status, 400) << page;
}

TEST_F(RegisterTest, AnEmployeeSeesOnlyItsOwnUnit) {
  Data();
  Session employee = server().Login("medarbetare");  // employee at Socialförvaltningen
  const ListCase cases[] = {
      {"information-sets", "", {"Besöksregister", "Journaler", "Larmloggar"}},
      {"information-sets", "org_unit_id={Buf}", {}},
      {"information-sets", "org_unit_id={Kommun}", {"Besöksregister", "Journaler", "Larmloggar"}},
      {"information-sets", "sort=-security_class", {"Journaler", "Larmloggar", "Besöksregister"}},
      {"information-sets", "status=approved", {"Journaler"}},
      {"information-sets", "security_class=2", {}},
      {"systems", "", {"Arkiv", "Journalsystem", "Larmsystem"}},
      {"systems", "hosting=cloud", {}},
      {"objects", "", {"Beta", "Gamma"}},
      {"objects", "min_confidentiality=2", {"Beta"}},
  };
  for (const auto& c : cases)
    EXPECT_EQ(Listed(employee, c.collection, c.query), c.expected)
        << "GET /api/v1/" << c.collection << "?" << c.query << " as an employee";
  json overview = Fetch(server(), employee, "/api/v1/information-sets/overview");
  for (const auto& item : overview["items"])
    EXPECT_TRUE(item["org_unit_id"] == Data().sof || item["org_unit_id"] == Data().aldre)
        << "only units of the employee's scope: " << item;
  EXPECT_EQ(overview["totals"]["total"], 3);
}

TEST_F(RegisterTest, OverviewCountsPerUnitWithItsSubUnits) {
  const Fixture& f = Data();
  json overview = Fetch(server(), Ciso(), "/api/v1/information-sets/overview");
  std::map<long long, json> by_unit;
  for (const auto& item : overview["items"]) by_unit[item["org_unit_id"]] = item;
  struct Row {
    long long unit;
    int total, unclassified, draft, approved, overdue;
  };
  const Row rows[] = {{f.kommun, 5, 1, 1, 3, 1},
                      {f.sof, 3, 1, 1, 1, 1},
                      {f.aldre, 1, 0, 1, 0, 0},
                      {f.buf, 2, 0, 0, 2, 0}};
  for (const auto& row : rows) {
    ASSERT_TRUE(by_unit.count(row.unit)) << "unit " << row.unit << " listed: " << overview;
    const json& item = by_unit[row.unit];
    EXPECT_EQ(item["total"], row.total) << item;
    EXPECT_EQ(item["unclassified"], row.unclassified) << item;
    EXPECT_EQ(item["draft"], row.draft) << item;
    EXPECT_EQ(item["approved"], row.approved) << item;
    EXPECT_EQ(item["review_overdue"], row.overdue) << item;
    // Each count is what the register filtered accordingly lists.
    std::string unit = "org_unit_id=" + Id(row.unit);
    for (auto [key, filter] : {std::pair{"total", ""},
                               {"unclassified", "&unclassified=true"},
                               {"draft", "&status=draft"},
                               {"approved", "&status=approved"},
                               {"review_overdue", "&review_overdue=true"}})
      EXPECT_EQ(Fetch(server(), Ciso(), "/api/v1/information-sets?" + unit + filter)["total"],
                item[key])
          << key << " of unit " << row.unit;
  }
  EXPECT_EQ(overview["totals"]["total"], 5);
  EXPECT_EQ(overview["totals"]["review_overdue"], 1);
  EXPECT_EQ(by_unit[f.sof]["org_unit"], "Socialförvaltningen");
  EXPECT_EQ(by_unit[f.aldre]["depth"].get<int>(), by_unit[f.sof]["depth"].get<int>() + 1);
}

TEST_F(RegisterTest, PagesFilterSortAndLinkTheOverview) {
  Data();
  Response r = server().Get(
      "/assets/information-sets?org_unit_id=" + Id(Data().sof) + "&status=approved&sort=-name",
      Ciso());
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_NE(r.body.find("Journaler"), std::string::npos);
  EXPECT_EQ(r.body.find(">Betyg<"), std::string::npos) << "filtered out";
  EXPECT_NE(r.body.find("aria-sort=\"descending\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"approved\" selected"), std::string::npos) << "keeps values";
  EXPECT_NE(r.body.find("&#x2F;assets&#x2F;overview\""), std::string::npos) << "links the overview";
  r = server().Get("/assets/overview", Ciso());
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_NE(r.body.find("<caption>"), std::string::npos);
  EXPECT_NE(r.body.find("information-sets?org_unit_id=" + Id(Data().sof) +
                        "&amp;review_overdue=true\">1<"),
            std::string::npos)
      << r.body;
}

// ---- The cached derived values against a recomputation from the tables ----

// Every cached value of every row, as "table id column=value", recomputed from the tables
// (classifications, links, sets, systems) when `recompute`, else as the rows hold them.
std::vector<std::string> DerivedState(lis::store::Tx& tx, bool recompute) {
  using lis::store::Col;
  const char* cols[] = {"derived_class",        "derived_confidentiality", "derived_integrity",
                        "derived_availability", "derived_traceability",    "derived_review_due",
                        "derived_drafts",       "derived_personal_data"};
  struct Values {
    std::optional<long long> level[5];
    std::optional<std::string> due;
    long long drafts = 0, personal = 0;
  };
  auto merge = [](Values& into, const Values& v) {
    for (int i = 0; i < 5; ++i)
      if (v.level[i] && (!into.level[i] || *v.level[i] > *into.level[i]))
        into.level[i] = v.level[i];
    if (v.due && (!into.due || *v.due < *into.due)) into.due = v.due;
    into.drafts += v.drafts;
    into.personal = std::max(into.personal, v.personal);
  };
  std::map<std::string, std::map<long long, Values>> tables;
  std::vector<std::string> out;
  if (!recompute) {
    for (const char* t : {"information_sets", "systems", "objects"})
      for (const auto& r :
           tx.Query(std::string("SELECT id, derived_class, derived_confidentiality, "
                                "derived_integrity, derived_availability, "
                                "derived_traceability, derived_review_due, "
                                "derived_drafts, derived_personal_data FROM ") +
                        t,
                    {},
                    {Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kText,
                     Col::kInt, Col::kInt})) {
        Values& v = tables[t][r.Int(0)];
        for (int i = 0; i < 5; ++i) v.level[i] = r.OptInt(1 + i);
        if (!r.IsNull(6)) v.due = r.Text(6);
        v.drafts = r.Int(7);
        v.personal = r.Int(8);
      }
  } else {
    std::map<long long, Values>& sets = tables["information_sets"];
    std::map<std::string, long long> rank = {{"ordinary", 1}, {"special", 2}, {"criminal", 3}};
    std::map<long long, bool> live_set, live_system;
    for (const auto& r : tx.Query("SELECT id, personal_data, deleted_at FROM information_sets", {},
                                  {Col::kInt, Col::kText, Col::kText})) {
      sets[r.Int(0)].personal = rank.count(r.Text(1)) ? rank[r.Text(1)] : 0;
      live_set[r.Int(0)] = r.IsNull(2);
    }
    for (const auto& r :
         tx.Query("SELECT information_set_id, security_class, confidentiality, integrity, "
                  "availability, traceability, review_due, status FROM classifications WHERE "
                  "deleted_at IS NULL",
                  {},
                  {Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kInt, Col::kText,
                   Col::kText})) {
      Values& v = sets[r.Int(0)];
      for (int i = 0; i < 5; ++i) v.level[i] = r.Int(1 + i);
      if (!r.IsNull(6)) v.due = r.Text(6);
      v.drafts = r.Text(7) == "draft" ? 1 : 0;
    }
    std::map<long long, Values>& systems = tables["systems"];
    std::map<long long, long long> object_of;
    for (const auto& r : tx.Query("SELECT id, object_id, deleted_at FROM systems", {},
                                  {Col::kInt, Col::kInt, Col::kText})) {
      systems[r.Int(0)];
      object_of[r.Int(0)] = r.Int(1);
      live_system[r.Int(0)] = r.IsNull(2);
    }
    for (const auto& r :
         tx.Query("SELECT information_set_id, system_id FROM information_set_systems", {},
                  {Col::kInt, Col::kInt}))
      if (live_set[r.Int(0)]) merge(systems[r.Int(1)], sets[r.Int(0)]);
    std::map<long long, Values>& objects = tables["objects"];
    for (const auto& r : tx.Query("SELECT id FROM objects", {}, {Col::kInt})) objects[r.Int(0)];
    for (const auto& [id, v] : systems)
      if (live_system[id]) merge(objects[object_of[id]], v);
  }
  for (const auto& [table, rows] : tables)
    for (const auto& [id, v] : rows) {
      std::string line = table + " " + std::to_string(id);
      for (int i = 0; i < 5; ++i)
        line +=
            std::string(" ") + cols[i] + "=" + (v.level[i] ? std::to_string(*v.level[i]) : "null");
      line += std::string(" ") + cols[5] + "=" + v.due.value_or("null");
      line += std::string(" ") + cols[6] + "=" + std::to_string(v.drafts);
      line += std::string(" ") + cols[7] + "=" + std::to_string(v.personal);
      out.push_back(line);
    }
  return out;
}

class DerivedCacheTest : public SharedServerTest<DerivedCacheTest> {
 protected:
  // The cached values equal the recomputed ones; `after` names the change just made.
  void ExpectCurrent(const std::string& after) {
    std::vector<std::string> cached, recomputed;
    WriteDirect(server(), [&](lis::store::Tx& tx) {
      cached = DerivedState(tx, false);
      recomputed = DerivedState(tx, true);
    });
    EXPECT_EQ(cached, recomputed) << "after " << after;
  }
};

TEST_F(DerivedCacheTest, EveryChangeThatFeedsTheClassKeepsTheCacheCurrent) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  long long buf = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long o1 = CreateObject(s, ciso, "O1", buf);
  long long o2 = CreateObject(s, ciso, "O2", sof);
  long long s1 = CreateSystem(s, ciso, "S1", o1);
  long long s2 = CreateSystem(s, ciso, "S2", o1);
  long long s3 = CreateSystem(s, ciso, "S3", o2);
  ExpectCurrent("creating objects and systems");
  long long a = CreateSet(s, ciso, "A", buf, {s1, s2}, {{"personal_data", "special"}});
  long long b = CreateSet(s, ciso, "B", sof, {s2});
  ExpectCurrent("creating linked sets");
  Classify(s, ciso, a, {3, 1, 1, 1});
  Classify(s, ciso, b, {1, 4, 0, 0});
  ExpectCurrent("classifying");
  Approve(s, ciso, a);
  ExpectCurrent("approving");
  Classify(s, ciso, a, {2, 2, 2, 2});
  ExpectCurrent("reclassifying an approved set");
  json set_b = Fetch(s, ciso, "/api/v1/information-sets/" + Id(b));
  Response r =
      s.Patch("/api/v1/information-sets/" + Id(b), ciso,
              {{"version", set_b["version"]}, {"system_ids", {s3}}, {"personal_data", "criminal"}});
  ASSERT_EQ(r.status, 200) << r;
  ExpectCurrent("changing a set's links and personal data");
  json sys2 = Fetch(s, ciso, "/api/v1/systems/" + Id(s2));
  r = s.Patch("/api/v1/systems/" + Id(s2), ciso, {{"version", sys2["version"]}, {"object_id", o2}});
  ASSERT_EQ(r.status, 200) << r;
  ExpectCurrent("moving a system to another object");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/objects?q=O2")["items"][0]["security_class"], 4);
  r = s.Delete("/api/v1/systems/" + Id(s3), ciso);
  ASSERT_EQ(r.status, 204) << r;
  ExpectCurrent("deleting a system");
  r = s.Delete("/api/v1/information-sets/" + Id(a), ciso);
  ASSERT_EQ(r.status, 204) << r;
  ExpectCurrent("deleting a set with its classification");
  // Restores go through the same write path (store::UpdateRecord with "restore").
  WriteDirect(s, [&](lis::store::Tx& tx) {
    for (const auto* spec : {&lis::store::InformationSetTable(), &lis::store::SystemTable()}) {
      long long id = spec == &lis::store::SystemTable() ? s3 : a;
      auto rec = lis::store::GetRecord(tx, *spec, id, true);
      ASSERT_TRUE(rec);
      ASSERT_TRUE(lis::store::UpdateRecord(tx, *spec, id, (*rec)["version"].get<long long>(),
                                           {{"deleted_at", nullptr}}, "restore")
                      .ok());
    }
    auto c = tx.QueryOne("SELECT id, version FROM classifications WHERE information_set_id = ?",
                         {lis::store::Value(a)}, {lis::store::Col::kInt, lis::store::Col::kInt});
    ASSERT_TRUE(c);
    ASSERT_TRUE(lis::store::UpdateRecord(tx, lis::store::ClassificationTable(), c->Int(0),
                                         c->Int(1), {{"deleted_at", nullptr}}, "restore")
                    .ok());
  });
  ExpectCurrent("restoring a set, its classification and a system");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems?q=S1")["items"][0]["security_class"], 2);
}

}  // namespace
}  // namespace lis_test::asset_register_test
