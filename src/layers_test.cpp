// The layers as CONTRIBUTING.md draws them: core < domain < store < service < http. A file
// includes headers of its own layer or below, and SQL is written in store/ only.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <string>
#include <vector>

namespace lis {
namespace {

namespace fs = std::filesystem;

const std::map<std::string, int> kLayers = {
    {"core", 0}, {"domain", 1}, {"store", 2}, {"service", 3}, {"http", 4}};

// Files outside store/ that still hold SQL, with how many of their strings do: moved into
// store/<area>/ area by area (the asset services are done: store/assets). The count only goes
// down: a file that gains SQL, or a new file with SQL, fails; a file that loses some must say
// so here.
const std::map<std::string, int> kSqlNotYetInStore = {
    {"service/actions/action_origin.cpp", 1},
    {"service/actions/action_query.cpp", 9},
    {"service/actions/action_service.cpp", 10},
    {"service/audit/audit_service.cpp", 16},
    {"service/auth/auth_service.cpp", 2},
    {"service/catalogue_access.cpp", 2},
    {"service/controls/control_links.cpp", 2},
    {"service/controls/framework_library.cpp", 2},
    {"service/controls/soa_access.cpp", 4},
    {"service/controls/soa_service.cpp", 6},
    {"service/demo/demo_actions.cpp", 1},
    {"service/demo/demo_incidents.cpp", 1},
    {"service/demo/demo_loader.cpp", 1},
    {"service/incidents/incident_access.cpp", 2},
    {"service/incidents/incident_deadlines.cpp", 2},
    {"service/incidents/incident_links.cpp", 2},
    {"service/incidents/incident_page_support.cpp", 1},
    {"service/incidents/incident_query.cpp", 8},
    {"service/incidents/incident_report_service.cpp", 2},
    {"service/incidents/incident_review_service.cpp", 3},
    {"service/incidents/incident_service.cpp", 3},
    {"service/incidents/incident_statistics.cpp", 13},
    {"service/incidents/incident_summary.cpp", 15},
    {"service/incidents/incident_support.cpp", 9},
    {"service/notifications/incident_notifications.cpp", 9},
    {"service/notifications/notification_service.cpp", 7},
    {"service/org/org_service.cpp", 3},
    {"service/org/user_reference.cpp", 2},
    {"service/org/user_service.cpp", 11},
    {"service/risk/risk_access.cpp", 7},
    {"service/risk/risk_analysis_service.cpp", 6},
    {"service/risk/risk_service.cpp", 21},
    {"service/risk/risk_settings_service.cpp", 5},
};

struct SourceFile {
  std::string path;  // below src/, "service/assets/system_service.cpp"
  std::string layer;
  std::vector<std::string> lines;
};

std::vector<SourceFile> Sources() {
  std::vector<SourceFile> out;
  const fs::path src = fs::path(LIS_SOURCE_DIR) / "src";
  for (const auto& entry : fs::recursive_directory_iterator(src)) {
    std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".cpp" && ext != ".h")) continue;
    SourceFile f;
    f.path = fs::relative(entry.path(), src).string();
    f.layer = f.path.substr(0, f.path.find('/'));
    std::ifstream in(entry.path());
    for (std::string line; std::getline(in, line);) f.lines.push_back(line);
    out.push_back(std::move(f));
  }
  return out;
}

// The string literals of a line that is not a comment.
std::vector<std::string> Literals(const std::string& line) {
  std::vector<std::string> out;
  size_t first = line.find_first_not_of(" \t");
  if (first != std::string::npos && line.compare(first, 2, "//") == 0) return out;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line.compare(i, 2, "//") == 0) break;  // a comment after the code
    if (line[i] != '"' || (i > 0 && line[i - 1] == '\'')) continue;
    std::string text;
    size_t j = i + 1;
    for (; j < line.size() && line[j] != '"'; ++j) {
      if (line[j] == '\\' && j + 1 < line.size()) ++j;
      text += line[j];
    }
    out.push_back(text);
    i = j;
  }
  return out;
}

bool IsSql(const std::string& text) {
  static const std::regex kSql(
      R"(\b(SELECT|INSERT INTO|DELETE FROM|UPDATE [a-z_]+ SET|JOIN|WHERE|ORDER BY|GROUP BY|IS NULL|IS NOT NULL|COALESCE|EXISTS)\b|[a-z_.]+ (=|<|>|<=|>=|<>|LIKE) \?|\bIN \()");
  return std::regex_search(text, kSql);
}

TEST(Layers, NoFileIncludesALayerAboveItsOwn) {
  static const std::regex kInclude(R"(^#include "([a-z_]+)/)");
  for (const auto& f : Sources()) {
    auto own = kLayers.find(f.layer);
    if (own == kLayers.end()) continue;  // main.cpp and the precompiled header
    for (size_t i = 0; i < f.lines.size(); ++i) {
      std::smatch m;
      if (!std::regex_search(f.lines[i], m, kInclude)) continue;
      auto included = kLayers.find(m[1].str());
      if (included != kLayers.end())
        EXPECT_LE(included->second, own->second) << f.path << ":" << i + 1 << " " << f.lines[i];
    }
  }
}

TEST(Layers, SqlIsWrittenInStoreOnly) {
  std::map<std::string, int> found;
  for (const auto& f : Sources()) {
    if (f.layer == "store" || f.path.ends_with("_test.cpp")) continue;
    for (const auto& line : f.lines)
      for (const auto& text : Literals(line))
        if (IsSql(text)) ++found[f.path];
  }
  for (const auto& [path, count] : found) {
    auto allowed = kSqlNotYetInStore.find(path);
    EXPECT_TRUE(allowed != kSqlNotYetInStore.end())
        << path << " writes SQL (" << count << " strings): move it into store/";
    if (allowed != kSqlNotYetInStore.end())
      EXPECT_EQ(count, allowed->second) << path << ": set its count in kSqlNotYetInStore";
  }
  for (const auto& [path, count] : kSqlNotYetInStore)
    EXPECT_TRUE(found.count(path)) << path << " holds no SQL now: remove it from the list";
}

// The checks find what they look for.
TEST(Layers, TheChecksRecogniseSqlAndLiterals) {
  EXPECT_TRUE(IsSql("SELECT id FROM objects WHERE id = ?"));
  EXPECT_TRUE(IsSql("object_id = ?"));
  EXPECT_TRUE(IsSql("o.deleted_at IS NULL"));
  EXPECT_FALSE(IsSql("Välj ett objekt"));
  EXPECT_FALSE(IsSql("error.field_not_choice"));
  EXPECT_EQ(Literals(R"(f.And("a = ?", "b"); // "SELECT")"),
            (std::vector<std::string>{"a = ?", "b"}));
  EXPECT_TRUE(Literals(R"(  // "SELECT x")").empty());
}

}  // namespace
}  // namespace lis
