// `lis audit verify` over the database and over an exported file: ok with the right count and
// head after real writes; every kind of tampering through SQL or in the file is found and
// named by its sequence number.
#include <fstream>
#include <sstream>

#include "audit_support.h"
#include "store/audit_chain.h"

namespace lis_test::audit_verify_test {
namespace {

class AuditVerifyTest : public SharedServerTest<AuditVerifyTest> {
 protected:
  // A mix of writes and security events through the API.
  static void MakeSomeWrites(const std::string& tag) {
    LisServer& s = server();
    long long sof = s.OrgUnitId("Socialförvaltningen");
    long long unit = s.CreateOrgUnit("Kedja " + tag, sof)["id"];
    std::string unit_path = "/api/v1/org-units/" + Id(unit);
    EXPECT_EQ(s.Patch(unit_path, s.Admin(),
                      {{"name", "Kedja " + tag + " 2"}, {"version", 1}, {"comment", "Varför"}})
                  .status,
              200);
    EXPECT_EQ(s.Delete(unit_path, s.Admin()).status, 204);
    EXPECT_EQ(s.Post(unit_path + "/restore", s.Admin(), {{"version", 1}}).status, 200);
    long long user = s.CreateUser("kedja." + tag, sof)["id"];
    s.AddRole(user, "contact", sof);
    Response token = s.Post("/api/v1/tokens", s.Admin(), {{"name", "Kedja " + tag}});
    EXPECT_EQ(token.status, 201);
    EXPECT_EQ(s.Delete("/api/v1/tokens/" + Id(token.Json()["id"]), s.Admin()).status, 204);
    EXPECT_EQ(s.LoginAs("kedja." + tag, "not the password at all").status, 401);
    Session ciso = s.Login("ciso");
    EXPECT_EQ(
        s.Post("/api/v1/org-units", ciso, {{"name", "Nej"}, {"kind", "unit"}, {"parent_id", sof}})
            .status,
        403);
  }

  static void WriteLines(const std::string& path, const std::vector<std::string>& lines) {
    std::ofstream out(path, std::ios::trunc);
    for (const auto& line : lines) out << line << "\n";
  }
};

TEST_F(AuditVerifyTest, VerifyCountsEveryEventAndNamesTheHead) {
  LisServer& s = server();
  MakeSomeWrites("a");
  json newest = s.AuditPage("limit=1");
  VerifyOutcome v = ParseVerify(s.VerifyAudit());  // while the server runs
  EXPECT_VERIFY_OK(v, newest["total"].get<long long>());
  EXPECT_EQ(v.head, newest["items"][0]["hash"]) << "the head is the newest event's hash";
}

// The server is stopped; each case tampers with the events table through SQL, verify must
// fail naming the sequence number and the problem; then the table is put back from a copy.
TEST_F(AuditVerifyTest, TamperingThroughSqlIsFoundAndNamed) {
  LisServer& s = server();
  MakeSomeWrites("b");
  // Stopped first: a clean shutdown may still write events (the tallies of repeated failures).
  s.Stop();
  struct RestartAtEnd {
    LisServer& s;
    ~RestartAtEnd() {
      s.Sql("DROP TABLE IF EXISTS audit_backup");
      try {
        s.Restart();
      } catch (const std::exception& e) {
        ADD_FAILURE() << e.what();
      }
    }
  } restart{s};
  ASSERT_EQ(s.Sql("DROP TABLE IF EXISTS audit_backup; "
                  "CREATE TABLE audit_backup AS SELECT * FROM audit_events")
                .exit_code,
            0);
  VerifyOutcome clean = ParseVerify(s.VerifyAudit());
  EXPECT_VERIFY_OK(clean, -1);
  const long long total = clean.count;
  ASSERT_GE(total, 30);

  const long long k = total / 2;  // an event in the middle
  const std::string K = std::to_string(k);
  const std::string where = " WHERE seq = " + K;
  const std::string last = std::to_string(total);
  const std::string next = std::to_string(total + 1);
  struct Case {
    const char* what;
    std::string sql;
    long long seq;        // the sequence number verify must name
    std::string problem;  // empty: any of changed, missing, out of order
  };
  const std::vector<Case> cases = {
      {"actor renamed", "UPDATE audit_events SET actor = 'mallory'" + where, k, "changed"},
      {"actor id changed", "UPDATE audit_events SET actor_id = COALESCE(actor_id, 0) + 1" + where,
       k, "changed"},
      {"time moved", "UPDATE audit_events SET at = '2020-01-01T00:00:00.000000Z'" + where, k,
       "changed"},
      {"action changed", "UPDATE audit_events SET action = 'forged'" + where, k, "changed"},
      {"entity changed", "UPDATE audit_events SET entity = 'forged'" + where, k, "changed"},
      {"entity id changed",
       "UPDATE audit_events SET entity_id = COALESCE(entity_id, 0) + 1000" + where, k, "changed"},
      {"scope changed", "UPDATE audit_events SET scope_id = COALESCE(scope_id, 0) + 1000" + where,
       k, "changed"},
      {"address changed", "UPDATE audit_events SET address = '10.6.6.6'" + where, k, "changed"},
      {"before rewritten", "UPDATE audit_events SET before_json = '{\"name\":\"Forged\"}'" + where,
       k, "changed"},
      {"after rewritten", "UPDATE audit_events SET after_json = '{\"name\":\"Forged\"}'" + where, k,
       "changed"},
      {"comment added", "UPDATE audit_events SET comment = 'ingen fara'" + where, k, "changed"},
      {"stored hash replaced",
       "UPDATE audit_events SET hash = '" + std::string(64, 'a') + "'" + where, k, "changed"},
      {"link replaced",
       "UPDATE audit_events SET prev_hash = '" + std::string(64, 'b') + "'" + where, k, "changed"},
      {"the first event deleted", "DELETE FROM audit_events WHERE seq = 1", 1, "missing"},
      {"an event deleted", "DELETE FROM audit_events" + where, k, "missing"},
      {"two events deleted",
       "DELETE FROM audit_events WHERE seq IN (" + K + ", " + std::to_string(k + 1) + ")", k,
       "missing"},
      {"neighbours swapped",
       "UPDATE audit_events SET seq = -1" + where + "; UPDATE audit_events SET seq = " + K +
           " WHERE seq = " + std::to_string(k + 1) +
           "; UPDATE audit_events SET seq = " + std::to_string(k + 1) + " WHERE seq = -1",
       k, "out of order"},
      {"events three apart swapped",
       "UPDATE audit_events SET seq = -1" + where + "; UPDATE audit_events SET seq = " + K +
           " WHERE seq = " + std::to_string(k + 3) +
           "; UPDATE audit_events SET seq = " + std::to_string(k + 3) + " WHERE seq = -1",
       k, "out of order"},
      {"a forged event appended",
       "INSERT INTO audit_events (seq, at, actor, action, prev_hash, hash) VALUES (" + next +
           ", '2030-01-01T00:00:00.000000Z', 'mallory', 'update', (SELECT hash FROM audit_events "
           "WHERE seq = " +
           last + "), '" + std::string(64, 'c') + "')",
       total + 1, ""},
      {"an event copied to the end",
       "INSERT INTO audit_events SELECT " + next +
           ", at, actor_id, actor, address, action, entity, entity_id, scope_id, before_json, "
           "after_json, comment, prev_hash, hash FROM audit_events" +
           where,
       total + 1, ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    ASSERT_TRUE(TamperFromBackup(s, c.sql));
    VerifyOutcome v = ParseVerify(s.VerifyAudit());
    EXPECT_EQ(v.exit_code, 1) << v;
    EXPECT_FALSE(v.ok) << v;
    EXPECT_EQ(v.bad_seq, c.seq) << v;
    if (!c.problem.empty()) EXPECT_EQ(v.problem, c.problem) << v;
    if (c.problem.empty()) EXPECT_FALSE(v.problem.empty()) << v;
    EXPECT_EQ(v.count, c.seq - 1) << "events verified before the fault: " << v;
  }

  // Verification goes on after a fault: two changed events and a deleted one are each named,
  // in order, and nothing else is.
  {
    SCOPED_TRACE("three faults");
    const std::string a = std::to_string(k - 5), b = std::to_string(k + 5);
    ASSERT_TRUE(TamperFromBackup(s, "UPDATE audit_events SET actor = 'mallory' WHERE seq IN (" + a +
                                        ", " + b + "); DELETE FROM audit_events WHERE seq = " + K));
    VerifyOutcome v = ParseVerify(s.VerifyAudit());
    EXPECT_EQ(v.exit_code, 1) << v;
    EXPECT_EQ(v.fault_count, 3) << v;
    EXPECT_EQ(v.faults, (std::vector<std::pair<long long, std::string>>{
                            {k - 5, "changed"}, {k, "missing"}, {k + 5, "changed"}}))
        << v;
    EXPECT_EQ(v.count, k - 6) << v;
  }

  // Cutting off the newest event leaves a valid chain; what tells is the checkpoint lis serve
  // signed as it stopped (on SQLite its key and checkpoint file lie beside the database; on
  // PostgreSQL this server names none, and the head and count differ from those noted before).
  ASSERT_TRUE(TamperFromBackup(s, "DELETE FROM audit_events WHERE seq = " + last));
  VerifyOutcome cut = ParseVerify(s.VerifyAudit());
  if (s.postgres()) {
    EXPECT_VERIFY_OK(cut, total - 1);
    EXPECT_NE(cut.head, clean.head);
  } else {
    EXPECT_EQ(cut.exit_code, 1) << cut;
    EXPECT_EQ(cut.problem, "truncated") << cut;
    EXPECT_EQ(cut.bad_seq, total - 1) << cut;
  }

  // Put back, the chain verifies as before.
  ASSERT_TRUE(TamperFromBackup(s, ""));
  VerifyOutcome back = ParseVerify(s.VerifyAudit());
  EXPECT_VERIFY_OK(back, total);
  EXPECT_EQ(back.head, clean.head);
}

TEST_F(AuditVerifyTest, ExportedFileVerifiesWithoutTheDatabaseAndTamperedLinesFail) {
  LisServer& s = server();
  MakeSomeWrites("c");
  json newest = s.AuditPage("limit=1");
  long long total = newest["total"];
  std::string head = newest["items"][0]["hash"];
  std::string file = s.TempPath("audit.jsonl");

  CommandResult exported = RunLis({"audit", "export", "--database", s.database_url(), "--from",
                                   SwedishDate(-1), "--to", SwedishDate(1), "--out", file});
  ASSERT_EQ(exported.exit_code, 0) << exported;
  EXPECT_EQ(exported.output, "exported " + std::to_string(total) + " events to " + file + "\n");
  // The events, then the checkpoints of their stretch (lis serve signed one as it started).
  auto lines = ReadLines(file);
  while (!lines.empty() && lines.back().find("\"checkpoint\"") != std::string::npos)
    lines.pop_back();
  ASSERT_EQ(static_cast<long long>(lines.size()), total);
  for (size_t i = 0; i < lines.size(); ++i) {
    json e = json::parse(lines[i], nullptr, false);
    ASSERT_TRUE(e.is_object()) << lines[i];
    EXPECT_EQ(e["seq"], i + 1);
    for (const char* key : {"at", "actor", "action", "prev_hash", "hash"})
      EXPECT_TRUE(e.contains(key)) << key;
  }
  VerifyOutcome whole = ParseVerify(RunLis({"audit", "verify", "--file", file}));
  EXPECT_VERIFY_OK(whole, total);
  EXPECT_EQ(whole.head, head);

  // A slice from a given time on verifies on its own and ends at the same head. (The demo's
  // events share one instant: take an event in the middle of the later ones.)
  long long k = total / 2;
  while (k < total && json::parse(lines[k - 1])["at"] == json::parse(lines[k - 2])["at"]) ++k;
  ASSERT_LT(k, total);
  json kth = json::parse(lines[k - 1]);
  std::string slice = s.TempPath("slice.jsonl");
  CommandResult sliced =
      RunLis({"audit", "export", "--database", s.database_url(), "--from",
              kth["at"].get<std::string>(), "--to", SwedishDate(1), "--out", slice});
  ASSERT_EQ(sliced.exit_code, 0) << sliced;
  VerifyOutcome part = ParseVerify(RunLis({"audit", "verify", "--file", slice}));
  EXPECT_VERIFY_OK(part, total - k + 1);
  EXPECT_EQ(part.head, head);
  std::string empty = s.TempPath("empty.jsonl");
  ASSERT_EQ(RunLis({"audit", "export", "--database", s.database_url(), "--from", SwedishDate(2),
                    "--to", SwedishDate(3), "--out", empty})
                .exit_code,
            0);
  EXPECT_VERIFY_OK(ParseVerify(RunLis({"audit", "verify", "--file", empty})), 0);

  // Tampered copies of the file.
  auto with_field = [&](const std::string& key, const json& value) {
    auto copy = lines;
    json e = json::parse(copy[k - 1]);
    e[key] = value;
    copy[k - 1] = e.dump();
    return copy;
  };
  auto rehashed = [&] {  // the comment changed and the event's own hash computed anew
    auto copy = lines;
    auto e = lis::store::AuditEventFromJson(json::parse(copy[k - 1]));
    e->comment = "rättad i efterhand";
    e->hash = lis::store::AuditEventHash(*e);
    copy[k - 1] = lis::store::AuditEventToJson(*e).dump();
    return copy;
  };
  auto without = [&](long long seq) {
    auto copy = lines;
    copy.erase(copy.begin() + (seq - 1));
    return copy;
  };
  auto swapped = [&](long long a, long long b) {
    auto copy = lines;
    std::swap(copy[a - 1], copy[b - 1]);
    return copy;
  };
  auto replaced = [&](const std::string& text) {
    auto copy = lines;
    copy[k - 1] = text;
    return copy;
  };
  struct Case {
    const char* what;
    std::vector<std::string> lines;
    long long seq;  // 0: a line that is not an event, named by its line number
    std::string problem;
  };
  const std::vector<Case> cases = {
      {"actor changed", with_field("actor", "mallory"), k, "changed"},
      {"after changed", with_field("after", "{\"name\":\"Forged\"}"), k, "changed"},
      {"time changed", with_field("at", "2020-01-01T00:00:00.000000Z"), k, "changed"},
      {"hash changed", with_field("hash", std::string(64, 'd')), k, "changed"},
      {"sequence number changed", with_field("seq", k + 1000), k, "missing"},
      {"rewritten with a fresh hash", rehashed(), k + 1, "out of order"},
      {"a line deleted", without(k), k, "missing"},
      {"lines swapped", swapped(k, k + 1), k, "out of order"},
      {"not JSON", replaced("{\"seq\": " + std::to_string(k) + ", \"actor\": "), 0, "changed"},
      {"not an event", replaced("{\"seq\": " + std::to_string(k) + "}"), 0, "changed"},
  };
  std::string tampered = s.TempPath("tampered.jsonl");
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    WriteLines(tampered, c.lines);
    CommandResult r = RunLis({"audit", "verify", "--file", tampered});
    VerifyOutcome v = ParseVerify(r);
    EXPECT_EQ(v.exit_code, 1) << r;
    EXPECT_FALSE(v.ok) << r;
    EXPECT_EQ(v.problem, c.problem) << r;
    if (c.seq > 0) {
      EXPECT_EQ(v.bad_seq, c.seq) << r;
      EXPECT_EQ(v.count, c.seq - 1) << r;
    } else {
      EXPECT_NE(r.output.find("line " + std::to_string(k)), std::string::npos)
          << "names the line: " << r;
    }
  }
}

// An export "until further notice" (a far-future --to) holds every event, or is refused; it
// does not silently write an empty archive.
TEST_F(AuditVerifyTest, ExportToAFarFutureDateHoldsEveryEvent) {
  LisServer& s = server();
  long long total = s.AuditTotal();
  std::string file = s.TempPath("until-further-notice.jsonl");
  for (const char* to : {"2262-04-12", "2300-01-01", "9999-12-31"}) {
    CommandResult r = RunLis({"audit", "export", "--database", s.database_url(), "--from",
                              "2000-01-01", "--to", to, "--out", file});
    if (r.exit_code == 2) continue;  // refused as a usage error: acceptable
    EXPECT_EQ(r.exit_code, 0) << r;
    EXPECT_EQ(r.output, "exported " + std::to_string(total) + " events to " + file + "\n")
        << "--to " << to;
  }
}

}  // namespace
}  // namespace lis_test::audit_verify_test
