// Who may do what with objects, systems, information sets, classifications and the
// requirement catalogue: every demo account against every asset endpoint (session cookie and
// API token), scope isolation between the municipality and a company, the redaction of
// secrecy-marked details, and the installation admin, who does not handle content.
//
// The table below IS the specification; it follows the permission table in
// src/domain/org/roles.cpp:
//   asset read:   every role but admin
//   secrecy read: every role but employee, board and admin
//   asset write:  object_owner, object_owner_it, object_manager, technical_manager, ciso
//   classify:     object_owner, object_owner_it, object_manager, ciso
//   approve:      object_owner, information_owner, ciso
// each within the scope (org node and its subtree) of the role. A record outside the caller's
// read scope answers 404 (its existence is not revealed); a change the caller may see but not
// make answers 403. Creating a system under an object the caller cannot read answers 400 naming
// object_id, exactly as for an object that does not exist.
//
// The targets live in Barn- och utbildningsförvaltningen (BoU: objektagare, forvaltare) and
// Socialförvaltningen (SoF: infoagare.sof, kontakt.sof, medarbetare); ciso, itsak, dso and
// ks.ordforande hold Norrviks kommun above both, sakerhetschef the group above that;
// objektagare.it and teknisk hold Kommunstyrelseförvaltningen, ciso.energi Norrvik Energi AB.
#include <array>
#include <map>
#include <set>

#include "asset_support.h"

namespace lis_test::assets_authz_test {
namespace {

enum Column {
  kListObjects,   // GET    /objects
  kCreateObject,  // POST   /objects                        in BoU
  kGetObject,     // GET    /objects/{id}                   in BoU
  kUpdateObject,  // PATCH  /objects/{id}
  kDeleteObject,  // DELETE /objects/{id}                   an empty one
  kListSystems,   // GET    /systems
  kCreateSystem,  // POST   /systems                        under the BoU object
  kGetSystem,     // GET    /systems/{id}
  kUpdateSystem,  // PATCH  /systems/{id}
  kDeleteSystem,  // DELETE /systems/{id}
  kRequirements,  // GET    /systems/{id}/requirements
  kListSets,      // GET    /information-sets
  kCreateSet,     // POST   /information-sets               in BoU
  kGetSetBou,     // GET    /information-sets/{id}          in BoU
  kGetSetSof,     // GET    /information-sets/{id}          in SoF
  kUpdateSet,     // PATCH  /information-sets/{id}          in BoU
  kDeleteSet,     // DELETE /information-sets/{id}          in BoU
  kClassifyBou,   // PUT    /information-sets/{id}/classification           in BoU
  kApproveBou,    // POST   /information-sets/{id}/classification/approve   in BoU
  kClassifySof,   // PUT    .../classification                              in SoF
  kApproveSof,    // POST   .../classification/approve                      in SoF
  kCatalogue,     // GET    /requirements
  kColumns
};

struct Row {
  const char* username;  // "-": no authentication
  std::array<int, kColumns> expected;
};

// clang-format off
const Row kMatrix[] = {
//                    objects                   systems                        information sets               classification      catalogue
//                    list crea get  upd  del   list crea get  upd  del  reqs  list crea gBoU gSoF upd  del   clB  apB  clS  apS  list
  {"admin",          {403, 403, 404, 404, 404,  403, 400, 404, 404, 404, 404,  403, 403, 404, 404, 404, 404,  404, 404, 404, 404,  403}},
  {"ciso",           {200, 201, 200, 200, 204,  200, 201, 200, 200, 204, 200,  200, 201, 200, 200, 200, 204,  200, 200, 200, 200,  200}},
  {"ciso.energi",    {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 404, 404, 404,  404, 404, 404, 404,  200}},
  {"sakerhetschef",  {200, 403, 200, 403, 403,  200, 403, 200, 403, 403, 200,  200, 403, 200, 200, 403, 403,  403, 403, 403, 403,  200}},
  {"itsak",          {200, 403, 200, 403, 403,  200, 403, 200, 403, 403, 200,  200, 403, 200, 200, 403, 403,  403, 403, 403, 403,  200}},
  {"dso",            {200, 403, 200, 403, 403,  200, 403, 200, 403, 403, 200,  200, 403, 200, 200, 403, 403,  403, 403, 403, 403,  200}},
  {"ks.ordforande",  {200, 403, 200, 403, 403,  200, 403, 200, 403, 403, 200,  200, 403, 200, 200, 403, 403,  403, 403, 403, 403,  200}},
  {"infoagare.sof",  {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 200, 404, 404,  404, 404, 403, 200,  200}},
  {"objektagare",    {200, 201, 200, 200, 204,  200, 201, 200, 200, 204, 200,  200, 201, 200, 404, 200, 204,  200, 200, 404, 404,  200}},
  {"objektagare.it", {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 404, 404, 404,  404, 404, 404, 404,  200}},
  {"forvaltare",     {200, 201, 200, 200, 204,  200, 201, 200, 200, 204, 200,  200, 201, 200, 404, 200, 204,  200, 403, 404, 404,  200}},
  {"teknisk",        {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 404, 404, 404,  404, 404, 404, 404,  200}},
  {"kontakt.sof",    {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 200, 404, 404,  404, 404, 403, 403,  200}},
  {"medarbetare",    {200, 403, 404, 404, 404,  200, 400, 404, 404, 404, 404,  200, 403, 404, 200, 404, 404,  404, 404, 403, 403,  200}},
  {"-",              {401, 401, 401, 401, 401,  401, 401, 401, 401, 401, 401,  401, 401, 401, 401, 401, 401,  401, 401, 401, 401,  401}},
};
// clang-format on

struct Call {
  std::string method;
  std::string path;
  json body;
};

// A caller of the matrix: its session and an API token of its own.
struct Who {
  std::string username;
  Session session;
  std::string token;
};

class AssetsAuthzTest : public SharedServerTest<AssetsAuthzTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static const Session& Ciso() { return callers_.at("ciso").session; }

  // The shared targets refused calls aim at (they must stay as they are), and the callers.
  static void Prepare() {
    LisServer& s = server();
    buf_ = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    sof_ = s.OrgUnitId("Socialförvaltningen");
    for (const auto& row : kMatrix) {
      Who who;
      who.username = row.username;
      if (who.username != "-") {
        who.session = s.Login(who.username);
        who.token = s.Post("/api/v1/tokens", who.session, {{"name", "matrix"}}).Json()["token"];
      }
      callers_[who.username] = who;
    }
    const Session& ciso = Ciso();
    object_ = CreateObject(s, ciso, "Matrisobjekt", buf_);
    system_ = CreateSystem(s, ciso, "Matrissystem", object_);
    set_bou_ = CreateSet(s, ciso, "Matrismängd BoU", buf_, {system_});
    set_sof_ = CreateSet(s, ciso, "Matrismängd SoF", sof_);
    Classify(s, ciso, set_bou_, {2, 1, 1, 1});
    Classify(s, ciso, set_sof_, {3, 2, 1, 1});
    prepared_ = true;
  }

  static std::string Fresh(const std::string& prefix) {
    return prefix + " " + std::to_string(++counter_);
  }

  // The call of `column`. When `succeeds` the call changes its target, which is then made
  // for this call alone (by the CISO); otherwise it aims at the shared targets.
  static Call Build(Column column, bool succeeds) {
    LisServer& s = server();
    const Session& ciso = Ciso();
    const std::string sets = "/api/v1/information-sets/";
    auto fresh_set = [&](long long unit, bool classified) {
      long long id = CreateSet(s, ciso, Fresh("Matris ny mängd"), unit);
      if (classified) Classify(s, ciso, id, {1, 1, 1, 1});
      return id;
    };
    switch (column) {
      case kListObjects:
        return {"GET", "/api/v1/objects", nullptr};
      case kCreateObject:
        return {
            "POST",
            "/api/v1/objects",
            {{"name", Fresh(succeeds ? "Matris skapat" : "Matris nekat")}, {"org_unit_id", buf_}}};
      case kGetObject:
        return {"GET", "/api/v1/objects/" + Id(object_), nullptr};
      case kUpdateObject: {
        long long id = succeeds ? CreateObject(s, ciso, Fresh("Matris objekt"), buf_) : object_;
        return {"PATCH", "/api/v1/objects/" + Id(id), {{"name", "Ändrat"}, {"version", 1}}};
      }
      case kDeleteObject: {
        long long id = succeeds ? CreateObject(s, ciso, Fresh("Matris objekt"), buf_) : object_;
        return {"DELETE", "/api/v1/objects/" + Id(id), nullptr};
      }
      case kListSystems:
        return {"GET", "/api/v1/systems", nullptr};
      case kCreateSystem:
        return {
            "POST",
            "/api/v1/systems",
            {{"name", Fresh(succeeds ? "Matris skapat" : "Matris nekat")}, {"object_id", object_}}};
      case kGetSystem:
        return {"GET", "/api/v1/systems/" + Id(system_), nullptr};
      case kUpdateSystem: {
        long long id = succeeds ? CreateSystem(s, ciso, Fresh("Matris system"), object_) : system_;
        return {"PATCH", "/api/v1/systems/" + Id(id), {{"lifecycle", "retiring"}, {"version", 1}}};
      }
      case kDeleteSystem: {
        long long id = succeeds ? CreateSystem(s, ciso, Fresh("Matris system"), object_) : system_;
        return {"DELETE", "/api/v1/systems/" + Id(id), nullptr};
      }
      case kRequirements:
        return {"GET", "/api/v1/systems/" + Id(system_) + "/requirements", nullptr};
      case kListSets:
        return {"GET", "/api/v1/information-sets", nullptr};
      case kCreateSet:
        return {
            "POST",
            "/api/v1/information-sets",
            {{"name", Fresh(succeeds ? "Matris skapat" : "Matris nekat")}, {"org_unit_id", buf_}}};
      case kGetSetBou:
        return {"GET", sets + Id(set_bou_), nullptr};
      case kGetSetSof:
        return {"GET", sets + Id(set_sof_), nullptr};
      case kUpdateSet: {
        long long id = succeeds ? fresh_set(buf_, false) : set_bou_;
        return {"PATCH", sets + Id(id), {{"personal_data", "ordinary"}, {"version", 1}}};
      }
      case kDeleteSet: {
        long long id = succeeds ? fresh_set(buf_, false) : set_bou_;
        return {"DELETE", sets + Id(id), nullptr};
      }
      case kClassifyBou:
      case kClassifySof: {
        long long unit = column == kClassifyBou ? buf_ : sof_;
        long long shared = column == kClassifyBou ? set_bou_ : set_sof_;
        long long id = succeeds ? fresh_set(unit, false) : shared;
        return {"PUT", sets + Id(id) + "/classification", ClassificationBody({4, 4, 4, 4})};
      }
      case kApproveBou:
      case kApproveSof: {
        long long unit = column == kApproveBou ? buf_ : sof_;
        long long shared = column == kApproveBou ? set_bou_ : set_sof_;
        long long id = succeeds ? fresh_set(unit, true) : shared;
        return {"POST", sets + Id(id) + "/classification/approve", {{"version", 1}}};
      }
      case kCatalogue:
        return {"GET", "/api/v1/requirements", nullptr};
      case kColumns:
        break;
    }
    return {};
  }

  static void RunMatrix(bool by_token) {
    LisServer& s = server();
    static const std::map<int, std::string> kErrorCodes = {
        {400, "invalid"}, {401, "unauthenticated"}, {403, "forbidden"}, {404, "not_found"}};
    for (const auto& row : kMatrix) {
      const Who& who = callers_.at(row.username);
      Auth auth;
      if (!who.session.cookie.empty()) auth = by_token ? Bearer(who.token) : Auth(who.session);
      for (int c = 0; c < kColumns; ++c) {
        int expected = row.expected[c];
        Call call = Build(static_cast<Column>(c), expected >= 200 && expected < 300);
        Response r = s.Send(call.method, call.path, auth, call.body);
        EXPECT_EQ(r.status, expected)
            << row.username << (by_token ? " (token)" : " (session)") << ": " << call.method << " "
            << call.path << " " << (call.body.is_null() ? "" : call.body.dump()) << "\n  answered "
            << r;
        if (r.status != expected) continue;
        if (kErrorCodes.count(expected))
          EXPECT_EQ(r.Json()["error"]["code"], kErrorCodes.at(expected))
              << row.username << ": " << call.method << " " << call.path;
        if (expected == 400)
          EXPECT_EQ(r.Json()["error"].value("field", ""), "object_id") << row.username << ": " << r;
        bool list = c == kListObjects || c == kListSystems || c == kListSets ||
                    c == kRequirements || c == kCatalogue;
        if (list && expected == 200) EXPECT_TRUE(r.Json()["items"].is_array()) << call.path;
      }
    }
    ExpectSharedTargetsUnchanged();
  }

  // Refused calls changed nothing and created nothing.
  static void ExpectSharedTargetsUnchanged() {
    LisServer& s = server();
    const Session& ciso = Ciso();
    json object = Fetch(s, ciso, "/api/v1/objects/" + Id(object_));
    EXPECT_EQ(object["name"], "Matrisobjekt");
    EXPECT_EQ(object["version"], 1);
    json system = Fetch(s, ciso, "/api/v1/systems/" + Id(system_));
    EXPECT_EQ(system["lifecycle"], "in_use");
    EXPECT_EQ(system["version"], 1);
    for (long long id : {set_bou_, set_sof_}) {
      json set = Fetch(s, ciso, "/api/v1/information-sets/" + Id(id));
      EXPECT_EQ(set["version"], 1) << set;
      EXPECT_EQ(set["personal_data"], "none") << set;
      EXPECT_EQ(set["classification"]["version"], 1) << set;
      EXPECT_EQ(set["classification"]["status"], "draft") << set;
      EXPECT_NE(set["security_class"], 4) << set;
    }
    for (const char* list : {"objects", "systems", "information-sets"})
      EXPECT_EQ(Fetch(s, ciso, std::string("/api/v1/") + list + "?q=nekat")["total"], 0)
          << "a refused create created " << list;
  }

  static inline bool prepared_ = false;
  static inline long long buf_ = 0, sof_ = 0;
  static inline long long object_ = 0, system_ = 0, set_bou_ = 0, set_sof_ = 0;
  static inline std::map<std::string, Who> callers_;
  static inline int counter_ = 0;
};

TEST_F(AssetsAuthzTest, EveryRoleAgainstEveryAssetEndpointWithSessionCookie) {
  RunMatrix(false);
}

TEST_F(AssetsAuthzTest, EveryRoleAgainstEveryAssetEndpointWithApiToken) {
  RunMatrix(true);
}

// The matrix covers every demo account, and the demo has one account for every role.
TEST_F(AssetsAuthzTest, CoversEveryDemoAccount) {
  std::set<std::string> rows;
  for (const auto& row : kMatrix) rows.insert(row.username);
  for (const auto& a : server().accounts())
    EXPECT_TRUE(rows.count(a.username)) << a.username << " is missing from the matrix";
  EXPECT_EQ(rows.size(), server().accounts().size() + 1);
}

TEST_F(AssetsAuthzTest, TheInstallationAdminHandlesNoContent) {
  LisServer& s = server();
  for (const char* path :
       {"/api/v1/objects", "/api/v1/systems", "/api/v1/information-sets", "/api/v1/requirements"}) {
    Response r = s.Get(path, s.Admin());
    EXPECT_EQ(r.status, 403) << path << ": " << r;
    EXPECT_EQ(r.Json()["error"]["code"], "forbidden") << path;
  }
  for (const std::string& path :
       {"/api/v1/objects/" + Id(object_), "/api/v1/systems/" + Id(system_),
        "/api/v1/systems/" + Id(system_) + "/requirements",
        "/api/v1/information-sets/" + Id(set_bou_)})
    EXPECT_EQ(s.Get(path, s.Admin()).status, 404) << path;
}

// Each role that handles assets, in its own unit: object roles write, the object managers and
// owners classify, only the object owner (and the information owner) approves.
TEST_F(AssetsAuthzTest, EachAssetRoleInItsOwnUnit) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  struct Case {
    std::string who;
    std::string unit;
    std::array<int, 5> expected;  // create object, create set, update set, classify, approve
  };
  // clang-format off
  const std::vector<Case> cases = {
      {"objektagare",    "Barn- och utbildningsförvaltningen", {201, 201, 200, 200, 200}},
      {"forvaltare",     "Barn- och utbildningsförvaltningen", {201, 201, 200, 200, 403}},
      {"objektagare.it", "Kommunstyrelseförvaltningen",        {201, 201, 200, 200, 403}},
      {"teknisk",        "Kommunstyrelseförvaltningen",        {201, 201, 200, 403, 403}},
      {"infoagare.sof",  "Socialförvaltningen",                {403, 403, 403, 403, 200}},
      {"kontakt.sof",    "Socialförvaltningen",                {403, 403, 403, 403, 403}},
      {"medarbetare",    "Socialförvaltningen",                {403, 403, 403, 403, 403}},
  };
  // clang-format on
  for (const auto& c : cases) {
    SCOPED_TRACE(c.who);
    const Session& auth = callers_.at(c.who).session;
    long long unit = s.OrgUnitId(c.unit);
    std::array<int, 5> got{};
    got[0] =
        s.Post("/api/v1/objects", auth, {{"name", "Egen " + c.who}, {"org_unit_id", unit}}).status;
    got[1] =
        s.Post("/api/v1/information-sets", auth, {{"name", "Egen " + c.who}, {"org_unit_id", unit}})
            .status;
    long long set = CreateSet(s, ciso, "Enhetens mängd " + c.who, unit);
    const std::string path = "/api/v1/information-sets/" + Id(set);
    got[2] = s.Patch(path, auth, {{"retention", "3 år"}, {"version", 1}}).status;
    got[3] = s.Send("PUT", path + "/classification", auth, ClassificationBody({2, 2, 2, 2})).status;
    if (got[3] != 200) Classify(s, ciso, set, {2, 2, 2, 2});
    got[4] = s.Post(path + "/classification/approve", auth, {{"version", 1}}).status;
    EXPECT_EQ(got, c.expected) << "create object, create set, update set, classify, approve";
  }
}

// Moving an asset needs the right to write where it goes, and a target the caller cannot
// read does not exist for it.
TEST_F(AssetsAuthzTest, MovingAnAssetOutOfTheCallersScopeIsRefused) {
  LisServer& s = server();
  const Session& owner = callers_.at("objektagare").session;
  long long object = CreateObject(s, owner, "Flyttobjekt", buf_);
  long long system = CreateSystem(s, owner, "Flyttsystem", object);
  long long set = CreateSet(s, owner, "Flyttmängd", buf_, {system});
  long long elsewhere = CreateObject(s, Ciso(), "Socialtjänstens objekt", sof_);

  Response r =
      s.Patch("/api/v1/objects/" + Id(object), owner, {{"org_unit_id", sof_}, {"version", 1}});
  EXPECT_EQ(r.status, 403) << r;
  r = s.Patch("/api/v1/information-sets/" + Id(set), owner,
              {{"org_unit_id", sof_}, {"version", 1}});
  EXPECT_EQ(r.status, 403) << r;
  r = s.Patch("/api/v1/systems/" + Id(system), owner, {{"object_id", elsewhere}, {"version", 1}});
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"].value("field", ""), "object_id") << r;

  EXPECT_EQ(Fetch(s, owner, "/api/v1/objects/" + Id(object))["org_unit_id"], buf_);
  EXPECT_EQ(Fetch(s, owner, "/api/v1/information-sets/" + Id(set))["org_unit_id"], buf_);
  EXPECT_EQ(Fetch(s, owner, "/api/v1/systems/" + Id(system))["object_id"], object);
}

// The company CISO and the municipal CISO see nothing of each other's assets: lists leave
// them out, filters and search do not reach them, and by id they do not exist.
TEST_F(AssetsAuthzTest, ScopesIsolateTheMunicipalityAndTheCompany) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  const Session& energi = callers_.at("ciso.energi").session;
  const Session& group = callers_.at("sakerhetschef").session;
  long long company = s.OrgUnitId("Norrvik Energi AB");
  long long drift = s.OrgUnitId("Drift och nät");

  long long e_object = CreateObject(s, energi, "Elnätets driftstöd", drift);
  long long e_system = CreateSystem(s, energi, "SCADA", e_object);
  long long e_set = CreateSet(s, energi, "Mätvärden", company, {e_system});
  Classify(s, energi, e_set, {2, 3, 4, 1});
  long long m_object = CreateObject(s, ciso, "Kommunens ärendehantering", buf_);
  long long m_system = CreateSystem(s, ciso, "Ärendesystem", m_object);
  long long m_set = CreateSet(s, ciso, "Ärenden", buf_, {m_system});
  Classify(s, ciso, m_set, {4, 2, 2, 2});

  struct Side {
    std::string who;
    const Session* session;
    long long object, system, set;                    // its own
    long long other_object, other_system, other_set;  // the other side's
    std::set<long long> units;                        // the units of its scope
  };
  std::set<long long> municipal_units;
  json units = Fetch(s, ciso, "/api/v1/org-units?limit=500");
  for (const auto& u : units["items"]) municipal_units.insert(u["id"].get<long long>());
  const Side sides[] = {
      {"ciso.energi",
       &energi,
       e_object,
       e_system,
       e_set,
       m_object,
       m_system,
       m_set,
       {company, drift}},
      {"ciso", &ciso, m_object, m_system, m_set, e_object, e_system, e_set, municipal_units},
  };
  for (const auto& side : sides) {
    SCOPED_TRACE(side.who);
    const Auth& auth = *side.session;
    // Lists hold its own and nothing outside its scope.
    json objects = Fetch(s, auth, "/api/v1/objects?limit=500")["items"];
    EXPECT_TRUE(IdSet(objects).count(side.object));
    EXPECT_FALSE(IdSet(objects).count(side.other_object));
    for (const auto& o : objects) EXPECT_TRUE(side.units.count(o["org_unit_id"])) << o;
    std::set<long long> own_objects = IdSet(objects);
    json systems = Fetch(s, auth, "/api/v1/systems?limit=500")["items"];
    EXPECT_TRUE(IdSet(systems).count(side.system));
    EXPECT_FALSE(IdSet(systems).count(side.other_system));
    for (const auto& sys : systems) EXPECT_TRUE(own_objects.count(sys["object_id"])) << sys;
    json sets = Fetch(s, auth, "/api/v1/information-sets?limit=500")["items"];
    EXPECT_TRUE(IdSet(sets).count(side.set));
    EXPECT_FALSE(IdSet(sets).count(side.other_set));
    for (const auto& set : sets) EXPECT_TRUE(side.units.count(set["org_unit_id"])) << set;

    // Filters and search do not reach past the scope.
    json other_object = Fetch(s, ciso.user_id == side.session->user_id ? energi : ciso,
                              "/api/v1/objects/" + Id(side.other_object));
    for (const std::string& query :
         {"/api/v1/objects?org_unit_id=" + Id(other_object["org_unit_id"].get<long long>()),
          "/api/v1/objects?q=" + UrlEncode(other_object["name"].get<std::string>()),
          "/api/v1/systems?object_id=" + Id(side.other_object),
          "/api/v1/information-sets?system_id=" + Id(side.other_system),
          "/api/v1/information-sets?org_unit_id=" + Id(side.who == "ciso" ? company : buf_)})
      EXPECT_EQ(Fetch(s, auth, query)["total"], 0) << query;
    json by_class = Fetch(s, auth, "/api/v1/information-sets?limit=500&security_class=4")["items"];
    EXPECT_FALSE(IdSet(by_class).count(side.other_set)) << "the other side's set of that class";

    // By id the other side's records do not exist, for reading and for writing.
    const std::string sets_path = "/api/v1/information-sets/" + Id(side.other_set);
    const std::vector<Call> calls = {
        {"GET", "/api/v1/objects/" + Id(side.other_object), nullptr},
        {"PATCH", "/api/v1/objects/" + Id(side.other_object), {{"name", "X"}, {"version", 1}}},
        {"DELETE", "/api/v1/objects/" + Id(side.other_object), nullptr},
        {"GET", "/api/v1/systems/" + Id(side.other_system), nullptr},
        {"PATCH", "/api/v1/systems/" + Id(side.other_system), {{"name", "X"}, {"version", 1}}},
        {"DELETE", "/api/v1/systems/" + Id(side.other_system), nullptr},
        {"GET", "/api/v1/systems/" + Id(side.other_system) + "/requirements", nullptr},
        {"GET", sets_path, nullptr},
        {"PATCH", sets_path, {{"name", "X"}, {"version", 1}}},
        {"DELETE", sets_path, nullptr},
        {"PUT", sets_path + "/classification", ClassificationBody({0, 0, 0, 0})},
        {"POST", sets_path + "/classification/approve", {{"version", 1}}},
    };
    for (const auto& call : calls)
      EXPECT_EQ(s.Send(call.method, call.path, auth, call.body).status, 404)
          << call.method << " " << call.path;

    // Nor can it be linked to or built on.
    Response r =
        s.Post("/api/v1/systems", auth, {{"name", "Inkräktare"}, {"object_id", side.other_object}});
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), "object_id");
    r = s.Patch("/api/v1/information-sets/" + Id(side.set), auth,
                {{"system_ids", json::array({side.system, side.other_system})}, {"version", 1}});
    EXPECT_EQ(r.status, 400) << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), "system_ids");
  }

  // The other side's records are as they were.
  EXPECT_EQ(Fetch(s, energi, "/api/v1/information-sets/" + Id(e_set))["security_class"], 4);
  EXPECT_EQ(Fetch(s, energi, "/api/v1/objects/" + Id(e_object))["name"], "Elnätets driftstöd");
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/information-sets/" + Id(m_set))["security_class"], 4);
  EXPECT_EQ(Fetch(s, ciso, "/api/v1/systems/" + Id(m_system))["name"], "Ärendesystem");

  // The group's security chief, above both, sees both.
  for (const char* list : {"objects", "systems", "information-sets"}) {
    auto ids = IdSet(Fetch(s, group, std::string("/api/v1/") + list + "?limit=500")["items"]);
    std::string l = list;
    long long e = l == "objects" ? e_object : l == "systems" ? e_system : e_set;
    long long m = l == "objects" ? m_object : l == "systems" ? m_system : m_set;
    EXPECT_TRUE(ids.count(e) && ids.count(m)) << list;
  }
}

// Everyone who may read a unit's register sees a secrecy-marked set there, but only those
// who may read secrecy-marked details see its description, retention and motivations.
TEST_F(AssetsAuthzTest, SecrecyMarkedDetailsAreRedactedForEmployeesAndTheBoard) {
  LisServer& s = server();
  const Session& ciso = Ciso();
  long long secret = CreateSet(s, ciso, "Orosanmälningar", sof_, {},
                               {{"description", "Anmälningar om barn som kan fara illa"},
                                {"secrecy", "OSL 26 kap. 1 §"},
                                {"retention", "Bevaras"},
                                {"personal_data", "special"}});
  long long open = CreateSet(s, ciso, "Föreningsbidrag", sof_, {},
                             {{"description", "Bidrag till föreningar"}, {"retention", "5 år"}});
  Classify(s, ciso, secret, {4, 3, 2, 3});
  Classify(s, ciso, open, {0, 1, 1, 1});

  const std::vector<std::pair<std::string, bool>> readers = {
      {"ciso", false},       {"sakerhetschef", false}, {"itsak", false},
      {"dso", false},        {"infoagare.sof", false}, {"kontakt.sof", false},
      {"medarbetare", true}, {"ks.ordforande", true},
  };
  for (const auto& [who, redacted] : readers) {
    SCOPED_TRACE(who);
    const Session& auth = callers_.at(who).session;
    json got = Fetch(s, auth, "/api/v1/information-sets/" + Id(secret));
    json listed;
    json listing = Fetch(s, auth, "/api/v1/information-sets?limit=500&org_unit_id=" + Id(sof_));
    for (const auto& i : listing["items"])
      if (i["id"] == secret) listed = i;
    ASSERT_TRUE(listed.is_object()) << "the set is in the unit's register";
    for (const json& seen : {got, listed}) {
      // What everyone who reads the register sees.
      EXPECT_EQ(seen["name"], "Orosanmälningar");
      EXPECT_EQ(seen["secrecy"], "OSL 26 kap. 1 §");
      EXPECT_EQ(seen["security_class"], 4);
      if (redacted) {
        EXPECT_TRUE(seen["description"].is_null()) << seen;
        EXPECT_TRUE(seen["retention"].is_null()) << seen;
        EXPECT_EQ(seen.value("redacted", false), true) << seen;
      } else {
        EXPECT_EQ(seen["description"], "Anmälningar om barn som kan fara illa") << seen;
        EXPECT_EQ(seen["retention"], "Bevaras") << seen;
        EXPECT_FALSE(seen.value("redacted", false)) << seen;
      }
    }
    if (redacted)
      EXPECT_TRUE(got["classification"]["motivations"].is_null()) << got;
    else
      EXPECT_TRUE(got["classification"]["motivations"].is_object()) << got;
    EXPECT_EQ(got["classification"]["confidentiality"], 4);

    // A set without secrecy is shown whole.
    json plain = Fetch(s, auth, "/api/v1/information-sets/" + Id(open));
    EXPECT_EQ(plain["description"], "Bidrag till föreningar") << plain;
    EXPECT_EQ(plain["retention"], "5 år");
    EXPECT_FALSE(plain.value("redacted", false));
    EXPECT_TRUE(plain["classification"]["motivations"].is_object()) << plain;
  }

  // The employee reads its own unit's register only.
  const Session& employee = callers_.at("medarbetare").session;
  json sets = Fetch(s, employee, "/api/v1/information-sets?limit=500")["items"];
  for (const auto& set : sets) EXPECT_EQ(set["org_unit_id"], sof_) << set;
  EXPECT_TRUE(IdSet(sets).count(open));
  EXPECT_EQ(s.Get("/api/v1/information-sets/" + Id(set_bou_), employee).status, 404);
}

}  // namespace
}  // namespace lis_test::assets_authz_test
