#include "service/assets/requirement_format.h"

#include <gtest/gtest.h>

#include "core/assets.h"

namespace lis::service {
namespace {

using nlohmann::json;

json Entry() {
  return {{"id", "ACC-01"},
          {"area", "access_control"},
          {"aspect", "confidentiality"},
          {"min_level", 2},
          {"text", {{"sv", "Krav."}, {"en", "Requirement."}}},
          {"guidance", {{"sv", "Så."}, {"en", "So."}}},
          {"controls", {"A.5.15"}}};
}

std::vector<std::string> Fields(const std::vector<Error>& errors) {
  std::vector<std::string> out;
  for (const auto& e : errors) out.push_back(e.field);
  return out;
}

// The shipped catalogue passes the checks and reads back to the same entries.
TEST(RequirementFormat, TheShippedCatalogueIsValidAndRoundTrips) {
  auto text = FindAsset("catalogue/requirements.json");
  ASSERT_TRUE(text);
  json catalogue = json::parse(*text);
  ASSERT_GE(catalogue["requirements"].size(), 40u);
  for (const auto& entry : catalogue["requirements"]) {
    std::vector<Error> errors;
    json record = RequirementFromEntry(entry, {}, errors);
    EXPECT_TRUE(errors.empty()) << entry["id"] << ": " << Fields(errors).front();
    EXPECT_EQ(RequirementEntry(record), entry);
    EXPECT_TRUE(SameRequirement(ShownRequirement(StoredRequirement(record)), record));
  }
}

TEST(RequirementFormat, EveryProblemOfAnEntryNamesItsField) {
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::vector<std::string> fields;
  };
  const std::vector<Case> cases = {
      {"valid", [](json&) {}, {}},
      {"no guidance or controls",
       [](json& e) {
         e.erase("guidance");
         e.erase("controls");
       },
       {}},
      {"unknown field", [](json& e) { e["x"] = 1; }, {"x"}},
      {"missing id", [](json& e) { e.erase("id"); }, {"id"}},
      {"bad code", [](json& e) { e["id"] = "a b"; }, {"id"}},
      {"level as text", [](json& e) { e["min_level"] = "2"; }, {"min_level"}},
      {"level above the scale", [](json& e) { e["min_level"] = 5; }, {"min_level"}},
      {"unknown aspect", [](json& e) { e["aspect"] = "secrecy"; }, {"aspect"}},
      {"no text", [](json& e) { e.erase("text"); }, {"text"}},
      {"blank English", [](json& e) { e["text"]["en"] = ""; }, {"text.en"}},
      {"text not text", [](json& e) { e["text"]["sv"] = 3; }, {"text.sv"}},
      {"controls not text", [](json& e) { e["controls"] = {1}; }, {"controls"}},
      {"several",
       [](json& e) {
         e["aspect"] = "";
         e["area"] = " ";
       },
       {"area", "aspect"}},
  };
  for (const auto& c : cases) {
    json entry = Entry();
    c.change(entry);
    std::vector<Error> errors;
    RequirementFromEntry(entry, {}, errors);
    EXPECT_EQ(Fields(errors), c.fields) << c.name;
  }
}

// The scale is the configured one.
TEST(RequirementFormat, LevelsFollowTheConfiguredScale) {
  json entry = Entry();
  entry["min_level"] = 5;
  std::vector<Error> errors;
  RequirementFromEntry(entry, {.max_level = 5}, errors);
  EXPECT_TRUE(errors.empty());
  RequirementFromEntry(entry, {.max_level = 3}, errors);
  EXPECT_EQ(Fields(errors), std::vector<std::string>{"min_level"});
}

}  // namespace
}  // namespace lis::service
