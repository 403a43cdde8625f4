// The control framework library: the shipped frameworks after a fresh start, controls in the
// framework's order with the requirements that link to them, the CISO's import (all or
// nothing, every error named; a round trip writes nothing), a shipped data version bump, the
// requirement catalogue's control references, and who may do what.
#include <map>

#include "asset_support.h"

namespace lis_test::framework_test {
namespace {

const char* kIso = "iso27001-2022";

// A small framework document with controls `refs`, each titled after its ref (and `suffix`).
json LocalFramework(const std::vector<std::string>& refs, const std::string& suffix = "") {
  json controls = json::array();
  for (const auto& r : refs)
    controls.push_back(
        {{"ref", r},
         {"theme", "t"},
         {"title", {{"sv", "Åtgärd " + r + suffix}, {"en", "Control " + r + suffix}}}});
  return {{"format", 1},
          {"ref", "local-test"},
          {"data_version", 1},
          {"name", {{"sv", "Lokalt ramverk"}, {"en", "Local framework"}}},
          {"themes", {{{"code", "t"}, {"name", {{"sv", "Tema"}, {"en", "Theme"}}}}}},
          {"controls", controls}};
}

class FrameworkTest : public SharedServerTest<FrameworkTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    ciso_ = server().Login("ciso");
  }

  // The framework with `ref` as listed, or null.
  json Framework(const std::string& ref) {
    json list = Fetch(server(), ciso_, "/api/v1/frameworks");
    for (const auto& f : list["items"])
      if (f["ref"] == ref) return f;
    return nullptr;
  }
  long long FrameworkId(const std::string& ref) {
    json f = Framework(ref);
    return f.is_null() ? 0 : f["id"].get<long long>();
  }
  json Controls(long long id, const std::string& query = "") {
    return Fetch(server(), ciso_,
                 "/api/v1/frameworks/" + Id(id) + "/controls" + (query.empty() ? "" : "?" + query));
  }
  Response Import(const Auth& auth, const json& doc, bool dry_run = false) {
    return server().Post(
        std::string("/api/v1/frameworks/import") + (dry_run ? "?dry_run=true" : ""), auth, doc);
  }

  Session ciso_;
};

TEST_F(FrameworkTest, TheShippedLibraryIsThereAfterAFreshStart) {
  json list = Fetch(server(), ciso_, "/api/v1/frameworks");
  std::map<std::string, json> by_ref;
  for (const auto& f : list["items"]) by_ref[f["ref"]] = f;
  ASSERT_TRUE(by_ref.count(kIso)) << list;
  ASSERT_TRUE(by_ref.count("gdpr-art32")) << list;
  json iso = by_ref[kIso];
  EXPECT_EQ(iso["control_count"], 93);
  EXPECT_EQ(iso["source"], "shipped");
  EXPECT_EQ(iso["name"], iso["name_sv"]) << "Swedish by default";
  EXPECT_EQ(iso["name_en"], "ISO/IEC 27001:2022 Annex A");
  EXPECT_EQ(Strings(iso["themes"], "code"),
            (std::vector<std::string>{"organisational", "people", "physical", "technological"}));
  EXPECT_EQ(by_ref["gdpr-art32"]["control_count"], 6);
  EXPECT_EQ(Fetch(server(), ciso_, "/api/v1/frameworks/" + Id(iso["id"]))["ref"], kIso);
  EXPECT_EQ(server().Get("/api/v1/frameworks/999999", ciso_).status, 404);
}

TEST_F(FrameworkTest, ControlsComeInTheFrameworksOrderAndFilter) {
  long long iso = FrameworkId(kIso);
  json all = Controls(iso);
  ASSERT_EQ(all["total"], 93);
  std::vector<std::string> expected;
  for (auto [chapter, count] : {std::pair{5, 37}, {6, 8}, {7, 14}, {8, 34}})
    for (int i = 1; i <= count; ++i)
      expected.push_back(std::to_string(chapter) + "." + std::to_string(i));
  EXPECT_EQ(Strings(all["items"], "ref"), expected) << "5.2 before 5.10";
  json first = all["items"][0];
  EXPECT_EQ(first["theme"], "organisational");
  EXPECT_FALSE(first["title_sv"].get<std::string>().empty());
  EXPECT_FALSE(first["title_en"].get<std::string>().empty());

  json page = Controls(iso, "limit=3&offset=8");
  EXPECT_EQ(Strings(page["items"], "ref"), (std::vector<std::string>{"5.9", "5.10", "5.11"}));
  EXPECT_EQ(page["total"], 93);
  EXPECT_EQ(server().Get("/api/v1/frameworks/" + Id(iso) + "/controls?limit=0", ciso_).status, 400);

  json people = Controls(iso, "theme=people");
  EXPECT_EQ(people["total"], 8);
  for (const auto& c : people["items"]) EXPECT_EQ(c["theme"], "people");
  EXPECT_EQ(Strings(Controls(iso, "q=backup")["items"], "ref"), std::vector<std::string>{"8.13"});
  EXPECT_EQ(Strings(Controls(iso, "q=S%C3%A4kerhetskopiering")["items"], "ref"),
            std::vector<std::string>{"8.13"});
  EXPECT_EQ(Strings(Controls(iso, "q=8.1&theme=technological")["items"], "ref"),
            (std::vector<std::string>{"8.1", "8.10", "8.11", "8.12", "8.13", "8.14", "8.15", "8.16",
                                      "8.17", "8.18", "8.19"}));
  Response r = server().Get("/api/v1/frameworks/" + Id(iso) + "/controls?theme=bogus", ciso_);
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "theme");
}

TEST_F(FrameworkTest, RequirementsAndControlsLinkBothWays) {
  LisServer& s = server();
  long long iso = FrameworkId(kIso);
  // ACC-01 refers to A.5.16 and A.8.5.
  long long acc01 = 0;
  json requirements = Fetch(s, ciso_, "/api/v1/requirements?limit=500");
  for (const auto& r : requirements["items"])
    if (r["code"] == "ACC-01") acc01 = r["id"];
  ASSERT_NE(acc01, 0);
  json links = Fetch(s, ciso_, "/api/v1/requirements/" + Id(acc01))["control_links"];
  ASSERT_EQ(Strings(links, "control_ref"), (std::vector<std::string>{"5.16", "8.5"}));
  EXPECT_EQ(links[0]["ref"], "A.5.16");
  EXPECT_EQ(links[0]["framework_id"], iso);
  EXPECT_FALSE(links[0]["title_en"].get<std::string>().empty());

  json c516 = Controls(iso, "q=5.16")["items"][0];
  EXPECT_EQ(c516["ref"], "5.16");
  std::vector<std::string> codes;
  for (const auto& r : c516["requirements"]) codes.push_back(r["code"]);
  EXPECT_NE(std::find(codes.begin(), codes.end(), "ACC-01"), codes.end());
  // Every control a shipped requirement names links back (no requirement refers into GDPR).
  json gdpr = Controls(FrameworkId("gdpr-art32"));
  for (const auto& c : gdpr["items"]) EXPECT_TRUE(c["requirements"].empty());
}

TEST_F(FrameworkTest, TheCatalogueRefusesControlsOutsideTheLibrary) {
  LisServer& s = server();
  long long before = s.AuditTotal();
  json entry = {{"id", "FWK-01"},
                {"area", "access_control"},
                {"aspect", "confidentiality"},
                {"min_level", 1},
                {"text", {{"sv", "Krav."}, {"en", "Requirement."}}},
                {"controls", {"A.5.1", "A.9.99"}}};
  json ok_entry = entry;
  ok_entry["id"] = "FWK-00";
  ok_entry["controls"] = {"A.5.1"};
  Response r = s.Post("/api/v1/requirements/import", ciso_,
                      {{"version", 1}, {"requirements", {ok_entry, entry}}});
  ASSERT_EQ(r.status, 400) << r;
  json errors = r.Json()["error"]["errors"];
  ASSERT_EQ(errors.size(), 1u) << r;
  EXPECT_EQ(errors[0]["index"], 1);
  EXPECT_EQ(errors[0]["field"], "requirements[1].controls");
  EXPECT_NE(errors[0]["message"].get<std::string>().find("A.9.99"), std::string::npos);

  json body = {{"code", "FWK-02"},      {"area", "access_control"}, {"aspect", "integrity"},
               {"min_level", 1},        {"text_sv", "Krav."},       {"text_en", "Req."},
               {"controls", {"A.8.35"}}};
  r = s.Post("/api/v1/requirements", ciso_, body);
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "controls");
  EXPECT_EQ(s.AuditTotal(), before) << "refused writes write nothing";
}

TEST_F(FrameworkTest, AnExportImportedAgainWritesNothing) {
  LisServer& s = server();
  for (const char* ref : {kIso, "gdpr-art32"}) {
    SCOPED_TRACE(ref);
    json doc = Fetch(s, ciso_, "/api/v1/frameworks/" + Id(FrameworkId(ref)) + "/export");
    EXPECT_EQ(doc["ref"], ref);
    long long before = s.AuditTotal();
    Response r = Import(ciso_, doc);
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Json()["unchanged"], doc["controls"].size());
    for (const char* k : {"created", "updated", "retired"}) EXPECT_EQ(r.Json()[k], 0) << k;
    EXPECT_EQ(r.Json()["framework_updated"], false);
    EXPECT_EQ(s.AuditTotal(), before);
    EXPECT_EQ(Framework(ref)["source"], "shipped") << "an import that changes nothing";
  }
}

TEST_F(FrameworkTest, TheCisoImportsAndUpdatesAFramework) {
  LisServer& s = server();
  long long before = s.AuditTotal();
  Response r = Import(ciso_, LocalFramework({"1", "2", "10"}), true);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 3);
  EXPECT_EQ(r.Json()["dry_run"], true);
  EXPECT_EQ(s.AuditTotal(), before) << "a dry run writes nothing";
  EXPECT_TRUE(Framework("local-test").is_null());

  r = Import(ciso_, LocalFramework({"1", "2", "10"}));
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["framework_created"], true);
  EXPECT_EQ(s.AuditTotal(), before + 4) << "the framework and its three controls";
  long long id = r.Json()["id"];
  json f = Framework("local-test");
  EXPECT_EQ(f["source"], "imported");
  EXPECT_EQ(Strings(Controls(id)["items"], "ref"), (std::vector<std::string>{"1", "2", "10"}));

  // Control 2 dropped (retired), 10 retitled, 3 new.
  json doc = LocalFramework({"1", "10", "3"});
  doc["controls"][1]["title"]["en"] = "Control ten, renamed";
  r = Import(ciso_, doc);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 1);
  EXPECT_EQ(r.Json()["updated"], 1) << "10 retitled and moved: " << r;
  EXPECT_EQ(r.Json()["unchanged"], 1);
  EXPECT_EQ(r.Json()["retired"], 1);
  json items = Controls(id)["items"];
  EXPECT_EQ(Strings(items, "ref"), (std::vector<std::string>{"1", "10", "3"}));
  EXPECT_EQ(items[1]["title_en"], "Control ten, renamed");
  EXPECT_EQ(Framework("local-test")["control_count"], 3);
  // The retired control comes back when a file names it again.
  r = Import(ciso_, LocalFramework({"1", "2", "10", "3"}));
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(Strings(Controls(id)["items"], "ref"), (std::vector<std::string>{"1", "2", "10", "3"}));
  json events = s.AuditPage("entity=framework_control&limit=500");
  bool restored = false;
  for (const auto& e : events["items"]) restored = restored || e["action"] == "restore";
  EXPECT_TRUE(restored);
}

TEST_F(FrameworkTest, BadImportsAreRefusedWithEveryErrorNamed) {
  LisServer& s = server();
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"wrong format", [](json& d) { d["format"] = 2; }, {"format"}},
      {"no ref", [](json& d) { d.erase("ref"); }, {"ref"}},
      {"ref with a slash", [](json& d) { d["ref"] = "a/b"; }, {"ref"}},
      {"no English name", [](json& d) { d["name"].erase("en"); }, {"name.en"}},
      {"repeated control ref", [](json& d) { d["controls"][2]["ref"] = "1"; }, {"controls[2].ref"}},
      {"unknown theme", [](json& d) { d["controls"][1]["theme"] = "x"; }, {"controls[1].theme"}},
      {"blank Swedish title",
       [](json& d) { d["controls"][0]["title"]["sv"] = ""; },
       {"controls[0].title.sv"}},
      {"no title, unknown field",
       [](json& d) {
         d["controls"][1].erase("title");
         d["controls"][2]["owner"] = "x";
       },
       {"controls[1].title", "controls[2].owner"}},
      {"no controls", [](json& d) { d["controls"] = json::array(); }, {"controls"}},
  };
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json doc = LocalFramework({"1", "2", "3"});
    doc["ref"] = "bad-test";
    c.change(doc);
    Response r = Import(ciso_, doc);
    ASSERT_EQ(r.status, 400) << r;
    json errors = r.Json()["error"]["errors"];
    EXPECT_EQ(Strings(errors, "field"), c.fields) << r;
    for (const auto& e : errors)
      if (e["field"].get<std::string>().rfind("controls[", 0) == 0)
        EXPECT_EQ(e["index"], std::stoi(e["field"].get<std::string>().substr(9))) << e;
  }
  Response r = s.SendRaw("POST", "/api/v1/frameworks/import", ciso_, "{not json");
  EXPECT_EQ(r.status, 400) << r;
  r = s.Post("/api/v1/frameworks/import?dry_run=maybe", ciso_, LocalFramework({"1"}));
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "dry_run");
  EXPECT_EQ(s.AuditTotal(), before);
  EXPECT_TRUE(Framework("bad-test").is_null());
}

TEST_F(FrameworkTest, EveryoneReadsOnlyTheCataloguesHoldersImport) {
  LisServer& s = server();
  long long group = s.OrgUnitId("Norrviks kommunkoncern");
  json user = s.CreateUser("ciso.koncern", group);
  s.AddRole(user["id"], "ciso", group);
  long long iso = FrameworkId(kIso);
  json doc = LocalFramework({"1"});
  doc["ref"] = "matrix-test";
  enum { kList, kGet, kControls, kExport, kImport, kColumns };
  struct Row {
    std::string username;
    std::array<int, kColumns> expected;
  };
  // clang-format off
  const std::vector<Row> rows = {
      //                  list get  ctrl export import
      {"ciso",           {200, 200, 200, 200,  200}},
      {"ciso.koncern",   {200, 200, 200, 200,  200}},
      {"ciso.energi",    {200, 200, 200, 200,  403}},
      {"sakerhetschef",  {200, 200, 200, 200,  403}},
      {"medarbetare",    {200, 200, 200, 200,  403}},
      {"admin",          {200, 200, 200, 200,  403}},
      {"-",              {401, 401, 401, 401,  401}},
  };
  // clang-format on
  for (const auto& row : rows) {
    SCOPED_TRACE(row.username);
    Auth auth;
    if (row.username == "admin")
      auth = s.Admin();
    else if (row.username == "ciso.koncern") {
      Session session;
      ASSERT_EQ(s.LoginAs("ciso.koncern", LisServer::kTestPassword, &session).status, 200);
      auth = session;
    } else if (row.username != "-")
      auth = s.Login(row.username);
    std::string base = "/api/v1/frameworks/" + Id(iso);
    EXPECT_EQ(s.Get("/api/v1/frameworks", auth).status, row.expected[kList]);
    EXPECT_EQ(s.Get(base, auth).status, row.expected[kGet]);
    EXPECT_EQ(s.Get(base + "/controls", auth).status, row.expected[kControls]);
    EXPECT_EQ(s.Get(base + "/export", auth).status, row.expected[kExport]);
    Response r = Import(auth, doc, true);
    EXPECT_EQ(r.status, row.expected[kImport]) << r;
    r = Import(auth, doc);
    EXPECT_EQ(r.status, row.expected[kImport]) << r;
    // Each import that succeeds raises the data version; a refused one changes nothing.
    if (r.status == 200) doc["data_version"] = doc["data_version"].get<int>() + 1;
    EXPECT_EQ(Framework("matrix-test")["data_version"], doc["data_version"].get<int>() - 1);
  }
}

// A shipped file with a higher data version than the library's copy updates it at the next
// start: changed titles back, missing controls restored, controls the file does not name
// retired; imported frameworks are left alone. A start with nothing new writes nothing.
TEST_F(FrameworkTest, AHigherShippedDataVersionUpdatesTheLibraryAtStart) {
  LisServer& s = server();
  long long iso = FrameworkId(kIso);
  json shipped_51 = Controls(iso, "q=5.1&theme=organisational")["items"][0];
  // The GDPR framework becomes the CISO's by an import that changes it.
  json gdpr = Fetch(s, ciso_, "/api/v1/frameworks/" + Id(FrameworkId("gdpr-art32")) + "/export");
  gdpr["controls"][0]["title"]["en"] = "Our own wording";
  ASSERT_EQ(Import(ciso_, gdpr).status, 200);
  EXPECT_EQ(Framework("gdpr-art32")["source"], "imported");
  WriteDirect(s, [&](lis::store::Tx& tx) {
    using lis::store::Value;
    tx.Exec("UPDATE frameworks SET data_version = 0 WHERE id = ?", {Value(iso)});
    tx.Exec(
        "UPDATE framework_controls SET title_en = 'Old title' WHERE framework_id = ? AND "
        "ref = '5.1'",
        {Value(iso)});
    tx.Exec(
        "UPDATE framework_controls SET deleted_at = updated_at WHERE framework_id = ? AND "
        "ref = '8.34'",
        {Value(iso)});
    tx.Exec(
        "INSERT INTO framework_controls (framework_id, ref, theme, title_sv, title_en, "
        "description_sv, description_en, sort_order, version, created_at, updated_at) "
        "VALUES (?, '9.1', 'technological', 'Gammal', 'Old', '', '', 100, 1, ?, ?)",
        {Value(iso), Value(tx.Now()), Value(tx.Now())});
  });
  s.Restart();
  Session ciso = s.Login("ciso");
  json items = Fetch(s, ciso, "/api/v1/frameworks/" + Id(iso) + "/controls")["items"];
  ASSERT_EQ(items.size(), 93u);
  EXPECT_EQ(items[0]["title_en"], shipped_51["title_en"]);
  EXPECT_EQ(items[92]["ref"], "8.34");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/frameworks/" + Id(iso))["data_version"], 1);
  json events = s.AuditPage("entity=framework_control&limit=500");
  std::map<std::string, int> actions;
  for (const auto& e : events["items"])
    if (e["actor"] == "system") ++actions[e["action"]];
  EXPECT_GE(actions["update"], 1);
  EXPECT_GE(actions["restore"], 1);
  EXPECT_GE(actions["delete"], 1) << "9.1 retired";
  json local = Fetch(s, ciso, "/api/v1/frameworks/" + Id(FrameworkId("gdpr-art32")) + "/export");
  EXPECT_EQ(local["controls"][0]["title"]["en"], "Our own wording");

  long long before = s.AuditTotal();
  s.Restart();
  EXPECT_EQ(s.AuditTotal(), before) << "nothing new to load";
}

}  // namespace
}  // namespace lis_test::framework_test
