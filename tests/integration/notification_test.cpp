// The bell (issue 6, item 6) over the real binary: who is notified of a new incident, the
// clock notifications at 50 % and 90 % written once by `lis notifications sweep` however often
// it runs, marking read, another user's notification as 404, and the count in the page header.
#include <algorithm>
#include <chrono>
#include <thread>

#include "incident_support.h"

namespace lis_test::notification_test {
namespace {

class NotificationTest : public SharedServerTest<NotificationTest> {
 protected:
  // An incident reported by `reporter` at Socialförvaltningen, discovered `discovered_hours`
  // ago; returns its record.
  json Report(const std::string& reporter, const std::string& title, int discovered_hours = 2) {
    long long unit = server().OrgUnitId("Socialförvaltningen");
    return ReportIncident(server(), server().Login(reporter),
                          ReportBody(title, unit,
                                     {{"occurred_at", HoursAgo(discovered_hours + 30)},
                                      {"discovered_at", HoursAgo(discovered_hours)},
                                      {"personal_data", true}}));
  }

  void Patch(const std::string& who, const json& incident, const json& changes) {
    Session session = server().Login(who);
    Response r = PatchIncident(server(), session, session, incident["id"], changes);
    ASSERT_EQ(r.status, 200) << r;
  }

  // The notifications of `username` about incident `id`.
  std::vector<json> NotesAbout(const std::string& username, long long id) {
    Response r = server().Get("/api/v1/notifications?limit=500", server().Login(username));
    EXPECT_EQ(r.status, 200) << r;
    std::vector<json> out;
    const json body = r.Json();
    for (const auto& n : body["items"])
      if (n["entity"] == "incident" && n["entity_id"] == id) out.push_back(n);
    return out;
  }

  long long UnreadCount(const Session& who) {
    Response r = server().Get("/api/v1/notifications/unread-count", who);
    EXPECT_EQ(r.status, 200) << r;
    return r.Json().value("unread", -1LL);
  }

  void Sweep() {
    CommandResult r = RunLis({"notifications", "sweep", "--database", server().database_url()});
    ASSERT_EQ(r.exit_code, 0) << r;
  }
};

TEST_F(NotificationTest, NewIncidentNotifiesTheHandlersOfItsUnitOnly) {
  json incident = Report("medarbetare", "Borttappat USB-minne");
  long long id = incident["id"];
  struct Row {
    const char* who;
    size_t expected;
  };
  const Row rows[] = {
      {"ciso", 1},           // CISO of Norrviks kommun: handles Socialförvaltningen
      {"itsak", 1},          // IT security of Norrviks kommun
      {"ciso.energi", 0},    // CISO of another organisation
      {"medarbetare", 0},    // the reporter, an employee
      {"dso", 0},            // the DPO reads, does not handle
      {"sakerhetschef", 0},  // the security chief reads, does not handle
      {"kontakt.sof", 0},    // the unit's contact person
      {"admin", 0},
  };
  for (const auto& row : rows) {
    auto notes = NotesAbout(row.who, id);
    ASSERT_EQ(notes.size(), row.expected) << row.who;
    if (row.expected == 0) continue;
    EXPECT_EQ(notes[0]["text"], "Ny incident: Borttappat USB-minne") << row.who;
    EXPECT_EQ(notes[0]["link"], "/incidents/" + std::to_string(id)) << row.who;
    EXPECT_EQ(notes[0]["kind"], "incident_new") << row.who;
    EXPECT_TRUE(notes[0]["read_at"].is_null()) << row.who;
  }
}

TEST_F(NotificationTest, TheReporterIsNotNotifiedOfItsOwnReport) {
  json incident = Report("ciso", "Nätverksstörning");
  EXPECT_EQ(NotesAbout("ciso", incident["id"]).size(), 0u);
  EXPECT_EQ(NotesAbout("itsak", incident["id"]).size(), 1u);
}

TEST_F(NotificationTest, TheTextIsInTheReadersLanguage) {
  json incident = Report("medarbetare", "Phishing");
  Response r = server().Get("/api/v1/notifications?limit=500&lang=en", server().Login("itsak"));
  ASSERT_EQ(r.status, 200) << r;
  bool found = false;
  const json body = r.Json();
  for (const auto& n : body["items"])
    if (n["entity_id"] == incident["id"]) {
      EXPECT_EQ(n["text"], "New incident: Phishing");
      found = true;
    }
  EXPECT_TRUE(found);
}

TEST_F(NotificationTest, MarkingReadIsForTheOwnerOnly) {
  json incident = Report("medarbetare", "Stulen dator");
  auto notes = NotesAbout("itsak", incident["id"]);
  ASSERT_EQ(notes.size(), 1u);
  const std::string path =
      "/api/v1/notifications/" + std::to_string(notes[0]["id"].get<long long>());
  for (const char* other : {"ciso", "ciso.energi", "medarbetare", "admin"})
    EXPECT_EQ(server().Post(path + "/read", server().Login(other), nullptr).status, 404) << other;
  EXPECT_EQ(server()
                .Post("/api/v1/notifications/999999999/read", server().Login("itsak"), nullptr)
                .status,
            404);

  Session itsak = server().Login("itsak");
  long long before = UnreadCount(itsak);
  ASSERT_GE(before, 1);
  Response marked = server().Post(path + "/read", itsak, nullptr);
  ASSERT_EQ(marked.status, 200) << marked;
  EXPECT_FALSE(marked.Json()["read_at"].is_null());
  EXPECT_EQ(UnreadCount(itsak), before - 1);
  // Marking again changes nothing.
  Response again = server().Post(path + "/read", itsak, nullptr);
  EXPECT_EQ(again.status, 200) << again;
  EXPECT_EQ(again.Json()["version"], marked.Json()["version"]);
  EXPECT_EQ(UnreadCount(itsak), before - 1);
  // The CISO's own notification about the same incident is still unread.
  auto cisos = NotesAbout("ciso", incident["id"]);
  ASSERT_EQ(cisos.size(), 1u);
  EXPECT_TRUE(cisos[0]["read_at"].is_null());

  Response all = server().Post("/api/v1/notifications/read-all", itsak, nullptr);
  ASSERT_EQ(all.status, 200) << all;
  EXPECT_EQ(all.Json()["marked"], before - 1);
  EXPECT_EQ(UnreadCount(itsak), 0);
  Response unread = server().Get("/api/v1/notifications?unread=true", itsak);
  ASSERT_EQ(unread.status, 200) << unread;
  EXPECT_EQ(unread.Json()["total"], 0);
  EXPECT_EQ(server().Get("/api/v1/notifications?unread=maybe", itsak).status, 400);
  EXPECT_EQ(server().Get("/api/v1/notifications").status, 401);
}

TEST_F(NotificationTest, ClockNotificationsAtHalfAndNinetyPercentOncePerRecipient) {
  json incident = Report("medarbetare", "Personuppgifter skickade fel", 70);
  long long id = incident["id"];
  // A personal data breach: 72 hours from awareness. 40 hours ago is 56 % of the period.
  Patch("ciso", incident,
        {{"personal_data_breach", true},
         {"awareness_at", HoursAgo(40)},
         {"handler_id", server().UserId("itsak")}});
  auto clock_notes = [&](const std::string& who) {
    std::vector<std::string> texts;
    for (const auto& n : NotesAbout(who, id))
      if (n["kind"] == "clock_threshold") texts.push_back(n["text"]);
    return texts;
  };
  Sweep();
  Sweep();
  for (const char* who : {"ciso", "itsak"}) {
    auto texts = clock_notes(who);
    ASSERT_EQ(texts.size(), 1u) << who;
    EXPECT_EQ(texts[0].rfind("50 % av tiden för anmälan till IMY har gått: Personuppgifter", 0), 0u)
        << texts[0];
  }
  // Awareness 66 hours ago: 92 % has passed.
  Patch("ciso", incident, {{"awareness_at", HoursAgo(66)}});
  Sweep();
  Sweep();
  for (const char* who : {"ciso", "itsak"}) {
    auto texts = clock_notes(who);
    ASSERT_EQ(texts.size(), 2u) << who;
    EXPECT_EQ(std::count_if(texts.begin(), texts.end(),
                            [](const std::string& t) { return t.rfind("90 % ", 0) == 0; }),
              1)
        << who;
  }
  for (const char* who : {"ciso.energi", "dso", "medarbetare", "sakerhetschef"})
    EXPECT_EQ(clock_notes(who).size(), 0u) << who;
}

TEST_F(NotificationTest, TheHeaderCountsUnreadAndFollowingMarksRead) {
  json incident = Report("medarbetare", "Obehörig inloggning");
  Session ciso = server().Login("ciso");
  long long unread = UnreadCount(ciso);
  ASSERT_GE(unread, 1);
  Response home = server().Get("/", ciso);
  ASSERT_EQ(home.status, 200) << home;
  EXPECT_NE(home.body.find("Notiser <span class=\"bell-count\">(" + std::to_string(unread) +
                           " olästa)</span>"),
            std::string::npos);
  Response page = server().Get("/notifications", ciso);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("Ny incident: Obehörig inloggning"), std::string::npos);

  auto notes = NotesAbout("ciso", incident["id"]);
  ASSERT_EQ(notes.size(), 1u);
  const std::string open =
      "/notifications/" + std::to_string(notes[0]["id"].get<long long>()) + "/open";
  Response other = server().SendRaw("POST", open, server().Login("itsak"), "",
                                    "application/x-www-form-urlencoded");
  EXPECT_EQ(other.status, 404) << other;
  Response followed = server().SendRaw("POST", open, ciso, "", "application/x-www-form-urlencoded");
  ASSERT_EQ(followed.status, 303) << followed;
  EXPECT_EQ(followed.Header("Location"),
            "/incidents/" + std::to_string(incident["id"].get<long long>()));
  EXPECT_EQ(UnreadCount(ciso), unread - 1);
  // Without the CSRF token a page form is refused.
  Session no_csrf = ciso;
  no_csrf.csrf.clear();
  EXPECT_EQ(server()
                .SendRaw("POST", "/notifications/read-all", no_csrf, "",
                         "application/x-www-form-urlencoded")
                .status,
            403);
}

// A notification's audit event carries the incident's title in `args`: the log shows it only
// to those who read incidents there, not to the platform administrator.
TEST_F(NotificationTest, TheAuditLogHidesTheIncidentTitleOfANotification) {
  json incident = Report("medarbetare", "Hemlig notis");
  auto notes = NotesAbout("itsak", incident["id"]);
  ASSERT_EQ(notes.size(), 1u);
  const std::string path =
      "/api/v1/audit?entity=notification&id=" + std::to_string(notes[0]["id"].get<long long>());
  Response admin = server().Get(path, server().Admin());
  ASSERT_EQ(admin.status, 200) << admin;
  const json hidden = admin.Json()["items"];
  ASSERT_EQ(hidden.size(), 1u);
  EXPECT_TRUE(hidden[0]["after"]["args"].is_null());
  EXPECT_EQ(hidden[0]["redacted"], true);
  Response ciso = server().Get(path, server().Login("ciso"));
  ASSERT_EQ(ciso.status, 200) << ciso;
  const json shown = ciso.Json()["items"];
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_NE(shown[0]["after"]["args"].get<std::string>().find("Hemlig notis"), std::string::npos);
}

// `lis serve` sweeps by itself every notification_sweep_seconds.
class NotificationSweeperTest : public SharedServerTest<NotificationSweeperTest> {
 public:
  static ServerOptions Options() {
    ServerOptions o;
    o.config_toml = "notification_sweep_seconds = 1\n";
    return o;
  }
};

TEST_F(NotificationSweeperTest, TheServerWritesClockNotificationsInTheBackground) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  json incident =
      ReportIncident(s, s.Login("medarbetare"),
                     ReportBody("Fel mottagare", s.OrgUnitId("Socialförvaltningen"),
                                {{"occurred_at", HoursAgo(80)}, {"discovered_at", HoursAgo(60)}}));
  ASSERT_EQ(PatchIncident(s, ciso, ciso, incident["id"], {{"personal_data_breach", true}}).status,
            200);
  // 60 of 72 hours: the 50 % notice; poll generously, the sweep runs every second.
  bool found = false;
  for (int i = 0; i < 600 && !found; ++i) {
    const json body = s.Get("/api/v1/notifications?limit=500", ciso).Json();
    for (const auto& n : body["items"])
      found = found || (n["entity_id"] == incident["id"] && n["kind"] == "clock_threshold");
    if (!found) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  EXPECT_TRUE(found) << "no clock notification within 60 s";
}

}  // namespace
}  // namespace lis_test::notification_test
