// Restoring deleted objects, systems and information sets: the lists of deleted records, the
// exactness of a restore (an information set gets back its classification and its system
// links as they were), restores refused while the place a record belongs to is deleted, and
// who may do it.
#include "asset_support.h"

namespace lis_test::asset_restore_test {
namespace {

class AssetRestoreTest : public SharedServerTest<AssetRestoreTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    ciso_ = server().Login("ciso");
    bou_ = server().OrgUnitId("Barn- och utbildningsförvaltningen");
  }

  // The version before the newest deletion of /api/v1/`collection`/`id`, from its history.
  long long VersionBeforeDelete(const std::string& collection, long long id) {
    json items =
        Fetch(server(), ciso_, "/api/v1/" + collection + "/" + Id(id) + "/history")["items"];
    long long before = 0;
    for (size_t i = 1; i < items.size(); ++i)
      if (items[i]["action"] == "delete") before = items[i - 1]["version"];
    EXPECT_GT(before, 0) << items;
    return before;
  }

  Response Restore(const std::string& collection, long long id, long long version,
                   const Auth* auth = nullptr) {
    return server().Post("/api/v1/" + collection + "/" + Id(id) + "/restore", auth ? *auth : ciso_,
                         {{"version", version}});
  }

  void MustDelete(const std::string& collection, long long id) {
    Response r = server().Delete("/api/v1/" + collection + "/" + Id(id), ciso_);
    ASSERT_EQ(r.status, 204) << collection << " " << id << ": " << r;
  }

  std::set<long long> DeletedIds(const std::string& collection) {
    return IdSet(
        Fetch(server(), ciso_, "/api/v1/" + collection + "?deleted=true&limit=500")["items"]);
  }

  // `record` without what changes with every write.
  static json Stable(json record) {
    for (const char* f : {"version", "updated_at"}) record.erase(f);
    if (record.contains("classification") && record["classification"].is_object())
      for (const char* f : {"version", "updated_at"}) record["classification"].erase(f);
    return record;
  }

  Session ciso_;
  long long bou_ = 0;
};

TEST_F(AssetRestoreTest, ARestoredInformationSetGetsBackItsClassificationAndLinks) {
  LisServer& s = server();
  long long object = CreateObject(s, ciso_, "Återställningsobjekt", bou_);
  long long first = CreateSystem(s, ciso_, "Elevregister", object);
  long long second = CreateSystem(s, ciso_, "Schemaläggning", object);
  long long other = CreateSystem(s, ciso_, "Bokningssystem", object);
  long long set = CreateSet(s, ciso_, "Elevuppgifter", bou_, {first, second},
                            {{"description", "Uppgifter om elever"},
                             {"personal_data", "special"},
                             {"secrecy", "OSL 23 kap. 2 §"},
                             {"retention", "Bevaras"}});
  // A link that was removed before the deletion stays removed.
  long long unlinked = CreateSet(s, ciso_, "Bokningar", bou_, {other});
  Classify(s, ciso_, set, {3, 2, 1, 2});
  Approve(s, ciso_, set);
  std::string path = "/api/v1/information-sets/" + Id(set);
  json before = Fetch(s, ciso_, path);
  ASSERT_EQ(before["system_ids"], json::array({first, second}));
  ASSERT_EQ(before["classification"]["status"], "approved");
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems/" + Id(first))["security_class"], 3);

  MustDelete("information-sets", set);
  EXPECT_EQ(s.Get(path, ciso_).status, 404);
  EXPECT_TRUE(Fetch(s, ciso_, "/api/v1/systems/" + Id(first))["security_class"].is_null())
      << "a deleted set gives its systems no class";
  EXPECT_TRUE(DeletedIds("information-sets").count(set));
  EXPECT_FALSE(DeletedIds("information-sets").count(unlinked));
  EXPECT_FALSE(IdSet(Fetch(s, ciso_, "/api/v1/information-sets?limit=500")["items"]).count(set));

  long long events = s.AuditTotal();
  Response r = Restore("information-sets", set, VersionBeforeDelete("information-sets", set));
  ASSERT_EQ(r.status, 200) << r;
  json after = Fetch(s, ciso_, path);
  EXPECT_EQ(Stable(after), Stable(before)) << "the set, its classification and links as before";
  EXPECT_EQ(after["classification"]["review_due"], before["classification"]["review_due"]);
  EXPECT_EQ(after["version"], before["version"].get<long long>() + 2);
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems/" + Id(first))["security_class"], 3);
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems/" + Id(second))["security_class"], 3);
  EXPECT_FALSE(DeletedIds("information-sets").count(set));
  // Two audited changes: the set and its classification, both "restore".
  EXPECT_EQ(s.AuditTotal(), events + 2);
  json restored = s.AuditPage("action=restore&limit=2");
  std::set<std::string> entities;
  for (const auto& e : restored["items"]) entities.insert(e["entity"].get<std::string>());
  EXPECT_EQ(entities, (std::set<std::string>{"information_set", "classification"}));
}

TEST_F(AssetRestoreTest, AnUnclassifiedSetStaysUnclassifiedAndADraftStaysADraft) {
  LisServer& s = server();
  long long plain = CreateSet(s, ciso_, "Oklassad mängd", bou_);
  long long draft = CreateSet(s, ciso_, "Utkastmängd", bou_);
  Classify(s, ciso_, draft, {1, 1, 2, 1});
  for (long long id : {plain, draft}) {
    json before = Fetch(s, ciso_, "/api/v1/information-sets/" + Id(id));
    MustDelete("information-sets", id);
    ASSERT_EQ(Restore("information-sets", id, VersionBeforeDelete("information-sets", id)).status,
              200);
    EXPECT_EQ(Stable(Fetch(s, ciso_, "/api/v1/information-sets/" + Id(id))), Stable(before));
  }
}

TEST_F(AssetRestoreTest, ARestoredSystemProcessesItsSetsAgainWithItsRequirementStatuses) {
  LisServer& s = server();
  long long object = CreateObject(s, ciso_, "Systemobjekt", bou_);
  long long system = CreateSystem(s, ciso_, "Lärplattform", object,
                                  {{"hosting", "cloud"}, {"hosting_country", "SE"}});
  long long set = CreateSet(s, ciso_, "Elevarbeten", bou_, {system});
  Classify(s, ciso_, set, {2, 2, 2, 2});
  json requirements = Fetch(s, ciso_, "/api/v1/systems/" + Id(system) + "/requirements");
  ASSERT_GT(requirements["total"], 0);
  std::string code = requirements["items"][0]["code"];
  ASSERT_EQ(s.Send("PUT", "/api/v1/systems/" + Id(system) + "/requirements/" + code, ciso_,
                   {{"status", "partly_met"}, {"how", "Delvis"}})
                .status,
            200);
  json before = Fetch(s, ciso_, "/api/v1/systems/" + Id(system));

  MustDelete("systems", system);
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/information-sets/" + Id(set))["system_ids"], json::array());
  EXPECT_TRUE(DeletedIds("systems").count(system));
  ASSERT_EQ(Restore("systems", system, VersionBeforeDelete("systems", system)).status, 200);
  EXPECT_EQ(Stable(Fetch(s, ciso_, "/api/v1/systems/" + Id(system))), Stable(before));
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/information-sets/" + Id(set))["system_ids"],
            json::array({system}));
  json again = Fetch(s, ciso_, "/api/v1/systems/" + Id(system) + "/requirements");
  EXPECT_EQ(again["items"][0]["status"], "partly_met");
  EXPECT_EQ(again["items"][0]["how"], "Delvis");
}

TEST_F(AssetRestoreTest, ARestoredObjectIsAsItWas) {
  LisServer& s = server();
  json created = MustCreate(s, ciso_, "objects",
                            {{"name", "Tomt objekt"}, {"org_unit_id", bou_}, {"description", "D"}});
  long long object = created["id"];
  ASSERT_EQ(
      s.Patch("/api/v1/objects/" + Id(object), ciso_, {{"description", "Ändrad"}, {"version", 1}})
          .status,
      200);
  json before = Fetch(s, ciso_, "/api/v1/objects/" + Id(object));
  MustDelete("objects", object);
  EXPECT_TRUE(DeletedIds("objects").count(object));
  ASSERT_EQ(Restore("objects", object, VersionBeforeDelete("objects", object)).status, 200);
  EXPECT_EQ(Stable(Fetch(s, ciso_, "/api/v1/objects/" + Id(object))), Stable(before));
  // An earlier version of a live record can be restored too.
  ASSERT_EQ(Restore("objects", object, 1).status, 200);
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/objects/" + Id(object))["description"], "D");
}

// A record does not come back into a place that is gone, and not to a version that is not
// one of its live versions.
TEST_F(AssetRestoreTest, RestoresIntoADeletedPlaceOrToNoVersionAreRefused) {
  LisServer& s = server();
  const Session& admin = s.Admin();
  json unit = s.CreateOrgUnit("Tillfällig enhet", bou_);
  long long unit_id = unit["id"];
  long long object = CreateObject(s, ciso_, "Objekt i tillfällig enhet", unit_id);
  long long system = CreateSystem(s, ciso_, "System i objektet", object);
  long long set = CreateSet(s, ciso_, "Mängd i tillfällig enhet", unit_id);
  long long system_v = 0, object_v = 0, set_v = 0;
  MustDelete("systems", system);
  system_v = VersionBeforeDelete("systems", system);
  MustDelete("objects", object);
  object_v = VersionBeforeDelete("objects", object);
  MustDelete("information-sets", set);
  set_v = VersionBeforeDelete("information-sets", set);
  Response r = s.Delete("/api/v1/org-units/" + Id(unit_id), admin);
  ASSERT_EQ(r.status, 204) << r;

  struct Case {
    std::string collection;
    long long id, version;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"systems", system, system_v, "object_id"},
      {"objects", object, object_v, "org_unit_id"},
      {"information-sets", set, set_v, "org_unit_id"},
      {"objects", object, object_v + 1, "version"},  // the deletion itself
      {"objects", object, 99, "version"},
  };
  long long events = s.AuditTotal();
  for (const auto& c : cases) {
    r = Restore(c.collection, c.id, c.version);
    EXPECT_EQ(r.status, 400) << c.collection << " v" << c.version << ": " << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << r;
  }
  r = s.Post("/api/v1/objects/" + Id(object) + "/restore", ciso_, json::object());
  EXPECT_EQ(r.status, 400) << "no version: " << r;
  EXPECT_EQ(s.AuditTotal(), events) << "refused restores write nothing";
  EXPECT_EQ(s.Post("/api/v1/objects/999999/restore", ciso_, {{"version", 1}}).status, 404);

  // In order, unit, object and system come back.
  json unit_history = Fetch(s, admin, "/api/v1/org-units/" + Id(unit_id) + "/history")["items"];
  r = s.Post("/api/v1/org-units/" + Id(unit_id) + "/restore", admin,
             {{"version", unit_history[unit_history.size() - 2]["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(Restore("objects", object, object_v).status, 200);
  EXPECT_EQ(Restore("systems", system, system_v).status, 200);
  EXPECT_EQ(Restore("information-sets", set, set_v).status, 200);
}

// Who may list deleted records and restore them. The targets are in Barn- och
// utbildningsförvaltningen (BoU), where objektagare holds object_owner; medarbetare works in
// Socialförvaltningen and sees nothing of BoU; sakerhetschef reads everything.
TEST_F(AssetRestoreTest, PermissionMatrix) {
  LisServer& s = server();
  enum {
    kListObjects,
    kListSystems,
    kListSets,
    kRestoreObject,
    kRestoreSystem,
    kRestoreSet,
    kColumns
  };
  struct Row {
    std::string username;
    std::array<int, kColumns> expected;
  };
  // clang-format off
  const std::vector<Row> rows = {
      //                 deleted lists      restore
      //                 obj  sys  set      obj  sys  set
      {"ciso",          {200, 200, 200,     200, 200, 200}},
      {"sakerhetschef", {200, 200, 200,     403, 403, 403}},
      {"objektagare",   {200, 200, 200,     200, 200, 200}},
      {"medarbetare",   {200, 200, 200,     404, 404, 404}},
      {"admin",         {403, 403, 403,     404, 404, 404}},
      {"-",             {401, 401, 401,     401, 401, 401}},
  };
  // clang-format on
  const char* collections[] = {"objects", "systems", "information-sets"};
  long long shared_object = CreateObject(s, ciso_, "Delat objekt", bou_);
  int counter = 0;
  // A deleted object, system and set of its own (or the shared deleted ones).
  auto deleted = [&](int kind) {
    std::string name = "Matris " + std::to_string(++counter);
    long long id = kind == 0   ? CreateObject(s, ciso_, name, bou_)
                   : kind == 1 ? CreateSystem(s, ciso_, name, shared_object)
                               : CreateSet(s, ciso_, name, bou_);
    MustDelete(collections[kind], id);
    return id;
  };
  long long shared[3] = {deleted(0), deleted(1), deleted(2)};
  for (const auto& row : rows) {
    SCOPED_TRACE(row.username);
    Auth auth;
    if (row.username == "admin")
      auth = s.Admin();
    else if (row.username != "-")
      auth = s.Login(row.username);
    for (int c = 0; c < kColumns; ++c) {
      int expected = row.expected[c];
      int kind = c % 3;
      Response r;
      if (c < kRestoreObject) {
        r = s.Get(std::string("/api/v1/") + collections[kind] + "?deleted=true", auth);
        if (expected == 200 && row.username != "medarbetare")
          EXPECT_TRUE(IdSet(r.Json()["items"]).count(shared[kind])) << collections[kind];
        if (expected == 200 && row.username == "medarbetare")
          EXPECT_FALSE(IdSet(r.Json()["items"]).count(shared[kind])) << collections[kind];
      } else {
        long long id = expected == 200 ? deleted(kind) : shared[kind];
        r = Restore(collections[kind], id, 1, &auth);
        if (expected == 200) EXPECT_EQ(r.Json()["deleted_at"], nullptr) << r;
      }
      EXPECT_EQ(r.status, expected) << "column " << c << ": " << r;
    }
  }
  // The refused restores left the shared records deleted.
  for (int kind = 0; kind < 3; ++kind)
    EXPECT_TRUE(DeletedIds(collections[kind]).count(shared[kind])) << collections[kind];
}

}  // namespace
}  // namespace lis_test::asset_restore_test
