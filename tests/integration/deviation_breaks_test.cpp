// What a deviation breaks (issue 28, item 1): the requirements of the catalogue and the framework
// controls it names are lists of the deviation, so each version keeps them and a restore brings
// them back; link tables mirror them for the queries that ask which deviations break a
// requirement or a control. An id naming nothing is refused naming the list, and nothing is
// written. On its page the deviation names them in words, and a handler adds and removes them.
#include <algorithm>
#include <sstream>

#include "deviation_support.h"
#include "soa_support.h"

namespace lis_test::deviation_breaks_test {
namespace {

class DeviationBreaksTest : public DeviationTest<DeviationBreaksTest> {
 protected:
  // Item `index` of the first page of `path` (a list answer): its id and itself.
  static json Item(const std::string& path, size_t index) {
    json page = Fetch(server(), As("ciso"), path);
    EXPECT_GT(page["items"].size(), index) << path << ": " << page.dump();
    return page["items"].size() > index ? page["items"][index] : json::object();
  }
  static json Requirement(size_t index) { return Item("/api/v1/requirements?limit=5", index); }
  static json Control(size_t index) {
    return Item(
        "/api/v1/frameworks/" + Id(FrameworkId(server(), "iso27001-2022")) + "/controls?limit=5",
        index);
  }
  // The targets of deviation `id` in link table `table`, as the database lists them.
  static std::vector<long long> Links(const std::string& table, const std::string& column,
                                      long long id) {
    CommandResult r = server().Sql("SELECT " + column + " FROM " + table +
                                   " WHERE deviation_id = " + Id(id) + " ORDER BY " + column);
    EXPECT_EQ(r.exit_code, 0) << r;
    std::vector<long long> out;
    std::istringstream lines(r.output);
    for (std::string line; std::getline(lines, line);)
      if (!line.empty()) out.push_back(std::stoll(line));
    return out;
  }
  static std::vector<long long> Sorted(std::vector<long long> v) {
    std::sort(v.begin(), v.end());
    return v;
  }
};

TEST_F(DeviationBreaksTest, TheListsAreKeptWithEachVersionAndMirroredInTheLinkTables) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long r1 = Requirement(0)["id"], r2 = Requirement(1)["id"], c1 = Control(0)["id"],
            c2 = Control(1)["id"];
  json d =
      ReportDeviation(s, ciso,
                      DeviationBody("Bryter mot krav", Sof(),
                                    {{"requirement_ids", {r2, r1, r2}}, {"control_ids", {c1}}}));
  long long id = d["id"];
  std::vector<long long> both = Sorted({r1, r2});
  EXPECT_EQ(d["requirement_ids"], json(both)) << "sorted, without repeats";
  EXPECT_EQ(d["control_ids"], json::array({c1}));
  EXPECT_EQ(Links("deviation_requirements", "requirement_id", id), both);
  EXPECT_EQ(Links("deviation_controls", "control_id", id), std::vector<long long>{c1});

  Response r = s.Patch(DeviationPath(id), ciso,
                       {{"requirement_ids", {r2}}, {"control_ids", {c2, c1}}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 2);
  EXPECT_EQ(Links("deviation_requirements", "requirement_id", id), std::vector<long long>{r2});
  EXPECT_EQ(Links("deviation_controls", "control_id", id), Sorted({c1, c2}));

  r = s.Patch(DeviationPath(id), ciso, {{"control_ids", {c1, c2, c1}}, {"version", 2}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 2) << "the same list in another order changes nothing";

  r = s.Post(DeviationPath(id, "/restore"), ciso, {{"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["requirement_ids"], json(both));
  EXPECT_EQ(r.Json()["control_ids"], json::array({c1}));
  EXPECT_EQ(Links("deviation_requirements", "requirement_id", id), both);
  EXPECT_EQ(Links("deviation_controls", "control_id", id), std::vector<long long>{c1});
}

TEST_F(DeviationBreaksTest, AReferenceToNothingIsRefusedNamingTheListAndNothingIsWritten) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long r1 = Requirement(0)["id"];
  json many = json::array();
  for (int i = 0; i < 51; ++i) many.push_back(r1);
  const struct {
    const char* what;
    json extra;
    const char* field;
  } cases[] = {
      {"no such requirement", {{"requirement_ids", {r1, 987654}}}, "requirement_ids"},
      {"no such control", {{"control_ids", {987654}}}, "control_ids"},
      {"a requirement id as a control", {{"control_ids", {"A.5.1"}}}, "control_ids"},
      {"not a list", {{"requirement_ids", r1}}, "requirement_ids"},
      {"more than 50", {{"requirement_ids", many}}, "requirement_ids"},
  };
  long long before = Fetch(s, ciso, "/api/v1/deviations")["total"];
  for (const auto& c : cases) {
    Response r = s.Post("/api/v1/deviations", ciso, DeviationBody("Felaktig", Sof(), c.extra));
    EXPECT_EQ(r.status, 400) << c.what << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what << ": " << r;
  }
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/deviations")["total"], before);

  long long id =
      ReportDeviation(s, ciso, DeviationBody("Ändras", Sof(), {{"requirement_ids", {r1}}}))["id"];
  Response r = s.Patch(DeviationPath(id), ciso, {{"control_ids", {987654}}, {"version", 1}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "control_ids");
  EXPECT_EQ(Fetch(s, ciso, DeviationPath(id))["version"], 1);
  EXPECT_TRUE(Links("deviation_controls", "control_id", id).empty());
}

TEST_F(DeviationBreaksTest, ThePageNamesThemInWordsAndAHandlerAddsAndRemovesThem) {
  LisServer& s = server();
  const Session &contact = As("kontakt.sof"), &employee = As("medarbetare");
  json requirement = Requirement(2), control = Control(2);
  long long id = ReportDeviation(s, employee, DeviationBody("Sidan visar kraven", Sof()))["id"];
  std::string path = "/deviations/" + Id(id);

  Response page = s.Get(path, employee);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_EQ(page.body.find("id=\"deviation-break\""), std::string::npos) << "a reporter";

  page = s.Get(path, contact);
  EXPECT_NE(page.body.find("id=\"deviation-break\""), std::string::npos) << page;
  Response r = PostForm(s, contact, path + "/breaks",
                        "version=1&requirement_id=" + Id(requirement["id"]) + "&control_id=");
  ASSERT_EQ(r.status, 303) << r;
  r = PostForm(s, contact, path + "/breaks",
               "version=2&requirement_id=&control_id=" + Id(control["id"]));
  ASSERT_EQ(r.status, 303) << r;
  json d = Fetch(s, contact, DeviationPath(id));
  EXPECT_EQ(d["requirement_ids"], json::array({requirement["id"]}));
  EXPECT_EQ(d["control_ids"], json::array({control["id"]}));

  page = s.Get(path, employee);
  std::string code = requirement["code"], ref = control["ref"];
  EXPECT_NE(page.body.find(Html(code + " ")), std::string::npos) << "the requirement by code";
  EXPECT_NE(page.body.find(Html(ref + " ")), std::string::npos) << "the control by ref";

  r = PostForm(s, contact, path + "/breaks", "version=3&requirement_id=&control_id=");
  EXPECT_EQ(r.status, 400) << "neither named: " << r;
  r = PostForm(s, contact, path + "/breaks", "version=3&requirement_id=987654");
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_NE(r.body.find("finns inte i kravkatalogen"), std::string::npos) << r.body;

  r = PostForm(s, contact, path + "/breaks/remove",
               "version=3&requirement_id=" + Id(requirement["id"]));
  ASSERT_EQ(r.status, 303) << r;
  d = Fetch(s, contact, DeviationPath(id));
  EXPECT_TRUE(d["requirement_ids"].empty()) << d.dump();
  EXPECT_EQ(d["control_ids"], json::array({control["id"]}));
}

}  // namespace
}  // namespace lis_test::deviation_breaks_test
