// Exceptions through the API (issue 28 step c): an object owner requests an exception from a
// protection requirement of its system, the CISO gives its opinion, only the information owner
// of the area decides, and the approved exception expires by itself on the first Swedish day
// after its last valid day — one audited change however often the sweep runs.
#include "core/clock.h"
#include "core/stockholm_time.h"
#include "deviation_support.h"
#include "service/deviations/exception_service.h"
#include "soa_support.h"

namespace lis_test::exception_api_test {
namespace {

const char* kInfoOwner = "ex.infoagare";  // information owner of Barn- och utbildningsförvaltningen

class ExceptionApiTest : public DeviationTest<ExceptionApiTest> {
 protected:
  static long long Bou() { return server().OrgUnitId("Barn- och utbildningsförvaltningen"); }

  // A system of BoU (made by the CISO) whose classified set triggers requirements, and the code
  // of the first of them, made once.
  static void Prepare() {
    if (system_) return;
    LisServer& s = server();
    const Session& ciso = As("ciso");
    system_ =
        CreateSystem(s, ciso, "Undantagssystem", CreateObject(s, ciso, "Undantagsobjekt", Bou()));
    Classify(s, ciso, CreateSet(s, ciso, "Undantagsmängd", Bou(), {system_}), {2, 2, 2, 2});
    code_ = Fetch(s, ciso, "/api/v1/systems/" + Id(system_) + "/requirements")["items"][0]["code"];
    s.AddRole(s.CreateUser(kInfoOwner, Bou())["id"], "information_owner", Bou());
  }

  static json Body(const std::string& title, json extra = json::object()) {
    json body = {{"title", title},
                 {"org_unit_id", Bou()},
                 {"requirement_code", code_},
                 {"system_ids", {system_}},
                 {"reason", "Leverantören levererar stödet först i nästa version."},
                 {"compensating_measures", "Manuell logggranskning varje vecka."},
                 {"valid_from", "2026-12-01"},
                 {"valid_until", "2027-05-31"}};
    body.update(extra);
    return body;
  }

  static Response Decide(const Auth& auth, long long id, bool approve, long long version) {
    return server().Post("/api/v1/exceptions/" + Id(id) + "/decision", auth,
                         {{"approve", approve},
                          {"motivation", "Risken är godtagbar under perioden."},
                          {"version", version}});
  }

  static int Remind(const std::string& now) {
    auto db = lis::store::Database::Open(server().database_url(), 1);
    EXPECT_TRUE(db.ok());
    auto written = lis::service::RemindEndingExceptions(**db, *lis::ParseTime(now));
    EXPECT_TRUE(written.ok());
    return written.ok() ? *written : -1;
  }

  static int Expire(const std::string& now) {
    auto db = lis::store::Database::Open(server().database_url(), 1);
    EXPECT_TRUE(db.ok());
    auto expired = lis::service::ExpireExceptions(**db, *lis::ParseTime(now));
    EXPECT_TRUE(expired.ok());
    return expired.ok() ? *expired : -1;
  }

  // The exception the system's requirement list shows for the requirement, or null.
  static json RequirementException() {
    json items = Fetch(server(), As("objektagare"),
                       "/api/v1/systems/" + Id(system_) + "/requirements")["items"];
    for (const auto& r : items)
      if (r["code"] == code_) return r["exception"];
    return "no such requirement";
  }

  static inline long long system_ = 0;
  static inline std::string code_;
};

TEST_F(ExceptionApiTest, RequestedByTheObjectOwnerDecidedByTheInformationOwnerExpiresByItself) {
  Prepare();
  LisServer& s = server();
  const Session &owner = As("objektagare"), &ciso = As("ciso"), &info = As(kInfoOwner);
  json e = MustCreate(s, owner, "exceptions", Body("Loggning saknas tills vidare"));
  long long id = e["id"];
  EXPECT_EQ(e["status"], "requested");
  EXPECT_EQ(e["requested_by"], owner.user_id);
  EXPECT_EQ(e["system_ids"], json::array({system_}));
  std::string path = "/api/v1/exceptions/" + Id(id);

  // The opinion is the CISO's.
  Response r = s.Patch(path, owner, {{"ciso_opinion", "Jag tycker till"}, {"version", 1}});
  EXPECT_EQ(r.status, 403) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "ciso_opinion");
  r = s.Patch(path, ciso,
              {{"ciso_opinion", "Tillstyrks med veckovis granskning."}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;

  // Only the information owner of the area decides.
  EXPECT_EQ(Decide(ciso, id, true, 2).status, 403);
  EXPECT_EQ(Decide(owner, id, true, 2).status, 403);
  EXPECT_EQ(Decide(As("infoagare.sof"), id, true, 2).status, 404) << "another area's owner";
  r = Decide(info, id, true, 2);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "approved");
  EXPECT_EQ(r.Json()["decided_by"], info.user_id);
  EXPECT_EQ(r.Json()["in_force"], true);
  EXPECT_EQ(s.Patch(path, owner, {{"title", "Ändrad"}, {"version", 3}}).status, 409);
  EXPECT_EQ(RequirementException(), (json{{"id", id}, {"valid_until", "2027-05-31"}}));

  // The sweep on the last valid day (Swedish time) leaves it; the next day it expires, once.
  EXPECT_EQ(Expire("2027-05-31T21:59:59Z"), 0);
  EXPECT_EQ(Fetch(s, ciso, path)["status"], "approved");
  EXPECT_EQ(Expire("2027-05-31T22:00:00Z"), 1);
  EXPECT_EQ(Expire("2027-06-01T08:00:00Z"), 0);
  json after = Fetch(s, ciso, path);
  EXPECT_EQ(after["status"], "expired");
  EXPECT_EQ(after["in_force"], false);
  EXPECT_TRUE(RequirementException().is_null()) << "the requirement is a gap again";
  json history = Fetch(s, ciso, path + "/history");
  int expiries = 0;
  for (const auto& v : history["items"])
    if (v["action"] == "expire") {
      ++expiries;
      EXPECT_EQ(v["actor"], "system");
    }
  EXPECT_EQ(expiries, 1) << history.dump();

  // A renewal is a new request linked to the previous one.
  json renewal = MustCreate(
      s, owner, "exceptions",
      Body("Loggning saknas, förnyat",
           {{"previous_id", id}, {"valid_from", "2027-06-01"}, {"valid_until", "2027-11-30"}}));
  EXPECT_EQ(renewal["previous_id"], id);
}

TEST_F(ExceptionApiTest, BadInputIsRefusedNamingTheFieldAndNothingIsWritten) {
  Prepare();
  LisServer& s = server();
  const Session &owner = As("objektagare"), &ciso = As("ciso");
  long long energi_object =
      CreateObject(s, As("ciso.energi"), "Energiobjekt", s.OrgUnitId("Drift och nät"));
  long long energi_system = CreateSystem(s, As("ciso.energi"), "Energisystem", energi_object);
  const struct {
    const char* what;
    const Session* who;
    json body;
    int status;
    const char* field;
  } cases[] = {
      {"ends before it begins", &owner, Body("X", {{"valid_until", "2026-11-30"}}), 400,
       "valid_until"},
      {"longer than the maximum", &owner, Body("X", {{"valid_until", "2028-01-01"}}), 400,
       "valid_until"},
      {"no subject", &owner, Body("X", {{"requirement_code", nullptr}}), 400, "requirement_code"},
      {"two subjects", &owner, Body("X", {{"clause", "Riktlinje 3.2"}}), 400, "requirement_code"},
      {"unknown requirement", &owner, Body("X", {{"requirement_code", "NOPE-99"}}), 400,
       "requirement_code"},
      {"requirement without systems", &owner, Body("X", {{"system_ids", json::array()}}), 400,
       "system_ids"},
      {"a system of another organisation", &ciso, Body("X", {{"system_ids", {energi_system}}}), 400,
       "system_ids"},
      {"control without framework", &ciso,
       Body("X", {{"requirement_code", nullptr}, {"control_ref", "A.8.5"}}), 400, "framework_id"},
      {"not a date", &owner, Body("X", {{"valid_from", "1 december"}}), 400, "valid_from"},
      {"status is not input", &owner, Body("X", {{"status", "approved"}}), 400, "status"},
      {"an employee requests", &As("medarbetare"),
       Body("X", {{"requirement_code", nullptr},
                  {"system_ids", json::array()},
                  {"clause", "Riktlinje 3.2"},
                  {"org_unit_id", s.OrgUnitId("Socialförvaltningen")}}),
       403, nullptr},
  };
  long long before = Fetch(s, ciso, "/api/v1/exceptions")["total"];
  for (const auto& c : cases) {
    Response r = s.Post("/api/v1/exceptions", *c.who, c.body);
    EXPECT_EQ(r.status, c.status) << c.what << ": " << r;
    if (c.field) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.what << ": " << r;
  }
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/exceptions")["total"], before);

  // An approval needs a validity that has not run out.
  json past =
      MustCreate(s, owner, "exceptions",
                 Body("Förfluten", {{"valid_from", "2025-01-01"}, {"valid_until", "2025-06-30"}}));
  Response r = Decide(As(kInfoOwner), past["id"], true, 1);
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "valid_until");
  r = Decide(As(kInfoOwner), past["id"], false, 1);
  EXPECT_EQ(r.status, 200) << "a rejection needs no valid period: " << r;
  EXPECT_EQ(r.Json()["status"], "rejected");
}

TEST_F(ExceptionApiTest, WhoSeesAnException) {
  Prepare();
  LisServer& s = server();
  long long id = MustCreate(s, As("objektagare"), "exceptions", Body("Synlighet"))["id"];
  const struct {
    const char* who;
    int status;
  } rows[] = {{"objektagare", 200},   {"ciso", 200},          {kInfoOwner, 200},
              {"sakerhetschef", 200}, {"ks.ordforande", 200}, {"medarbetare", 404},
              {"infoagare.sof", 404}, {"ciso.energi", 404},   {"admin", 404},
              {"itsak", 404}};
  for (const auto& row : rows) {
    EXPECT_EQ(s.Get("/api/v1/exceptions/" + Id(id), As(row.who)).status, row.status) << row.who;
    Response list = s.Get("/api/v1/exceptions?limit=500", As(row.who));
    ASSERT_EQ(list.status, 200) << row.who;
    EXPECT_EQ(IdSet(list.Json()["items"]).count(id), row.status == 200 ? 1u : 0u) << row.who;
  }
}

// The pages offer each person the step that is theirs: the opinion to the CISO, the decision
// to the information owner, nothing to the requester once it is sent.
TEST_F(ExceptionApiTest, ThePageOffersEachRoleItsStep) {
  Prepare();
  LisServer& s = server();
  long long id = MustCreate(s, As("objektagare"), "exceptions", Body("Sidan"))["id"];
  std::string page = "/exceptions/" + Id(id);
  const struct {
    const char* who;
    bool opinion, decision;
  } rows[] = {{"ciso", true, false}, {kInfoOwner, false, true}, {"ks.ordforande", false, false}};
  for (const auto& row : rows) {
    Response r = s.Get(page, As(row.who));
    ASSERT_EQ(r.status, 200) << row.who;
    EXPECT_EQ(r.body.find("id=\"exception-opinion\"") != std::string::npos, row.opinion) << row.who;
    EXPECT_EQ(r.body.find("id=\"exception-decision\"") != std::string::npos, row.decision)
        << row.who;
    EXPECT_NE(r.body.find("Begärt"), std::string::npos) << "the status in words";
    EXPECT_EQ(r.body.find(">requested<"), std::string::npos) << "no code";
  }
  Response named = s.Get(page, As("ciso"));
  EXPECT_NE(named.body.find("Undantagssystem"), std::string::npos) << "its system by name";
  EXPECT_EQ(named.body.find("#" + Id(system_)), std::string::npos) << "never by its id";
  EXPECT_EQ(s.Get(page, As("medarbetare")).status, 404);
  Response r = PostForm(s, As(kInfoOwner), page + "/decision",
                        "version=1&approve=true&motivation=" + UrlEncode("Godtagbart."));
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_EQ(Fetch(s, As("ciso"), "/api/v1/exceptions/" + Id(id))["status"], "approved");
  Response list = s.Get("/exceptions?status=approved&sort=-valid_until", As("ciso"));
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("Sidan"), std::string::npos);
  EXPECT_NE(list.body.find("<td>Beviljat</td>"), std::string::npos);
  EXPECT_NE(list.body.find("aria-sort=\"descending\""), std::string::npos) << "sortable columns";
  EXPECT_NE(list.body.find("sort=valid_until&amp;status=approved"), std::string::npos)
      << "the header sorts the other way and keeps the filter";
}

// The requester and the CISO hear of an ending exception 30, 7 and 1 days before it ends, once
// each, however often the sweep runs.
TEST_F(ExceptionApiTest, RemindersComeThirtySevenAndOneDayBeforeTheEndOnceEach) {
  Prepare();
  LisServer& s = server();
  const Session& owner = As("objektagare");
  long long id = MustCreate(
      s, owner, "exceptions",
      Body("Påminnelser", {{"valid_from", "2026-12-01"}, {"valid_until", "2027-09-30"}}))["id"];
  ASSERT_EQ(Decide(As(kInfoOwner), id, true, 1).status, 200);
  auto reminders = [&](const Session& who) {
    json items = Fetch(s, who, "/api/v1/notifications?limit=500")["items"];
    std::vector<std::string> texts;
    for (const auto& n : items)
      if (n["entity"] == "exception" && n["entity_id"] == id) texts.push_back(n["text"]);
    return texts;
  };
  EXPECT_EQ(Remind("2027-08-31T10:00:00Z"), 0) << "31 days before it ends";
  int first = Remind("2027-09-01T10:00:00Z");
  EXPECT_GE(first, 2) << "the requester and the CISO";
  EXPECT_EQ(Remind("2027-09-02T10:00:00Z"), 0) << "the 30-day reminder once";
  EXPECT_EQ(Remind("2027-09-24T10:00:00Z"), first);
  EXPECT_EQ(Remind("2027-09-30T10:00:00Z"), first);
  EXPECT_EQ(Remind("2027-09-30T20:00:00Z"), 0);
  auto texts = reminders(owner);
  ASSERT_EQ(texts.size(), 3u);
  EXPECT_EQ(reminders(As("ciso")).size(), 3u);
  EXPECT_EQ(reminders(As("medarbetare")).size(), 0u);
  bool tomorrow = false;
  for (const auto& t : texts) tomorrow = tomorrow || t.find("bara i dag") != std::string::npos;
  EXPECT_TRUE(tomorrow) << texts[0];
}

// The start page lists the exceptions waiting for the information owner's decision and, for
// those who read exceptions, the ones ending within 30 days.
TEST_F(ExceptionApiTest, TheStartPageShowsExceptionsToDecideAndThoseEndingSoon) {
  Prepare();
  LisServer& s = server();
  std::string soon =
      lis::StockholmDate(std::chrono::system_clock::now() + std::chrono::hours(24 * 10));
  long long waiting =
      MustCreate(s, As("objektagare"), "exceptions", Body("Väntar på beslut"))["id"];
  long long ending = MustCreate(s, As("objektagare"), "exceptions",
                                Body("Upphör snart", {{"valid_until", soon}}))["id"];
  ASSERT_EQ(Decide(As(kInfoOwner), ending, true, 1).status, 200);
  Response home = s.Get("/", As(kInfoOwner));
  ASSERT_EQ(home.status, 200);
  size_t decide = home.body.find("Undantag att besluta");
  size_t ends = home.body.find("Undantag som upphör inom 30 dagar");
  ASSERT_NE(decide, std::string::npos);
  ASSERT_NE(ends, std::string::npos);
  EXPECT_NE(home.body.find(Html("/exceptions/" + Id(waiting)), decide), std::string::npos);
  EXPECT_NE(home.body.find(Html("/exceptions/" + Id(ending)), ends), std::string::npos);
  home = s.Get("/", As("medarbetare"));
  EXPECT_EQ(home.body.find("Undantag att besluta"), std::string::npos);
  EXPECT_EQ(home.body.find("Undantag som upphör"), std::string::npos);
}

// An exception from a control of the statement of applicability shows on its entry instead of
// the gap; before that, the gap offers the exception request and a one-click deviation.
TEST_F(ExceptionApiTest, AnExceptionFromAControlShowsOnTheSoaEntry) {
  Prepare();
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long org = s.OrgUnitId("Norrviks kommun");
  long long fw = FrameworkId(s, "iso27001-2022");
  Response r = s.Patch(SoaPath(org, fw, "/8.5"), ciso,
                       {{"applicable", true},
                        {"justification", "Krävs för alla system"},
                        {"status", "not_started"},
                        {"version", 0}});
  ASSERT_EQ(r.status, 200) << r;
  long long entry = r.Json()["entry_id"];
  std::string page = "/org-units/" + Id(org) + "/soa/8.5?framework_id=" + Id(fw);
  Response before = s.Get(page, ciso);
  ASSERT_EQ(before.status, 200);
  EXPECT_NE(before.body.find("Begär undantag från kontrollen"), std::string::npos);
  r = PostForm(s, ciso, "/soa-entries/" + Id(entry) + "/deviation");
  ASSERT_EQ(r.status, 303) << r;
  json d = Fetch(
      s, ciso,
      r.Header("Location").substr(0, r.Header("Location").find('?')).replace(0, 0, "/api/v1"));
  EXPECT_EQ(d["origin_kind"], "soa_gap");
  EXPECT_EQ(d["origin_id"], entry);
  EXPECT_EQ(d["title"], "Kontroll 8.5 är inte införd");

  json e = MustCreate(s, ciso, "exceptions",
                      {{"title", "Stark autentisering dröjer"},
                       {"org_unit_id", org},
                       {"control_ref", "8.5"},
                       {"framework_id", fw},
                       {"reason", "Upphandlingen av e-legitimation pågår."},
                       {"valid_from", "2026-12-01"},
                       {"valid_until", "2027-05-31"}});
  s.AddRole(s.CreateUser("ex.infoagare.kommun", org)["id"], "information_owner", org);
  ASSERT_EQ(Decide(As("ex.infoagare.kommun"), e["id"], true, 1).status, 200);
  Response after = s.Get(page, ciso);
  EXPECT_NE(after.body.find("undantag t.o.m. 2027-05-31"), std::string::npos);
  EXPECT_EQ(after.body.find("Begär undantag från kontrollen"), std::string::npos);
  // The table of every control marks it too, in its row.
  Response table = s.Get("/org-units/" + Id(org) + "/soa?framework_id=" + Id(fw), ciso);
  ASSERT_EQ(table.status, 200);
  size_t row = table.body.find(">8.5</a>");
  ASSERT_NE(row, std::string::npos);
  size_t mark = table.body.find("undantag t.o.m. 2027-05-31", row);
  EXPECT_NE(mark, std::string::npos);
  EXPECT_LT(mark, table.body.find("</tr>", row));
}

// Every endpoint of exceptions, one row per rule: who, what on a fresh exception requested by
// the object owner of BoU (approved first for revoke, deleted first for restore), and the
// status it gets. An employee of another unit does not see the system: its request is refused
// naming system_ids (400) before any permission is looked at.
TEST_F(ExceptionApiTest, EveryRoleGetsWhatTheRulesGiveItOnEveryEndpoint) {
  Prepare();
  LisServer& s = server();
  enum class A { kCreate, kHistory, kPatch, kDelete, kDecide, kRevoke, kRestore };
  const struct {
    const char* who;
    A action;
    int expected;
  } rows[] = {
      {"objektagare", A::kCreate, 201},    {"ciso", A::kCreate, 201},
      {kInfoOwner, A::kCreate, 403},       {"ks.ordforande", A::kCreate, 403},
      {"medarbetare", A::kCreate, 400},    {"objektagare", A::kHistory, 200},
      {"ks.ordforande", A::kHistory, 200}, {"medarbetare", A::kHistory, 404},
      {"objektagare", A::kPatch, 200},     {"ciso", A::kPatch, 200},
      {kInfoOwner, A::kPatch, 403},        {"ks.ordforande", A::kPatch, 403},
      {"medarbetare", A::kPatch, 404},     {"objektagare", A::kDelete, 204},
      {"ciso", A::kDelete, 204},           {kInfoOwner, A::kDelete, 403},
      {"ks.ordforande", A::kDelete, 403},  {"medarbetare", A::kDelete, 404},
      {kInfoOwner, A::kDecide, 200},       {"ciso", A::kDecide, 403},
      {"objektagare", A::kDecide, 403},    {"ks.ordforande", A::kDecide, 403},
      {"medarbetare", A::kDecide, 404},    {"ciso", A::kRevoke, 200},
      {kInfoOwner, A::kRevoke, 200},       {"objektagare", A::kRevoke, 403},
      {"ks.ordforande", A::kRevoke, 403},  {"medarbetare", A::kRevoke, 404},
      {"ciso", A::kRestore, 200},          {"objektagare", A::kRestore, 403},
      {"medarbetare", A::kRestore, 404},
  };
  for (const auto& row : rows) {
    const Session& who = As(row.who);
    if (row.action == A::kCreate) {
      EXPECT_EQ(s.Post("/api/v1/exceptions", who, Body("Matris")).status, row.expected)
          << row.who << " create";
      continue;
    }
    long long id = MustCreate(s, As("objektagare"), "exceptions", Body("Matris"))["id"];
    std::string path = "/api/v1/exceptions/" + Id(id);
    int status = 0;
    switch (row.action) {
      case A::kHistory:
        status = s.Get(path + "/history", who).status;
        break;
      case A::kPatch:
        status = s.Patch(path, who, {{"title", "Ändrad"}, {"version", 1}}).status;
        break;
      case A::kDelete:
        status = s.Delete(path + "?version=1", who).status;
        break;
      case A::kDecide:
        status = Decide(who, id, true, 1).status;
        break;
      case A::kRevoke:
        ASSERT_EQ(Decide(As(kInfoOwner), id, true, 1).status, 200);
        status = s.Post(path + "/revoke", who, {{"reason", "Kravet är uppfyllt"}, {"version", 2}})
                     .status;
        break;
      case A::kRestore:
        ASSERT_EQ(s.Delete(path + "?version=1", As("ciso")).status, 204);
        status = s.Post(path + "/restore", who, {{"version", 1}}).status;
        break;
      case A::kCreate:
        break;
    }
    EXPECT_EQ(status, row.expected) << row.who << " action " << static_cast<int>(row.action);
  }
}

// A revoked exception is no longer in force and cannot be revoked or decided again.
TEST_F(ExceptionApiTest, ARevokedExceptionEndsAndStaysEnded) {
  Prepare();
  LisServer& s = server();
  long long id = MustCreate(s, As("objektagare"), "exceptions", Body("Återkallas"))["id"];
  ASSERT_EQ(Decide(As(kInfoOwner), id, true, 1).status, 200);
  std::string path = "/api/v1/exceptions/" + Id(id);
  Response r = s.Post(path + "/revoke", As("ciso"), {{"reason", "  "}, {"version", 2}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "reason");
  r = s.Post(path + "/revoke", As("ciso"), {{"reason", "Kravet uppfylls nu"}, {"version", 2}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["status"], "revoked");
  EXPECT_EQ(r.Json()["in_force"], false);
  r = s.Post(path + "/revoke", As("ciso"), {{"reason", "Igen"}, {"version", 3}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "status");
  EXPECT_EQ(Decide(As(kInfoOwner), id, true, 3).status, 400);
}

// The register's ?q= finds a part of the title or the reason, in any case (the search index).
TEST_F(ExceptionApiTest, SearchFindsAPartOfTheTitleOrTheReason) {
  Prepare();
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long id = MustCreate(
      s, ciso, "exceptions",
      Body("Sökbart undantag", {{"reason", "Tvåfaktorinloggning saknas i äldre klient."}}))["id"];
  auto found = [&](const std::string& q) {
    return IdSet(Fetch(s, ciso, "/api/v1/exceptions?q=" + UrlEncode(q))["items"]).count(id) == 1;
  };
  EXPECT_TRUE(found("SÖKBART"));
  EXPECT_TRUE(found("tvåfaktor"));
  EXPECT_TRUE(found("äldre klient"));
  EXPECT_FALSE(found("nyare klient"));
}

// An exception names the information sets it concerns besides its systems: a list of the record
// (each version keeps it) mirrored in a link table; a set that is not there is refused naming
// the list. The set's page offers the request, and the exception's page names the set.
TEST_F(ExceptionApiTest, AnExceptionNamesTheInformationSetsItConcerns) {
  Prepare();
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long set = CreateSet(s, ciso, "Elevregister för undantag", Bou());
  json clause = {{"requirement_code", nullptr},
                 {"system_ids", json::array()},
                 {"clause", "Riktlinje 4.1: kryptering i vila"},
                 {"information_set_ids", {set}}};
  Response bad = s.Post("/api/v1/exceptions", ciso,
                        Body("Okänd mängd", {{"requirement_code", nullptr},
                                             {"system_ids", json::array()},
                                             {"clause", "Riktlinje 4.1"},
                                             {"information_set_ids", {987654}}}));
  EXPECT_EQ(bad.status, 400) << bad;
  EXPECT_EQ(bad.Json()["error"]["field"], "information_set_ids");

  json e = MustCreate(s, ciso, "exceptions", Body("Kryptering saknas", clause));
  long long id = e["id"];
  EXPECT_EQ(e["information_set_ids"], json::array({set}));
  CommandResult links = s.Sql(
      "SELECT information_set_id FROM exception_information_sets WHERE exception_id = " + Id(id));
  EXPECT_EQ(links.output, Id(set) + "\n") << links;

  Response page = s.Get("/exceptions/" + Id(id), ciso);
  EXPECT_NE(page.body.find("Elevregister för undantag"), std::string::npos) << "named, not an id";
  page = s.Get("/assets/information-sets/" + Id(set), ciso);
  EXPECT_NE(page.body.find(Html("/exceptions/new?information_set_id=" + Id(set))),
            std::string::npos);
  page = s.Get("/exceptions/new?information_set_id=" + Id(set) + "&org_unit_id=" + Id(Bou()), ciso);
  EXPECT_NE(page.body.find("name=\"information_set_id\" value=\"" + Id(set) + "\""),
            std::string::npos);
}

// The risk an exception accepts is chosen on its page among the risks of its unit's analyses,
// named by its title; a new one is registered in the risk register first (the page links there).
TEST_F(ExceptionApiTest, ThePageLinksTheRiskTheExceptionAccepts) {
  Prepare();
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long analysis = CreateAnalysis(s, ciso, "Analys för undantag", Bou());
  long long risk = CreateRisk(s, ciso, analysis, "Obehörig åtkomst via gammal klient", 3, 3)["id"];
  long long id = MustCreate(s, ciso, "exceptions", Body("Undantag med risk"))["id"];
  std::string path = "/exceptions/" + Id(id);
  Response page = s.Get(path, ciso);
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("id=\"exception-risk\""), std::string::npos);
  EXPECT_NE(page.body.find("Obehörig åtkomst via gammal klient – Analys för undantag"),
            std::string::npos);
  EXPECT_NE(page.body.find(Html("/risks?org_unit_id=" + Id(Bou()))), std::string::npos);

  Response r = PostForm(s, ciso, path + "/risk", "version=1&risk_id=" + Id(risk));
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/exceptions/" + Id(id))["risk_id"], risk);
  r = PostForm(s, ciso, path + "/risk", "version=2&risk_id=987654");
  EXPECT_EQ(r.status, 400) << r;
  r = PostForm(s, ciso, path + "/risk", "version=2&risk_id=");
  ASSERT_EQ(r.status, 303) << r;
  EXPECT_TRUE(Fetch(s, ciso, "/api/v1/exceptions/" + Id(id))["risk_id"].is_null());
}

}  // namespace
}  // namespace lis_test::exception_api_test
