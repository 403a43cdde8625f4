// The incident categories: a data list (web/incidents/categories.json) following CERT-SE's
// incident taxonomy (RSIT), loaded once from the embedded file.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace lis::service {

struct IncidentCategory {
  std::string code;  // "class.type", e.g. "information-content-security.data-leak"
  std::string class_code;
  std::string sv, en;
  std::string description_sv, description_en;
};

struct IncidentCategoryList {
  nlohmann::json classes;  // [{"code", "sv", "en"}]
  std::vector<IncidentCategory> categories;
};

// Reads and checks a category list: every class and category has a code, a Swedish and an
// English name; codes are unique; every category names a listed class and has descriptions in
// both languages. kInvalid naming the first fault otherwise.
Result<IncidentCategoryList> ParseIncidentCategories(const std::string& text);
// The embedded list (checked by a unit test; a broken file stops the program at first use).
const IncidentCategoryList& IncidentCategories();
bool IsIncidentCategory(const std::string& code);
// The category's name in `language` (sv or en); the code itself when unknown.
std::string IncidentCategoryName(const std::string& code, const std::string& language);
// {"classes": [...], "items": [{"code", "class", "sv", "en", "description": {"sv", "en"}}]}
nlohmann::json IncidentCategoriesJson();

}  // namespace lis::service
