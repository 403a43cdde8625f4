#include "schema_check.h"

#include <algorithm>
#include <cctype>

namespace lis_test {

using nlohmann::json;

namespace {

const json kNoProperties = json::object();

bool SchemaHasType(const json& value, const std::string& type) {
  if (type == "integer") return value.is_number_integer();
  if (type == "number") return value.is_number();
  if (type == "string") return value.is_string();
  if (type == "boolean") return value.is_boolean();
  if (type == "null") return value.is_null();
  if (type == "object") return value.is_object();
  if (type == "array") return value.is_array();
  return false;
}

std::vector<std::string> PathSegments(const std::string& path) {
  std::vector<std::string> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    out.push_back(path.substr(start, end == std::string::npos ? end : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

bool PathMatches(const std::string& pattern, const std::string& path) {
  auto p = PathSegments(pattern), s = PathSegments(path);
  if (p.size() != s.size()) return false;
  for (size_t i = 0; i < p.size(); ++i)
    if (!(p[i].size() > 2 && p[i].front() == '{') && p[i] != s[i]) return false;
  return true;
}

}  // namespace

std::vector<std::string> SchemaFaults(const json& doc, const json& schema, const json& value,
                                      const std::string& where) {
  std::vector<std::string> out;
  std::string at = where.empty() ? "(answer)" : where;
  if (schema.contains("$ref")) {
    std::string name = schema["$ref"].get<std::string>().substr(21);
    return SchemaFaults(doc, doc["components"]["schemas"][name], value, where);
  }
  if (schema.contains("oneOf")) {
    size_t fitting = 0;
    for (const auto& option : schema["oneOf"])
      fitting += SchemaFaults(doc, option, value, where).empty() ? 1 : 0;
    if (fitting != 1) out.push_back(at + ": fits " + std::to_string(fitting) + " of oneOf");
    return out;
  }
  if (schema.contains("type")) {
    json types = schema["type"].is_array() ? schema["type"] : json::array({schema["type"]});
    if (std::none_of(types.begin(), types.end(),
                     [&](const json& t) { return SchemaHasType(value, t.get<std::string>()); })) {
      out.push_back(at + ": " + value.dump().substr(0, 80) + " is not " + types.dump());
      return out;
    }
  }
  if (schema.contains("enum") &&
      std::find(schema["enum"].begin(), schema["enum"].end(), value) == schema["enum"].end())
    out.push_back(at + ": " + value.dump() + " is not one of " + schema["enum"].dump());
  if (value.is_number()) {
    if (schema.contains("minimum") && value.get<double>() < schema["minimum"].get<double>())
      out.push_back(at + ": below the minimum");
    if (schema.contains("maximum") && value.get<double>() > schema["maximum"].get<double>())
      out.push_back(at + ": above the maximum");
  }
  if (value.is_array()) {
    if (schema.contains("maxItems") && value.size() > schema["maxItems"].get<size_t>())
      out.push_back(at + ": more items than maxItems");
    if (schema.contains("items"))
      for (size_t i = 0; i < value.size(); ++i)
        for (auto& f :
             SchemaFaults(doc, schema["items"], value[i], where + "[" + std::to_string(i) + "]"))
          out.push_back(std::move(f));
  }
  if (value.is_object()) {
    std::string prefix = where.empty() ? "" : where + ".";
    for (const auto& r : schema.value("required", json::array()))
      if (!value.contains(r.get<std::string>()))
        out.push_back(prefix + r.get<std::string>() + ": required but missing");
    const json& props = schema.contains("properties") ? schema["properties"] : kNoProperties;
    for (const auto& [key, v] : value.items()) {
      if (props.contains(key)) {
        for (auto& f : SchemaFaults(doc, props[key], v, prefix + key)) out.push_back(std::move(f));
      } else if (schema.value("additionalProperties", true) == false) {
        out.push_back(prefix + key + ": not in the schema");
      }
    }
  }
  return out;
}

const json* AnswerSchema(const json& doc, const std::string& method, const std::string& path,
                         int status) {
  std::string lower = method;
  std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
  // A literal path wins over a template (/systems/import over /systems/{id}).
  const json* item = nullptr;
  for (const auto& [pattern, i] : doc["paths"].items())
    if (PathMatches(pattern, path) && (!item || pattern == path)) item = &i;
  // References into `doc` only: value() would answer copies.
  if (!item || !item->contains(lower) || !(*item)[lower].contains("responses")) return nullptr;
  const json& responses = (*item)[lower]["responses"];
  std::string code = std::to_string(status);
  if (!responses.contains(code) || !responses[code].contains("content")) return nullptr;
  const json& content = responses[code]["content"];
  if (!content.contains("application/json")) return nullptr;
  return &content["application/json"]["schema"];
}

}  // namespace lis_test
