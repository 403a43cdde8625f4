#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "core/assets.h"
#include "core/config.h"
#include "http/api/api_routes.h"
#include "store/database.h"

namespace lis::http {
namespace {

// Every API route is described in openapi.json, and every described operation is routed.
TEST(OpenApi, DescribesExactlyTheRoutes) {
  auto dir = std::filesystem::temp_directory_path() / ("lis-openapi-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  auto db = store::Database::Open("sqlite:" + (dir / "lis.db").string(), 1);
  ASSERT_TRUE(db.ok());
  Config config;
  App app(config, **db);
  Router router;
  RegisterApi(router, app);

  auto spec = nlohmann::json::parse(*FindAsset("openapi.json"));
  const std::string prefix = spec["servers"][0]["url"];
  std::set<std::string> routed, described;
  for (const auto& [method, pattern] : router.Routes()) {
    ASSERT_EQ(pattern.rfind(prefix, 0), 0u) << pattern;
    std::string lower = method;
    std::transform(lower.begin(), lower.end(), lower.begin(), ::tolower);
    routed.insert(lower + " " + pattern.substr(prefix.size()));
  }
  for (const auto& [path, item] : spec["paths"].items())
    for (const auto& [method, op] : item.items())
      if (method != "parameters") described.insert(method + " " + path);
  EXPECT_EQ(routed, described);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace lis::http
