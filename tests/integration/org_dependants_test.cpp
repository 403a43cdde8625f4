// A node that still holds records of an area is not deleted (issue 5 areas): its records
// would point nowhere. Table-driven: each row places one record at a fresh node.
#include <functional>

#include "action_support.h"
#include "risk_support.h"
#include "soa_support.h"

namespace lis_test::org_dependants_test {
namespace {

class OrgDependantsTest : public SharedServerTest<OrgDependantsTest> {};

TEST_F(OrgDependantsTest, ANodeWithRecordsOfAnAreaIsNotDeleted) {
  LisServer& s = server();
  const Session& ciso = s.Auditor();
  long long group = s.OrgUnitId("Norrviks kommunkoncern");
  long long fw = FrameworkId(s, "iso27001-2022");
  struct Case {
    const char* what;
    std::function<void(long long node)> place;
  } cases[] = {
      {"an action",
       [&](long long node) {
         CreateAction(s, ciso, ActionBody("Nodens åtgärd", node, s.UserId("test.auditor")));
       }},
      {"a risk analysis", [&](long long node) { CreateAnalysis(s, ciso, "Nodens analys", node); }},
      {"an entry of the statement of applicability",
       [&](long long node) {
         Response r = s.Patch(SoaPath(node, fw, "/5.1"), ciso,
                              {{"applicable", false},
                               {"justification", "Ingen egen verksamhet."},
                               {"status", "not_started"},
                               {"version", 0}});
         EXPECT_EQ(r.status, 200) << r;
       }},
  };
  int n = 0;
  for (const auto& c : cases) {
    long long node =
        s.CreateOrgUnit("Beroende bolag " + std::to_string(++n), group, "company")["id"];
    c.place(node);
    const std::string path = "/api/v1/org-units/" + Id(node);
    Response r = s.Delete(path, s.Admin());
    EXPECT_EQ(r.status, 409) << c.what << ": " << r;
    EXPECT_EQ(s.Get(path, s.Admin()).status, 200) << c.what << ": the node is still there";
  }
}

}  // namespace
}  // namespace lis_test::org_dependants_test
