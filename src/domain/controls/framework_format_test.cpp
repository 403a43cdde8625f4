#include "domain/controls/framework_format.h"

#include <gtest/gtest.h>

#include <functional>
#include <set>

#include "core/assets.h"

namespace lis::domain {
namespace {

using nlohmann::json;

json Shipped(const std::string& file) {
  auto text = FindAsset("frameworks/" + file);
  EXPECT_TRUE(text) << file;
  return text ? json::parse(*text) : json::object();
}

std::vector<std::string> Fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

FrameworkData Parsed(const json& doc) {
  std::vector<Error> errors;
  FrameworkData data = ParseFramework(doc, errors);
  EXPECT_TRUE(errors.empty()) << Fields(errors).front();
  return data;
}

// ISO/IEC 27001:2022 Annex A: 93 controls, 5.1-5.37, 6.1-6.8, 7.1-7.14, 8.1-8.34, in that
// order, each in its theme, with both languages.
TEST(FrameworkFormat, TheAnnexALibraryIsCompleteAndInOrder) {
  FrameworkData iso = Parsed(Shipped("iso27001-2022.json"));
  EXPECT_EQ(iso.ref, kAnnexAFramework);
  const std::vector<std::pair<std::string, int>> themes = {
      {"organisational", 37}, {"people", 8}, {"physical", 14}, {"technological", 34}};
  ASSERT_EQ(iso.themes.size(), themes.size());
  std::vector<std::string> expected_refs, expected_themes;
  for (size_t t = 0; t < themes.size(); ++t) {
    EXPECT_EQ(iso.themes[t].code, themes[t].first);
    EXPECT_FALSE(iso.themes[t].name_sv.empty());
    EXPECT_FALSE(iso.themes[t].name_en.empty());
    for (int i = 1; i <= themes[t].second; ++i) {
      expected_refs.push_back(std::to_string(5 + t) + "." + std::to_string(i));
      expected_themes.push_back(themes[t].first);
    }
  }
  ASSERT_EQ(expected_refs.size(), 93u);
  ASSERT_EQ(iso.controls.size(), 93u);
  std::set<std::string> titles_sv, titles_en;
  for (size_t i = 0; i < iso.controls.size(); ++i) {
    const auto& c = iso.controls[i];
    EXPECT_EQ(c.ref, expected_refs[i]);
    EXPECT_EQ(c.theme, expected_themes[i]) << c.ref;
    EXPECT_FALSE(c.title_sv.empty()) << c.ref;
    EXPECT_FALSE(c.title_en.empty()) << c.ref;
    EXPECT_LE(c.title_en.size(), 80u) << c.ref << " is not a short title";
    titles_sv.insert(c.title_sv);
    titles_en.insert(c.title_en);
  }
  EXPECT_EQ(titles_sv.size(), 93u) << "Swedish titles repeat";
  EXPECT_EQ(titles_en.size(), 93u) << "English titles repeat";
}

TEST(FrameworkFormat, TheGdprFrameworkIsValid) {
  FrameworkData gdpr = Parsed(Shipped("gdpr-art32.json"));
  EXPECT_EQ(gdpr.ref, "gdpr-art32");
  std::vector<std::string> refs;
  for (const auto& c : gdpr.controls) {
    refs.push_back(c.ref);
    EXPECT_FALSE(c.description_sv.empty()) << c.ref;
    EXPECT_FALSE(c.description_en.empty()) << c.ref;
  }
  EXPECT_EQ(refs,
            (std::vector<std::string>{"32.1.a", "32.1.b", "32.1.c", "32.1.d", "32.2", "32.4"}));
}

// A shipped file reads back to the same document.
TEST(FrameworkFormat, DocumentsRoundTrip) {
  for (const char* file : {"iso27001-2022.json", "gdpr-art32.json"}) {
    json doc = Shipped(file);
    EXPECT_EQ(FrameworkDocument(Parsed(doc)), doc) << file;
  }
}

json Small() {
  return {{"format", 1},
          {"ref", "local-1"},
          {"data_version", 2},
          {"name", {{"sv", "Lokalt"}, {"en", "Local"}}},
          {"themes", {{{"code", "a"}, {"name", {{"sv", "A"}, {"en", "A"}}}}}},
          {"controls",
           {{{"ref", "1"}, {"theme", "a"}, {"title", {{"sv", "Ett"}, {"en", "One"}}}},
            {{"ref", "2"},
             {"theme", "a"},
             {"title", {{"sv", "Två"}, {"en", "Two"}}},
             {"description", {{"sv", "Mer"}, {"en", "More"}}}}}}};
}

TEST(FrameworkFormat, EveryProblemNamesItsField) {
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"valid", [](json&) {}, {}},
      {"not an object", [](json& d) { d = json::array(); }, {""}},
      {"unknown field", [](json& d) { d["x"] = 1; }, {"x"}},
      {"wrong format", [](json& d) { d["format"] = 2; }, {"format"}},
      {"missing ref", [](json& d) { d.erase("ref"); }, {"ref"}},
      {"bad ref", [](json& d) { d["ref"] = "a b"; }, {"ref"}},
      {"data version zero", [](json& d) { d["data_version"] = 0; }, {"data_version"}},
      {"data version text", [](json& d) { d["data_version"] = "2"; }, {"data_version"}},
      {"name without en", [](json& d) { d["name"].erase("en"); }, {"name.en"}},
      {"blank name sv", [](json& d) { d["name"]["sv"] = " "; }, {"name.sv"}},
      {"name as text", [](json& d) { d["name"] = "x"; }, {"name"}},
      {"no themes",
       [](json& d) { d["themes"] = json::array(); },
       {"themes", "controls[0].theme", "controls[1].theme"}},
      {"repeated theme",
       [](json& d) { d["themes"].push_back(d["themes"][0]); },
       {"themes[1].code"}},
      {"theme without name", [](json& d) { d["themes"][0].erase("name"); }, {"themes[0].name"}},
      {"no controls", [](json& d) { d.erase("controls"); }, {"controls"}},
      {"controls not a list", [](json& d) { d["controls"] = 1; }, {"controls"}},
      {"control not an object", [](json& d) { d["controls"][1] = "x"; }, {"controls[1]"}},
      {"unknown theme", [](json& d) { d["controls"][1]["theme"] = "b"; }, {"controls[1].theme"}},
      {"repeated ref", [](json& d) { d["controls"][1]["ref"] = "1"; }, {"controls[1].ref"}},
      {"bad control ref", [](json& d) { d["controls"][0]["ref"] = "1/2"; }, {"controls[0].ref"}},
      {"missing title", [](json& d) { d["controls"][0].erase("title"); }, {"controls[0].title"}},
      {"title without sv",
       [](json& d) { d["controls"][0]["title"].erase("sv"); },
       {"controls[0].title.sv"}},
      {"blank title en",
       [](json& d) { d["controls"][1]["title"]["en"] = ""; },
       {"controls[1].title.en"}},
      {"title number",
       [](json& d) { d["controls"][1]["title"]["en"] = 5; },
       {"controls[1].title.en"}},
      {"unknown control field", [](json& d) { d["controls"][0]["x"] = 1; }, {"controls[0].x"}},
      {"unknown language",
       [](json& d) { d["controls"][1]["description"]["de"] = "x"; },
       {"controls[1].description.de"}},
      {"long title",
       [](json& d) { d["controls"][0]["title"]["sv"] = std::string(201, 'a'); },
       {"controls[0].title.sv"}},
  };
  for (const auto& c : cases) {
    json doc = Small();
    c.change(doc);
    std::vector<Error> errors;
    ParseFramework(doc, errors);
    EXPECT_EQ(Fields(errors), c.fields) << c.name;
    for (const auto& e : errors) {
      EXPECT_EQ(e.code, Code::kInvalid) << c.name;
      if (e.field.rfind("controls[", 0) == 0) EXPECT_TRUE(e.args.count("index")) << c.name;
    }
  }
}

TEST(FrameworkFormat, RequirementReferencesNameAnnexAControls) {
  EXPECT_EQ(AnnexAControlRef("A.5.16"), "5.16");
  EXPECT_EQ(AnnexAControlRef("8.2"), "8.2");
  EXPECT_EQ(AnnexAControlRef("B.1"), "B.1");
}

// Every control reference of the shipped requirement catalogue names an Annex A control.
TEST(FrameworkFormat, TheShippedCatalogueReferencesResolve) {
  std::set<std::string> refs;
  for (const auto& c : Parsed(Shipped("iso27001-2022.json")).controls) refs.insert(c.ref);
  auto text = FindAsset("catalogue/requirements.json");
  ASSERT_TRUE(text);
  int links = 0;
  json catalogue = json::parse(*text);
  for (const auto& r : catalogue["requirements"])
    for (const auto& c : r.value("controls", json::array())) {
      EXPECT_TRUE(c.get<std::string>().rfind("A.", 0) == 0) << r["id"] << " " << c;
      EXPECT_TRUE(refs.count(AnnexAControlRef(c.get<std::string>()))) << r["id"] << " " << c;
      ++links;
    }
  EXPECT_GT(links, 100);
}

}  // namespace
}  // namespace lis::domain
