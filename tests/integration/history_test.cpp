// Record history, the record as it was at a time (?at=), restore of an earlier version and of a
// soft-deleted record, and who may do which.
#include <algorithm>

#include "audit_support.h"

namespace lis_test::history_test {
namespace {

class HistoryTest : public SharedServerTest<HistoryTest> {
 protected:
  static json History(const std::string& path, const Auth& auth) {
    Response r = server().Get(path + "/history", auth);
    EXPECT_EQ(r.status, 200) << path << ": " << r;
    return r.Json().value("items", json::array());
  }
  static Response At(const std::string& path, const std::string& at, const Auth& auth) {
    return server().Get(path + "?at=" + UrlEncode(at), auth);
  }
  // `record` without the fields every write changes.
  static json Content(json record) {
    record.erase("version");
    record.erase("updated_at");
    return record;
  }
  static bool Listed(const std::string& query, long long id, const Auth& auth) {
    for (const auto& unit : server()
                                .Get("/api/v1/org-units?limit=500&" + query, auth)
                                .Json()
                                .value("items", json::array()))
      if (unit["id"] == id) return true;
    return false;
  }
  static std::vector<std::string> ChangedFields(const json& entry) {
    return entry.value("changed_fields", std::vector<std::string>());
  }

  // An org unit with four versions: created, renamed, moved, renamed with an org number.
  struct Versioned {
    long long id = 0;
    std::string path;
    std::vector<json> records;  // records[k] is version k+1 as the API answered it
  };
  static Versioned MakeVersioned(const std::string& name) {
    LisServer& s = server();
    long long sof = s.OrgUnitId("Socialförvaltningen");
    long long buf = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    Versioned v;
    Response created = s.Post(
        "/api/v1/org-units", s.Admin(),
        {{"name", name + " A"}, {"kind", "unit"}, {"parent_id", sof}, {"comment", "skapad"}});
    EXPECT_EQ(created.status, 201) << created;
    v.records.push_back(created.Json());
    v.id = v.records[0]["id"];
    v.path = "/api/v1/org-units/" + Id(v.id);
    const json changes[] = {
        {{"name", name + " B"}, {"comment", "nytt namn"}},
        {{"parent_id", buf}, {"comment", "flyttad"}},
        {{"name", name + " C"}, {"org_number", "556123-4567"}},
    };
    for (json body : changes) {
      body["version"] = v.records.back()["version"];
      Response r = s.Patch(v.path, s.Admin(), body);
      EXPECT_EQ(r.status, 200) << body << ": " << r;
      v.records.push_back(r.Json());
    }
    return v;
  }
};

TEST_F(HistoryTest, HistoryListsEveryVersionInOrderWithItsChanges) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Historik");
  long long sof = v.records[0]["parent_id"];
  long long buf = v.records[2]["parent_id"];
  json items = History(v.path, s.Admin());
  ASSERT_EQ(items.size(), 4u) << items;

  struct Expected {
    const char* action;
    std::vector<std::string> fields;
    json changes;  // [{field, before, after}] (not checked for the creation)
    const char* comment;
  };
  const Expected expected[] = {
      {"create",
       {"deleted_at", "id", "kind", "name", "org_number", "parent_id"},
       nullptr,
       "skapad"},
      {"update",
       {"name"},
       json::array({{{"field", "name"}, {"before", "Historik A"}, {"after", "Historik B"}}}),
       "nytt namn"},
      {"update",
       {"parent_id"},
       json::array({{{"field", "parent_id"}, {"before", sof}, {"after", buf}}}),
       "flyttad"},
      {"update",
       {"name", "org_number"},
       json::array({{{"field", "name"}, {"before", "Historik B"}, {"after", "Historik C"}},
                    {{"field", "org_number"}, {"before", nullptr}, {"after", "556123-4567"}}}),
       ""},
  };
  json events = s.AuditPage("limit=500&entity=org_unit&id=" + Id(v.id))["items"];
  ASSERT_EQ(events.size(), 4u);
  for (size_t k = 0; k < items.size(); ++k) {
    const json& item = items[k];
    const Expected& e = expected[k];
    std::string what = "version " + std::to_string(k + 1);
    EXPECT_EQ(item["version"], k + 1) << what;
    EXPECT_EQ(item["action"], e.action) << what;
    EXPECT_EQ(item["actor"], "admin") << what;
    auto fields = ChangedFields(item);
    std::sort(fields.begin(), fields.end());
    EXPECT_EQ(fields, e.fields) << what;
    if (!e.changes.is_null()) EXPECT_EQ(item["changes"], e.changes) << what;
    EXPECT_EQ(item["comment"], e.comment) << what;
    // The entry is the event of that change (events are newest first).
    EXPECT_EQ(item["seq"], events[items.size() - 1 - k]["seq"]) << what;
    if (k > 0) {
      EXPECT_GT(item["seq"], items[k - 1]["seq"]) << what;
      EXPECT_GE(item["at"].get<std::string>(), items[k - 1]["at"].get<std::string>()) << what;
    }
  }
}

TEST_F(HistoryTest, AtAnswersTheRecordAsItWasThen) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Tidpunkt");
  json items = History(v.path, s.Admin());
  ASSERT_EQ(items.size(), 4u);
  std::vector<std::string> at;
  for (const auto& item : items) at.push_back(item["at"].get<std::string>());
  const auto us = std::chrono::microseconds(1);

  for (size_t k = 0; k < at.size(); ++k) {
    std::string what = "version " + std::to_string(k + 1);
    Response exact = At(v.path, at[k], s.Admin());
    ASSERT_EQ(exact.status, 200) << what << ": " << exact;
    EXPECT_EQ(exact.Json(), v.records[k]) << what << " at its own time";
    if (k + 1 < at.size()) {
      // Just before the next change: still this version.
      Response between = At(v.path, ShiftTime(at[k + 1], -us), s.Admin());
      ASSERT_EQ(between.status, 200) << what << ": " << between;
      EXPECT_EQ(between.Json(), v.records[k]) << what << " just before the next change";
    }
  }
  // The same instant written with an offset.
  std::string utc = ShiftTime(at[1], std::chrono::hours(2));
  std::string plus_two = utc.substr(0, utc.size() - 1) + "+02:00";
  Response offset = At(v.path, plus_two, s.Admin());
  EXPECT_EQ(offset.status, 200) << plus_two << ": " << offset;
  EXPECT_EQ(offset.Json()["version"], 2) << plus_two;

  // Before it was created it did not exist.
  Response before = At(v.path, ShiftTime(at[0], -us), s.Admin());
  EXPECT_EQ(before.status, 404) << before;
  EXPECT_EQ(before.Json()["error"]["code"], "not_found");
  // Far in the future: as it is now.
  EXPECT_EQ(At(v.path, "2200-01-01T00:00:00Z", s.Admin()).Json(), s.Get(v.path, s.Admin()).Json());
  // Not a time, or a unit that never was.
  for (const char* bad : {"yesterday", "2026-01-01", "2026-01-01T00:00:00", ""}) {
    Response r = At(v.path, bad, s.Admin());
    EXPECT_EQ(r.status, 400) << "at=" << bad << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], "at") << bad;
  }
  EXPECT_EQ(At("/api/v1/org-units/999999", at[0], s.Admin()).status, 404);
}

// A record names the time of its last change (updated_at) and of its creation (created_at);
// asked for as it was at that very time, it is that version, not the one before (or none).
TEST_F(HistoryTest, AtTheRecordsOwnTimestampsAnswersThatVersion) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Egen tidsstämpel");
  for (size_t k = 0; k < v.records.size(); ++k) {
    const json& record = v.records[k];
    Response r = At(v.path, record["updated_at"].get<std::string>(), s.Admin());
    EXPECT_EQ(r.status, 200) << "version " << k + 1 << " at its updated_at: " << r;
    if (r.status == 200)
      EXPECT_EQ(r.Json()["version"], record["version"])
          << "at its own updated_at " << record["updated_at"] << " the record was version "
          << record["version"];
  }
  Response created = At(v.path, v.records[0]["created_at"].get<std::string>(), s.Admin());
  EXPECT_EQ(created.status, 200) << "at its own created_at the record existed: " << created;
}

// A time far in the future (9999-12-31, as people write "until further notice") is after
// every change: the record as it is now, or a 400 if such times are refused, never "did not
// exist then".
TEST_F(HistoryTest, AtAFarFutureTimeIsNow) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Långt fram");
  for (const char* when :
       {"2262-04-12T00:00:00Z", "2300-01-01T00:00:00Z", "9999-12-31T23:59:59Z"}) {
    Response r = At(v.path, when, s.Admin());
    if (r.status == 400) {
      EXPECT_EQ(r.Json()["error"]["field"], "at") << when;
      continue;
    }
    EXPECT_EQ(r.status, 200) << "?at=" << when << ": " << r;
    EXPECT_EQ(r.Json(), v.records.back()) << when;
  }
}

TEST_F(HistoryTest, RestoreMakesAnEarlierVersionCurrentAsANewVersion) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Återställd");
  Response r = s.Post(v.path + "/restore", s.Admin(), {{"version", 1}, {"comment", "tillbaka"}});
  ASSERT_EQ(r.status, 200) << r;
  json restored = r.Json();
  EXPECT_EQ(restored["version"], 5);
  EXPECT_EQ(Content(restored), Content(v.records[0])) << "equal to version 1 again";
  EXPECT_EQ(s.Get(v.path, s.Admin()).Json(), restored);

  json items = History(v.path, s.Admin());
  ASSERT_EQ(items.size(), 5u);
  const json& last = items[4];
  EXPECT_EQ(last["version"], 5);
  EXPECT_EQ(last["action"], "restore");
  EXPECT_EQ(last["comment"], "tillbaka");
  auto fields = ChangedFields(last);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"name", "org_number", "parent_id"}));
  for (const auto& change : last["changes"]) {
    std::string field = change["field"];
    EXPECT_EQ(change["before"], v.records[3][field]) << field;
    EXPECT_EQ(change["after"], v.records[0][field]) << field;
  }
  // The version before the restore can be restored in turn.
  Response again = s.Post(v.path + "/restore", s.Admin(), {{"version", 4}});
  ASSERT_EQ(again.status, 200) << again;
  EXPECT_EQ(again.Json()["version"], 6);
  EXPECT_EQ(Content(again.Json()), Content(v.records[3]));

  struct Bad {
    const char* what;
    json body;
  };
  const Bad bad[] = {
      {"a version that never was", {{"version", 42}}}, {"version 0", {{"version", 0}}},
      {"a negative version", {{"version", -1}}},       {"a version as text", {{"version", "1"}}},
      {"no version", {{"comment", "utan version"}}},
  };
  for (const auto& b : bad) {
    Response refused = s.Post(v.path + "/restore", s.Admin(), b.body);
    EXPECT_EQ(refused.status, 400) << b.what << ": " << refused;
    EXPECT_EQ(refused.Json()["error"]["field"], "version") << b.what;
  }
  EXPECT_EQ(s.Post("/api/v1/org-units/999999/restore", s.Admin(), {{"version", 1}}).status, 404);
  EXPECT_EQ(History(v.path, s.Admin()).size(), 6u) << "refused restores add no version";
  EXPECT_EQ(s.Get(v.path, s.Admin()).Json()["version"], 6);
}

TEST_F(HistoryTest, SoftDeletedOrgUnitIsListedAsDeletedAndCanBeRestored) {
  LisServer& s = server();
  long long sof = s.OrgUnitId("Socialförvaltningen");
  json created = s.CreateOrgUnit("Raderad och återställd", sof);
  long long id = created["id"];
  std::string path = "/api/v1/org-units/" + Id(id);
  std::string children = "parent_id=" + Id(sof);
  ASSERT_EQ(s.Delete(path, s.Admin()).status, 204);

  EXPECT_EQ(s.Get(path, s.Admin()).status, 404);
  EXPECT_FALSE(Listed(children, id, s.Admin())) << "a deleted unit leaves the list";
  EXPECT_TRUE(Listed("deleted=true", id, s.Admin())) << "and shows among the deleted";
  json items = History(path, s.Admin());
  ASSERT_EQ(items.size(), 2u) << items;
  EXPECT_EQ(items[1]["action"], "delete");
  EXPECT_EQ(items[1]["version"], 2);
  EXPECT_EQ(ChangedFields(items[1]), std::vector<std::string>{"deleted_at"});
  // As it was before the deletion, and gone after it.
  std::string deleted_at = items[1]["at"].get<std::string>();
  Response alive = At(path, ShiftTime(deleted_at, -std::chrono::microseconds(1)), s.Admin());
  EXPECT_EQ(alive.status, 200) << alive;
  EXPECT_EQ(alive.Json(), created);
  EXPECT_EQ(At(path, deleted_at, s.Admin()).status, 404) << "deleted at that time";

  Response r = s.Post(path + "/restore", s.Admin(), {{"version", 1}, {"comment", "ångrad"}});
  ASSERT_EQ(r.status, 200) << r;
  json restored = r.Json();
  EXPECT_TRUE(restored["deleted_at"].is_null()) << restored;
  EXPECT_EQ(restored["version"], 3);
  EXPECT_EQ(Content(restored), Content(created));
  EXPECT_EQ(s.Get(path, s.Admin()).Json(), restored);
  EXPECT_TRUE(Listed(children, id, s.Admin())) << "back in the list";
  EXPECT_FALSE(Listed("deleted=true", id, s.Admin())) << "no longer among the deleted";
  items = History(path, s.Admin());
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(items[2]["action"], "restore");
  EXPECT_EQ(ChangedFields(items[2]), std::vector<std::string>{"deleted_at"});
  EXPECT_EQ(items[2]["comment"], "ångrad");
  // It is a live unit again: it takes changes.
  EXPECT_EQ(s.Patch(path, s.Admin(), {{"name", "Levande igen"}, {"version", 3}}).status, 200);
}

TEST_F(HistoryTest, UserHistoryAtAndRestoreReactivate) {
  LisServer& s = server();
  json v1 = s.CreateUser("historik.person", s.OrgUnitId("Socialförvaltningen"));
  long long id = v1["id"];
  std::string path = "/api/v1/users/" + Id(id);
  Response v2 = s.Patch(path, s.Admin(), {{"email", "ny.adress@norrvik.se"}, {"version", 1}});
  ASSERT_EQ(v2.status, 200) << v2;
  Response v3 =
      s.Patch(path, s.Admin(), {{"active", false}, {"version", 2}, {"comment", "slutat"}});
  ASSERT_EQ(v3.status, 200) << v3;

  json items = History(path, s.Admin());
  ASSERT_EQ(items.size(), 3u) << items;
  EXPECT_EQ(ChangedFields(items[1]), std::vector<std::string>{"email"});
  EXPECT_EQ(
      items[1]["changes"],
      json::array(
          {{{"field", "email"}, {"before", v1["email"]}, {"after", "ny.adress@norrvik.se"}}}));
  EXPECT_EQ(ChangedFields(items[2]), std::vector<std::string>{"active"});
  EXPECT_EQ(items[2]["comment"], "slutat");
  Response at2 = At(path, items[1]["at"].get<std::string>(), s.Admin());
  EXPECT_EQ(at2.status, 200) << at2;
  EXPECT_EQ(at2.Json(), v2.Json());
  EXPECT_EQ(At(path, ShiftTime(items[2]["at"].get<std::string>(), -std::chrono::microseconds(1)),
               s.Admin())
                .Json(),
            v2.Json());
  EXPECT_EQ(s.LoginAs("historik.person", LisServer::kTestPassword).status, 401) << "inactive";

  Response restored = s.Post(path + "/restore", s.Admin(), {{"version", 1}});
  ASSERT_EQ(restored.status, 200) << restored;
  EXPECT_EQ(restored.Json()["version"], 4);
  EXPECT_EQ(Content(restored.Json()), Content(v1));
  items = History(path, s.Admin());
  ASSERT_EQ(items.size(), 4u);
  EXPECT_EQ(items[3]["action"], "restore");
  auto fields = ChangedFields(items[3]);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"active", "email"}));
  EXPECT_EQ(s.LoginAs("historik.person", LisServer::kTestPassword).status, 200) << "active again";
}

// Records outside the caller's scopes do not exist for it: history, ?at= and restore answer
// 404 as a plain GET does, and the deleted view shows only its own subtree.
TEST_F(HistoryTest, RecordsOutsideTheScopeAreNotFound) {
  LisServer& s = server();
  long long drift = s.OrgUnitId("Drift och nät");
  long long energi = s.OrgUnitId("Norrvik Energi AB");
  json user = s.CreateUser("historik.energi", drift);
  std::string user_path = "/api/v1/users/" + Id(user["id"]);
  std::string unit_path = "/api/v1/org-units/" + Id(drift);
  long long gone = s.CreateOrgUnit("Raderad i Energi", energi)["id"];
  ASSERT_EQ(s.Delete("/api/v1/org-units/" + Id(gone), s.Admin()).status, 204);
  Session ciso = s.Login("ciso");
  Session ciso_energi = s.Login("ciso.energi");
  std::string now = "2200-01-01T00:00:00Z";

  for (const std::string& path : {user_path, unit_path}) {
    EXPECT_EQ(s.Get(path, ciso).status, 404) << path;
    EXPECT_EQ(s.Get(path + "/history", ciso).status, 404) << path << " history";
    EXPECT_EQ(At(path, now, ciso).status, 404) << path << " ?at=";
    EXPECT_EQ(s.Post(path + "/restore", ciso, {{"version", 1}}).status, 404) << path << " restore";
    // The ciso of the company reads them.
    EXPECT_EQ(s.Get(path + "/history", ciso_energi).status, 200) << path;
    EXPECT_EQ(At(path, now, ciso_energi).status, 200) << path;
  }
  EXPECT_EQ(s.Get("/api/v1/org-units/" + Id(gone) + "/history", ciso).status, 404);
  EXPECT_FALSE(Listed("deleted=true", gone, ciso));
  EXPECT_TRUE(Listed("deleted=true", gone, ciso_energi));
}

// The ciso reads history and old versions in its scope but changes nothing: restore is 403.
TEST_F(HistoryTest, CisoReadsHistoryButMayNotRestore) {
  LisServer& s = server();
  Versioned v = MakeVersioned("Ciso läser");
  long long sof = s.OrgUnitId("Socialförvaltningen");
  json user = s.CreateUser("historik.ciso", sof);
  std::string user_path = "/api/v1/users/" + Id(user["id"]);
  ASSERT_EQ(s.Patch(user_path, s.Admin(), {{"name", "Ändrat namn"}, {"version", 1}}).status, 200);
  long long gone = s.CreateOrgUnit("Raderad i kommunen", sof)["id"];
  std::string gone_path = "/api/v1/org-units/" + Id(gone);
  ASSERT_EQ(s.Delete(gone_path, s.Admin()).status, 204);
  Session ciso = s.Login("ciso");

  EXPECT_EQ(History(v.path, ciso), History(v.path, s.Admin()));
  EXPECT_EQ(History(user_path, ciso).size(), 2u);
  EXPECT_EQ(At(v.path, History(v.path, ciso)[1]["at"].get<std::string>(), ciso).Json(),
            v.records[1]);
  EXPECT_TRUE(Listed("deleted=true", gone, ciso));

  for (const std::string& path : {v.path, user_path, gone_path}) {
    Response r = s.Post(path + "/restore", ciso, {{"version", 1}});
    EXPECT_EQ(r.status, 403) << path << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "forbidden") << path;
  }
  EXPECT_EQ(s.Get(v.path, s.Admin()).Json(), v.records.back()) << "unchanged";
  EXPECT_EQ(s.Get(user_path, s.Admin()).Json()["version"], 2) << "unchanged";
  EXPECT_EQ(s.Get(gone_path, s.Admin()).status, 404) << "still deleted";
}

}  // namespace
}  // namespace lis_test::history_test
