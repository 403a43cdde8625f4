// The asset registers through the API, as the municipal CISO: objects (förvaltningsobjekt),
// their systems and information sets, created, read, listed, changed and deleted; input
// errors that name the field; version conflicts; what may not be deleted while something
// depends on it; and one audit event for every write.
#include <functional>
#include <map>

#include "asset_support.h"

namespace lis_test::assets_test {
namespace {

class AssetsTest : public SharedServerTest<AssetsTest> {
 protected:
  static const Session& Ciso() {
    static Session session = server().Login("ciso");
    return session;
  }
  static long long Buf() { return server().OrgUnitId("Barn- och utbildningsförvaltningen"); }
  static long long Sof() { return server().OrgUnitId("Socialförvaltningen"); }

  // The item with `id` in the list at `path` as the CISO sees it, or null.
  static json FindIn(const std::string& path, long long id) {
    for (const auto& item : Fetch(server(), Ciso(), path).value("items", json::array()))
      if (item["id"] == id) return item;
    return nullptr;
  }
};

// Checks the shape of an API error: {"error": {"code", "message", "field"?}}.
void ExpectError(const Response& r, int status, const std::string& code, const std::string& field,
                 const std::string& what) {
  EXPECT_EQ(r.status, status) << what << ": " << r;
  json e = r.Json()["error"];
  EXPECT_EQ(e["code"], code) << what << ": " << r;
  EXPECT_TRUE(e["message"].is_string() && !e["message"].get<std::string>().empty() &&
              e["message"].get<std::string>().rfind("error.", 0) != 0)
      << what << ": a message for people, not a key: " << r;
  if (!field.empty()) EXPECT_EQ(e.value("field", ""), field) << what << ": " << r;
}

TEST_F(AssetsTest, ObjectsAreCreatedReadListedUpdatedAndDeleted) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  Response r = s.Post("/api/v1/objects", ciso,
                      {{"name", "  Skolplattformen  "},
                       {"org_unit_id", Buf()},
                       {"description", "Lärplattform och elevregister"}});
  ASSERT_EQ(r.status, 201) << r;
  json created = r.Json();
  long long id = created["id"];
  EXPECT_EQ(created["name"], "Skolplattformen") << "names are trimmed";
  EXPECT_EQ(created["org_unit_id"], Buf());
  EXPECT_EQ(created["description"], "Lärplattform och elevregister");
  EXPECT_EQ(created["version"], 1);
  EXPECT_TRUE(created["deleted_at"].is_null());
  EXPECT_TRUE(created.contains("security_class") && created["security_class"].is_null())
      << "nothing is classified yet: " << created;
  EXPECT_TRUE(created.contains("class_reason") && created["class_reason"].is_null()) << created;

  json got = Fetch(s, ciso, "/api/v1/objects/" + Id(id));
  EXPECT_EQ(got, created);
  json listed = FindIn("/api/v1/objects?limit=500&org_unit_id=" + Id(Buf()) + "&q=skolPLATT", id);
  ASSERT_TRUE(listed.is_object()) << "filtered by unit and searched without regard to case";
  EXPECT_EQ(listed["name"], "Skolplattformen");
  EXPECT_TRUE(listed["security_class"].is_null());
  EXPECT_TRUE(FindIn("/api/v1/objects?limit=500&org_unit_id=" + Id(Sof()), id).is_null());
  EXPECT_TRUE(FindIn("/api/v1/objects?limit=500&q=ingenting", id).is_null());

  r = s.Patch("/api/v1/objects/" + Id(id), ciso,
              {{"name", "Skolplattform"}, {"description", "Lärplattform"}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 2);
  EXPECT_EQ(r.Json()["name"], "Skolplattform");
  EXPECT_EQ(r.Json()["description"], "Lärplattform");
  EXPECT_EQ(r.Json()["org_unit_id"], Buf()) << "fields not sent stay as they are";

  // Moved to another unit of the CISO's scope.
  r = s.Patch("/api/v1/objects/" + Id(id), ciso, {{"org_unit_id", Sof()}, {"version", 2}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["version"], 3);
  got = Fetch(s, ciso, "/api/v1/objects/" + Id(id));
  EXPECT_EQ(got["org_unit_id"], Sof());
  EXPECT_EQ(got["name"], "Skolplattform");
  EXPECT_FALSE(FindIn("/api/v1/objects?limit=500&org_unit_id=" + Id(Sof()), id).is_null());

  r = s.Delete("/api/v1/objects/" + Id(id), ciso);
  EXPECT_EQ(r.status, 204) << r;
  EXPECT_EQ(s.Get("/api/v1/objects/" + Id(id), ciso).status, 404);
  EXPECT_TRUE(FindIn("/api/v1/objects?limit=500", id).is_null());
  EXPECT_EQ(s.Patch("/api/v1/objects/" + Id(id), ciso, {{"name", "X"}, {"version", 4}}).status,
            404);
  EXPECT_EQ(s.Delete("/api/v1/objects/" + Id(id), ciso).status, 404);
}

// An object names the people who hold object roles on it, in the API and on its page; a
// removed role or a deactivated user no longer shows.
TEST_F(AssetsTest, AnObjectNamesTheHoldersOfItsObjectRoles) {
  LisServer& s = server();
  long long object = CreateObject(s, Ciso(), "Rollbärande objekt", Buf());
  json owner = s.CreateUser("roll.owner", Buf());
  json manager = s.CreateUser("roll.manager", Buf());
  auto assign = [&](const json& user, const char* role) {
    Response r = s.Post("/api/v1/users/" + Id(user["id"]) + "/roles", s.Admin(),
                        {{"role", role}, {"object_id", object}});
    EXPECT_EQ(r.status, 201) << r;
    return r.Json();
  };
  assign(owner, "object_owner");
  json managed = assign(manager, "object_manager");
  const std::string path = "/api/v1/objects/" + Id(object);

  json roles = Fetch(s, Ciso(), path)["roles"];
  ASSERT_EQ(roles.size(), 2u) << roles;
  EXPECT_EQ(roles[0]["role"], "object_manager");
  EXPECT_EQ(roles[0]["name"], manager["name"]);
  EXPECT_EQ(roles[1]["role"], "object_owner");
  EXPECT_EQ(roles[1]["user_id"], owner["id"]);
  Response page = s.Get("/assets/objects/" + Id(object), Ciso());
  ASSERT_EQ(page.status, 200) << page;
  EXPECT_NE(page.body.find("Objektägare</dt><dd>" + owner["name"].get<std::string>()),
            std::string::npos)
      << page.body;

  Response r =
      s.Delete("/api/v1/users/" + Id(manager["id"]) + "/roles/" + Id(managed["id"]), s.Admin());
  ASSERT_TRUE(r.status == 200 || r.status == 204) << r;
  roles = Fetch(s, Ciso(), path)["roles"];
  ASSERT_EQ(roles.size(), 1u) << roles;
  EXPECT_EQ(roles[0]["user_id"], owner["id"]);
}

TEST_F(AssetsTest, SystemsAreCreatedReadListedUpdatedAndDeleted) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Ekonomisystemet", Buf());

  // Defaults: own operation, in use.
  Response r = s.Post("/api/v1/systems", ciso, {{"name", " Raindance "}, {"object_id", object}});
  ASSERT_EQ(r.status, 201) << r;
  json created = r.Json();
  long long id = created["id"];
  EXPECT_EQ(created["name"], "Raindance");
  EXPECT_EQ(created["object_id"], object);
  EXPECT_EQ(created["hosting"], "own");
  EXPECT_EQ(created["lifecycle"], "in_use");
  EXPECT_TRUE(created["hosting_country"].is_null());
  EXPECT_TRUE(created["supplier_name"].is_null());
  EXPECT_EQ(created["version"], 1);
  EXPECT_TRUE(created.contains("security_class") && created["security_class"].is_null());

  json got = Fetch(s, ciso, "/api/v1/systems/" + Id(id));
  EXPECT_EQ(got["name"], "Raindance");
  EXPECT_EQ(got["object_id"], object);
  EXPECT_EQ(got["object"], "Ekonomisystemet") << "the object is named";
  EXPECT_TRUE(got["security_class"].is_null());

  // A cloud service abroad, with its supplier.
  long long cloud =
      CreateSystem(s, ciso, "Molnlön", object,
                   {{"hosting", "cloud"}, {"hosting_country", "IE"}, {"supplier_name", "Lön AB"}});
  got = Fetch(s, ciso, "/api/v1/systems/" + Id(cloud));
  EXPECT_EQ(got["hosting"], "cloud");
  EXPECT_EQ(got["hosting_country"], "IE");
  EXPECT_EQ(got["supplier_name"], "Lön AB");

  json listed = Fetch(s, ciso, "/api/v1/systems?limit=500&object_id=" + Id(object));
  EXPECT_EQ(listed["total"], 2);
  EXPECT_EQ(Strings(listed["items"], "name"), (std::vector<std::string>{"Molnlön", "Raindance"}))
      << "sorted by name";
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems?limit=500&q=RAIN&object_id=" + Id(object))["total"], 1);

  // Every hosting and every lifecycle status is accepted.
  long long version = 1;
  for (const char* hosting : {"supplier", "cloud", "own"}) {
    json body = {{"hosting", hosting}, {"version", version}};
    if (std::string(hosting) == "cloud") body["hosting_country"] = "SE";
    if (std::string(hosting) == "own") body["hosting_country"] = nullptr;
    r = s.Patch("/api/v1/systems/" + Id(id), ciso, body);
    ASSERT_EQ(r.status, 200) << hosting << ": " << r;
    EXPECT_EQ(r.Json()["hosting"], hosting);
    version = r.Json()["version"];
  }
  for (const char* lifecycle : {"planned", "retiring", "retired", "in_use"}) {
    r = s.Patch("/api/v1/systems/" + Id(id), ciso,
                {{"lifecycle", lifecycle}, {"version", version}});
    ASSERT_EQ(r.status, 200) << lifecycle << ": " << r;
    EXPECT_EQ(r.Json()["lifecycle"], lifecycle);
    version = r.Json()["version"];
  }
  EXPECT_EQ(version, 8) << "one version per change";

  // Moved to another object.
  long long other = CreateObject(s, ciso, "Lönesystemet", Buf());
  r = s.Patch("/api/v1/systems/" + Id(id), ciso, {{"object_id", other}, {"version", version}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems/" + Id(id))["object"], "Lönesystemet");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems?object_id=" + Id(object))["total"], 1);

  EXPECT_EQ(s.Delete("/api/v1/systems/" + Id(id), ciso).status, 204);
  EXPECT_EQ(s.Get("/api/v1/systems/" + Id(id), ciso).status, 404);
  EXPECT_EQ(s.Get("/api/v1/systems/" + Id(id) + "/requirements", ciso).status, 404);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems?object_id=" + Id(other))["total"], 0);
  EXPECT_EQ(s.Delete("/api/v1/systems/" + Id(id), ciso).status, 404);
}

TEST_F(AssetsTest, InformationSetsAreCreatedReadListedUpdatedAndDeleted) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Elevhälsa", Buf());
  long long journal = CreateSystem(s, ciso, "Elevhälsojournal", object);
  long long archive = CreateSystem(s, ciso, "E-arkiv", object);

  Response r = s.Post("/api/v1/information-sets", ciso,
                      {{"name", "Elevhälsans journaler"},
                       {"org_unit_id", Buf()},
                       {"description", "Journaler från skolsköterska och kurator"},
                       {"personal_data", "special"},
                       {"secrecy", "OSL 25 kap. 1 §"},
                       {"retention", "Gallras 10 år efter sista anteckning"},
                       {"system_ids", json::array({archive, journal, archive})}});
  ASSERT_EQ(r.status, 201) << r;
  json created = r.Json();
  long long id = created["id"];
  EXPECT_EQ(created["name"], "Elevhälsans journaler");
  EXPECT_EQ(created["org_unit_id"], Buf());
  EXPECT_EQ(created["personal_data"], "special");
  EXPECT_EQ(created["secrecy"], "OSL 25 kap. 1 §");
  EXPECT_EQ(created["retention"], "Gallras 10 år efter sista anteckning");
  EXPECT_EQ(created["system_ids"],
            json::array({std::min(journal, archive), std::max(journal, archive)}))
      << "each system once, in order";
  EXPECT_TRUE(created.contains("security_class") && created["security_class"].is_null())
      << "null while unclassified: " << created;
  EXPECT_TRUE(created["classification"].is_null());
  EXPECT_EQ(created["version"], 1);

  json got = Fetch(s, ciso, "/api/v1/information-sets/" + Id(id));
  EXPECT_EQ(got, created);

  // Defaults: no personal data, no secrecy.
  json plain =
      MustCreate(s, ciso, "information-sets", {{"name", "Skolskjutsar"}, {"org_unit_id", Buf()}});
  EXPECT_EQ(plain["personal_data"], "none");
  EXPECT_TRUE(plain["secrecy"].is_null());
  EXPECT_EQ(plain["system_ids"], json::array());

  // Lists filter by unit, system and name.
  auto names = [&](const std::string& query) {
    return Strings(Fetch(s, ciso, "/api/v1/information-sets?limit=500&" + query)["items"], "name");
  };
  EXPECT_EQ(names("system_id=" + Id(journal)), std::vector<std::string>{"Elevhälsans journaler"});
  EXPECT_EQ(names("q=SKOLSKJUTS&org_unit_id=" + Id(Buf())),
            std::vector<std::string>{"Skolskjutsar"});
  EXPECT_TRUE(names("q=skolskjuts&org_unit_id=" + Id(Sof())).empty());

  // Every personal-data category is accepted.
  long long version = 1;
  for (const char* category : {"none", "ordinary", "criminal", "special"}) {
    r = s.Patch("/api/v1/information-sets/" + Id(id), ciso,
                {{"personal_data", category}, {"version", version}});
    ASSERT_EQ(r.status, 200) << category << ": " << r;
    EXPECT_EQ(r.Json()["personal_data"], category);
    version = r.Json()["version"];
  }

  r = s.Patch("/api/v1/information-sets/" + Id(id), ciso,
              {{"name", "Elevhälsojournaler"},
               {"secrecy", nullptr},
               {"retention", nullptr},
               {"system_ids", json::array({journal})},
               {"version", version}});
  ASSERT_EQ(r.status, 200) << r;
  got = r.Json();
  EXPECT_EQ(got["name"], "Elevhälsojournaler");
  EXPECT_TRUE(got["secrecy"].is_null());
  EXPECT_TRUE(got["retention"].is_null());
  EXPECT_EQ(got["system_ids"], json::array({journal}));
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/information-sets/" + Id(id)), got);
  EXPECT_TRUE(names("system_id=" + Id(archive)).empty());

  // A deleted system is no longer among the set's systems.
  EXPECT_EQ(s.Delete("/api/v1/systems/" + Id(journal), ciso).status, 204);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/information-sets/" + Id(id))["system_ids"], json::array());

  EXPECT_EQ(s.Delete("/api/v1/information-sets/" + Id(id), ciso).status, 204);
  EXPECT_EQ(s.Get("/api/v1/information-sets/" + Id(id), ciso).status, 404);
  EXPECT_TRUE(names("org_unit_id=" + Id(Buf()) + "&q=" + UrlEncode("Elevhälsojournaler")).empty());
  EXPECT_EQ(s.Delete("/api/v1/information-sets/" + Id(id), ciso).status, 404);
}

// Every input mistake answers 400 with an error naming the field, and changes nothing.
TEST_F(AssetsTest, InputErrorsAnswer400NamingTheField) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Valideringsobjekt", Buf());
  long long system = CreateSystem(s, ciso, "Valideringssystem", object);
  long long cloud = CreateSystem(s, ciso, "Valideringsmoln", object,
                                 {{"hosting", "cloud"}, {"hosting_country", "SE"}});
  long long gone = CreateSystem(s, ciso, "Borttaget system", object);
  ASSERT_EQ(s.Delete("/api/v1/systems/" + Id(gone), ciso).status, 204);
  long long set = CreateSet(s, ciso, "Valideringsmängd", Buf(), {system});
  std::map<std::string, long long> ids = {{"unit", Buf()},  {"object", object}, {"system", system},
                                          {"cloud", cloud}, {"gone", gone},     {"set", set}};
  auto fill = [&](std::string text) {
    for (const auto& [key, value] : ids) {
      std::string mark = "{" + key + "}";
      for (size_t pos; (pos = text.find(mark)) != std::string::npos;)
        text.replace(pos, mark.size(), std::to_string(value));
    }
    return text;
  };
  const std::string long_name(201, 'x');

  struct Case {
    std::string what;
    std::string method;
    std::string path;
    std::string body;
    std::string field;
  };
  const std::string objects = "/api/v1/objects", systems = "/api/v1/systems",
                    sets = "/api/v1/information-sets";
  const std::vector<Case> cases = {
      // Objects.
      {"object: blank name", "POST", objects, R"({"name": "  ", "org_unit_id": {unit}})", "name"},
      {"object: no name", "POST", objects, R"({"org_unit_id": {unit}})", "name"},
      {"object: name a number", "POST", objects, R"({"name": 5, "org_unit_id": {unit}})", "name"},
      {"object: name too long", "POST", objects,
       R"({"name": ")" + long_name + R"(", "org_unit_id": {unit}})", "name"},
      {"object: no org unit", "POST", objects, R"({"name": "X"})", "org_unit_id"},
      {"object: org unit a string", "POST", objects, R"({"name": "X", "org_unit_id": "{unit}"})",
       "org_unit_id"},
      {"object: unknown org unit", "POST", objects, R"({"name": "X", "org_unit_id": 99999999})",
       "org_unit_id"},
      {"object: unknown field", "POST", objects,
       R"({"name": "X", "org_unit_id": {unit}, "owner": "Kalle"})", "owner"},
      {"object: derived class is read-only", "POST", objects,
       R"({"name": "X", "org_unit_id": {unit}, "security_class": 2})", "security_class"},
      {"object: description a list", "POST", objects,
       R"({"name": "X", "org_unit_id": {unit}, "description": ["a"]})", "description"},
      {"object: no version", "PATCH", objects + "/{object}", R"({"name": "Y"})", "version"},
      {"object: version 0", "PATCH", objects + "/{object}", R"({"name": "Y", "version": 0})",
       "version"},
      {"object: version a string", "PATCH", objects + "/{object}",
       R"({"name": "Y", "version": "1"})", "version"},
      {"object: blank name on update", "PATCH", objects + "/{object}",
       R"({"name": "", "version": 1})", "name"},
      {"object: unknown org unit on update", "PATCH", objects + "/{object}",
       R"({"org_unit_id": 99999999, "version": 1})", "org_unit_id"},
      {"object: derived class on update", "PATCH", objects + "/{object}",
       R"({"security_class": 0, "version": 1})", "security_class"},
      // Systems.
      {"system: blank name", "POST", systems, R"({"name": " ", "object_id": {object}})", "name"},
      {"system: no object", "POST", systems, R"({"name": "X"})", "object_id"},
      {"system: unknown object", "POST", systems, R"({"name": "X", "object_id": 99999999})",
       "object_id"},
      {"system: object a string", "POST", systems, R"({"name": "X", "object_id": "x"})",
       "object_id"},
      {"system: bad hosting", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "onprem"})", "hosting"},
      {"system: hosting a number", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": 1})", "hosting"},
      {"system: cloud without country", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "cloud"})", "hosting_country"},
      {"system: cloud with null country", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "cloud", "hosting_country": null})",
       "hosting_country"},
      {"system: country in small letters", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "cloud", "hosting_country": "se"})",
       "hosting_country"},
      {"system: country of three letters", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "cloud", "hosting_country": "SWE"})",
       "hosting_country"},
      {"system: country with a digit", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "supplier", "hosting_country": "S1"})",
       "hosting_country"},
      {"system: country of one letter", "POST", systems,
       R"({"name": "X", "object_id": {object}, "hosting": "cloud", "hosting_country": "S"})",
       "hosting_country"},
      {"system: bad lifecycle", "POST", systems,
       R"({"name": "X", "object_id": {object}, "lifecycle": "dead"})", "lifecycle"},
      {"system: unknown field", "POST", systems,
       R"({"name": "X", "object_id": {object}, "owner": "Kalle"})", "owner"},
      {"system: no version", "PATCH", systems + "/{system}", R"({"name": "Y"})", "version"},
      {"system: to cloud without country", "PATCH", systems + "/{system}",
       R"({"hosting": "cloud", "version": 1})", "hosting_country"},
      {"system: cloud loses its country", "PATCH", systems + "/{cloud}",
       R"({"hosting_country": null, "version": 1})", "hosting_country"},
      {"system: bad country on update", "PATCH", systems + "/{cloud}",
       R"({"hosting_country": "sverige", "version": 1})", "hosting_country"},
      {"system: bad lifecycle on update", "PATCH", systems + "/{system}",
       R"({"lifecycle": "end_of_life", "version": 1})", "lifecycle"},
      {"system: unknown object on update", "PATCH", systems + "/{system}",
       R"({"object_id": 99999999, "version": 1})", "object_id"},
      {"system: derived class on update", "PATCH", systems + "/{system}",
       R"({"security_class": 1, "version": 1})", "security_class"},
      // Information sets.
      {"set: blank name", "POST", sets, R"({"name": "", "org_unit_id": {unit}})", "name"},
      {"set: no org unit", "POST", sets, R"({"name": "X"})", "org_unit_id"},
      {"set: unknown org unit", "POST", sets, R"({"name": "X", "org_unit_id": 99999999})",
       "org_unit_id"},
      {"set: bad personal data", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "personal_data": "sensitive"})", "personal_data"},
      {"set: personal data null", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "personal_data": null})", "personal_data"},
      {"set: unknown system", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "system_ids": [{system}, 99999999]})", "system_ids"},
      {"set: deleted system", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "system_ids": [{gone}]})", "system_ids"},
      {"set: system ids not a list", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "system_ids": {system}})", "system_ids"},
      {"set: system ids of text", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "system_ids": ["{system}"]})", "system_ids"},
      {"set: system ids of fractions", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "system_ids": [1.5]})", "system_ids"},
      {"set: secrecy a number", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "secrecy": 26})", "secrecy"},
      {"set: unknown field", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "confidentiality": 3})", "confidentiality"},
      {"set: derived class is read-only", "POST", sets,
       R"({"name": "X", "org_unit_id": {unit}, "security_class": 3})", "security_class"},
      {"set: no version", "PATCH", sets + "/{set}", R"({"name": "Y"})", "version"},
      {"set: bad personal data on update", "PATCH", sets + "/{set}",
       R"({"personal_data": "yes", "version": 1})", "personal_data"},
      {"set: unknown system on update", "PATCH", sets + "/{set}",
       R"({"system_ids": [99999999], "version": 1})", "system_ids"},
      {"set: deleted system on update", "PATCH", sets + "/{set}",
       R"({"system_ids": [{gone}], "version": 1})", "system_ids"},
      {"set: unknown system with another change", "PATCH", sets + "/{set}",
       R"({"name": "Ändrad", "system_ids": [99999999], "version": 1})", "system_ids"},
      {"set: unknown org unit on update", "PATCH", sets + "/{set}",
       R"({"org_unit_id": 99999999, "version": 1})", "org_unit_id"},
  };

  json object_before = Fetch(s, ciso, "/api/v1/objects/" + Id(object));
  json system_before = Fetch(s, ciso, "/api/v1/systems/" + Id(system));
  json cloud_before = Fetch(s, ciso, "/api/v1/systems/" + Id(cloud));
  json set_before = Fetch(s, ciso, "/api/v1/information-sets/" + Id(set));
  long long objects_before = Fetch(s, ciso, objects)["total"];
  long long systems_before = Fetch(s, ciso, systems)["total"];
  long long sets_before = Fetch(s, ciso, sets)["total"];
  long long events_before = s.AuditTotal();

  for (const auto& c : cases) {
    Response r = s.SendRaw(c.method, fill(c.path), ciso, fill(c.body));
    ExpectError(r, 400, "invalid", c.field, c.what + " " + fill(c.body));
  }

  EXPECT_EQ(s.AuditTotal(), events_before) << "refused input writes no event";
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/objects/" + Id(object)), object_before);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems/" + Id(system)), system_before);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems/" + Id(cloud)), cloud_before);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/information-sets/" + Id(set)), set_before)
      << "a refused update of the set changes neither its fields nor its systems";
  EXPECT_EQ(Fetch(s, ciso, objects)["total"], objects_before);
  EXPECT_EQ(Fetch(s, ciso, systems)["total"], systems_before);
  EXPECT_EQ(Fetch(s, ciso, sets)["total"], sets_before);
}

// An update or delete naming an old version answers 409 with the record as it is now.
TEST_F(AssetsTest, StaleVersionsAnswer409WithTheCurrentRecord) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Versionsobjekt", Buf());
  long long system = CreateSystem(s, ciso, "Versionssystem", object);
  long long set = CreateSet(s, ciso, "Versionsmängd", Buf(), {system});
  const std::vector<std::string> paths = {"/api/v1/objects/" + Id(object),
                                          "/api/v1/systems/" + Id(system),
                                          "/api/v1/information-sets/" + Id(set)};
  for (const auto& path : paths) {
    Response first = s.Patch(path, ciso, {{"description", "Första"}, {"version", 1}});
    ASSERT_EQ(first.status, 200) << path << ": " << first;
    ASSERT_EQ(first.Json()["version"], 2) << path;

    Response stale = s.Patch(path, ciso, {{"description", "Andra"}, {"version", 1}});
    ExpectError(stale, 409, "conflict", "", "PATCH " + path + " at version 1");
    json current = stale.Json()["error"]["current"];
    EXPECT_EQ(current["version"], 2) << path << ": " << stale;
    EXPECT_EQ(current["description"], "Första") << path;

    Response future = s.Patch(path, ciso, {{"description", "Tredje"}, {"version", 3}});
    EXPECT_EQ(future.status, 409) << path << " at a version not reached: " << future;

    Response del = s.Delete(path + "?version=1", ciso);
    ExpectError(del, 409, "conflict", "", "DELETE " + path + "?version=1");
    EXPECT_EQ(Fetch(s, ciso, path)["description"], "Första") << path << " is as it was";
    EXPECT_EQ(Fetch(s, ciso, path)["version"], 2) << path;
  }
  // With the right version it goes through (the set first: nothing depends on it).
  for (auto it = paths.rbegin(); it != paths.rend(); ++it)
    EXPECT_EQ(s.Delete(*it + "?version=2", ciso).status, 204) << *it;
}

TEST_F(AssetsTest, AnObjectWithSystemsCannotBeDeleted) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Objekt med system", Buf());
  long long first = CreateSystem(s, ciso, "Första systemet", object);
  long long second = CreateSystem(s, ciso, "Andra systemet", object);
  long long events = s.AuditTotal();

  ExpectError(s.Delete("/api/v1/objects/" + Id(object), ciso), 409, "conflict", "",
              "delete an object with two systems");
  ASSERT_EQ(s.Delete("/api/v1/systems/" + Id(first), ciso).status, 204);
  ExpectError(s.Delete("/api/v1/objects/" + Id(object), ciso), 409, "conflict", "",
              "delete an object with one system");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/objects/" + Id(object))["version"], 1);
  EXPECT_EQ(s.AuditTotal(), events + 1) << "only the system's deletion is in the trail";

  ASSERT_EQ(s.Delete("/api/v1/systems/" + Id(second), ciso).status, 204);
  EXPECT_EQ(s.Delete("/api/v1/objects/" + Id(object), ciso).status, 204)
      << "deleted systems do not hold their object";
}

TEST_F(AssetsTest, AnOrgUnitWithObjectsOrInformationSetsCannotBeDeleted) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long unit = s.CreateOrgUnit("Skolenhet Norr", Buf())["id"];
  const std::string unit_path = "/api/v1/org-units/" + Id(unit);

  long long object = CreateObject(s, ciso, "Skolenhetens objekt", unit);
  ExpectError(s.Delete(unit_path, s.Admin()), 409, "conflict", "", "unit with an object");
  ASSERT_EQ(s.Delete("/api/v1/objects/" + Id(object), ciso).status, 204);

  long long set = CreateSet(s, ciso, "Skolenhetens elevlistor", unit);
  ExpectError(s.Delete(unit_path, s.Admin()), 409, "conflict", "", "unit with an information set");
  ASSERT_EQ(s.Delete("/api/v1/information-sets/" + Id(set), ciso).status, 204);

  EXPECT_EQ(Fetch(s, s.Admin(), unit_path)["version"], 1) << "the refusals changed nothing";
  EXPECT_EQ(s.Delete(unit_path, s.Admin()).status, 204)
      << "deleted objects and sets do not hold their unit";
}

// Every write adds exactly one audit event naming the record, the action and the CISO as
// actor, with the record after the change.
TEST_F(AssetsTest, EveryWriteAddsOneAuditEvent) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = 0, system = 0, set = 0, plain = 0;
  auto id_of = [](const Response& r) { return r.Json().value("id", 0LL); };
  auto classification_of = [&](long long set_id) {
    json c = Fetch(s, ciso, "/api/v1/information-sets/" + Id(set_id))["classification"];
    return c.is_object() ? c : json::object({{"id", 0}, {"version", 0}});
  };

  struct Write {
    std::string what;
    std::function<Response()> send;
    int status;
    std::string entity;
    std::string action;
    std::function<long long(const Response&)> entity_id;
  };
  const std::vector<Write> writes = {
      {"create object",
       [&] {
         return s.Post("/api/v1/objects", ciso,
                       {{"name", "Spårat objekt"}, {"org_unit_id", Buf()}});
       },
       201, "object", "create", [&](const Response& r) { return object = id_of(r); }},
      {"update object",
       [&] {
         return s.Patch("/api/v1/objects/" + Id(object), ciso,
                        {{"name", "Spårat objekt 2"}, {"version", 1}});
       },
       200, "object", "update", [&](const Response&) { return object; }},
      {"create system",
       [&] {
         return s.Post("/api/v1/systems", ciso, {{"name", "Spårat system"}, {"object_id", object}});
       },
       201, "system", "create", [&](const Response& r) { return system = id_of(r); }},
      {"update system",
       [&] {
         return s.Patch("/api/v1/systems/" + Id(system), ciso,
                        {{"hosting", "cloud"}, {"hosting_country", "SE"}, {"version", 1}});
       },
       200, "system", "update", [&](const Response&) { return system; }},
      {"create information set",
       [&] {
         return s.Post("/api/v1/information-sets", ciso,
                       {{"name", "Spårad mängd"},
                        {"org_unit_id", Buf()},
                        {"system_ids", json::array({system})}});
       },
       201, "information_set", "create", [&](const Response& r) { return set = id_of(r); }},
      {"update information set",
       [&] {
         return s.Patch("/api/v1/information-sets/" + Id(set), ciso,
                        {{"personal_data", "ordinary"}, {"version", 1}});
       },
       200, "information_set", "update", [&](const Response&) { return set; }},
      {"classify",
       [&] {
         return s.Send("PUT", "/api/v1/information-sets/" + Id(set) + "/classification", ciso,
                       ClassificationBody({2, 1, 1, 0}));
       },
       200, "classification", "create",
       [&](const Response&) { return classification_of(set)["id"].get<long long>(); }},
      {"classify again",
       [&] {
         json body = ClassificationBody({3, 1, 1, 0});
         body["version"] = classification_of(set)["version"];
         return s.Send("PUT", "/api/v1/information-sets/" + Id(set) + "/classification", ciso,
                       body);
       },
       200, "classification", "update",
       [&](const Response&) { return classification_of(set)["id"].get<long long>(); }},
      {"approve",
       [&] {
         return s.Post("/api/v1/information-sets/" + Id(set) + "/classification/approve", ciso,
                       {{"version", classification_of(set)["version"]}});
       },
       200, "classification", "update",
       [&](const Response&) { return classification_of(set)["id"].get<long long>(); }},
      {"create unclassified information set",
       [&] {
         return s.Post("/api/v1/information-sets", ciso,
                       {{"name", "Spårad oklassad mängd"}, {"org_unit_id", Buf()}});
       },
       201, "information_set", "create", [&](const Response& r) { return plain = id_of(r); }},
      {"delete unclassified information set",
       [&] { return s.Delete("/api/v1/information-sets/" + Id(plain), ciso); }, 204,
       "information_set", "delete", [&](const Response&) { return plain; }},
      {"delete system", [&] { return s.Delete("/api/v1/systems/" + Id(system), ciso); }, 204,
       "system", "delete", [&](const Response&) { return system; }},
  };
  for (const auto& w : writes) {
    long long total = s.AuditTotal();
    Response r = w.send();
    ASSERT_EQ(r.status, w.status) << w.what << ": " << r;
    long long id = w.entity_id(r);
    // Linking systems to an information set is its own audited change ("link"), written in
    // the same transaction as the set; every other write is one event.
    std::vector<json> events;
    for (const auto& e : EventsSince(s, total))
      if (e["action"] != "link") events.push_back(e);
    ASSERT_EQ(events.size(), 1u) << w.what << ": " << json(events).dump(1);
    const json& e = events[0];
    EXPECT_EQ(e["entity"], w.entity) << w.what << ": " << e;
    EXPECT_EQ(e["action"], w.action) << w.what << ": " << e;
    EXPECT_EQ(e["entity_id"], id) << w.what << ": " << e;
    EXPECT_EQ(e["actor"], "ciso") << w.what;
    EXPECT_EQ(e["actor_id"], ciso.user_id) << w.what;
    EXPECT_TRUE(e["after"].is_object()) << w.what << ": " << e;
    EXPECT_EQ(e["before"].is_object(), w.action != "create") << w.what << ": " << e;
    if (w.action == "delete") EXPECT_TRUE(e["after"]["deleted_at"].is_string()) << w.what;
  }
  // The approval event shows the status change.
  json approval = s.AuditPage("entity=classification&limit=1")["items"][0];
  EXPECT_EQ(approval["before"]["status"], "draft") << approval;
  EXPECT_EQ(approval["after"]["status"], "approved") << approval;

  // Deleting a classified set deletes its classification with it: one event for each, in
  // the same transaction (as a deactivated user's tokens are revoked with it).
  long long total = s.AuditTotal();
  long long classification = classification_of(set)["id"];
  ASSERT_EQ(s.Delete("/api/v1/information-sets/" + Id(set), ciso).status, 204);
  std::set<std::string> deleted;
  for (const auto& e : EventsSince(s, total))
    deleted.insert(e["action"].get<std::string>() + " " + e["entity"].get<std::string>() + " " +
                   e["entity_id"].dump());
  EXPECT_EQ(deleted, (std::set<std::string>{"delete information_set " + Id(set),
                                            "delete classification " + Id(classification)}));
  total = s.AuditTotal();
  ASSERT_EQ(s.Delete("/api/v1/objects/" + Id(object), ciso).status, 204);
  auto events = EventsSince(s, total);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["entity"], "object");
  EXPECT_EQ(events[0]["action"], "delete");
}

// Changing only which systems process a set is a write like any other: it is in the trail.
TEST_F(AssetsTest, ChangingTheSystemsOfAnInformationSetIsAudited) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Länkobjekt", Buf());
  long long first = CreateSystem(s, ciso, "Länksystem 1", object);
  long long second = CreateSystem(s, ciso, "Länksystem 2", object);
  long long set = CreateSet(s, ciso, "Länkad mängd", Buf(), {first});
  Classify(s, ciso, set, {3, 0, 0, 0});
  ASSERT_TRUE(Fetch(s, ciso, "/api/v1/systems/" + Id(second))["security_class"].is_null());

  long long total = s.AuditTotal();
  Response r = s.Patch("/api/v1/information-sets/" + Id(set), ciso,
                       {{"system_ids", json::array({first, second})}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["system_ids"], json::array({first, second}));
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems/" + Id(second))["security_class"], 3)
      << "the link took effect";
  auto events = EventsSince(s, total);
  ASSERT_EQ(events.size(), 1u)
      << "linking system " << second << " to set " << set
      << " raised that system's class to 3 but left no trace in the audit trail: "
      << json(events).dump(1);
  EXPECT_EQ(events[0]["entity"], "information_set");
  EXPECT_EQ(events[0]["entity_id"], set);
}

// The municipal CISO reads the audit trail of its scope, and every asset write there is in
// it: objects and information sets by their unit, systems by their object's unit.
TEST_F(AssetsTest, CisoSeesTheAuditEventsOfEveryAssetInItsScope) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long object = CreateObject(s, ciso, "Granskat objekt", Buf());
  long long system = CreateSystem(s, ciso, "Granskat system", object);
  long long set = CreateSet(s, ciso, "Granskad mängd", Buf(), {system});
  json classified = Classify(s, ciso, set, {1, 1, 1, 1});
  long long classification = classified["classification"].value("id", 0LL);
  for (const auto& [entity, id] :
       std::vector<std::pair<std::string, long long>>{{"object", object},
                                                      {"system", system},
                                                      {"information_set", set},
                                                      {"classification", classification}}) {
    std::string query = "entity=" + entity + "&id=" + Id(id);
    int expected = entity == "information_set" ? 2 : 1;  // the set's create and its link
    EXPECT_EQ(s.AuditPage(query)["total"], expected) << "as admin: " << query;
    Response r = s.Get("/api/v1/audit?" + query, ciso);
    ASSERT_EQ(r.status, 200) << r;
    EXPECT_EQ(r.Json()["total"], expected)
        << "the CISO of Norrviks kommun does not see the creation of " << entity << " " << id
        << " in Barn- och utbildningsför"
        << "valtningen; the admin sees: " << s.AuditPage(query)["items"].dump();
  }
}

}  // namespace
}  // namespace lis_test::assets_test

namespace lis_test::assets_test {
namespace {

// Asset records have the same history and point-in-time view as every record: versions
// from the audit trail, also after deletion, only for callers who may read them.
TEST_F(AssetsTest, AssetsHaveAHistoryAndAPointInTimeView) {
  LisServer& s = server();
  long long object = CreateObject(s, Ciso(), "Historiskt objekt", Buf());
  long long system = CreateSystem(s, Ciso(), "Historiskt system", object);
  ASSERT_EQ(
      s.Patch("/api/v1/objects/" + Id(object), Ciso(), {{"name", "Omdöpt objekt"}, {"version", 1}})
          .status,
      200);
  json history = Fetch(s, Ciso(), "/api/v1/objects/" + Id(object) + "/history")["items"];
  ASSERT_EQ(history.size(), 2u) << history;
  EXPECT_EQ(history[0]["action"], "create");
  EXPECT_EQ(history[1]["action"], "update");
  EXPECT_EQ(history[1]["changed_fields"], json::array({"name"}));
  json then = Fetch(s, Ciso(),
                    "/api/v1/objects/" + Id(object) + "?at=" + history[0]["at"].get<std::string>());
  EXPECT_EQ(then["name"], "Historiskt objekt");
  EXPECT_EQ(then["version"], 1);

  ASSERT_EQ(s.Delete("/api/v1/systems/" + Id(system), Ciso()).status, 204);
  json system_history = Fetch(s, Ciso(), "/api/v1/systems/" + Id(system) + "/history")["items"];
  ASSERT_EQ(system_history.size(), 2u) << system_history;
  EXPECT_EQ(system_history[1]["action"], "delete");

  Session energy = s.Login("ciso.energi");
  for (const std::string& path :
       {"/api/v1/objects/" + Id(object) + "/history", "/api/v1/systems/" + Id(system) + "/history"})
    EXPECT_EQ(s.Get(path, energy).status, 404) << path << " is outside ciso.energi's scope";
  EXPECT_EQ(s.Get("/api/v1/objects/" + Id(object) + "?at=yesterday", Ciso()).status, 400);
}

}  // namespace
}  // namespace lis_test::assets_test
