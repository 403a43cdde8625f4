// The protection-requirement catalogue edited by the CISO: create, update, retire, export and
// import (all or nothing, matched by code, unchanged entries untouched), what a change does
// to the requirements a system's classification triggers, and who may do what.
#include <map>

#include "asset_support.h"

namespace lis_test::requirement_catalogue_test {
namespace {

// A requirement body for the API with every field.
json RequirementBody(const std::string& code, const std::string& aspect = "confidentiality",
                     int min_level = 2) {
  return {{"code", code},
          {"area", "access_control"},
          {"aspect", aspect},
          {"min_level", min_level},
          {"text_sv", "Krav " + code + " på svenska."},
          {"text_en", "Requirement " + code + " in English."},
          {"guidance_sv", "Vägledning."},
          {"guidance_en", "Guidance."},
          {"controls", {"A.5.15"}}};
}

// The same requirement as an entry of the catalogue file.
json RequirementEntry(const std::string& code, const std::string& aspect = "confidentiality",
                      int min_level = 2) {
  return {{"id", code},
          {"area", "access_control"},
          {"aspect", aspect},
          {"min_level", min_level},
          {"text", {{"sv", "Krav " + code + "."}, {"en", "Requirement " + code + "."}}},
          {"guidance", {{"sv", ""}, {"en", ""}}},
          {"controls", json::array()}};
}

class RequirementCatalogueTest : public SharedServerTest<RequirementCatalogueTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (HasFatalFailure()) return;
    ciso_ = server().Login("ciso");
  }

  json Export() { return Fetch(server(), ciso_, "/api/v1/requirements/export"); }

  // The codes of the requirements system `id`'s classification triggers.
  std::set<std::string> Triggered(long long system) {
    std::set<std::string> out;
    json list = Fetch(server(), ciso_, "/api/v1/systems/" + Id(system) + "/requirements");
    for (const auto& r : list["items"]) out.insert(r["code"].get<std::string>());
    return out;
  }

  // The id of requirement `code` in the live catalogue, or 0.
  long long IdOf(const std::string& code) {
    json list = Fetch(server(), ciso_, "/api/v1/requirements?limit=500");
    for (const auto& r : list["items"])
      if (r["code"] == code) return r["id"];
    return 0;
  }

  Session ciso_;
};

TEST_F(RequirementCatalogueTest, TheCisoCreatesUpdatesAndRetiresARequirement) {
  LisServer& s = server();
  long long before = s.AuditTotal();
  json created = MustCreate(s, ciso_, "requirements", RequirementBody("TST-01"));
  EXPECT_EQ(created["code"], "TST-01");
  EXPECT_EQ(created["requirement_id"], "TST-01");
  EXPECT_EQ(created["controls"], json::array({"A.5.15"}));
  EXPECT_EQ(created["version"], 1);
  std::string path = "/api/v1/requirements/" + Id(created["id"]);
  EXPECT_EQ(Fetch(s, ciso_, path)["text_sv"], "Krav TST-01 på svenska.");

  Response r = s.Patch(path, ciso_, {{"min_level", 3}, {"text_en", "Changed."}, {"version", 1}});
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["min_level"], 3);
  EXPECT_EQ(r.Json()["text_en"], "Changed.");
  EXPECT_EQ(r.Json()["text_sv"], "Krav TST-01 på svenska.") << "fields not sent stay";
  r = s.Patch(path, ciso_, {{"min_level", 1}, {"version", 1}});
  EXPECT_EQ(r.status, 409) << "a stale version: " << r;
  EXPECT_EQ(r.Json()["error"]["current"]["min_level"], 3);

  r = s.Delete(path + "?version=2", ciso_);
  EXPECT_EQ(r.status, 204) << r;
  EXPECT_EQ(s.Get(path, ciso_).status, 404);
  EXPECT_EQ(IdOf("TST-01"), 0) << "a retired requirement leaves the catalogue";
  bool exported = false;
  for (const auto& e : Export()["requirements"]) exported = exported || e["id"] == "TST-01";
  EXPECT_FALSE(exported);
  // Its code stays taken.
  r = s.Post("/api/v1/requirements", ciso_, RequirementBody("TST-01"));
  EXPECT_EQ(r.status, 400) << r;
  EXPECT_EQ(r.Json()["error"]["field"], "code");

  // One audit event per change: create, update, delete.
  json events = s.AuditPage("entity=requirement&id=" + Id(created["id"]));
  EXPECT_EQ(Strings(events["items"], "action"),
            (std::vector<std::string>{"delete", "update", "create"}));
  EXPECT_EQ(s.AuditTotal(), before + 3) << "the refused calls wrote nothing";
}

TEST_F(RequirementCatalogueTest, BadRequirementsAreRefusedNamingTheField) {
  LisServer& s = server();
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::string field;
  };
  const std::vector<Case> cases = {
      {"a shipped code", [](json& b) { b["code"] = "ACC-01"; }, "code"},
      {"a code with spaces", [](json& b) { b["code"] = "A B"; }, "code"},
      {"an unknown aspect", [](json& b) { b["aspect"] = "secrecy"; }, "aspect"},
      {"a level above the scale", [](json& b) { b["min_level"] = 5; }, "min_level"},
      {"a negative level", [](json& b) { b["min_level"] = -1; }, "min_level"},
      {"no English text", [](json& b) { b.erase("text_en"); }, "text_en"},
      {"a blank Swedish text", [](json& b) { b["text_sv"] = "  "; }, "text_sv"},
      {"an unknown field", [](json& b) { b["owner"] = "x"; }, "owner"},
      {"controls not a list", [](json& b) { b["controls"] = "A.5.15"; }, "controls"},
      {"a level as text", [](json& b) { b["min_level"] = "2"; }, "min_level"},
  };
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    json body = RequirementBody("BAD-01");
    c.change(body);
    Response r = s.Post("/api/v1/requirements", ciso_, body);
    EXPECT_EQ(r.status, 400) << c.name << ": " << r;
    EXPECT_EQ(r.Json()["error"].value("field", ""), c.field) << c.name << ": " << r;
  }
  EXPECT_EQ(IdOf("BAD-01"), 0);
  EXPECT_EQ(s.AuditTotal(), before);
}

TEST_F(RequirementCatalogueTest, TheExportIsTheShippedFormatAndImportingItWritesNothing) {
  LisServer& s = server();
  json exported = Export();
  EXPECT_EQ(exported["version"], 1);
  ASSERT_TRUE(exported["requirements"].is_array());
  json list = Fetch(s, ciso_, "/api/v1/requirements?limit=1");
  EXPECT_EQ(exported["requirements"].size(), list["total"].get<size_t>());
  EXPECT_GE(exported["requirements"].size(), 40u);
  for (const auto& e : exported["requirements"]) {
    std::set<std::string> keys;
    for (auto it = e.begin(); it != e.end(); ++it) keys.insert(it.key());
    EXPECT_EQ(keys, (std::set<std::string>{"id", "area", "aspect", "min_level", "text", "guidance",
                                           "controls"}))
        << e;
  }
  json first = exported["requirements"][0];
  json shipped = Fetch(s, ciso_, "/api/v1/requirements?limit=1")["items"][0];
  EXPECT_EQ(first["id"], shipped["code"]);
  EXPECT_EQ(first["text"]["sv"], shipped["text_sv"]);
  EXPECT_EQ(first["controls"], shipped["controls"]);

  long long before = s.AuditTotal();
  Response r = s.Post("/api/v1/requirements/import", ciso_, exported);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 0);
  EXPECT_EQ(r.Json()["updated"], 0);
  EXPECT_EQ(r.Json()["unchanged"], exported["requirements"].size());
  EXPECT_EQ(s.AuditTotal(), before) << "an unchanged catalogue writes nothing";
  EXPECT_EQ(Export(), exported);
}

TEST_F(RequirementCatalogueTest, ImportCreatesNewCodesUpdatesChangedOnesAndLeavesTheRest) {
  LisServer& s = server();
  json doc = Export();
  size_t n = doc["requirements"].size();
  std::string changed = doc["requirements"][1]["id"];
  doc["requirements"][1]["text"]["en"] = "Rewritten by the import.";
  doc["requirements"][1]["min_level"] = 4;
  doc["requirements"].push_back(RequirementEntry("IMP-01", "availability", 3));
  long long before = s.AuditTotal();
  Response r = s.Post("/api/v1/requirements/import", ciso_, doc);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 1);
  EXPECT_EQ(r.Json()["updated"], 1);
  EXPECT_EQ(r.Json()["unchanged"], n - 1);
  EXPECT_EQ(s.AuditTotal(), before + 2) << "one event per change, none for unchanged entries";

  json updated = Fetch(s, ciso_, "/api/v1/requirements/" + Id(IdOf(changed)));
  EXPECT_EQ(updated["text_en"], "Rewritten by the import.");
  EXPECT_EQ(updated["min_level"], 4);
  EXPECT_EQ(updated["version"], 2);
  json created = Fetch(s, ciso_, "/api/v1/requirements/" + Id(IdOf("IMP-01")));
  EXPECT_EQ(created["aspect"], "availability");
  EXPECT_EQ(created["text_sv"], "Krav IMP-01.");
  json events = s.AuditPage("entity=requirement&limit=2");
  EXPECT_EQ(Strings(events["items"], "action"), (std::vector<std::string>{"create", "update"}));
}

// Every bad file is refused whole: every problem listed with the entry's index, code and
// field, and nothing written.
TEST_F(RequirementCatalogueTest, ABadImportIsRefusedWholeListingEveryError) {
  LisServer& s = server();
  struct Expected {
    long long index;  // -1: the document itself
    std::string field;
  };
  struct Case {
    std::string name;
    std::function<void(json&)> change;
    std::vector<Expected> errors;
  };
  auto entries = [](json& d) -> json& { return d["requirements"]; };
  const std::vector<Case> cases = {
      {"duplicate codes",
       [&](json& d) { entries(d)[2]["id"] = entries(d)[0]["id"]; },
       {{2, "requirements[2].id"}}},
      {"an unknown aspect",
       [&](json& d) { entries(d)[1]["aspect"] = "secrecy"; },
       {{1, "requirements[1].aspect"}}},
      {"a level above the scale",
       [&](json& d) { entries(d)[3]["min_level"] = 5; },
       {{3, "requirements[3].min_level"}}},
      {"a negative level",
       [&](json& d) { entries(d)[3]["min_level"] = -1; },
       {{3, "requirements[3].min_level"}}},
      {"no Swedish text",
       [&](json& d) { entries(d)[4]["text"].erase("sv"); },
       {{4, "requirements[4].text.sv"}}},
      {"a blank English text",
       [&](json& d) { entries(d)[4]["text"]["en"] = " "; },
       {{4, "requirements[4].text.en"}}},
      {"no text at all",
       [&](json& d) { entries(d)[0].erase("text"); },
       {{0, "requirements[0].text"}}},
      {"an unknown field in an entry",
       [&](json& d) { entries(d)[5]["owner"] = "CISO"; },
       {{5, "requirements[5].owner"}}},
      {"an unknown language",
       [&](json& d) { entries(d)[5]["text"]["de"] = "Anforderung"; },
       {{5, "requirements[5].text.de"}}},
      {"an entry that is not an object",
       [&](json& d) { entries(d)[6] = "ACC-99"; },
       {{6, "requirements[6]"}}},
      {"an unknown field in the document", [](json& d) { d["author"] = "x"; }, {{-1, "author"}}},
      {"another format version", [](json& d) { d["version"] = 2; }, {{-1, "version"}}},
      {"no list of requirements",
       [](json& d) { d["requirements"] = json::object(); },
       {{-1, "requirements"}}},
      {"several errors, and a good new entry beside them",
       [&](json& d) {
         entries(d)[1]["min_level"] = 9;
         entries(d)[7]["aspect"] = "";
         entries(d)[7]["text"]["sv"] = "";
         entries(d).push_back(RequirementEntry("NEW-OK"));
       },
       {{1, "requirements[1].min_level"},
        {7, "requirements[7].aspect"},
        {7, "requirements[7].text.sv"}}},
  };
  json original = Export();
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    json doc = original;
    c.change(doc);
    // Something else in the file would change, so that a half import would show.
    if (doc["requirements"].is_array())
      doc["requirements"][8]["text"]["en"] = "Changed in a refused import.";
    Response r = s.Post("/api/v1/requirements/import", ciso_, doc);
    ASSERT_EQ(r.status, 400) << r;
    json error = r.Json()["error"];
    EXPECT_EQ(error["code"], "invalid");
    ASSERT_TRUE(error["errors"].is_array()) << error;
    ASSERT_EQ(error["errors"].size(), c.errors.size()) << error;
    for (size_t i = 0; i < c.errors.size(); ++i) {
      const json& got = error["errors"][i];
      EXPECT_EQ(got["field"], c.errors[i].field) << got;
      EXPECT_FALSE(got.value("message", "").empty()) << got;
      if (c.errors[i].index >= 0) {
        EXPECT_EQ(got.value("index", -1LL), c.errors[i].index) << got;
        const json& entry = doc["requirements"][c.errors[i].index];
        if (entry.is_object() && entry.value("id", json()).is_string() &&
            !entry["id"].get<std::string>().empty())
          EXPECT_EQ(got.value("code", ""), entry["id"]) << got;
      } else {
        EXPECT_FALSE(got.contains("index")) << got;
      }
    }
  }
  EXPECT_EQ(s.AuditTotal(), before) << "a refused import writes nothing";
  EXPECT_EQ(Export(), original);
  EXPECT_EQ(IdOf("NEW-OK"), 0);
}

TEST_F(RequirementCatalogueTest, ChangingARequirementChangesWhatSystemsTrigger) {
  LisServer& s = server();
  long long unit = s.OrgUnitId("Barn- och utbildningsförvaltningen");
  long long object = CreateObject(s, ciso_, "Katalogobjekt", unit);
  long long system = CreateSystem(s, ciso_, "Katalogsystem", object);
  long long set = CreateSet(s, ciso_, "Katalogmängd", unit, {system});
  Classify(s, ciso_, set, {2, 0, 0, 0});

  json created =
      MustCreate(s, ciso_, "requirements", RequirementBody("TRG-01", "confidentiality", 3));
  std::string path = "/api/v1/requirements/" + Id(created["id"]);
  EXPECT_FALSE(Triggered(system).count("TRG-01")) << "level 3 is above the system's 2";
  ASSERT_EQ(s.Patch(path, ciso_, {{"min_level", 2}, {"version", 1}}).status, 200);
  EXPECT_TRUE(Triggered(system).count("TRG-01")) << "now at the system's level";
  ASSERT_EQ(s.Patch(path, ciso_, {{"aspect", "integrity"}, {"version", 2}}).status, 200);
  EXPECT_FALSE(Triggered(system).count("TRG-01")) << "integrity is 0";
  ASSERT_EQ(s.Patch(path, ciso_, {{"aspect", "confidentiality"}, {"version", 3}}).status, 200);

  // A status recorded on it, then the requirement retired: it triggers no more, and the
  // status stays in the history.
  std::string status_path = "/api/v1/systems/" + Id(system) + "/requirements/TRG-01";
  Response r = s.Send("PUT", status_path, ciso_, {{"status", "met"}, {"how", "Loggning av allt"}});
  ASSERT_EQ(r.status, 200) << r;
  long long status_id = r.Json()["id"];
  ASSERT_EQ(s.Delete(path, ciso_).status, 204);
  EXPECT_FALSE(Triggered(system).count("TRG-01"));
  EXPECT_EQ(s.Send("PUT", status_path, ciso_, {{"status", "not_met"}, {"version", 1}}).status, 404);
  json history = s.AuditPage("entity=system_requirement&id=" + Id(status_id));
  ASSERT_EQ(history["total"], 1);
  EXPECT_EQ(history["items"][0]["after"]["status"], "met");

  // Importing the retired code brings it back, with the status recorded before.
  json doc = Export();
  doc["requirements"].push_back(RequirementEntry("TRG-01", "confidentiality", 1));
  r = s.Post("/api/v1/requirements/import", ciso_, doc);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["updated"], 1);
  json list = Fetch(s, ciso_, "/api/v1/systems/" + Id(system) + "/requirements");
  json found;
  for (const auto& i : list["items"])
    if (i["code"] == "TRG-01") found = i;
  ASSERT_TRUE(found.is_object()) << list;
  EXPECT_EQ(found["status"], "met");
  EXPECT_EQ(found["how"], "Loggning av allt");
}

// Who may change the catalogue: the CISO; everyone who reads assets reads and exports it; the
// installation admin handles no content.
TEST_F(RequirementCatalogueTest, PermissionMatrix) {
  LisServer& s = server();
  enum { kCreate, kGet, kUpdate, kDelete, kExport, kImport, kColumns };
  struct Row {
    std::string username;
    std::array<int, kColumns> expected;
  };
  // clang-format off
  const std::vector<Row> rows = {
      //                  create get  upd  del  export import
      {"ciso",           {201,   200, 200, 204, 200,   200}},
      // A company's CISO reads the installation's catalogue but does not change it.
      {"ciso.energi",    {403,   200, 403, 403, 200,   403}},
      {"sakerhetschef",  {403,   200, 403, 403, 200,   403}},
      {"objektagare",    {403,   200, 403, 403, 200,   403}},
      {"medarbetare",    {403,   200, 403, 403, 200,   403}},
      {"admin",          {403,   404, 403, 403, 403,   403}},
      {"-",              {401,   401, 401, 401, 401,   401}},
  };
  // clang-format on
  int counter = 0;
  for (const auto& row : rows) {
    SCOPED_TRACE(row.username);
    Auth auth;
    if (row.username == "admin")
      auth = s.Admin();
    else if (row.username != "-")
      auth = s.Login(row.username);
    for (int c = 0; c < kColumns; ++c) {
      int expected = row.expected[c];
      bool succeeds = expected >= 200 && expected < 300;
      std::string code = "MTX-" + std::to_string(++counter);
      // A target of its own for a change that succeeds, else a shared one that must stay.
      long long target =
          succeeds && (c == kUpdate || c == kDelete)
              ? MustCreate(s, ciso_, "requirements", RequirementBody(code))["id"].get<long long>()
              : IdOf("ACC-01");
      std::string path = "/api/v1/requirements/" + Id(target);
      json doc = {{"version", 1}, {"requirements", json::array({RequirementEntry(code)})}};
      Response r;
      switch (c) {
        case kCreate:
          r = s.Post("/api/v1/requirements", auth, RequirementBody(code));
          break;
        case kGet:
          r = s.Get(path, auth);
          break;
        case kUpdate:
          r = s.Patch(path, auth, {{"text_en", "Matrix."}, {"version", 1}});
          break;
        case kDelete:
          r = s.Delete(path, auth);
          break;
        case kExport:
          r = s.Get("/api/v1/requirements/export", auth);
          break;
        case kImport:
          r = s.Post("/api/v1/requirements/import", auth, doc);
          break;
      }
      EXPECT_EQ(r.status, expected) << "column " << c << ": " << r;
      if (!succeeds && (c == kCreate || c == kImport))
        EXPECT_EQ(IdOf(code), 0) << "a refused call created " << code;
    }
  }
  json shared = Fetch(s, ciso_, "/api/v1/requirements/" + Id(IdOf("ACC-01")));
  EXPECT_EQ(shared["version"], 1) << "refused changes left the shared requirement alone";
}

}  // namespace
}  // namespace lis_test::requirement_catalogue_test
