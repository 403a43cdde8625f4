#include "http/api/openapi_document.h"

#include <nlohmann/json.hpp>

#include "core/assets.h"
#include "core/messages.h"
#include "domain/records/record_type.h"

namespace lis::http {

using domain::FieldDecl;
using domain::FieldKind;
using domain::RecordType;
using nlohmann::json;

namespace {

std::string Capitalised(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// "System" for the declared type "system": the name of its schemas.
std::string SchemaName(const RecordType& type) {
  return Capitalised(type.name);
}

std::string Ref(const std::string& schema) {
  return "#/components/schemas/" + schema;
}

json TypeOf(const FieldDecl& f) {
  switch (f.kind) {
    case FieldKind::kText:
    case FieldKind::kLongText:
      return {
          {"type", "string"},
          {"description", "At most " + std::to_string(domain::MaxTextBytes(f)) + " bytes of UTF-8" +
                              (f.kind == FieldKind::kText ? ", one line" : "")}};
    case FieldKind::kInt: {
      json s = {{"type", "integer"}};
      if (f.min) s["minimum"] = *f.min;
      if (f.max) s["maximum"] = *f.max;
      return s;
    }
    case FieldKind::kDecimal:
      return {{"type", "number"}};
    case FieldKind::kDate:
      return {{"type", "string"}, {"format", "date"}};
    case FieldKind::kDateTime:
      return {{"type", "string"}, {"format", "date-time"}};
    case FieldKind::kBool:
      return {{"type", "boolean"}};
    case FieldKind::kChoice:
      return {{"type", "string"}, {"enum", domain::ChoiceValues(f)}};
    case FieldKind::kReference:
      return {{"type", "integer"}, {"description", std::string("The id of a ") + f.references}};
    case FieldKind::kReferenceList:
      return {{"type", "array"},
              {"items", {{"type", "integer"}}},
              {"maxItems", f.max_length > 0 ? f.max_length : 1000},
              {"description", std::string("Ids of records of type ") + f.references}};
    case FieldKind::kStructured:
      return {{"$ref", Ref(f.api_schema)}};
  }
  return json::object();
}

// The schema of one field's value: its type, null when it may be null, read-only when the
// service derives it, and its help text.
json PropertySchema(const FieldDecl& f) {
  json s = TypeOf(f);
  if (f.nullable) {
    if (s.contains("$ref")) {
      s = {{"oneOf", json::array({s, {{"type", "null"}}})}};
    } else {
      s["type"] = json::array({s["type"], "null"});
      if (s.contains("enum")) s["enum"].push_back(nullptr);
    }
  }
  if (!f.stored || !f.input) s["readOnly"] = true;
  if (f.help_key) {
    std::string help = Messages::Embedded().Text("en", f.help_key);
    s["description"] =
        s.contains("description") ? help + " " + s["description"].get<std::string>() + "." : help;
  }
  return s;
}

// A record as the API answers it: every stored field, the derived ones, nothing else.
json RecordSchema(const RecordType& type) {
  json props = {{"id", {{"type", "integer"}}},
                {"version", {{"type", "integer"}}},
                {"created_at", {{"type", "string"}, {"format", "date-time"}}},
                {"updated_at", {{"type", "string"}, {"format", "date-time"}}},
                {"deleted_at", {{"type", {"string", "null"}}, {"format", "date-time"}}}};
  json required = {"id", "version", "created_at", "updated_at", "deleted_at"};
  for (const auto& f : type.fields) {
    props[f.name] = PropertySchema(f);
    if (f.stored) required.push_back(f.name);  // derived ones are missing from some answers
  }
  return {{"type", "object"},
          {"additionalProperties", false},
          {"required", required},
          {"properties", props}};
}

// A create body (or, with `patch`, an update body): the stored fields, a version and a comment
// for the history, nothing else.
json InputSchema(const RecordType& type, bool patch) {
  json props = {
      {"version",
       {{"type", "integer"}, {"description", "The version the change is based on (or If-Match)"}}},
      {"comment", {{"type", "string"}, {"description", "Why, for the history"}}}};
  json required = json::array();
  for (const auto& f : type.fields) {
    if (!f.stored || !f.input) continue;
    props[f.name] = PropertySchema(f);
    if (f.required && !patch) required.push_back(f.name);
  }
  json s = {{"type", "object"}, {"additionalProperties", false}, {"properties", props}};
  if (!required.empty()) s["required"] = required;
  return s;
}

// "getSystemsByIdHistory" for GET /systems/{id}/history.
std::string GenericOperationId(const std::string& method, const std::string& path) {
  std::string id = method;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    std::string segment = path.substr(start, end == std::string::npos ? end : end - start);
    bool param = segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
    if (param) segment = "by_" + segment.substr(1, segment.size() - 2);
    for (size_t i = 0; i < segment.size(); ++i) {
      bool boundary = i == 0 || segment[i - 1] == '_' || segment[i - 1] == '-';
      if (segment[i] == '_' || segment[i] == '-') continue;
      id += boundary ? static_cast<char>(std::toupper(static_cast<unsigned char>(segment[i])))
                     : segment[i];
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return id;
}

void Generate(json& doc, const RecordType& type) {
  std::string name = SchemaName(type);
  json& schemas = doc["components"]["schemas"];
  schemas[name] = RecordSchema(type);
  schemas[name + "Input"] = InputSchema(type, false);
  schemas[name + "Patch"] = InputSchema(type, true);
  std::string collection = "/" + std::string(type.name) + "s";
  std::string item = collection + "/{id}";
  json& paths = doc["paths"];
  if (paths.contains(item) && paths[item].contains("patch"))
    paths[item]["patch"]["requestBody"]["content"]["application/json"]["schema"] = {
        {"$ref", Ref(name + "Patch")}};
  const std::pair<std::string, std::pair<const char*, std::string>> named[] = {
      {collection, {"get", "list" + name + "s"}},
      {collection, {"post", "create" + name}},
      {item, {"get", "get" + name}},
      {item, {"patch", "update" + name}},
      {item, {"delete", "delete" + name}}};
  for (const auto& [path, op] : named)
    if (paths.contains(path) && paths[path].contains(op.first))
      paths[path][op.first]["operationId"] = op.second;
}

json Make() {
  json doc = json::parse(*FindAsset("openapi.json"));
  for (const RecordType* type : domain::DeclaredRecordTypes()) Generate(doc, *type);
  for (auto& [path, item] : doc["paths"].items())
    for (auto& [method, op] : item.items())
      if (method != "parameters" && !op.contains("operationId"))
        op["operationId"] = GenericOperationId(method, path);
  return doc;
}

}  // namespace

const json& OpenApiDocument() {
  static const json kDoc = Make();
  return kDoc;
}

const std::string& OpenApiText() {
  static const std::string kText = OpenApiDocument().dump(1);
  return kText;
}

}  // namespace lis::http
