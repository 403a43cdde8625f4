// Classification of information sets (K, R, T, S on the scale 0-4) through the API: the
// derived security class of sets, systems and objects with its reason, the validation of a
// classification, the approval flow with its review date, the protection requirements a
// system's levels trigger, and the class filters of the register.
#include <functional>
#include <map>
#include <optional>
#include <set>

#include "asset_support.h"

namespace lis_test::classification_test {
namespace {

class ClassificationTest : public SharedServerTest<ClassificationTest> {
 protected:
  static const Session& Ciso() {
    static Session session = server().Login("ciso");
    return session;
  }
  static long long Buf() { return server().OrgUnitId("Barn- och utbildningsförvaltningen"); }
  static long long Sof() { return server().OrgUnitId("Socialförvaltningen"); }

  static json GetSet(long long id) {
    return Fetch(server(), Ciso(), "/api/v1/information-sets/" + Id(id));
  }
  static json GetSystem(long long id) {
    return Fetch(server(), Ciso(), "/api/v1/systems/" + Id(id));
  }
  static json GetObject(long long id) {
    return Fetch(server(), Ciso(), "/api/v1/objects/" + Id(id));
  }
  static std::string ClassificationPath(long long set) {
    return "/api/v1/information-sets/" + Id(set) + "/classification";
  }
};

// What a derived class should be: null (unclassified) or a level with the information set
// (and, for an object, the system) it comes from. `aspect` is checked when set.
struct Derived {
  std::optional<int> level;
  std::string set;
  std::string aspect;
  std::string system;  // for an object: the system the reason names
};

void ExpectDerived(json record, const Derived& expected, const std::string& what) {
  if (!expected.level) {
    EXPECT_TRUE(record.contains("security_class") && record["security_class"].is_null())
        << what << ": unclassified: " << record;
    EXPECT_TRUE(record.contains("class_reason") && record["class_reason"].is_null())
        << what << ": " << record;
    return;
  }
  EXPECT_EQ(record["security_class"], *expected.level) << what << ": " << record;
  json reason = record["class_reason"];
  ASSERT_TRUE(reason.is_object()) << what << ": no class_reason: " << record;
  EXPECT_EQ(reason["level"], *expected.level) << what << ": " << reason;
  EXPECT_EQ(reason["information_set"], expected.set) << what << ": " << reason;
  EXPECT_TRUE(reason["information_set_id"].is_number_integer()) << what << ": " << reason;
  if (!expected.aspect.empty()) EXPECT_EQ(reason["aspect"], expected.aspect) << what;
  if (!expected.system.empty()) EXPECT_EQ(reason["system"], expected.system) << what;
}

// The highest level of `levels`, and its aspect when one aspect alone has it.
std::pair<int, std::string> Highest(const Levels& levels) {
  int best = -1, count = 0;
  std::string aspect;
  for (size_t i = 0; i < 4; ++i) {
    if (levels[i] > best) {
      best = levels[i];
      aspect = kAspectNames[i];
      count = 1;
    } else if (levels[i] == best) {
      ++count;
    }
  }
  return {best, count == 1 ? aspect : ""};
}

// One derivation case: information sets (unclassified when `levels` is empty) linked to the
// systems A, B and C of one object, and the classes those and the object must show.
struct SetSpec {
  std::string name;
  std::optional<Levels> levels;
  std::string systems;  // letters of the systems that process it, e.g. "AB"
};
struct DerivationCase {
  std::string what;
  std::vector<SetSpec> sets;
  std::array<Derived, 3> systems;  // A, B, C
  Derived object;
};

TEST_F(ClassificationTest, SecurityClassIsTheHighestLevelUpThroughSystemsAndObjects) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  const Derived none{};
  const std::vector<DerivationCase> cases = {
      {"one set, confidentiality highest",
       {{"Elevakter", Levels{3, 1, 2, 0}, "A"}},
       {Derived{3, "Elevakter", "confidentiality"}, none, none},
       {3, "Elevakter", "confidentiality", "A"}},
      {"a system takes the highest of its sets, the object the highest of its systems",
       {{"Betyg", Levels{1, 2, 0, 0}, "A"},
        {"Närvaro", Levels{0, 0, 3, 1}, "A"},
        {"Behörighetsloggar", Levels{0, 1, 0, 4}, "B"}},
       {Derived{3, "Närvaro", "availability"}, Derived{4, "Behörighetsloggar", "traceability"},
        none},
       {4, "Behörighetsloggar", "traceability", "B"}},
      {"unclassified sets do not count",
       {{"Oklassad", std::nullopt, "AB"}, {"Låg", Levels{1, 0, 0, 0}, "B"}},
       {none, Derived{1, "Låg", "confidentiality"}, none},
       {1, "Låg", "confidentiality", "B"}},
      {"only unclassified sets: no class anywhere",
       {{"Utkast 1", std::nullopt, "A"}, {"Utkast 2", std::nullopt, "ABC"}},
       {none, none, none},
       none},
      {"one set on several systems",
       {{"Gemensam", Levels{0, 2, 0, 0}, "ABC"}, {"Kritisk", Levels{1, 1, 1, 3}, "C"}},
       {Derived{2, "Gemensam", "integrity"}, Derived{2, "Gemensam", "integrity"},
        Derived{3, "Kritisk", "traceability"}},
       {3, "Kritisk", "traceability", "C"}},
      {"all levels 0 is class 0, not unclassified",
       {{"Publik", Levels{0, 0, 0, 0}, "A"}},
       {Derived{0, "Publik", ""}, none, none},
       {0, "Publik", "", "A"}},
      {"integrity 4 on one system outweighs availability 3 on another",
       {{"Ekonomi", Levels{2, 4, 1, 1}, "B"}, {"Schema", Levels{1, 1, 3, 0}, "A"}},
       {Derived{3, "Schema", "availability"}, Derived{4, "Ekonomi", "integrity"}, none},
       {4, "Ekonomi", "integrity", "B"}},
  };

  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const std::string prefix = "D" + std::to_string(++n) + " ";
    long long object = CreateObject(s, ciso, prefix + "objekt", Buf());
    std::map<char, long long> systems;
    for (char letter : std::string("ABC"))
      systems[letter] = CreateSystem(s, ciso, std::string(1, letter), object);
    std::map<std::string, long long> set_ids;
    for (const auto& spec : c.sets) {
      std::vector<long long> linked;
      for (char letter : spec.systems) linked.push_back(systems.at(letter));
      long long id = CreateSet(s, ciso, spec.name, Buf(), linked);
      set_ids[spec.name] = id;
      if (spec.levels) Classify(s, ciso, id, *spec.levels);
    }

    // Each set: its highest level, null while unclassified; the same in the list.
    json listed = Fetch(s, ciso, "/api/v1/information-sets?limit=500&org_unit_id=" + Id(Buf()));
    for (const auto& spec : c.sets) {
      json set = GetSet(set_ids[spec.name]);
      json item;
      for (const auto& i : listed["items"])
        if (i["id"] == set_ids[spec.name]) item = i;
      ASSERT_TRUE(item.is_object()) << spec.name << " is listed";
      if (!spec.levels) {
        EXPECT_TRUE(set["security_class"].is_null()) << spec.name << ": " << set;
        EXPECT_TRUE(item["security_class"].is_null()) << spec.name << " in the list";
        continue;
      }
      EXPECT_EQ(set["security_class"], Highest(*spec.levels).first) << spec.name << ": " << set;
      EXPECT_EQ(item["security_class"], Highest(*spec.levels).first) << spec.name << " listed";
    }

    // Each system: the highest over its classified sets, naming the set; the list agrees.
    json system_list = Fetch(s, ciso, "/api/v1/systems?limit=500&object_id=" + Id(object));
    for (size_t i = 0; i < 3; ++i) {
      char letter = static_cast<char>('A' + i);
      json system = GetSystem(systems[letter]);
      ExpectDerived(system, c.systems[i], std::string("system ") + letter);
      if (c.systems[i].level) {
        EXPECT_EQ(system["class_reason"]["system"], std::string(1, letter));
        EXPECT_EQ(system["class_reason"]["information_set_id"], set_ids[c.systems[i].set]);
      }
      for (const auto& item : system_list["items"])
        if (item["id"] == systems[letter])
          EXPECT_EQ(item["security_class"], system["security_class"])
              << "system " << letter << " in the list";
    }

    // The object: the highest over its systems, naming the set and the system.
    json got = GetObject(object);
    ExpectDerived(got, c.object, "object");
    if (c.object.level)
      EXPECT_EQ(got["class_reason"]["system_id"], systems[c.object.system[0]]) << got;
    json object_list = Fetch(s, ciso, "/api/v1/objects?limit=500&org_unit_id=" + Id(Buf()));
    for (const auto& item : object_list["items"])
      if (item["id"] == object)
        EXPECT_EQ(item["security_class"], got["security_class"]) << "the object in the list";
  }
}

// An information set shows the reason for its class as systems and objects do.
TEST_F(ClassificationTest, AnInformationSetShowsTheReasonForItsClass) {
  LisServer& s = server();
  long long set = CreateSet(s, Ciso(), "Skälmängd", Buf());
  json classified = Classify(s, Ciso(), set, {1, 3, 2, 0});
  EXPECT_EQ(classified["security_class"], 3);
  json got = GetSet(set);
  EXPECT_EQ(got["security_class"], 3);
  ASSERT_TRUE(got.contains("class_reason") && got["class_reason"].is_object())
      << "GET /information-sets/{id} has security_class 3 but no class_reason: " << got;
  EXPECT_EQ(got["class_reason"]["level"], 3);
  EXPECT_EQ(got["class_reason"]["aspect"], "integrity");
}

// A register lists each record's class with the same reason its own page gives (lists read
// the reasons of a whole page at once).
TEST_F(ClassificationTest, ListsGiveTheSameClassAndReasonAsTheRecord) {
  LisServer& s = server();
  long long object = CreateObject(s, Ciso(), "Listskälsobjekt", Buf());
  long long a = CreateSystem(s, Ciso(), "Listskäl A", object);
  long long b = CreateSystem(s, Ciso(), "Listskäl B", object);
  Classify(s, Ciso(), CreateSet(s, Ciso(), "Listskäl 1", Buf(), {a}), {1, 3, 0, 0});
  Classify(s, Ciso(), CreateSet(s, Ciso(), "Listskäl 2", Buf(), {a, b}), {3, 0, 0, 0});
  Classify(s, Ciso(), CreateSet(s, Ciso(), "Listskäl 3", Buf(), {b}), {0, 2, 2, 0});
  int compared = 0;
  for (std::string collection : {"objects", "systems", "information-sets"}) {
    json page = Fetch(s, Ciso(), "/api/v1/" + collection + "?limit=500");
    for (const auto& item : page["items"]) {
      json record = Fetch(s, Ciso(), "/api/v1/" + collection + "/" + Id(item["id"]));
      EXPECT_EQ(item["security_class"], record["security_class"]) << item;
      EXPECT_EQ(item["class_reason"], record["class_reason"]) << item;
      if (item["class_reason"].is_object()) ++compared;
    }
  }
  EXPECT_GE(compared, 6) << "classified records were compared";
  json listed = Fetch(s, Ciso(), "/api/v1/objects?q=Listsk%C3%A4lsobjekt")["items"][0];
  EXPECT_EQ(listed["class_reason"]["information_set"], "Listskäl 1") << "the first at level 3";
  EXPECT_EQ(listed["class_reason"]["system"], "Listskäl A") << listed;
}

TEST_F(ClassificationTest, DeletingOrRelinkingSetsChangesTheDerivedClass) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Omlänkat objekt", Buf());
  long long a = CreateSystem(s, ciso, "System A", object);
  long long b = CreateSystem(s, ciso, "System B", object);
  long long high = CreateSet(s, ciso, "Hög", Buf(), {a});
  long long low = CreateSet(s, ciso, "Låg", Buf(), {a});
  Classify(s, ciso, high, {0, 0, 3, 0});
  Classify(s, ciso, low, {1, 0, 0, 0});
  ExpectDerived(GetSystem(a), {3, "Hög", "availability"}, "A with both sets");
  ExpectDerived(GetObject(object), {3, "Hög", "availability", "System A"}, "object");

  ASSERT_EQ(s.Delete("/api/v1/information-sets/" + Id(high), ciso).status, 204);
  ExpectDerived(GetSystem(a), {1, "Låg", "confidentiality"}, "A after the high set is deleted");
  ExpectDerived(GetObject(object), {1, "Låg", "confidentiality", "System A"}, "object");

  Response r = s.Patch("/api/v1/information-sets/" + Id(low), ciso,
                       {{"system_ids", json::array({b})}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  ExpectDerived(GetSystem(a), {}, "A after the set moved to B");
  ExpectDerived(GetSystem(b), {1, "Låg", "confidentiality"}, "B after the set moved to it");
  ExpectDerived(GetObject(object), {1, "Låg", "confidentiality", "System B"}, "object");

  r = s.Patch("/api/v1/information-sets/" + Id(low), ciso,
              {{"system_ids", json::array({a, b})}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  ExpectDerived(GetSystem(a), {1, "Låg", "confidentiality"}, "A linked again");

  // A new classification changes every system processing the set.
  Classify(s, ciso, low, {0, 2, 0, 0});
  ExpectDerived(GetSystem(a), {2, "Låg", "integrity"}, "A after reclassification");
  ExpectDerived(GetSystem(b), {2, "Låg", "integrity"}, "B after reclassification");

  // A deleted system no longer counts for its object.
  long long c = CreateSystem(s, ciso, "System C", object);
  long long top = CreateSet(s, ciso, "Topp", Buf(), {c});
  Classify(s, ciso, top, {4, 0, 0, 0});
  ExpectDerived(GetObject(object), {4, "Topp", "confidentiality", "System C"}, "object with C");
  ASSERT_EQ(s.Delete("/api/v1/systems/" + Id(c), ciso).status, 204);
  ExpectDerived(GetObject(object), {2, "Låg", "integrity"}, "object after C is deleted");

  r = s.Patch("/api/v1/information-sets/" + Id(low), ciso,
              {{"system_ids", json::array()}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  ExpectDerived(GetObject(object), {}, "object whose systems process nothing");
}

TEST_F(ClassificationTest, InvalidClassificationsAnswer400NamingTheField) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long set = CreateSet(s, ciso, "Felklassad mängd", Buf());
  struct Case {
    std::string what;
    std::function<void(json&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"level 5", [](json& b) { b["confidentiality"] = 5; }, "confidentiality"},
      {"level -1", [](json& b) { b["integrity"] = -1; }, "integrity"},
      {"level 100", [](json& b) { b["traceability"] = 100; }, "traceability"},
      {"level a string", [](json& b) { b["availability"] = "2"; }, "availability"},
      {"level a fraction", [](json& b) { b["traceability"] = 2.5; }, "traceability"},
      {"level null", [](json& b) { b["integrity"] = nullptr; }, "integrity"},
      {"level missing", [](json& b) { b.erase("availability"); }, "availability"},
      {"motivations missing", [](json& b) { b.erase("motivations"); }, "motivations"},
      {"motivations not an object", [](json& b) { b["motivations"] = "Därför"; }, "motivations"},
      {"a motivation missing", [](json& b) { b["motivations"].erase("traceability"); },
       "motivations.traceability"},
      {"a motivation blank", [](json& b) { b["motivations"]["confidentiality"] = " \n "; },
       "motivations.confidentiality"},
      {"a motivation null", [](json& b) { b["motivations"]["availability"] = nullptr; },
       "motivations.availability"},
      {"a motivation a number", [](json& b) { b["motivations"]["integrity"] = 3; },
       "motivations.integrity"},
      {"a motivation for an unknown aspect", [](json& b) { b["motivations"]["secrecy"] = "x"; },
       "motivations.secrecy"},
      {"an unknown field", [](json& b) { b["security_class"] = 2; }, "security_class"},
  };
  long long events = s.AuditTotal();
  for (const auto& c : cases) {
    json body = ClassificationBody({1, 1, 1, 1});
    c.change(body);
    Response r = s.Send("PUT", ClassificationPath(set), ciso, body);
    EXPECT_EQ(r.status, 400) << c.what << " " << body.dump() << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "invalid") << c.what;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << c.what << ": " << r;
  }
  json got = GetSet(set);
  EXPECT_TRUE(got["classification"].is_null()) << "still unclassified: " << got;
  EXPECT_TRUE(got["security_class"].is_null());
  EXPECT_EQ(s.AuditTotal(), events) << "refused classifications write nothing";

  // The whole scale is accepted, and a classification of a set that does not exist is 404.
  for (int level = 0; level <= 4; ++level)
    EXPECT_EQ(Classify(s, ciso, set, {level, level, level, level})["security_class"], level);
  EXPECT_EQ(
      s.Send("PUT", ClassificationPath(99999999), ciso, ClassificationBody({1, 1, 1, 1})).status,
      404);
}

// A level is checked as the integer it is, not as what is left of it in 32 bits.
TEST_F(ClassificationTest, LevelsBeyond32BitsAreRefusedNotTruncated) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long set = CreateSet(s, ciso, "Överspillsmängd", Buf());
  const std::vector<std::pair<std::string, long long>> cases = {
      {"confidentiality", 4294967297LL},   // 2^32 + 1: 1 when cut to 32 bits
      {"integrity", -4294967294LL},        // -(2^32) + 2: 2 when cut to 32 bits
      {"availability", 4294967296LL * 3},  // 0 when cut to 32 bits
  };
  for (const auto& [aspect, level] : cases) {
    json body = ClassificationBody({1, 1, 1, 1});
    body[aspect] = level;
    Response r = s.Send("PUT", ClassificationPath(set), ciso, body);
    json answer = r.Json();
    json taken = answer.contains("classification") ? answer["classification"][aspect] : json();
    EXPECT_EQ(r.status, 400) << aspect << " = " << level << " was taken as " << taken << ": " << r;
    if (r.status == 400) EXPECT_EQ(answer["error"].value("field", ""), aspect) << r;
  }
}

TEST_F(ClassificationTest, ApprovalFlowDraftApprovedReviewDateAndReclassification) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long set = CreateSet(s, ciso, "Godkännandemängd", Buf());
  const std::string approve = ClassificationPath(set) + "/approve";

  // Nothing to approve before a classification.
  Response r = s.Post(approve, ciso, {{"version", 1}});
  EXPECT_EQ(r.status, 409) << "approving an unclassified set: " << r;

  json classified = Classify(s, ciso, set, {2, 1, 3, 0});
  json c = classified["classification"];
  ASSERT_TRUE(c.is_object()) << classified;
  EXPECT_EQ(c["status"], "draft");
  EXPECT_EQ(c["confidentiality"], 2);
  EXPECT_EQ(c["integrity"], 1);
  EXPECT_EQ(c["availability"], 3);
  EXPECT_EQ(c["traceability"], 0);
  EXPECT_EQ(c["security_class"], 3);
  EXPECT_EQ(c["motivations"], ClassificationBody({0, 0, 0, 0})["motivations"]);
  EXPECT_EQ(c["classified_by"], ciso.user_id);
  EXPECT_TRUE(c["classified_at"].is_string()) << c;
  EXPECT_TRUE(c["approved_by"].is_null());
  EXPECT_TRUE(c["approved_at"].is_null());
  EXPECT_TRUE(c["review_due"].is_null()) << "no review date before approval";
  EXPECT_EQ(GetSet(set)["classification"], c);

  // Approval needs the classification's version.
  r = s.Post(approve, ciso, json::object());
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"].value("field", ""), "version") << r;
  r = s.Post(approve, ciso, {{"version", "1"}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"].value("field", ""), "version") << r;
  r = s.Post(approve, ciso, {{"version", c["version"].get<long long>() + 1}});
  EXPECT_EQ(r.status, 409) << "a version not reached: " << r;

  r = s.Post(approve, ciso, {{"version", c["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  json approved = r.Json()["classification"];
  EXPECT_EQ(approved["status"], "approved");
  EXPECT_EQ(approved["approved_by"], ciso.user_id);
  ASSERT_TRUE(approved["approved_at"].is_string()) << approved;
  EXPECT_EQ(approved["version"], c["version"].get<long long>() + 1);
  EXPECT_EQ(approved["classified_at"], c["classified_at"]) << "approval keeps who classified when";
  EXPECT_EQ(approved["classified_by"], c["classified_by"]);
  // Twelve months after the day of approval (the same day as the classification here).
  std::string day = approved["approved_at"].get<std::string>().substr(0, 10);
  EXPECT_EQ(approved["review_due"], AddMonths(day, 12)) << approved;
  EXPECT_EQ(approved["review_due"],
            AddMonths(approved["classified_at"].get<std::string>().substr(0, 10), 12));
  EXPECT_EQ(GetSet(set)["classification"], approved);
  EXPECT_EQ(GetSet(set)["security_class"], 3);

  // Approving again: 409, with the old version as with the new one.
  r = s.Post(approve, ciso, {{"version", approved["version"]}});
  EXPECT_EQ(r.status, 409) << "approving an approved classification: " << r;
  r = s.Post(approve, ciso, {{"version", c["version"]}});
  EXPECT_EQ(r.status, 409) << r;
  EXPECT_EQ(GetSet(set)["classification"], approved) << "refusals change nothing";

  // A new classification is a draft again, without approval or review date.
  json redone = Classify(s, ciso, set, {4, 1, 3, 0})["classification"];
  EXPECT_EQ(redone["status"], "draft");
  EXPECT_EQ(redone["security_class"], 4);
  EXPECT_TRUE(redone["approved_by"].is_null()) << redone;
  EXPECT_TRUE(redone["approved_at"].is_null()) << redone;
  EXPECT_TRUE(redone["review_due"].is_null()) << redone;
  EXPECT_EQ(redone["id"], c["id"]) << "one classification per set, in versions";
  EXPECT_GT(redone["version"].get<long long>(), approved["version"].get<long long>());

  // The version approved before is stale now.
  r = s.Post(approve, ciso, {{"version", approved["version"]}});
  EXPECT_EQ(r.status, 409) << "approving with a stale version: " << r;
  EXPECT_EQ(r.Json()["error"]["code"], "conflict");
  EXPECT_EQ(GetSet(set)["classification"]["status"], "draft");
  r = s.Post(approve, ciso, {{"version", redone["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["classification"]["status"], "approved");
}

// The information owner of a unit approves what has been classified there.
TEST_F(ClassificationTest, InformationOwnerApprovesInItsUnit) {
  LisServer& s = server();
  long long set = CreateSet(s, Ciso(), "Biståndsbeslut", Sof());
  Classify(s, Ciso(), set, {3, 3, 2, 3});
  Session owner = s.Login("infoagare.sof");
  json approved = Approve(s, owner, set)["classification"];
  EXPECT_EQ(approved["status"], "approved");
  EXPECT_EQ(approved["approved_by"], owner.user_id);
  EXPECT_EQ(approved["classified_by"], Ciso().user_id);
}

// The requirements of a system are exactly the catalogue entries whose aspect the system
// has at or above the entry's minimum level (the highest level over its classified sets).
TEST_F(ClassificationTest, SystemRequirementsAreTheCatalogueEntriesItsLevelsTrigger) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  json catalogue = Fetch(s, ciso, "/api/v1/requirements?limit=500");
  ASSERT_EQ(catalogue["total"], 137) << "the shipped catalogue";
  ASSERT_EQ(catalogue["items"].size(), 137u);
  std::map<std::string, json> by_code;
  for (const auto& r : catalogue["items"]) by_code[r["requirement_id"]] = r;
  ASSERT_EQ(by_code.size(), 137u) << "requirement ids are unique";

  struct Case {
    std::string what;
    std::vector<std::optional<Levels>> sets;  // nullopt: an unclassified set
  };
  const std::vector<Case> cases = {
      {"K3 R0 T0 S0", {Levels{3, 0, 0, 0}}},
      {"K1 R2 T3 S4", {Levels{1, 2, 3, 4}}},
      {"everything at 4", {Levels{4, 4, 4, 4}}},
      {"everything at 0", {Levels{0, 0, 0, 0}}},
      {"two sets: K3 from one, R2 S1 from the other", {Levels{3, 0, 0, 0}, Levels{0, 2, 0, 1}}},
      {"an unclassified set beside T2", {std::nullopt, Levels{0, 0, 2, 0}}},
      {"only an unclassified set", {std::nullopt}},
      {"no sets", {}},
  };
  int n = 0;
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    long long object = CreateObject(s, ciso, "Kravobjekt " + std::to_string(++n), Buf());
    long long system = CreateSystem(s, ciso, "Kravsystem", object);
    Levels max{-1, -1, -1, -1};
    for (const auto& levels : c.sets) {
      long long set = CreateSet(s, ciso, "Kravmängd", Buf(), {system});
      if (!levels) continue;
      Classify(s, ciso, set, *levels);
      max = {std::max(max.k, levels->k), std::max(max.r, levels->r), std::max(max.t, levels->t),
             std::max(max.s, levels->s)};
    }
    std::set<std::string> expected;
    for (const auto& [code, r] : by_code) {
      std::string aspect = r["aspect"];
      for (size_t i = 0; i < 4; ++i)
        if (aspect == kAspectNames[i] && max[i] >= r["min_level"].get<int>()) expected.insert(code);
    }
    if (c.what == "K3 R0 T0 S0") {
      // As the brief states it: confidentiality entries of minimum level 3 or lower.
      std::set<std::string> confidentiality;
      for (const auto& [code, r] : by_code)
        if (r["aspect"] == "confidentiality" && r["min_level"].get<int>() <= 3)
          confidentiality.insert(code);
      EXPECT_EQ(expected, confidentiality);
      EXPECT_FALSE(expected.empty());
    }

    json got = Fetch(s, ciso, "/api/v1/systems/" + Id(system) + "/requirements");
    ASSERT_TRUE(got["items"].is_array()) << got;
    EXPECT_EQ(got["total"], got["items"].size());
    std::set<std::string> codes;
    for (const auto& item : got["items"]) {
      std::string code = item["requirement_id"];
      EXPECT_TRUE(codes.insert(code).second) << code << " listed twice";
      ASSERT_TRUE(by_code.count(code)) << code << " is not in the catalogue";
      EXPECT_EQ(item["aspect"], by_code[code]["aspect"]) << code;
      EXPECT_EQ(item["min_level"], by_code[code]["min_level"]) << code;
      EXPECT_EQ(item["status"], "open") << code << ": nothing recorded yet";
    }
    EXPECT_EQ(codes, expected) << codes.size() << " requirements, expected " << expected.size();
  }
}

TEST_F(ClassificationTest, RegisterFiltersByClassAndUnclassified) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long unit = s.CreateOrgUnit("Klassfilterenheten", Buf())["id"];
  const std::vector<std::pair<std::string, std::optional<Levels>>> sets = {
      {"Noll", Levels{0, 0, 0, 0}},  {"Ett", Levels{1, 0, 1, 0}},  {"Två K", Levels{2, 1, 0, 0}},
      {"Två T", Levels{0, 0, 2, 0}}, {"Fyra", Levels{0, 0, 0, 4}}, {"Oklassad 1", std::nullopt},
      {"Oklassad 2", std::nullopt},
  };
  std::map<std::string, long long> ids;
  for (const auto& [name, levels] : sets) {
    ids[name] = CreateSet(s, ciso, name, unit);
    if (levels) Classify(s, ciso, ids[name], *levels);
  }
  auto names = [&](const std::string& filter) {
    json page =
        Fetch(s, ciso, "/api/v1/information-sets?limit=500&org_unit_id=" + Id(unit) + "&" + filter);
    auto v = Strings(page["items"], "name");
    EXPECT_EQ(page["total"], v.size()) << filter;
    return std::set<std::string>(v.begin(), v.end());
  };
  using Names = std::set<std::string>;
  const std::vector<std::pair<std::string, Names>> cases = {
      {"security_class=0", {"Noll"}},
      {"security_class=1", {"Ett"}},
      {"security_class=2", {"Två K", "Två T"}},
      {"security_class=3", {}},
      {"security_class=4", {"Fyra"}},
      {"unclassified=true", {"Oklassad 1", "Oklassad 2"}},
      {"security_class=2&q=" + UrlEncode("två t"), {"Två T"}},
      {"", {"Noll", "Ett", "Två K", "Två T", "Fyra", "Oklassad 1", "Oklassad 2"}},
  };
  for (const auto& [filter, expected] : cases) EXPECT_EQ(names(filter), expected) << filter;

  // Classifying a set moves it from one filter to the other; deleting it removes it.
  Classify(s, ciso, ids["Oklassad 1"], {3, 0, 0, 0});
  EXPECT_EQ(names("unclassified=true"), Names{"Oklassad 2"});
  EXPECT_EQ(names("security_class=3"), Names{"Oklassad 1"});
  ASSERT_EQ(s.Delete("/api/v1/information-sets/" + Id(ids["Fyra"]), ciso).status, 204);
  EXPECT_EQ(names("security_class=4"), Names{});

  Response bad = s.Get("/api/v1/information-sets?security_class=high", ciso);
  EXPECT_EQ(bad.status, 400) << bad;
  EXPECT_EQ(bad.Json()["error"].value("field", ""), "security_class") << bad;
}

// A server whose scale is 0–3 (MSB's four levels) and whose reviews fall due after 24 months.
class ConfiguredScaleTest : public SharedServerTest<ConfiguredScaleTest> {
 public:
  static ServerOptions Options() {
    ServerOptions o;
    o.config_toml = "classification_max_level = 3\nreview_months = 24\n";
    return o;
  }
};

TEST_F(ConfiguredScaleTest, LevelsAboveTheScaleAreRefusedAndReviewsFollowTheSetting) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  long long set = CreateSet(s, ciso, "Kortare skala", s.OrgUnitId("Socialförvaltningen"));
  std::string path = "/api/v1/information-sets/" + Id(set) + "/classification";

  Response r = s.Send("PUT", path, ciso, ClassificationBody({4, 0, 0, 0}));
  EXPECT_EQ(r.status, 400) << "4 is above a 0–3 scale: " << r;
  EXPECT_EQ(r.Json()["error"].value("field", ""), "confidentiality") << r;

  json c = Classify(s, ciso, set, {3, 0, 0, 0})["classification"];
  r = s.Post(path + "/approve", ciso, {{"version", c["version"]}});
  ASSERT_EQ(r.status, 200) << r;
  json approved = r.Json()["classification"];
  std::string day = approved["approved_at"].get<std::string>().substr(0, 10);
  EXPECT_EQ(approved["review_due"], AddMonths(day, 24)) << approved;

  // The questionnaire proposes at most the top of the scale, and offers no level above it.
  std::string page = "/assets/information-sets/" + Id(set) + "/classify";
  r = s.Get(page, ciso);
  ASSERT_EQ(r.status, 200) << r;
  std::string form;  // every question answered with its highest consequence
  std::set<std::string> questions;
  for (size_t at = 0; (at = r.body.find("name=\"q_", at)) != std::string::npos; ++at)
    questions.insert(r.body.substr(at + 6, r.body.find('"', at + 6) - at - 6));
  ASSERT_FALSE(questions.empty()) << r.body;
  for (const auto& q : questions) form += q + "=4&";
  r = s.SendRaw("POST", page, ciso, form + "step=propose", "application/x-www-form-urlencoded");
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_NE(r.body.find("name=\"level_confidentiality\""), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("<option value=\"3\" selected"), std::string::npos) << "3 proposed";
  EXPECT_EQ(r.body.find("<option value=\"4\""), std::string::npos) << "no level 4 to confirm";
  // A level above the scale sent anyway is refused on the form, naming the aspect's field.
  std::string save = form + "step=save";
  for (const char* a : {"confidentiality", "integrity", "availability", "traceability"})
    save +=
        std::string("&level_") + a + "=" + (a[0] == 'c' ? "4" : "1") + "&motivation_" + a + "=M";
  r = s.SendRaw("POST", page, ciso, save, "application/x-www-form-urlencoded");
  EXPECT_EQ(r.status, 422) << r;
  EXPECT_NE(r.body.find("href=\"#level_confidentiality\""), std::string::npos) << r.body;
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/information-sets/" + Id(set))["classification"], approved)
      << "nothing saved";
  // The requirement catalogue offers the levels of the scale only.
  r = s.Get("/assets/requirements", ciso);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_NE(r.body.find("<option value=\"3\""), std::string::npos);
  EXPECT_EQ(r.body.find("<option value=\"4\""), std::string::npos) << "no level 4 to filter by";
  r = s.Get("/assets/requirements?level=4", ciso);
  EXPECT_EQ(r.status, 200) << "a level beyond the scale is no filter";
}

}  // namespace
}  // namespace lis_test::classification_test

namespace lis_test::classification_test {
namespace {

// Replacing a classification names the version it replaces, so that two people classifying
// the same set at once cannot overwrite each other unseen.
TEST_F(ClassificationTest, ReclassifyingNamesTheVersionItReplaces) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long set = CreateSet(s, ciso, "Dubbelklassad mängd", s.OrgUnitId("Socialförvaltningen"));
  const std::string path = ClassificationPath(set);
  ASSERT_EQ(s.Send("PUT", path, ciso, ClassificationBody({1, 1, 1, 1})).status, 200)
      << "the first classification needs no version";
  json first = GetSet(set)["classification"];

  Response missing = s.Send("PUT", path, ciso, ClassificationBody({2, 2, 2, 2}));
  EXPECT_EQ(missing.status, 400) << missing;
  EXPECT_EQ(missing.Json()["error"]["field"], "version");

  json stale = ClassificationBody({3, 3, 3, 3});
  stale["version"] = first["version"].get<long long>() + 7;
  Response conflict = s.Send("PUT", path, ciso, stale);
  EXPECT_EQ(conflict.status, 409) << conflict;
  EXPECT_EQ(conflict.Json()["error"]["current"]["confidentiality"], 1);
  EXPECT_EQ(GetSet(set)["classification"], first) << "refusals change nothing";

  json current = ClassificationBody({3, 2, 2, 2});
  current["version"] = first["version"];
  Response ok = s.Send("PUT", path, ciso, current);
  ASSERT_EQ(ok.status, 200) << ok;
  EXPECT_EQ(ok.Json()["security_class"], 3);
  EXPECT_EQ(ok.Json()["classification"]["version"], first["version"].get<long long>() + 1);
}

}  // namespace
}  // namespace lis_test::classification_test
