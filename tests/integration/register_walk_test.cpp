// A systems register page of many matching systems (from 1,000) is read by walking the index of
// the list's order instead of gathering the systems object by object (SystemService::List): the
// same rows, in the same order and scope, as any list gives.
#include "asset_support.h"
#include "lis_server.h"

namespace lis_test::register_walk_test {
namespace {

class RegisterWalkTest : public SharedServerTest<RegisterWalkTest> {};

std::vector<std::string> WalkNames(const json& page) {
  std::vector<std::string> out;
  for (const auto& item : page.value("items", json::array())) out.push_back(item["name"]);
  return out;
}

std::string Numbered(int i) {
  char name[32];
  std::snprintf(name, sizeof name, "Vandring %04d", i);
  return name;
}

TEST_F(RegisterWalkTest, ManyMatchingSystemsListInOrderAndInScope) {
  LisServer& s = server();
  const Session ciso = s.Login("ciso");
  long long object = CreateObject(s, ciso, "Vandringsobjekt", s.OrgUnitId("Socialförvaltningen"));
  const int n = 1100;
  std::string csv = "namn;objekt\r\n";
  for (int i = n - 1; i >= 0; --i) csv += Numbered(i) + ";" + Id(object) + "\r\n";
  Response imported = s.SendRaw("POST", "/api/v1/systems/import", ciso, csv, "text/csv");
  ASSERT_EQ(imported.status, 200) << imported;

  struct Case {
    const char* query;
    int first;  // the number of the page's first name
    int step;   // +1 ascending, -1 descending
  };
  const Case cases[] = {
      {"q=Vandring&limit=50", 0, 1},
      {"q=Vandring&limit=50&offset=1050", 1050, 1},
      {"q=Vandring&limit=50&sort=-name", n - 1, -1},
      {"q=Vandring&limit=50&offset=500&sort=-name", n - 501, -1},
  };
  for (const auto& c : cases) {
    json page = Fetch(s, ciso, std::string("/api/v1/systems?") + c.query);
    EXPECT_EQ(page["total"], n) << c.query;
    std::vector<std::string> expected;
    for (int i = 0; i < 50; ++i) expected.push_back(Numbered(c.first + i * c.step));
    EXPECT_EQ(WalkNames(page), expected) << c.query;
  }
  // The list of the one object, read by its own filter too, holds the same first page.
  json narrow = Fetch(s, ciso, "/api/v1/systems?limit=50&object_id=" + Id(object));
  EXPECT_EQ(narrow["total"], n);
  EXPECT_EQ(WalkNames(narrow), WalkNames(Fetch(s, ciso, "/api/v1/systems?q=Vandring&limit=50")));
  // Outside the scope nothing of them, however many there are.
  const Session other = s.Login("ciso.energi");
  EXPECT_EQ(Fetch(s, other, "/api/v1/systems?q=Vandring")["total"], 0);
}

}  // namespace
}  // namespace lis_test::register_walk_test
