// The permission rules of issue 4, item 8, one sentence per row: who (a role in a scope), what
// it does to which record, and what it gets.
//
//   Object roles (object_owner, object_owner_it, object_manager, technical_manager), held on
//   one object or on a node, edit their objects' systems and the information sets those
//   systems process - also a set another unit owns - and classify them (not the technical
//   manager); the object owner also approves. The information owner (of the set's owning
//   unit) approves, but neither edits nor classifies, and reaches no other unit's set. The
//   CISO does everything in its scope, and reaches sets through their owning unit only. An
//   employee reads its own unit's register but not the details of a secrecy-marked set.
//   Whoever may read a set reads it alike in the list, by id, in its history and as it was.
//
// Statuses are the API's; for the "details" actions 200 means the secrecy-marked details
// (description, retention) are shown and 403 that they are redacted (the read itself is 200).
//
// Records, all made by the CISO (Norrviks kommun):
//   BoU object "Rollobjekt" with system "Rollsystem"; another BoU object "Grannobjekt" with
//   "Grannsystem"; a SoF object "SoF-objekt" with "SoF-system".
//   "Delad"     SoF set, secrecy-marked, processed by Rollsystem (BoU) - the shared case
//   "BoU-mängd" BoU set processed by Rollsystem
//   "Granne"    BoU set processed by Grannsystem only
//   "SoF-egen"  SoF set processed by SoF-system only
// Callers: demo accounts (objektagare and forvaltare hold their roles on the BoU node,
// infoagare.sof on SoF, medarbetare is an employee of SoF, ciso holds the municipality), and
// users made here with a role on Rollobjekt alone, an information owner of BoU and a CISO of
// BoU.
#include <ctime>
#include <map>

#include "asset_support.h"

namespace lis_test::asset_roles_test {
namespace {

enum class Action {
  kGet,             // GET /information-sets/{id}
  kList,            // the set is in GET /information-sets (200) or not (404)
  kHistory,         // GET /information-sets/{id}/history
  kAt,              // GET /information-sets/{id}?at=now
  kDetails,         // the secrecy-marked details by id and in the list: 200 shown, 403 hidden
  kHistoryDetails,  // ... in the history
  kAtDetails,       // ... as it was
  kEdit,            // PATCH /information-sets/{id}
  kClassify,        // PUT /information-sets/{id}/classification
  kApprove,         // POST /information-sets/{id}/classification/approve (of a fresh draft)
  kEditSystem,      // PATCH /systems/{id}
  kEditObject,      // PATCH /objects/{id}
  kCreateSet,       // POST /information-sets: a SoF set processed by the target system
};

enum Target {
  kShared,
  kBouSet,
  kNeighbourSet,
  kSofOwnSet,
  kRollSystem,
  kNeighbourSystem,
  kSofSystem,
  kRollObject,
  kNeighbourObject
};

struct Row {
  const char* who;
  const char* scope;  // for the reader of a failure: where the role is held
  Action action;
  Target target;
  int expected;
};

const char* kObjectOwner = "roll.agare";       // object_owner on Rollobjekt
const char* kObjectOwnerIt = "roll.agare.it";  // object_owner_it on Rollobjekt
const char* kObjectManager = "roll.forvaltare";
const char* kTechnical = "roll.teknisk";
const char* kInfoOwnerBou = "roll.infoagare.bou";  // information_owner of BoU
const char* kCisoBou = "roll.ciso.bou";            // ciso of BoU

using A = Action;
// clang-format off
const Row kRows[] = {
  // An object owner on one object: its systems, the sets they process (also SoF's), nothing else.
  {kObjectOwner, "Rollobjekt", A::kGet,             kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kList,            kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kHistory,         kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kAt,              kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kDetails,         kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kHistoryDetails,  kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kEdit,            kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kClassify,        kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kApprove,         kShared,         200},
  {kObjectOwner, "Rollobjekt", A::kClassify,        kBouSet,         200},
  {kObjectOwner, "Rollobjekt", A::kEditSystem,      kRollSystem,     200},
  {kObjectOwner, "Rollobjekt", A::kEditObject,      kRollObject,     200},
  {kObjectOwner, "Rollobjekt", A::kGet,             kNeighbourSet,   404},
  {kObjectOwner, "Rollobjekt", A::kList,            kNeighbourSet,   404},
  {kObjectOwner, "Rollobjekt", A::kClassify,        kNeighbourSet,   404},
  {kObjectOwner, "Rollobjekt", A::kGet,             kSofOwnSet,      404},
  {kObjectOwner, "Rollobjekt", A::kHistory,         kSofOwnSet,      404},
  {kObjectOwner, "Rollobjekt", A::kAt,              kSofOwnSet,      404},
  {kObjectOwner, "Rollobjekt", A::kEditSystem,      kNeighbourSystem,404},
  {kObjectOwner, "Rollobjekt", A::kEditObject,      kNeighbourObject,404},
  {kObjectOwner, "Rollobjekt", A::kCreateSet,       kRollSystem,     201},
  {kObjectOwner, "Rollobjekt", A::kCreateSet,       kNeighbourSystem,400},
  // The other object roles on one object: edit; classify except the technical manager;
  // only the object owner approves.
  {kObjectOwnerIt, "Rollobjekt", A::kEdit,          kShared,         200},
  {kObjectOwnerIt, "Rollobjekt", A::kClassify,      kShared,         200},
  {kObjectOwnerIt, "Rollobjekt", A::kApprove,       kShared,         403},
  {kObjectOwnerIt, "Rollobjekt", A::kEditSystem,    kRollSystem,     200},
  {kObjectManager, "Rollobjekt", A::kEdit,          kShared,         200},
  {kObjectManager, "Rollobjekt", A::kClassify,      kShared,         200},
  {kObjectManager, "Rollobjekt", A::kApprove,       kShared,         403},
  {kTechnical,     "Rollobjekt", A::kEdit,          kShared,         200},
  {kTechnical,     "Rollobjekt", A::kEditSystem,    kRollSystem,     200},
  {kTechnical,     "Rollobjekt", A::kClassify,      kShared,         403},
  {kTechnical,     "Rollobjekt", A::kApprove,       kShared,         403},
  {kTechnical,     "Rollobjekt", A::kDetails,       kShared,         200},
  // An object owner held on the BoU node reaches SoF's set through BoU's systems, alike in
  // every view, but not a SoF set no BoU system processes.
  {"objektagare", "BoU", A::kGet,                   kShared,         200},
  {"objektagare", "BoU", A::kList,                  kShared,         200},
  {"objektagare", "BoU", A::kHistory,               kShared,         200},
  {"objektagare", "BoU", A::kAt,                    kShared,         200},
  {"objektagare", "BoU", A::kAtDetails,             kShared,         200},
  {"objektagare", "BoU", A::kEdit,                  kShared,         200},
  {"objektagare", "BoU", A::kClassify,              kShared,         200},
  {"objektagare", "BoU", A::kApprove,               kShared,         200},
  {"objektagare", "BoU", A::kGet,                   kNeighbourSet,   200},
  {"objektagare", "BoU", A::kGet,                   kSofOwnSet,      404},
  {"objektagare", "BoU", A::kList,                  kSofOwnSet,      404},
  {"objektagare", "BoU", A::kApprove,               kSofOwnSet,      404},
  {"objektagare", "BoU", A::kEditSystem,            kSofSystem,      404},
  {"forvaltare",  "BoU", A::kClassify,              kShared,         200},
  {"forvaltare",  "BoU", A::kApprove,               kShared,         403},
  // The information owner approves its unit's sets, wherever they are processed.
  {"infoagare.sof", "SoF", A::kApprove,             kShared,         200},
  {"infoagare.sof", "SoF", A::kApprove,             kSofOwnSet,      200},
  {"infoagare.sof", "SoF", A::kDetails,             kShared,         200},
  {"infoagare.sof", "SoF", A::kClassify,            kShared,         403},
  {"infoagare.sof", "SoF", A::kEdit,                kShared,         403},
  {"infoagare.sof", "SoF", A::kApprove,             kBouSet,         404},
  {"infoagare.sof", "SoF", A::kEditSystem,          kSofSystem,      403},
  {kInfoOwnerBou,   "BoU", A::kApprove,             kBouSet,         200},
  {kInfoOwnerBou,   "BoU", A::kGet,                 kShared,         404},
  {kInfoOwnerBou,   "BoU", A::kList,                kShared,         404},
  {kInfoOwnerBou,   "BoU", A::kApprove,             kShared,         404},
  // The CISO does everything in its scope; a CISO of BoU reaches SoF's set no other way.
  {"ciso", "Norrviks kommun", A::kEdit,             kShared,         200},
  {"ciso", "Norrviks kommun", A::kClassify,         kSofOwnSet,      200},
  {"ciso", "Norrviks kommun", A::kApprove,          kShared,         200},
  {"ciso", "Norrviks kommun", A::kEditSystem,       kSofSystem,      200},
  {"ciso", "Norrviks kommun", A::kEditObject,       kNeighbourObject,200},
  {"ciso", "Norrviks kommun", A::kHistoryDetails,   kShared,         200},
  {kCisoBou, "BoU", A::kEditObject,                 kRollObject,     200},
  {kCisoBou, "BoU", A::kClassify,                   kBouSet,         200},
  {kCisoBou, "BoU", A::kApprove,                    kBouSet,         200},
  {kCisoBou, "BoU", A::kGet,                        kShared,         404},
  {kCisoBou, "BoU", A::kList,                       kShared,         404},
  // An employee reads its unit's register, not the secrecy-marked details, and changes nothing.
  {"medarbetare", "SoF", A::kGet,                   kShared,         200},
  {"medarbetare", "SoF", A::kList,                  kShared,         200},
  {"medarbetare", "SoF", A::kHistory,               kShared,         200},
  {"medarbetare", "SoF", A::kAt,                    kShared,         200},
  {"medarbetare", "SoF", A::kDetails,               kShared,         403},
  {"medarbetare", "SoF", A::kHistoryDetails,        kShared,         403},
  {"medarbetare", "SoF", A::kAtDetails,             kShared,         403},
  {"medarbetare", "SoF", A::kEdit,                  kShared,         403},
  {"medarbetare", "SoF", A::kClassify,              kShared,         403},
  {"medarbetare", "SoF", A::kApprove,               kShared,         403},
  {"medarbetare", "SoF", A::kEditSystem,            kSofSystem,      403},
  {"medarbetare", "SoF", A::kCreateSet,             kSofSystem,      403},
  {"medarbetare", "SoF", A::kGet,                   kBouSet,         404},
  {"medarbetare", "SoF", A::kList,                  kBouSet,         404},
  {"medarbetare", "SoF", A::kHistory,               kBouSet,         404},
  {"medarbetare", "SoF", A::kAt,                    kBouSet,         404},
  {"kontakt.sof", "SoF", A::kDetails,               kShared,         200},
};
// clang-format on

const char* kSecretDescription = "Anmälningar från elevhälsan";

class AssetRolesTest : public SharedServerTest<AssetRolesTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!HasFatalFailure() && !prepared_) Prepare();
  }

  static void Prepare() {
    LisServer& s = server();
    const Session ciso = s.Login("ciso");
    sessions_["ciso"] = ciso;
    long long buf = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    long long sof = s.OrgUnitId("Socialförvaltningen");
    long long roll_object = CreateObject(s, ciso, "Rollobjekt", buf);
    long long neighbour_object = CreateObject(s, ciso, "Grannobjekt", buf);
    long long sof_object = CreateObject(s, ciso, "SoF-objekt", sof);
    long long roll_system = CreateSystem(s, ciso, "Rollsystem", roll_object);
    long long neighbour_system = CreateSystem(s, ciso, "Grannsystem", neighbour_object);
    long long sof_system = CreateSystem(s, ciso, "SoF-system", sof_object);
    ids_[kShared] = CreateSet(s, ciso, "Delad", sof, {roll_system},
                              {{"description", kSecretDescription},
                               {"secrecy", "OSL 26 kap. 1 §"},
                               {"retention", "Bevaras"}});
    ids_[kBouSet] = CreateSet(s, ciso, "BoU-mängd", buf, {roll_system});
    ids_[kNeighbourSet] = CreateSet(s, ciso, "Granne", buf, {neighbour_system});
    ids_[kSofOwnSet] = CreateSet(s, ciso, "SoF-egen", sof, {sof_system});
    ids_[kRollSystem] = roll_system;
    ids_[kNeighbourSystem] = neighbour_system;
    ids_[kSofSystem] = sof_system;
    ids_[kRollObject] = roll_object;
    ids_[kNeighbourObject] = neighbour_object;

    auto object_user = [&](const char* username, const char* role) {
      long long user = s.CreateUser(username, buf)["id"];
      Response r = s.Post("/api/v1/users/" + Id(user) + "/roles", s.Admin(),
                          {{"role", role}, {"object_id", roll_object}});
      EXPECT_EQ(r.status, 201) << username << ": " << r;
    };
    object_user(kObjectOwner, "object_owner");
    object_user(kObjectOwnerIt, "object_owner_it");
    object_user(kObjectManager, "object_manager");
    object_user(kTechnical, "technical_manager");
    s.AddRole(s.CreateUser(kInfoOwnerBou, buf)["id"], "information_owner", buf);
    s.AddRole(s.CreateUser(kCisoBou, buf)["id"], "ciso", buf);
    prepared_ = true;
  }

  static const Session& As(const std::string& who) {
    LisServer& s = server();
    if (!sessions_.count(who)) {
      bool demo = false;
      for (const auto& a : s.accounts()) demo = demo || a.username == who;
      Session session;
      if (demo) {
        session = s.Login(who);
      } else {
        Response r = s.LoginAs(who, LisServer::kTestPassword, &session);
        EXPECT_EQ(r.status, 200) << who << ": " << r;
      }
      sessions_[who] = session;
    }
    return sessions_.at(who);
  }

  static std::string Path(Target t) {
    switch (t) {
      case kRollSystem:
      case kNeighbourSystem:
      case kSofSystem:
        return "/api/v1/systems/" + Id(ids_.at(t));
      case kRollObject:
      case kNeighbourObject:
        return "/api/v1/objects/" + Id(ids_.at(t));
      default:
        return "/api/v1/information-sets/" + Id(ids_.at(t));
    }
  }

  // The status of `action` on `target` as `who` (see the head of the file).
  static int Run(const std::string& who, Action action, Target target) {
    LisServer& s = server();
    const Session& auth = As(who);
    const Session& ciso = As("ciso");
    const std::string path = Path(target);
    const long long id = ids_.at(target);
    switch (action) {
      case A::kGet:
        return s.Get(path, auth).status;
      case A::kList: {
        Response r = s.Get("/api/v1/information-sets?limit=500", auth);
        if (r.status != 200) return r.status;
        return IdSet(r.Json()["items"]).count(id) ? 200 : 404;
      }
      case A::kHistory:
        return s.Get(path + "/history", auth).status;
      case A::kAt:
        return s.Get(AtLatest(path), auth).status;
      case A::kDetails: {
        Response r = s.Get(path, auth);
        if (r.status != 200) return r.status;
        const json set = r.Json();
        const json items = Fetch(s, auth, "/api/v1/information-sets?limit=500")["items"];
        json listed;
        for (const auto& i : items)
          if (i["id"] == id) listed = i;
        bool shown = set["description"] == kSecretDescription;
        EXPECT_TRUE(listed.is_object()) << who << ": the set is in the list";
        EXPECT_EQ(listed.is_object() && listed["description"] == kSecretDescription, shown)
            << who << ": the list and the record agree";
        if (set["classification"].is_object())
          EXPECT_EQ(set["classification"]["motivations"].is_object(), shown)
              << who << ": motivations go with the details";
        return shown ? 200 : 403;
      }
      case A::kHistoryDetails: {
        Response r = s.Get(path + "/history", auth);
        if (r.status != 200) return r.status;
        bool shown = false, seen = false;
        const json history = r.Json();
        for (const auto& e : history["items"])
          for (const auto& c : e["changes"])
            if (c["field"] == "description") {
              seen = true;
              shown = shown || c["after"] == kSecretDescription;
            }
        EXPECT_TRUE(seen) << "the history holds the description's changes";
        return shown ? 200 : 403;
      }
      case A::kAtDetails: {
        Response r = s.Get(AtLatest(path), auth);
        if (r.status != 200) return r.status;
        return r.Json()["description"] == kSecretDescription ? 200 : 403;
      }
      case A::kEdit:
      case A::kEditSystem:
      case A::kEditObject: {
        json current = Fetch(s, ciso, path);
        json body = {{"description", "Ändrad av " + who}, {"version", current["version"]}};
        if (action == A::kEdit) body["description"] = kSecretDescription;
        return s.Patch(path, auth, body).status;
      }
      case A::kClassify: {
        json body = ClassificationBody({2, 1, 1, 1});
        json current = Fetch(s, ciso, path);
        if (current["classification"].is_object())
          body["version"] = current["classification"]["version"];
        return s.Send("PUT", path + "/classification", auth, body).status;
      }
      case A::kCreateSet: {
        json body = {{"name", "Ny mängd av " + who},
                     {"org_unit_id", s.OrgUnitId("Socialförvaltningen")},
                     {"system_ids", json::array({id})}};
        return s.Post("/api/v1/information-sets", auth, body).status;
      }
      case A::kApprove: {
        json draft = Classify(s, ciso, id, {1, 1, 2, 1});
        return s
            .Post(path + "/classification/approve", auth,
                  {{"version", draft["classification"]["version"]}})
            .status;
      }
    }
    return 0;
  }

  // `path` as it was at its latest change (as the CISO's history of it says).
  static std::string AtLatest(const std::string& path) {
    LisServer& s = server();
    json history = Fetch(s, As("ciso"), path + "/history")["items"];
    std::string at =
        history.empty() ? "2000-01-01T00:00:00Z" : history.back()["at"].get<std::string>();
    return path + "?at=" + UrlEncode(at);
  }

  static inline bool prepared_ = false;
  static inline std::map<int, long long> ids_;
  static inline std::map<std::string, Session> sessions_;
};

const char* ActionName(Action a) {
  static const char* kNames[] = {
      "get",  "list",     "history", "at",          "details",     "history details", "at details",
      "edit", "classify", "approve", "edit system", "edit object", "create set"};
  return kNames[static_cast<int>(a)];
}

TEST_F(AssetRolesTest, EveryRuleOfTheIssueHolds) {
  for (const auto& row : kRows) {
    int got = Run(row.who, row.action, row.target);
    EXPECT_EQ(got, row.expected) << row.who << " (" << row.scope << "): " << ActionName(row.action)
                                 << " on " << Path(row.target);
  }
}

// A set stays reachable through an object only while a live system of it processes the set:
// the same rule for every view once the link is gone.
TEST_F(AssetRolesTest, UnlinkingTheSystemEndsTheObjectRolesReach) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long sof = s.OrgUnitId("Socialförvaltningen");
  long long set = CreateSet(s, ciso, "Tillfälligt delad", sof, {ids_.at(kRollSystem)});
  const std::string path = "/api/v1/information-sets/" + Id(set);
  const Session& owner = As(kObjectOwner);
  EXPECT_EQ(s.Get(path, owner).status, 200);
  Response r = s.Patch(path, ciso, {{"system_ids", json::array()}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(s.Get(path, owner).status, 404);
  EXPECT_EQ(s.Get(path + "/history", owner).status, 404);
  EXPECT_EQ(s.Get(AtLatest(path), owner).status, 404);
  EXPECT_FALSE(IdSet(Fetch(s, owner, "/api/v1/information-sets?limit=500")["items"]).count(set));
  EXPECT_EQ(s.Send("PUT", path + "/classification", owner, ClassificationBody({1, 1, 1, 1})).status,
            404);
}

// The section of the start page headed by `heading_id`, or "" when the page has none.
std::string Section(const std::string& html, const std::string& heading_id) {
  size_t start = html.find("<section aria-labelledby=\"" + heading_id + "\"");
  if (start == std::string::npos) return "";
  return html.substr(start, html.find("</section>", start) - start);
}

bool Links(const std::string& section, const std::string& name) {
  return section.find(">" + name + "</a>") != std::string::npos;
}

// The start page lists the work waiting for each caller, limited to what its roles reach: the
// objects of its object roles, the drafts it may approve and the reviews overdue or due within
// 30 days of the sets it classifies or approves.
TEST_F(AssetRolesTest, TheStartPageListsTheWorkInTheCallersScope) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  // Delad: a draft. BoU-mängd: approved, review overdue. SoF-egen: approved, review in 10 days.
  // Granne: approved, review in a year.
  Classify(s, ciso, ids_.at(kShared), {2, 2, 2, 2});
  for (Target t : {kBouSet, kSofOwnSet, kNeighbourSet}) {
    Classify(s, ciso, ids_.at(t), {1, 1, 1, 1});
    Approve(s, ciso, ids_.at(t));
  }
  const std::string soon = SwedishDate(10);
  auto set_review = [&](Target t, const std::string& date) { SetReviewDue(s, ids_.at(t), date); };
  set_review(kBouSet, "2001-01-01");
  set_review(kSofOwnSet, soon);

  struct Case {
    std::string who;
    std::vector<std::string> objects;      // in "Mina objekt"; none: no such section
    std::vector<std::string> not_objects;  // not in it
    std::vector<std::string> approval, not_approval;
    std::vector<std::string> review, not_review;
  };
  const std::vector<Case> cases = {
      {kObjectOwner,
       {"Rollobjekt"},
       {"Grannobjekt", "SoF-objekt"},
       {"Delad"},
       {},
       {"BoU-mängd"},
       {"SoF-egen", "Granne"}},
      {kTechnical, {"Rollobjekt"}, {"Grannobjekt"}, {}, {}, {}, {"BoU-mängd"}},
      {"infoagare.sof", {}, {}, {"Delad"}, {}, {"SoF-egen"}, {"BoU-mängd", "Granne"}},
      {kInfoOwnerBou, {}, {}, {}, {"Delad"}, {"BoU-mängd"}, {"SoF-egen", "Granne"}},
      {"ciso", {}, {}, {"Delad"}, {}, {"BoU-mängd", "SoF-egen"}, {"Granne"}},
      {"medarbetare", {}, {}, {}, {}, {}, {}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.who);
    Response r = s.Get("/", As(c.who));
    ASSERT_EQ(r.status, 200) << r;
    std::string objects = Section(r.body, "objects-heading");
    std::string approval = Section(r.body, "approval-heading");
    std::string review = Section(r.body, "review-heading");
    EXPECT_EQ(objects.empty(), c.objects.empty()) << "a Mina objekt section for object roles";
    for (const auto& name : c.objects) EXPECT_TRUE(Links(objects, name)) << name;
    for (const auto& name : c.not_objects) EXPECT_FALSE(Links(objects, name)) << name;
    for (const auto& name : c.approval) EXPECT_TRUE(Links(approval, name)) << name;
    for (const auto& name : c.not_approval) EXPECT_FALSE(Links(approval, name)) << name;
    for (const auto& name : c.review) EXPECT_TRUE(Links(review, name)) << name;
    for (const auto& name : c.not_review) EXPECT_FALSE(Links(review, name)) << name;
    if (Links(review, "BoU-mängd"))
      EXPECT_NE(review.find("Försenad"), std::string::npos) << "the overdue review says so";
    if (c.who == "medarbetare") EXPECT_TRUE(approval.empty() && review.empty());
  }

  // The CISO's counts cover its scope: the demo's three unclassified sets (and one of the
  // tests above), one draft, one review overdue and one due soon.
  std::string overview = Section(s.Get("/", ciso).body, "overview-heading");
  auto count = [&](const std::string& title) {
    size_t at = overview.find("<span class=\"card-title\">" + title + "</span>");
    if (at == std::string::npos) return -1LL;
    size_t number = overview.rfind("<span class=\"card-count\">", at);
    return std::stoll(overview.substr(number + 25));
  };
  EXPECT_GE(count("Oklassade informationsmängder"), 3);
  EXPECT_EQ(count("Klassningar som väntar på godkännande"), 1);
  EXPECT_EQ(count("Försenade översyner av klassning"), 1);
  EXPECT_EQ(count("Översyner inom 30 dagar"), 1);
}

// The classifications awaiting the caller's approval are listed oldest first, ten with the number
// of all, and an approved one leaves the list.
TEST_F(AssetRolesTest, TheStartPageListsTheDraftsAwaitingApprovalOldestFirst) {
  LisServer& s = server();
  const Session& ciso = As("ciso");
  long long unit = s.CreateOrgUnit("Väntrummet", s.OrgUnitId("Socialförvaltningen"))["id"];
  const std::string who = "vantrum.infoagare";
  s.AddRole(s.CreateUser(who, unit)["id"], "information_owner", unit);
  // Classified in the order L, K, ..., A: the reverse of their names' order.
  std::vector<std::string> names;
  for (char c = 'L'; c >= 'A'; --c) names.push_back(std::string("Väntar ") + c);
  std::vector<long long> ids;
  for (const auto& name : names) ids.push_back(CreateSet(s, ciso, name, unit));
  for (long long id : ids) Classify(s, ciso, id, {1, 1, 1, 1});
  Approve(s, ciso, ids[1]);  // "Väntar K"

  Response r = s.Get("/", As(who));
  ASSERT_EQ(r.status, 200) << r;
  std::string approval = Section(r.body, "approval-heading");
  size_t last = 0;
  for (size_t i = 0; i < names.size(); ++i) {
    size_t at = approval.find(">" + names[i] + "</a>");
    if (i == 1 || i == 11) {
      EXPECT_EQ(at, std::string::npos) << names[i] << (i == 1 ? ": approved" : ": the 11th");
      continue;
    }
    ASSERT_NE(at, std::string::npos) << names[i];
    EXPECT_GT(at, last) << names[i] << " after the one classified before it";
    last = at;
  }
  EXPECT_NE(approval.find("Visar 10 av 11."), std::string::npos) << approval;
}

}  // namespace
}  // namespace lis_test::asset_roles_test
