// The deviations table as the migrations make it, on both databases: a deviation closes only
// with an effective verdict and is rejected only with a reason, even for a write that goes
// around the service (the service and its API come with issue 28 step a).
#include "asset_support.h"

namespace lis_test::deviation_store_test {
namespace {

class DeviationStoreTest : public SharedServerTest<DeviationStoreTest> {};

TEST_F(DeviationStoreTest, TheDatabaseRefusesAClosedDeviationWithoutAnEffectiveVerdict) {
  LisServer& s = server();
  std::string unit = Id(s.OrgUnitId("Socialförvaltningen"));
  auto insert = [&](const std::string& title, const std::string& status,
                    const std::string& extra_columns = "", const std::string& extra_values = "") {
    return s.Sql(
        "INSERT INTO deviations (title, description, org_unit_id, detected_on, source, severity, "
        "status, version, created_at, updated_at" +
        extra_columns + ") VALUES ('" + title + "', '', " + unit +
        ", '2026-12-01', 'audit', 'low', '" + status +
        "', 1, '2026-12-01T08:00:00.000000Z', '2026-12-01T08:00:00.000000Z'" + extra_values + ")");
  };
  EXPECT_EQ(insert("Rapporterad", "reported").exit_code, 0);
  const struct {
    const char* what;
    std::string status, columns, values;
    bool accepted;
  } cases[] = {
      {"closed without a verdict", "closed", "", "", false},
      {"closed on not effective", "closed", ", verdict_effective", ", 0", false},
      {"closed on effective", "closed", ", verdict_effective", ", 1", true},
      {"rejected without a reason", "rejected", "", "", false},
      {"rejected with a reason", "rejected", ", rejection_reason", ", 'Ingen avvikelse'", true},
  };
  for (const auto& c : cases) {
    CommandResult r = insert(c.what, c.status, c.columns, c.values);
    EXPECT_EQ(r.exit_code == 0, c.accepted) << c.what << ": " << r;
  }
  CommandResult update =
      s.Sql("UPDATE deviations SET status = 'closed' WHERE title = 'Rapporterad'");
  EXPECT_NE(update.exit_code, 0) << "an update is held to the same rule: " << update;
}

}  // namespace
}  // namespace lis_test::deviation_store_test
