#include "service/incidents/incident_categories.h"

#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "core/assets.h"

namespace lis::service {

using nlohmann::json;

namespace {

Error Fault(const std::string& what, const std::string& where) {
  return Invalid("error.incident_categories_file", where).With("detail", what);
}

std::string Text(const json& j, const char* key) {
  return j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

Status CheckNamed(const json& entry, std::set<std::string>& codes, const std::string& where) {
  if (!entry.is_object()) return Fault("not an object", where);
  std::string code = Text(entry, "code");
  if (code.empty()) return Fault("code missing", where);
  if (!codes.insert(code).second) return Fault("code repeated", code);
  if (Text(entry, "sv").empty() || Text(entry, "en").empty())
    return Fault("name missing in sv or en", code);
  return {};
}

Result<IncidentCategory> ReadCategory(const json& c, std::set<std::string>& codes,
                                      const std::set<std::string>& classes, size_t index) {
  Status s = CheckNamed(c, codes, "categories[" + std::to_string(index) + "]");
  if (!s.ok()) return s.error();
  IncidentCategory out{Text(c, "code"), Text(c, "class"), Text(c, "sv"), Text(c, "en"), "", ""};
  if (!classes.count(out.class_code)) return Fault("unknown class", out.code);
  if (c.contains("description") && c["description"].is_object()) {
    out.description_sv = Text(c["description"], "sv");
    out.description_en = Text(c["description"], "en");
  }
  if (out.description_sv.empty() || out.description_en.empty())
    return Fault("description missing in sv or en", out.code);
  return out;
}

}  // namespace

Result<IncidentCategoryList> ParseIncidentCategories(const std::string& text) {
  json doc = json::parse(text, nullptr, false);
  if (!doc.is_object() || !doc.contains("classes") || !doc["classes"].is_array() ||
      !doc.contains("categories") || !doc["categories"].is_array())
    return Fault("classes and categories must be arrays", "file");
  IncidentCategoryList out;
  out.classes = json::array();
  std::set<std::string> codes, classes;
  for (size_t i = 0; i < doc["classes"].size(); ++i) {
    const json& c = doc["classes"][i];
    Status s = CheckNamed(c, codes, "classes[" + std::to_string(i) + "]");
    if (!s.ok()) return s.error();
    classes.insert(Text(c, "code"));
    out.classes.push_back({{"code", c["code"]}, {"sv", c["sv"]}, {"en", c["en"]}});
  }
  for (size_t i = 0; i < doc["categories"].size(); ++i) {
    auto category = ReadCategory(doc["categories"][i], codes, classes, i);
    if (!category.ok()) return category.error();
    out.categories.push_back(*category);
  }
  if (out.categories.empty()) return Fault("no categories", "categories");
  return out;
}

const IncidentCategoryList& IncidentCategories() {
  static const IncidentCategoryList kList = [] {
    auto parsed = ParseIncidentCategories(std::string(*FindAsset("incidents/categories.json")));
    if (!parsed.ok())
      throw std::runtime_error("incidents/categories.json: " + parsed.error().field);
    return *parsed;
  }();
  return kList;
}

bool IsIncidentCategory(const std::string& code) {
  for (const auto& c : IncidentCategories().categories)
    if (c.code == code) return true;
  return false;
}

std::string IncidentCategoryName(const std::string& code, const std::string& language) {
  for (const auto& c : IncidentCategories().categories)
    if (c.code == code) return language == "en" ? c.en : c.sv;
  return code;
}

json IncidentCategoriesJson() {
  const auto& list = IncidentCategories();
  json items = json::array();
  for (const auto& c : list.categories)
    items.push_back({{"code", c.code},
                     {"class", c.class_code},
                     {"sv", c.sv},
                     {"en", c.en},
                     {"description", {{"sv", c.description_sv}, {"en", c.description_en}}}});
  return {{"classes", list.classes}, {"items", items}};
}

}  // namespace lis::service
