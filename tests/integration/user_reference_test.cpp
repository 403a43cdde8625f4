// User references: every field that names a user (an action's and a risk's owner, an
// incident's handler, an SoA entry's responsible) takes only a user who belongs to the
// record's organisation or holds a role in it. A user of another organisation gets the very
// same 400 as a user that does not exist, so the directory cannot be enumerated through them.
#include <functional>

#include "action_support.h"
#include "incident_support.h"
#include "lis_server.h"
#include "risk_support.h"
#include "soa_support.h"

namespace lis_test::user_reference_test {
namespace {

class UserReferenceTest : public SharedServerTest<UserReferenceTest> {};

TEST_F(UserReferenceTest, AForeignUserIsRefusedLikeOneThatDoesNotExist) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  long long kommun = s.OrgUnitId("Norrviks kommun");
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long analysis = CreateAnalysis(s, ciso, "Referensanalys", sof);
  long long incident = ReportIncident(s, ciso, ReportBody("Referensincident", sof))["id"];
  long long fw = FrameworkId(s, "iso27001-2022");

  // Each reference field as one request naming user `who`.
  struct Field {
    std::string name;
    std::function<Response(long long who)> send;
  };
  const std::vector<Field> fields = {
      {"owner_id",  // an action's owner
       [&](long long who) {
         return s.Post("/api/v1/actions", ciso, ActionBody("Referensåtgärd", sof, who));
       }},
      {"owner_id",  // a risk's owner
       [&](long long who) {
         return s.Post("/api/v1/risks", ciso,
                       RiskBody(analysis, "Referensrisk", 2, 2, {{"owner_id", who}}));
       }},
      {"handler_id",  // an incident's handler
       [&](long long who) {
         return PatchIncident(s, ciso, ciso, incident, {{"handler_id", who}});
       }},
      {"responsible_id",  // an SoA entry's responsible
       [&](long long who) {
         return s.Patch(SoaPath(kommun, fw, "/5.9"), ciso,
                        {{"responsible_id", who}, {"version", 0}});
       }},
  };
  long long foreign = s.UserId("ciso.energi");  // Norrvik Energi AB's CISO
  long long missing = 987654321;
  long long own = s.UserId("infoagare.sof");  // belongs to Socialförvaltningen
  for (size_t i = 0; i < fields.size(); ++i) {
    const Field& f = fields[i];
    SCOPED_TRACE(f.name + " #" + std::to_string(i));
    long long before = s.AuditTotal();
    Response to_foreign = f.send(foreign);
    Response to_missing = f.send(missing);
    EXPECT_EQ(to_foreign.status, 400) << to_foreign;
    EXPECT_EQ(to_foreign.Json()["error"]["field"], f.name) << to_foreign;
    EXPECT_EQ(to_foreign.Json()["error"], to_missing.Json()["error"])
        << "a foreign user and a missing one get the same answer";
    EXPECT_EQ(to_foreign.body.find("Nyström"), std::string::npos) << "the name is not told";
    EXPECT_EQ(s.AuditTotal(), before) << "nothing was written";
    Response to_own = f.send(own);
    EXPECT_LT(to_own.status, 300) << "a user of the organisation is taken: " << to_own;
  }
}

}  // namespace
}  // namespace lis_test::user_reference_test
