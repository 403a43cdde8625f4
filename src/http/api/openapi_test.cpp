#include <gtest/gtest.h>

#include <filesystem>
#include <functional>
#include <nlohmann/json.hpp>
#include <set>

#include "core/config.h"
#include "domain/records/record_type.h"
#include "http/api/api_routes.h"
#include "http/api/openapi_document.h"
#include "store/database.h"

namespace lis::http {
namespace {

using nlohmann::json;

const json& Doc() {
  return OpenApiDocument();
}

// Every API route is described in the document, and every described operation is routed.
TEST(OpenApi, DescribesExactlyTheRoutes) {
  auto dir = std::filesystem::temp_directory_path() / ("lis-openapi-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Database::Open("sqlite:" + (dir / "lis.db").string(), 1);
  ASSERT_TRUE(db.ok());
  Config config;
  App app(config, **db);
  Router router;
  RegisterApi(router, app);

  const std::string prefix = Doc()["servers"][0]["url"];
  std::set<std::string> routed, described;
  for (const auto& [method, pattern] : router.Routes()) {
    ASSERT_EQ(pattern.rfind(prefix, 0), 0u) << pattern;
    std::string lower = method;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    routed.insert(lower + " " + pattern.substr(prefix.size()));
  }
  for (const auto& [path, item] : Doc()["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") described.insert(method + " " + path);
  EXPECT_EQ(routed, described);
  std::filesystem::remove_all(dir);
}

TEST(OpenApi, EveryOperationHasItsOwnOperationId) {
  std::set<std::string> ids;
  for (const auto& [path, item] : Doc()["paths"].items())
    for (const auto& [method, op] : item.items()) {
      if (method == "parameters") continue;
      ASSERT_TRUE(op.contains("operationId")) << method << " " << path;
      EXPECT_TRUE(ids.insert(op["operationId"].get<std::string>()).second)
          << op["operationId"] << " twice";
    }
  EXPECT_EQ(Doc()["paths"]["/systems/{id}"]["patch"]["operationId"], "updateSystem");
  EXPECT_EQ(Doc()["paths"]["/objects"]["get"]["operationId"], "listObjects");
}

// Every reference points at a part of the document.
TEST(OpenApi, EveryReferenceResolves) {
  std::function<void(const json&)> walk = [&](const json& node) {
    if (node.is_object()) {
      if (node.contains("$ref")) {
        std::string ref = node["$ref"];
        ASSERT_EQ(ref.rfind("#/", 0), 0u) << ref;
        EXPECT_TRUE(Doc().contains(json::json_pointer(ref.substr(1)))) << ref;
      }
      for (const auto& [k, v] : node.items()) walk(v);
    } else if (node.is_array()) {
      for (const auto& v : node) walk(v);
    }
  };
  walk(Doc());
}

// The schemas of a declared type say what its declaration says: every field with its type,
// its choices and whether it may be null; the stored ones required; nothing else allowed;
// derived ones read-only and never input.
TEST(OpenApi, DeclaredTypesHaveTheSchemasOfTheirDeclaration) {
  for (const domain::RecordType* type : domain::DeclaredRecordTypes()) {
    std::string name = type->name;
    name[0] = static_cast<char>(std::toupper(name[0]));
    SCOPED_TRACE(name);
    const json& schemas = Doc()["components"]["schemas"];
    ASSERT_TRUE(schemas.contains(name));
    const json& record = schemas[name];
    const json& input = schemas[name + "Input"];
    const json& patch = schemas[name + "Patch"];
    EXPECT_EQ(record["additionalProperties"], false);
    EXPECT_EQ(input["additionalProperties"], false);
    EXPECT_FALSE(patch.contains("required"));
    std::set<std::string> required(record["required"].begin(), record["required"].end());
    std::set<std::string> input_required;
    if (input.contains("required"))
      input_required = std::set<std::string>(input["required"].begin(), input["required"].end());
    EXPECT_EQ(record["properties"].size(), type->fields.size() + 5) << "the fields and id, ...";
    for (const auto& f : type->fields) {
      SCOPED_TRACE(f.name);
      ASSERT_TRUE(record["properties"].contains(f.name));
      const json& p = record["properties"][f.name];
      EXPECT_EQ(required.count(f.name) == 1, f.stored);
      EXPECT_EQ(input["properties"].contains(f.name), f.stored && f.input);
      EXPECT_EQ(input_required.count(f.name) == 1, f.stored && f.input && f.required);
      EXPECT_EQ(p.value("readOnly", false), !f.stored || !f.input);
      if (f.kind == domain::FieldKind::kChoice) {
        json values = domain::ChoiceValues(f);
        if (f.nullable) values.push_back(nullptr);
        EXPECT_EQ(p["enum"], values);
      }
      if (f.kind != domain::FieldKind::kStructured)
        EXPECT_EQ(p["type"].is_array(), f.nullable) << p;
    }
  }
}

}  // namespace
}  // namespace lis::http
