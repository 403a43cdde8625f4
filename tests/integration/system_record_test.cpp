// Systems as their declaration (domain/assets/system_record.cpp) shows them: every declared
// field on the detail page in words, on the edit form and saved from it, in the history and in
// the export, whose columns are the declared ones.
#include "domain/assets/system_record.h"
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
    EXPECT_NE(page.body.find("name=\"" + std::string(f.name) + "\""), std::string::npos) << f.name;
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

}  // namespace
}  // namespace lis_test::system_record_test
