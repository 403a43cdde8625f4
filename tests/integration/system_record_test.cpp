// Systems as their declaration (domain/assets/system_record.cpp) shows them: every declared
// field on the detail page in words, on the edit form and saved from it, in the history and in
// the export, whose columns are the declared ones.
#include "domain/assets/system_record.h"
#include <functional>
#include "schema_check.h"

#include "action_support.h"
#include "asset_support.h"
#include "core/table/table.h"
#include "domain/assets/object_record.h"

namespace lis_test::system_record_test {
namespace {

class SystemRecordTest : public SharedServerTest<SystemRecordTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    ciso_ = server().Login("ciso");
    object_ = CreateObject(server(), ciso_, "Deklarationsobjekt",
                           server().OrgUnitId("Barn- och utbildningsförvaltningen"));
  }

  long long NewSystem(const std::string& name) {
    return CreateSystem(server(), ciso_, name, object_,
                        {{"description", "Rad ett\nRad två"},
                         {"hosting", "cloud"},
                         {"hosting_country", "IE"},
                         {"supplier_name", "Molnleverantören AB"},
                         {"lifecycle", "planned"}});
  }

  Session ciso_;
  long long object_ = 0;
};

TEST_F(SystemRecordTest, TheDetailPageShowsEveryDeclaredFieldInWords) {
  long long id = NewSystem("Deklarerat system");
  Response page = server().Get("/assets/systems/" + Id(id), ciso_);
  ASSERT_EQ(page.status, 200) << page;
  for (const char* text : {"Deklarationsobjekt", "Molntjänst", "IE", "Molnleverantören AB",
                           "Planerat", "Leverantör", "Land för drift"})
    EXPECT_NE(page.body.find(text), std::string::npos) << text;
  EXPECT_EQ(page.body.find(">cloud<"), std::string::npos) << "a code on the page";
  // The edit form has every stored field, the description on several lines.
  for (const auto& f : lis::domain::SystemRecord().fields)
    if (f.stored)
      EXPECT_NE(page.body.find("name=\"" + std::string(f.name) + "\""), std::string::npos)
          << f.name;
  EXPECT_NE(page.body.find("<textarea id=\"asset-edit-description\""), std::string::npos);
}

TEST_F(SystemRecordTest, TheEditFormSavesEveryDeclaredFieldAndTheHistoryNamesThem) {
  LisServer& s = server();
  long long id = NewSystem("Redigerat system");
  Response r = PostForm(s, ciso_, "/assets/systems/" + Id(id),
                        "version=1&name=Redigerat+system&object_id=" + Id(object_) +
                            "&description=Ny&hosting=supplier&hosting_country=&supplier_name=" +
                            UrlEncode("Driftbolaget AB") + "&lifecycle=retiring");
  ASSERT_EQ(r.status, 303) << r;
  json got = Fetch(s, ciso_, "/api/v1/systems/" + Id(id));
  EXPECT_EQ(got["description"], "Ny");
  EXPECT_EQ(got["hosting"], "supplier");
  EXPECT_TRUE(got["hosting_country"].is_null()) << "an empty field is no country";
  EXPECT_EQ(got["supplier_name"], "Driftbolaget AB");
  EXPECT_EQ(got["lifecycle"], "retiring");
  // The history shows the declared labels and the choices' words.
  Response page = s.Get("/assets/systems/" + Id(id), ciso_);
  ASSERT_EQ(page.status, 200);
  size_t history = page.body.find("id=\"history\"");
  ASSERT_NE(history, std::string::npos);
  std::string changes = page.body.substr(history);
  for (const char* text : {"Livscykel:", "Planerat</del>", "Under avveckling</ins>",
                           "Leverantör:", "Driftbolaget AB</ins>", "Land för drift:"})
    EXPECT_NE(changes.find(text), std::string::npos) << text;
  // A choice that is not declared is refused naming the field; nothing is written.
  r = PostForm(s, ciso_, "/assets/systems/" + Id(id),
               "version=2&name=Redigerat+system&object_id=" + Id(object_) +
                   "&description=Ny&hosting=basement&hosting_country=&supplier_name=&lifecycle="
                   "retiring");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_NE(r.body.find("aria-invalid=\"true\""), std::string::npos);
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems/" + Id(id))["version"], 2);
}

TEST_F(SystemRecordTest, TheExportHasTheDeclaredColumnsWithWords) {
  long long id = NewSystem("Exporterat system");
  std::vector<std::string> expected_en = {"id"}, expected_sv = {"id"};
  for (const auto& f : lis::domain::SystemRecord().fields)
    if (f.header_sv) {
      expected_sv.push_back(f.header_sv);
      expected_en.push_back(f.header_en);
    }
  expected_sv.push_back("säkerhetsklass");
  expected_en.push_back("security class");
  for (const auto& [lang, expected] : {std::pair{"sv", expected_sv}, {"en", expected_en}}) {
    SCOPED_TRACE(lang);
    Response r = server().Get(
        std::string("/api/v1/systems/export?format=csv&lang=") + lang + "&object_id=" + Id(object_),
        ciso_);
    ASSERT_EQ(r.status, 200) << r;
    auto table = lis::tables::ReadCsv(r.body);
    ASSERT_TRUE(table.ok()) << table.error().message_key;
    EXPECT_EQ(table->header, expected);
    bool found = false;
    for (const auto& row : table->rows)
      if (row.cells.size() >= 8 && row.cells[0] == Id(id)) {
        found = true;
        EXPECT_EQ(row.cells[2], "Deklarationsobjekt");
        EXPECT_EQ(row.cells[4], std::string(lang) == "sv" ? "Molntjänst" : "Cloud");
        EXPECT_EQ(row.cells[6], "Molnleverantören AB");
        EXPECT_EQ(row.cells[7], std::string(lang) == "sv" ? "Planerat" : "Planned");
      }
    EXPECT_TRUE(found);
  }
}

// A reference in the history shows the referenced record's name, not its id.
TEST_F(SystemRecordTest, TheHistoryNamesTheObjectASystemMovedFrom) {
  LisServer& s = server();
  long long id = NewSystem("Flyttat system");
  long long other = CreateObject(s, ciso_, "Mottagande objekt",
                                 s.OrgUnitId("Barn- och utbildningsförvaltningen"));
  Response r = s.Patch("/api/v1/systems/" + Id(id), ciso_, {{"object_id", other}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  Response page = s.Get("/assets/systems/" + Id(id), ciso_);
  ASSERT_EQ(page.status, 200);
  std::string history = page.body.substr(page.body.find("id=\"history\""));
  EXPECT_NE(history.find("Förvaltningsobjekt:"), std::string::npos);
  EXPECT_NE(history.find("Deklarationsobjekt</del>"), std::string::npos) << history;
  EXPECT_NE(history.find("Mottagande objekt</ins>"), std::string::npos);
}

// The register lists the declared list columns, in words, and sorts by the sortable ones only.
TEST_F(SystemRecordTest, TheRegisterListsAndSortsByTheDeclaredColumns) {
  LisServer& s = server();
  NewSystem("Listat system");
  Response page = s.Get("/assets/systems?object_id=" + Id(object_), ciso_);
  ASSERT_EQ(page.status, 200) << page;
  std::string table = page.body.substr(page.body.find("<thead>"));
  size_t header = 0;
  for (const auto& f : lis::domain::SystemRecord().fields)
    if (f.listed) {
      const char* label = f.name == std::string("hosting")     ? "Drift"
                          : f.name == std::string("lifecycle") ? "Livscykel"
                                                               : nullptr;
      if (!label) continue;
      size_t at = table.find(std::string(">") + label + "<");
      EXPECT_NE(at, std::string::npos) << label;
      EXPECT_GT(at, header) << label << " in declared order";
      header = at;
    }
  EXPECT_NE(table.find("<td>Molntjänst</td>"), std::string::npos);
  EXPECT_NE(table.find("<td>Planerat</td>"), std::string::npos);
  Response sorted = s.Get("/api/v1/systems?sort=-security_class", ciso_);
  EXPECT_EQ(sorted.status, 200) << sorted;
  Response unsortable = s.Get("/api/v1/systems?sort=hosting", ciso_);
  EXPECT_EQ(unsortable.status, 400) << unsortable;
  EXPECT_EQ(unsortable.Json()["error"]["field"], "sort");
}

// Objects are declared too (domain/assets/object_record.cpp): their form, details and export.
TEST_F(SystemRecordTest, ObjectsShowSaveAndExportTheirDeclaredFields) {
  LisServer& s = server();
  Response page = s.Get("/assets/objects/" + Id(object_), ciso_);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("<textarea id=\"asset-edit-description\""), std::string::npos);
  EXPECT_NE(page.body.find("Barn- och utbildningsförvaltningen"), std::string::npos);
  Response r = PostForm(s, ciso_, "/assets/objects/" + Id(object_),
                        "version=1&name=Deklarationsobjekt&org_unit_id=" +
                            Id(s.OrgUnitId("Barn- och utbildningsförvaltningen")) +
                            "&description=" + UrlEncode("Två\nrader"));
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/objects/" + Id(object_))["description"], "Två\nrader");
  std::vector<std::string> expected = {"id"};
  for (const auto& f : lis::domain::ObjectRecord().fields)
    if (f.header_en) expected.push_back(f.header_en);
  expected.push_back("security class");
  r = s.Get("/api/v1/objects/export?format=csv&lang=en", ciso_);
  ASSERT_EQ(r.status, 200) << r;
  auto table = lis::tables::ReadCsv(r.body);
  ASSERT_TRUE(table.ok());
  EXPECT_EQ(table->header, expected);
}

// The continuity fields (CON-01), added by one declaration and one migration: in the API, on
// the page, in the form, the history, the export and the import; refused out of range.
TEST_F(SystemRecordTest, ContinuityFieldsWorkEverywhereFromTheirDeclaration) {
  LisServer& s = server();
  long long id = CreateSystem(s, ciso_, "Kontinuitetssystem", object_,
                              {{"max_outage_hours", 48},
                               {"recovery_time_hours", 24},
                               {"recovery_point_hours", 4},
                               {"continuity_plan", "Reservrutin på papper, pärm i receptionen."}});
  json got = Fetch(s, ciso_, "/api/v1/systems/" + Id(id));
  EXPECT_EQ(got["max_outage_hours"], 48);
  EXPECT_EQ(got["recovery_point_hours"], 4);
  Response page = s.Get("/assets/systems/" + Id(id), ciso_);
  ASSERT_EQ(page.status, 200);
  for (const char* text : {"Längsta acceptabla avbrott (timmar)", "Återställningstid, RTO (timmar)",
                           "Reservrutin på papper", "name=\"recovery_point_hours\""})
    EXPECT_NE(page.body.find(text), std::string::npos) << text;

  // Refused naming the field, nothing written.
  const struct {
    json body;
    const char* field;
    const char* key;
  } bad[] = {
      {{{"max_outage_hours", -1}}, "max_outage_hours", "error.field_out_of_range"},
      {{{"recovery_point_hours", 9000}}, "recovery_point_hours", "error.field_out_of_range"},
      {{{"recovery_time_hours", "snart"}}, "recovery_time_hours", "error.field_not_integer"},
      {{{"recovery_time_hours", 72}}, "recovery_time_hours", "error.recovery_beyond_outage"}};
  for (const auto& c : bad) {
    json body = c.body;
    body["version"] = got["version"];
    Response r = s.Patch("/api/v1/systems/" + Id(id), ciso_, body);
    EXPECT_EQ(r.status, 400) << c.field << ": " << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << r;
  }
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems/" + Id(id)), got) << "refusals change nothing";

  // The form saves them; an emptied number is no value; the history names the change.
  Response r = PostForm(s, ciso_, "/assets/systems/" + Id(id),
                        "version=1&name=Kontinuitetssystem&object_id=" + Id(object_) +
                            "&description=&hosting=own&hosting_country=&supplier_name=&lifecycle="
                            "in_use&max_outage_hours=72&recovery_time_hours=8&recovery_point_hours="
                            "&continuity_plan=Plan");
  ASSERT_EQ(r.status, 303) << r;
  got = Fetch(s, ciso_, "/api/v1/systems/" + Id(id));
  EXPECT_EQ(got["max_outage_hours"], 72);
  EXPECT_EQ(got["recovery_time_hours"], 8);
  EXPECT_TRUE(got["recovery_point_hours"].is_null());
  page = s.Get("/assets/systems/" + Id(id), ciso_);
  std::string history = page.body.substr(page.body.find("id=\"history\""));
  EXPECT_NE(history.find("Längsta acceptabla avbrott (timmar):"), std::string::npos);
  EXPECT_NE(history.find("48</del>"), std::string::npos);
  EXPECT_NE(history.find("72</ins>"), std::string::npos);

  // An import reads them by their Swedish headers or the usual abbreviations.
  std::string csv =
      "namn;objekt;längsta avbrott timmar;RTO;RPO;kontinuitetsplan\r\n"
      "Importerad kontinuitet;" +
      Id(object_) + ";24;12;1;Se planen\r\n";
  r = s.SendRaw("POST", "/api/v1/systems/import", ciso_, csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r;
  json imported =
      Fetch(s, ciso_, "/api/v1/systems?q=" + UrlEncode("Importerad kontinuitet"))["items"][0];
  EXPECT_EQ(imported["max_outage_hours"], 24);
  EXPECT_EQ(imported["recovery_time_hours"], 12);
  EXPECT_EQ(imported["recovery_point_hours"], 1);
  EXPECT_EQ(imported["continuity_plan"], "Se planen");
  // And the export writes them under the declared headers.
  r = s.Get("/api/v1/systems/export?format=csv&lang=en&object_id=" + Id(object_), ciso_);
  auto table = lis::tables::ReadCsv(r.body);
  ASSERT_TRUE(table.ok());
  auto column = std::find(table->header.begin(), table->header.end(), "max_outage_hours");
  ASSERT_NE(column, table->header.end());
  size_t at = column - table->header.begin();
  bool found = false;
  for (const auto& row : table->rows)
    if (row.cells.size() > at && row.cells[0] == Id(id)) found = row.cells[at] == "72";
  EXPECT_TRUE(found);
}

// The check every integration test makes of answers for declared types (lis_server.cpp) finds
// what breaks the served document: an undeclared field, a value that is not a choice, a
// missing field, a wrong type.
TEST_F(SystemRecordTest, TheAnswerCheckFindsWhatBreaksTheDocument) {
  LisServer& s = server();
  Response doc = s.Get("/api/v1/openapi.json");
  ASSERT_EQ(doc.status, 200);
  json openapi = doc.Json();
  json schema = {{"$ref", "#/components/schemas/System"}};
  json system = Fetch(s, ciso_, "/api/v1/systems/" + Id(NewSystem("Kontrollerat system")));
  EXPECT_TRUE(SchemaFaults(openapi, schema, system).empty());
  const struct {
    const char* what;
    std::function<void(json&)> edit;
    const char* fault;
  } cases[] = {
      {"undeclared", [](json& r) { r["vendor"] = "x"; }, "vendor: not in the schema"},
      {"not a choice", [](json& r) { r["hosting"] = "basement"; }, "hosting: \"basement\""},
      {"missing", [](json& r) { r.erase("lifecycle"); }, "lifecycle: required but missing"},
      {"wrong type", [](json& r) { r["max_outage_hours"] = "24"; }, "max_outage_hours: \"24\""},
      {"out of range", [](json& r) { r["recovery_time_hours"] = 9999; }, "above the maximum"},
  };
  for (const auto& c : cases) {
    json broken = system;
    c.edit(broken);
    auto faults = SchemaFaults(openapi, schema, broken);
    ASSERT_EQ(faults.size(), 1u) << c.what;
    EXPECT_NE(faults[0].find(c.fault), std::string::npos) << c.what << ": " << faults[0];
  }
}

}  // namespace
}  // namespace lis_test::system_record_test
