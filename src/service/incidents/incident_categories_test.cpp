#include "service/incidents/incident_categories.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/assets.h"

namespace lis::service {
namespace {

TEST(IncidentCategories, EmbeddedListIsValid) {
  auto list = ParseIncidentCategories(std::string(*FindAsset("incidents/categories.json")));
  ASSERT_TRUE(list.ok()) << list.error().field << ": " << list.error().args.at("detail");
  std::set<std::string> codes;
  for (const auto& c : list->categories) {
    EXPECT_TRUE(codes.insert(c.code).second) << c.code;
    EXPECT_FALSE(c.sv.empty() || c.en.empty() || c.description_sv.empty() ||
                 c.description_en.empty())
        << c.code;
    EXPECT_EQ(c.code.rfind(c.class_code + ".", 0), 0u) << c.code << " is not under its class";
  }
  // The RSIT classes are there, and the municipal additions under information content.
  for (const char* code : {"malicious-code.infected-system", "fraud.phishing",
                           "information-content-security.lost-or-stolen-device",
                           "information-content-security.misdirected-message",
                           "information-content-security.mistaken-disclosure"})
    EXPECT_TRUE(IsIncidentCategory(code)) << code;
  EXPECT_EQ(list->classes.size(), 10u);
  EXPECT_FALSE(IsIncidentCategory("malicious-code"));
}

TEST(IncidentCategories, FaultsAreFound) {
  const char* valid_class = R"({"code": "a", "sv": "A", "en": "A"})";
  auto category = [](const std::string& code, const std::string& cls, const std::string& en) {
    return R"({"code": ")" + code + R"(", "class": ")" + cls + R"(", "sv": "x", "en": ")" + en +
           R"(", "description": {"sv": "d", "en": "d"}})";
  };
  struct Case {
    std::string text;
    std::string fault;
  };
  const Case cases[] = {
      {"[]", "classes and categories must be arrays"},
      {std::string(R"({"classes": [)") + valid_class + R"(], "categories": [)" +
           category("a.b", "a", "B") + "," + category("a.b", "a", "B") + "]}",
       "code repeated"},
      {std::string(R"({"classes": [)") + valid_class + R"(], "categories": [)" +
           category("a.b", "a", "") + "]}",
       "name missing in sv or en"},
      {std::string(R"({"classes": [)") + valid_class + R"(], "categories": [)" +
           category("a.b", "z", "B") + "]}",
       "unknown class"},
      {std::string(R"({"classes": [)") + valid_class + R"(], "categories": [)" +
           R"({"code": "a.c", "class": "a", "sv": "x", "en": "y"}]})",
       "description missing in sv or en"},
  };
  for (const auto& c : cases) {
    auto r = ParseIncidentCategories(c.text);
    ASSERT_FALSE(r.ok()) << c.text;
    EXPECT_EQ(r.error().args.at("detail"), c.fault) << c.text;
  }
}

}  // namespace
}  // namespace lis::service
