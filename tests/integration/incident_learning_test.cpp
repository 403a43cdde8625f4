// Learning from incidents (issue 6, items 4 and 5): the closing review and its actions, the
// statistics, the PDF summary and the list export, through the API on a real server. The
// incidents are written straight into the database (IncidentRows), so that their times —
// when reported, triaged and closed — are exactly what the statistics are checked against.
#include <chrono>
#include <map>

#include "asset_support.h"
#include "core/clock.h"
#include "core/table/table.h"

namespace lis_test::incident_learning_test {
namespace {

// One incident row; the times are stored UTC text as LIS writes it.
struct IncidentRow {
  long long org_unit_id = 0;
  long long reporter_id = 0;
  std::string title = "Incident";
  std::string created_at = "2026-03-10T08:00:00.000000Z";
  std::string triaged_at;  // empty: NULL
  std::string closed_at;
  std::string status = "new";
  std::string category;  // empty: NULL
  int severity = 0;      // 0: NULL
  bool personal_data = false;
  bool breach = false;
  std::string description = "Beskrivning";
  std::string breach_subjects, breach_records, breach_consequences, breach_measures;
};

std::string Quoted(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string OrNull(const std::string& text) {
  return text.empty() ? "NULL" : Quoted(text);
}

// The seconds from `from` to `to` as SQL, as the service keeps them; NULL without `to`.
std::string SecondsSince(const std::string& from, const std::string& to) {
  if (to.empty()) return "NULL";
  auto a = lis::ParseTime(from), b = lis::ParseTime(to);
  EXPECT_TRUE(a && b) << from << " " << to;
  if (!a || !b) return "NULL";
  return std::to_string(std::chrono::duration_cast<std::chrono::seconds>(*b - *a).count());
}

// Inserts the incident behind the server's back and answers its id.
long long InsertIncident(LisServer& s, const IncidentRow& r) {
  std::string sql =
      "INSERT INTO incidents (org_unit_id, system_id, title, description, occurred_at, "
      "discovered_at, awareness_at, personal_data, ongoing, reporter_id, reporter_contact, "
      "reported_via, status, severity, category, aspects, handler_id, personal_data_breach, "
      "significant, triaged_at, closed_at, triage_seconds, close_seconds, breach_subjects, "
      "breach_records, "
      "breach_consequences, breach_measures, version, created_at, updated_at, deleted_at) "
      "VALUES (" +
      std::to_string(r.org_unit_id) + ", NULL, " + Quoted(r.title) + ", " + Quoted(r.description) +
      ", " + Quoted(r.created_at) + ", " + Quoted(r.created_at) + ", " + Quoted(r.created_at) +
      ", " + (r.personal_data ? "1" : "0") + ", 0, " + std::to_string(r.reporter_id) +
      ", '', 'web', " + Quoted(r.status) + ", " +
      (r.severity ? std::to_string(r.severity) : "NULL") + ", " + OrNull(r.category) +
      ", 'KR', NULL, " + (r.breach ? "1" : "0") + ", 0, " + OrNull(r.triaged_at) + ", " +
      OrNull(r.closed_at) + ", " + SecondsSince(r.created_at, r.triaged_at) + ", " +
      SecondsSince(r.created_at, r.closed_at) + ", " + Quoted(r.breach_subjects) + ", " +
      Quoted(r.breach_records) + ", " + Quoted(r.breach_consequences) + ", " +
      Quoted(r.breach_measures) + ", 1, " + Quoted(r.created_at) + ", " + Quoted(r.created_at) +
      ", NULL) RETURNING id";
  CommandResult out = s.Sql(sql);
  EXPECT_EQ(out.exit_code, 0) << out;
  return std::stoll(out.output);
}

void MustSql(LisServer& s, const std::string& sql) {
  CommandResult out = s.Sql(sql);
  ASSERT_EQ(out.exit_code, 0) << out;
}

class IncidentLearningTest : public SharedServerTest<IncidentLearningTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!started()) return;
    LisServer& s = server();
    sof_ = s.OrgUnitId("Socialförvaltningen");
    reporter_ = s.UserId("medarbetare");
  }

  // A personal-data incident of Socialförvaltningen reported by the employee.
  long long NewSofIncident(const std::string& title) {
    IncidentRow row;
    row.org_unit_id = sof_;
    row.reporter_id = reporter_;
    row.title = title;
    row.personal_data = true;
    row.severity = 3;
    return InsertIncident(server(), row);
  }

  std::string ReviewPath(long long id) {
    return "/api/v1/incidents/" + std::to_string(id) + "/review";
  }

  long long sof_ = 0, reporter_ = 0;
};

// ---- The closing review ----

TEST_F(IncidentLearningTest, ReviewIsWrittenByHandlersOnlyAndReadByFullViewers) {
  LisServer& s = server();
  long long id = NewSofIncident("Felskickat brev");
  Session ciso = s.Login("ciso");
  json empty = Fetch(s, ciso, ReviewPath(id));
  EXPECT_EQ(empty["exists"], false);
  EXPECT_EQ(empty["version"], 0);
  EXPECT_EQ(empty["can_edit"], true);

  const json body = {{"cause", "Adressregistret var inaktuellt."},
                     {"what_worked", "Mottagaren hörde av sig samma dag."},
                     {"to_improve", "Kontrollera adresser före utskick."}};
  struct Case {
    const char* user;
    int status;
  };
  const Case refused[] = {
      {"dso", 403},            // the DPO sees personal-data incidents in full, handles none
      {"sakerhetschef", 403},  // reads every incident, handles none
      {"medarbetare", 404},    // the reporter sees only its summary
      {"kontakt.sof", 404},    // statistics only
      {"ciso.energi", 404},    // another organisation
  };
  for (const auto& c : refused) {
    Response r = s.Send("PUT", ReviewPath(id), s.Login(c.user), body);
    EXPECT_EQ(r.status, c.status) << c.user << ": " << r;
  }
  EXPECT_EQ(Fetch(s, ciso, ReviewPath(id))["exists"], false) << "a refused write wrote nothing";

  Response made = s.Send("PUT", ReviewPath(id), ciso, body);
  ASSERT_EQ(made.status, 200) << made;
  EXPECT_EQ(made.Json()["version"], 1);
  EXPECT_EQ(made.Json()["reviewed_by_name"], "Johan Bergström");

  Response dpo = s.Get(ReviewPath(id), s.Login("dso"));
  ASSERT_EQ(dpo.status, 200) << dpo;
  EXPECT_EQ(dpo.Json()["cause"], "Adressregistret var inaktuellt.");
  EXPECT_EQ(dpo.Json()["can_edit"], false);
  EXPECT_EQ(s.Get(ReviewPath(id), s.Login("medarbetare")).status, 404);
  EXPECT_EQ(s.Get(ReviewPath(id), s.Login("ks.ordforande")).status, 404);

  // Updates name the version they read.
  Response missing = s.Send("PUT", ReviewPath(id), ciso, {{"cause", "Ny orsak."}});
  EXPECT_EQ(missing.status, 400) << missing;
  Response updated =
      s.Send("PUT", ReviewPath(id), s.Login("itsak"), {{"cause", "Ny orsak."}, {"version", 1}});
  ASSERT_EQ(updated.status, 200) << updated;
  EXPECT_EQ(updated.Json()["version"], 2);
  EXPECT_EQ(updated.Json()["to_improve"], "Kontrollera adresser före utskick.");
  Response stale = s.Send("PUT", ReviewPath(id), ciso, {{"cause", "Annan orsak."}, {"version", 1}});
  EXPECT_EQ(stale.status, 409) << stale;
  EXPECT_EQ(Fetch(s, ciso, ReviewPath(id))["cause"], "Ny orsak.");
}

TEST_F(IncidentLearningTest, ReviewRefusesTextThatNamesAUser) {
  LisServer& s = server();
  long long id = NewSofIncident("Nätfiske");
  Session ciso = s.Login("ciso");
  struct Case {
    const char* field;
    const char* text;
  };
  const Case blaming[] = {
      {"cause", "Fatima Ali klickade på länken i mejlet."},
      {"cause", "Det var FATIMA ALI som klickade."},
      {"what_worked", "Elin Sjöberg spärrade kontot snabbt."},  // praise names a person too
      {"to_improve", "ciso.energi borde ha informerats."},      // a username like an identifier
      {"to_improve", "Samtal med maria nyström om rutinen."},
  };
  for (const auto& c : blaming) {
    json body = {{"cause", "Okänd orsak."}};
    body[c.field] = c.text;
    Response r = s.Send("PUT", ReviewPath(id), ciso, body);
    ASSERT_EQ(r.status, 400) << c.text << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.text;
  }
  EXPECT_EQ(Fetch(s, ciso, ReviewPath(id))["exists"], false);

  // Words that are only usernames of the demo ("teknisk", "ciso") are ordinary writing.
  Response ok =
      s.Send("PUT", ReviewPath(id), ciso,
             {{"cause", "Teknisk orsak: filtret släppte igenom länken."},
              {"what_worked", "Rutinen att ringa CISO fungerade."},
              {"to_improve", "Skärp filtret; öva medarbetare i att känna igen nätfiske."}});
  EXPECT_EQ(ok.status, 200) << ok;
}

// ---- Actions with origin incident ----

TEST_F(IncidentLearningTest, ReviewBecomesActionsWithOriginIncident) {
  LisServer& s = server();
  long long id = NewSofIncident("Stulen dator");
  Session ciso = s.Login("ciso");
  std::string make = ReviewPath(id) + "/actions";
  Response early = s.Post(make, ciso, json::object());
  EXPECT_EQ(early.status, 400) << "nothing to improve yet: " << early;
  ASSERT_EQ(s.Send("PUT", ReviewPath(id), ciso,
                   {{"cause", "Datorn saknade diskkryptering."},
                    {"to_improve", "Kryptera alla bärbara datorer."}})
                .status,
            200);
  EXPECT_EQ(s.Post(make, s.Login("dso"), json::object()).status, 403);
  EXPECT_EQ(s.Post(make, s.Login("kontakt.sof"), json::object()).status, 404);

  Response made = s.Post(make, ciso, json::object());
  ASSERT_EQ(made.status, 201) << made;
  json action = made.Json();
  EXPECT_EQ(action["origin"], "incident");
  EXPECT_EQ(action["origin_id"], id);
  EXPECT_EQ(action["description"], "Kryptera alla bärbara datorer.");
  EXPECT_EQ(action["priority"], "high");  // severity 3
  EXPECT_EQ(action["org_unit_id"], sof_);
  EXPECT_EQ(action["origin_url"], "/incidents/" + std::to_string(id));
  EXPECT_EQ(action["origin_label"], "Incident " + std::to_string(id));

  json listed = Fetch(s, ciso, "/api/v1/actions?origin=incident&origin_id=" + std::to_string(id));
  ASSERT_EQ(listed["total"], 1);
  EXPECT_EQ(listed["items"][0]["id"], action["id"]);

  // The contact person writes actions in its unit but does not see the incident.
  json manual = {{"title", "Åtgärd"},   {"owner_id", s.UserId("kontakt.sof")},
                 {"org_unit_id", sof_}, {"due_date", "2027-01-31"},
                 {"priority", "low"},   {"origin", "incident"},
                 {"origin_id", id}};
  Response hidden = s.Post("/api/v1/actions", s.Login("kontakt.sof"), manual);
  EXPECT_EQ(hidden.status, 400) << hidden;
  EXPECT_EQ(hidden.Json()["error"]["field"], "origin_id");
  manual["owner_id"] = s.UserId("ciso");
  manual["origin_id"] = 999999;
  Response unknown = s.Post("/api/v1/actions", ciso, manual);
  EXPECT_EQ(unknown.Json()["error"]["field"], "origin_id") << unknown;
  manual["origin"] = "deviation";
  manual["origin_id"] = 999999;
  Response deviation = s.Post("/api/v1/actions", ciso, manual);
  EXPECT_EQ(deviation.status, 400) << deviation;
  EXPECT_EQ(deviation.Json()["error"]["field"], "origin_id");
}

// ---- Statistics ----

class IncidentStatisticsTest : public SharedServerTest<IncidentStatisticsTest> {
 protected:
  Session LoginCreated(const std::string& username) {
    Session session;
    Response r = server().LoginAs(username, LisServer::kTestPassword, &session);
    EXPECT_EQ(r.status, 200) << username << ": " << r;
    return session;
  }
};

TEST_F(IncidentStatisticsTest, CountsWhatWasCreatedInTheCallersScope) {
  LisServer& s = server();
  long long org = s.CreateOrgUnit("Statistikkommunen", s.OrgUnitId("Norrviks kommunkoncern"),
                                  "municipality")["id"];
  long long a = s.CreateOrgUnit("Enhet A", org)["id"];
  long long b = s.CreateOrgUnit("Enhet B", org)["id"];
  json ciso = s.CreateUser("stat.ciso", org);
  s.AddRole(ciso["id"], "ciso", org);
  json contact = s.CreateUser("stat.kontakt", a);
  s.AddRole(contact["id"], "contact", a);
  json employee = s.CreateUser("stat.medarbetare", a);
  s.AddRole(employee["id"], "employee", a);
  long long reporter = employee["id"];

  auto row = [&](long long unit, const std::string& created) {
    IncidentRow r;
    r.org_unit_id = unit;
    r.reporter_id = reporter;
    r.created_at = created;
    return r;
  };
  // 23:30 UTC on 31 January is 00:30 on 1 February in Sweden: a February incident.
  IncidentRow feb = row(a, "2026-01-31T23:30:00.000000Z");
  feb.category = "phishing";
  feb.severity = 2;
  feb.status = "closed";
  feb.triaged_at = "2026-02-01T01:30:00.000000Z";           // 2 h
  feb.closed_at = "2026-02-01T09:30:00.000000Z";            // 10 h
  IncidentRow jan = row(a, "2026-01-31T22:30:00.000000Z");  // 23:30 in Sweden: January
  jan.category = "phishing";
  jan.severity = 2;
  jan.triaged_at = "2026-02-01T02:30:00.000000Z";  // 4 h
  IncidentRow mar = row(b, "2026-03-15T10:00:00.000000Z");
  mar.category = "malware";
  mar.severity = 4;
  mar.status = "closed";
  mar.triaged_at = "2026-03-15T19:00:00.000000Z";           // 9 h
  mar.closed_at = "2026-03-16T16:00:00.000000Z";            // 30 h
  IncidentRow apr = row(b, "2026-04-02T10:00:00.000000Z");  // new, nothing set
  IncidentRow outside = row(a, "2026-07-01T10:00:00.000000Z");
  for (const auto& r : {feb, jan, mar, apr, outside}) InsertIncident(s, r);
  IncidentRow deleted = row(a, "2026-03-01T10:00:00.000000Z");
  MustSql(s, "UPDATE incidents SET deleted_at = '2026-03-02T00:00:00.000000Z' WHERE id = " +
                 std::to_string(InsertIncident(s, deleted)));

  const std::string period = "/api/v1/incident-statistics?from=2026-01-01&to=2026-06-30";
  Session stat_ciso = LoginCreated("stat.ciso");
  json st = Fetch(s, stat_ciso, period);
  EXPECT_EQ(st["total"], 4);
  std::map<std::string, long long> months;
  for (const auto& m : st["by_month"]) months[m["month"]] = m["count"];
  EXPECT_EQ(months, (std::map<std::string, long long>{{"2026-01", 1},
                                                      {"2026-02", 1},
                                                      {"2026-03", 1},
                                                      {"2026-04", 1},
                                                      {"2026-05", 0},
                                                      {"2026-06", 0}}));
  std::map<std::string, long long> categories;
  for (const auto& c : st["by_category"])
    categories[c["category"].is_null() ? "-" : c["category"].get<std::string>()] = c["count"];
  EXPECT_EQ(categories,
            (std::map<std::string, long long>{{"-", 1}, {"malware", 1}, {"phishing", 2}}));
  std::map<long long, long long> severities;
  for (const auto& c : st["by_severity"])
    severities[c["severity"].is_null() ? 0 : c["severity"].get<long long>()] = c["count"];
  EXPECT_EQ(severities, (std::map<long long, long long>{{0, 1}, {2, 2}, {4, 1}}));
  std::map<std::string, long long> units;
  for (const auto& u : st["by_unit"]) units[u["org_unit"]] = u["count"];
  EXPECT_EQ(units, (std::map<std::string, long long>{{"Enhet A", 2}, {"Enhet B", 2}}));
  EXPECT_EQ(st["time_to_triage"], (json{{"count", 3}, {"median_hours", 4.0}, {"mean_hours", 5.0}}));
  EXPECT_EQ(st["time_to_close"],
            (json{{"count", 2}, {"median_hours", 20.0}, {"mean_hours", 20.0}}));

  json march = Fetch(s, stat_ciso, "/api/v1/incident-statistics?from=2026-03-01&to=2026-03-31");
  EXPECT_EQ(march["by_month"], (json::array({{{"month", "2026-03"}, {"count", 1}}})));
  EXPECT_EQ(march["time_to_close"]["median_hours"], 30.0);
  json one = Fetch(s, stat_ciso, period + "&org_unit_id=" + std::to_string(b));
  EXPECT_EQ(one["total"], 2);
  EXPECT_EQ(Fetch(s, LoginCreated("stat.kontakt"), period)["total"], 2) << "unit A only";

  // Outside the scope: nothing counted, and the unit itself is not found.
  Session energi = s.Login("ciso.energi");
  EXPECT_EQ(Fetch(s, energi, period)["total"], 0);
  EXPECT_EQ(s.Get(period + "&org_unit_id=" + std::to_string(org), energi).status, 404);
  EXPECT_EQ(s.Get(period, LoginCreated("stat.medarbetare")).status, 403);

  struct Bad {
    const char* query;
    const char* field;
  };
  const Bad bad[] = {{"from=2026-13-01", "from"},
                     {"to=31-01-2026", "to"},
                     {"from=2026-05-01&to=2026-04-30", "from"},
                     {"from=2020-01-01&to=2026-01-31", "from"},
                     {"org_unit_id=abc", "org_unit_id"}};
  for (const auto& c : bad) {
    Response r = s.Get(std::string("/api/v1/incident-statistics?") + c.query, stat_ciso);
    EXPECT_EQ(r.status, 400) << c.query << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.query;
  }

  Response page = s.Get("/incidents/statistics?from=2026-01-01&to=2026-06-30", stat_ciso);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("<svg"), std::string::npos);
  EXPECT_NE(page.body.find("2026-01: 1 incidenter"), std::string::npos);
  EXPECT_EQ(s.Get("/incidents/statistics", LoginCreated("stat.medarbetare")).status, 403);
}

// ---- The PDF summary ----

TEST_F(IncidentLearningTest, SummaryPdfHoldsWhatImyAsksForAndOnlyFullViewersGetIt) {
  LisServer& s = server();
  IncidentRow row;
  row.org_unit_id = sof_;
  row.reporter_id = reporter_;
  row.title = "Journalutdrag skickat till fel mottagare";
  row.personal_data = true;
  row.breach = true;
  row.created_at = "2026-03-28T23:30:00.000000Z";
  row.breach_subjects = "Brukare inom hemtjänsten, omkring 40 personer";
  row.breach_records = "Omkring 120 journalanteckningar";
  row.breach_consequences = "Röjande av uppgifter om hälsa";
  row.breach_measures = "Mottagaren har raderat utdraget";
  long long id = InsertIncident(s, row);
  MustSql(s,
          "UPDATE incidents SET breach_subjects_informed = 'Brev till de berörda den 3 april' "
          "WHERE id = " +
              std::to_string(id));
  long long ciso_id = s.UserId("ciso");
  std::string rec = ", version, created_at, updated_at, deleted_at) VALUES (" + std::to_string(id) +
                    ", " + std::to_string(sof_) + ", ";
  MustSql(
      s,
      "INSERT INTO incident_reports (incident_id, org_unit_id, kind, outcome, made_at, "
      "reference, recipient, reason, late_reason, decided_by" +
          rec +
          "'gdpr_art33', 'notified', '2026-04-02T08:00:00.000000Z', 'IMY-2026-77', "
          "'Integritetsskyddsmyndigheten (IMY)', '', 'Omfattningen var okänd till den 1 april', " +
          std::to_string(ciso_id) +
          ", 1, '2026-04-02T08:00:00.000000Z', '2026-04-02T08:00:00.000000Z', NULL)");
  MustSql(s,
          "INSERT INTO incident_timeline (incident_id, org_unit_id, kind, body, happened_at, "
          "author_id, author_name" +
              rec +
              "'contact', 'Mottagaren kontaktad per telefon', '2026-03-29T07:00:00.000000Z', " +
              std::to_string(ciso_id) +
              ", 'Johan Bergström', 1, '2026-03-29T07:00:00.000000Z', "
              "'2026-03-29T07:00:00.000000Z', NULL)");

  const std::string path = "/api/v1/incidents/" + std::to_string(id) + "/summary.pdf";
  Response pdf = s.Get(path, s.Login("dso"));
  ASSERT_EQ(pdf.status, 200) << pdf;
  EXPECT_EQ(pdf.Header("Content-Type"), "application/pdf");
  EXPECT_NE(pdf.Header("Content-Disposition").find("attachment"), std::string::npos);
  // pdftotext breaks lines where the PDF wraps them: compare with white space collapsed.
  std::string text;
  for (char c : PdfText(s, pdf.body)) {
    bool space = c == '\n' || c == ' ';
    if (!space)
      text += c;
    else if (!text.empty() && text.back() != ' ')
      text += ' ';
  }
  for (const char* expected :
       {"Journalutdrag skickat till fel mottagare", "Norrviks kommun", "212000-2262",
        "Karin Lund",        // the DPO of the municipality
        "2026-03-29 00:30",  // occurred, in Swedish time
        "Brukare inom hemtjänsten", "Omkring 120 journalanteckningar",
        "Röjande av uppgifter om hälsa", "Mottagaren har raderat utdraget",
        "Brev till de berörda den 3 april",         // art. 34
        "Omfattningen var okänd till den 1 april",  // the reason for the delay
        "IMY-2026-77", "Mottagaren kontaktad per telefon"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text;

  for (const char* user : {"medarbetare", "kontakt.sof", "ks.ordforande", "ciso.energi"})
    EXPECT_EQ(s.Get(path, s.Login(user)).status, 404) << user;
}

// ---- The list export ----

TEST_F(IncidentLearningTest, ListExportReadsBackWithTheListFiltersForFullViewersOnly) {
  LisServer& s = server();
  IncidentRow breach;
  breach.org_unit_id = sof_;
  breach.reporter_id = reporter_;
  breach.title = "Exporttest: förlorat USB-minne";
  breach.created_at = "2026-03-28T23:30:00.000000Z";  // 00:30 on 29 March in Sweden
  breach.personal_data = true;
  breach.breach = true;
  breach.severity = 2;
  breach.category = "phishing";
  breach.status = "investigating";
  long long breach_id = InsertIncident(s, breach);
  IncidentRow plain = breach;
  plain.title = "Exporttest: =1+1 skadlig kod";  // a formula-like title stays text
  plain.breach = false;
  plain.personal_data = false;
  long long plain_id = InsertIncident(s, plain);
  IncidentRow other = breach;
  other.org_unit_id = s.OrgUnitId("Kommunstyrelseförvaltningen");
  other.title = "Exporttest: annan förvaltning";
  InsertIncident(s, other);

  const std::string path =
      "/api/v1/incidents/export?q=Exporttest&org_unit_id=" + std::to_string(sof_) + "&sort=title";
  Session ciso = s.Login("ciso");
  Response x = s.Get(path, ciso);
  ASSERT_EQ(x.status, 200) << x;
  EXPECT_EQ(x.Header("Content-Type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  auto table = lis::tables::ReadXlsx(x.body);
  ASSERT_TRUE(table.ok()) << table.error().message_key;
  ASSERT_EQ(table->header.size(), 13u);
  EXPECT_EQ(table->header[0], "Nummer");
  EXPECT_EQ(table->header[12], "Tidsfrister");
  ASSERT_EQ(table->rows.size(), 2u) << "the other unit is filtered out";
  const auto& first = table->rows[0].cells;  // "=1+1 …" sorts before "förlorat …"
  const auto& second = table->rows[1].cells;
  EXPECT_EQ(first[0], std::to_string(plain_id));
  EXPECT_EQ(first[1], "Exporttest: =1+1 skadlig kod");
  EXPECT_EQ(second[0], std::to_string(breach_id));
  EXPECT_EQ(second[2], "Socialförvaltningen");
  EXPECT_EQ(second[3], "Utreds");
  EXPECT_EQ(second[4], "2");
  EXPECT_EQ(second[6], "K, R");
  EXPECT_EQ(second[7], "2026-03-29 00:30");
  EXPECT_EQ(second[9], "Ja");
  EXPECT_EQ(second[10], "Nej");
  EXPECT_NE(second[12].find("Anmälan till IMY (GDPR art. 33): Försenad"), std::string::npos)
      << second[12];
  EXPECT_TRUE(first.size() < 13 || first[12].empty()) << "no clock without a breach";

  // Those who do not see the incidents in full get none of them.
  for (const char* user : {"medarbetare", "kontakt.sof", "ciso.energi"}) {
    Response csv = s.Get(path + "&format=csv", s.Login(user));
    ASSERT_EQ(csv.status, 200) << user << ": " << csv;
    EXPECT_EQ(csv.body.find("Exporttest"), std::string::npos) << user;
  }
  EXPECT_EQ(s.Get(path + "&format=pdf", ciso).status, 400);
  EXPECT_EQ(s.Get("/api/v1/incidents/export?severity=9", ciso).status, 400);
}

// ---- Pages ----

TEST_F(IncidentLearningTest, ReviewPageShowsTheFormToHandlersAndKeepsInputOnError) {
  LisServer& s = server();
  long long id = NewSofIncident("Obehörig inloggning");
  const std::string page = "/incidents/" + std::to_string(id) + "/review";
  Session ciso = s.Login("ciso");
  Response shown = s.Get(page, ciso);
  ASSERT_EQ(shown.status, 200) << shown;
  EXPECT_NE(shown.body.find("id=\"review-form\""), std::string::npos);
  Response read_only = s.Get(page, s.Login("dso"));
  ASSERT_EQ(read_only.status, 200);
  EXPECT_EQ(read_only.body.find("id=\"review-form\""), std::string::npos);
  EXPECT_EQ(s.Get(page, s.Login("medarbetare")).status, 404);
}

}  // namespace
}  // namespace lis_test::incident_learning_test
