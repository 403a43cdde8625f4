// The statement of applicability (issue 5, item 4): entries, evidence, the gap view, issued
// versions and exports, through the API on a real server.
#include <cstdio>
#include <fstream>

#include "core/table/table.h"
#include "soa_support.h"

namespace lis_test::soa_test {
namespace {

class SoaTest : public SharedServerTest<SoaTest> {
 public:
  // A small evidence limit, so that "too large" needs only a few kilobytes.
  static ServerOptions Options() { return {"max_evidence_bytes = 4096\n", true}; }

 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!started()) return;
    LisServer& s = server();
    ciso_ = s.Auditor();  // a CISO of the whole installation, so also of new companies
    org_ = s.OrgUnitId("Norrviks kommun");
    fw_ = FrameworkId(s, "iso27001-2022");
  }

  // A fresh organisation (a company under the group), so that each test starts with an
  // empty SoA.
  long long NewOrganisation(const std::string& name) {
    return server().CreateOrgUnit(name, server().OrgUnitId("Norrviks kommunkoncern"),
                                  "company")["id"];
  }

  Response Patch(long long org, const std::string& ref, const json& body) {
    return server().Patch(SoaPath(org, fw_, "/" + ref), ciso_, body);
  }

  // PATCHes entry `ref` from version `version`; a test failure unless 200.
  json MustPatch(long long org, const std::string& ref, json body) {
    Response r = Patch(org, ref, body);
    EXPECT_EQ(r.status, 200) << ref << " " << body.dump() << ": " << r;
    return r.status == 200 ? r.Json() : json::object();
  }

  json Soa(long long org) { return Fetch(server(), ciso_, SoaPath(org, fw_)); }

  Session ciso_;
  long long org_ = 0, fw_ = 0;
};

json Decided(bool applicable, const std::string& status, long long version = 0) {
  return {{"applicable", applicable},
          {"justification", "Riskanalysen 2026 visar behovet; åtgärden gäller för hela kommunen."},
          {"status", status},
          {"version", version}};
}

TEST_F(SoaTest, ListsEveryControlOfTheFrameworkNotAssessedUntilWritten) {
  long long org = NewOrganisation("Tomma bolaget AB");
  json soa = Soa(org);
  ASSERT_EQ(soa["items"].size(), 93u);
  EXPECT_EQ(soa["framework_ref"], "iso27001-2022");
  for (const auto& item : soa["items"]) {
    EXPECT_TRUE(item["applicable"].is_null()) << item["control_ref"];
    EXPECT_EQ(item["status"], "not_started");
    EXPECT_EQ(item["version"], 0);
    EXPECT_FALSE(item["title_sv"].get<std::string>().empty());
    EXPECT_FALSE(item["title_en"].get<std::string>().empty());
  }
  EXPECT_EQ(soa["items"][0]["control_ref"], "5.1");
  EXPECT_EQ(soa["items"][92]["control_ref"], "8.34");
}

TEST_F(SoaTest, APatchWritesTheEntryWithOneAuditEventAndVersionsIt) {
  LisServer& s = server();
  long long org = NewOrganisation("Skrivande bolaget AB");
  long long ciso_id = s.UserId("ciso");
  // A responsible person holds a role in the organisation of the SoA (issue 12).
  s.AddRole(ciso_id, "contact", org);
  long long before = s.AuditTotal();
  json body = Decided(true, "implemented");
  body["responsible_id"] = ciso_id;
  body["implementation"] = "Styrdokument fastställt av kommunstyrelsen.";
  body["last_reviewed"] = "2026-11-01";
  json item = MustPatch(org, "5.1", body);
  EXPECT_EQ(item["version"], 1);
  EXPECT_EQ(item["applicable"], true);
  EXPECT_EQ(item["responsible_name"], "Johan Bergström");
  EXPECT_EQ(s.AuditTotal(), before + 1);
  auto events = EventsSince(s, before);
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0]["entity"], "soa_entry");

  json again = MustPatch(org, "5.1", {{"status", "partly_implemented"}, {"version", 1}});
  EXPECT_EQ(again["version"], 2);
  EXPECT_EQ(again["justification"], body["justification"]);  // kept
  EXPECT_EQ(ItemOf(Soa(org), "5.1")["status"], "partly_implemented");

  json entry = Fetch(s, ciso_, SoaPath(org, fw_, "/5.1"));
  EXPECT_EQ(entry["history"].size(), 2u);
}

struct BadPatch {
  const char* name;
  const char* ref;
  json body;
  int status;
  const char* field;  // "" when the answer names none
};

TEST_F(SoaTest, BadPatchesAreRefusedNamingTheFieldAndWriteNothing) {
  LisServer& s = server();
  long long org = NewOrganisation("Felaktiga bolaget AB");
  MustPatch(org, "5.2", Decided(false, "not_started"));  // version 1 now
  const BadPatch cases[] = {
      {"unknown control", "99.9", Decided(true, "implemented"), 404, ""},
      {"bad status", "5.3", Decided(true, "done"), 400, "status"},
      {"missing justification",
       "5.3",
       {{"applicable", false}, {"status", "not_started"}, {"version", 0}},
       400,
       "justification"},
      {"blank justification",
       "5.3",
       {{"applicable", true}, {"justification", "  "}, {"version", 0}},
       400,
       "justification"},
      {"unknown user", "5.3", {{"responsible_id", 999999}, {"version", 0}}, 400, "responsible_id"},
      {"bad date", "5.3", {{"last_reviewed", "2026-02-30"}, {"version", 0}}, 400, "last_reviewed"},
      {"wrong type", "5.3", {{"applicable", "ja"}, {"version", 0}}, 400, "applicable"},
      {"unknown field", "5.3", {{"colour", "red"}, {"version", 0}}, 400, "colour"},
      {"no version", "5.3", {{"status", "implemented"}}, 400, "version"},
      {"stale version", "5.2", {{"status", "implemented"}, {"version", 0}}, 409, ""},
      {"version of a new entry", "5.3", {{"status", "implemented"}, {"version", 3}}, 409, ""},
  };
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    Response r = Patch(org, c.ref, c.body);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    if (*c.field) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.name;
  }
  EXPECT_EQ(s.AuditTotal(), before);
  EXPECT_EQ(ItemOf(Soa(org), "5.3")["version"], 0);
}

TEST_F(SoaTest, OnlyAnOrganisationHasASoaAndTheFrameworkMustExist) {
  LisServer& s = server();
  struct Case {
    std::string path;
    int status;
    const char* field;
  } cases[] = {
      {SoaPath(s.OrgUnitId("Socialförvaltningen"), fw_), 400, "org_unit_id"},
      {SoaPath(s.OrgUnitId("Norrviks kommunkoncern"), fw_), 400, "org_unit_id"},
      {"/api/v1/org-units/" + Id(org_) + "/soa", 400, "framework_id"},
      {SoaPath(org_, 999999), 400, "framework_id"},
      {SoaPath(999999, fw_), 404, ""},
  };
  for (const auto& c : cases) {
    Response r = s.Get(c.path, ciso_);
    EXPECT_EQ(r.status, c.status) << c.path << ": " << r;
    if (*c.field) EXPECT_EQ(r.Json()["error"]["field"], c.field) << c.path;
  }
}

struct BadFile {
  const char* name;
  std::string file_name;
  std::string bytes;
  int status;
};

TEST_F(SoaTest, BadEvidenceFilesAreRefusedAndNothingIsWritten) {
  LisServer& s = server();
  long long org = NewOrganisation("Bevisbolaget AB");
  const BadFile cases[] = {
      {"too large", "stor.pdf", kPdfBytes + std::string(5000, 'x'), 413},
      {"far too large", "jattestor.pdf", kPdfBytes + std::string(200000, 'x'), 413},
      {"wrong type", "program.exe", "MZ\x90\x00", 400},
      {"no extension", "rapport", kPdfBytes, 400},
      {"png named pdf", "bild.pdf", kPngBytes, 400},
      {"pdf named png", "rapport.png", kPdfBytes, 400},
      {"binary named txt", "logg.txt", std::string("ab\0cd", 5), 400},
      {"path traversal", "../x.pdf", kPdfBytes, 400},
      {"directory", "a/b.pdf", kPdfBytes, 400},
      {"backslash", "a\\b.pdf", kPdfBytes, 400},
      {"control character", "a\x01z.pdf", kPdfBytes, 400},
      {"escape character", "a\x1bz.pdf", kPdfBytes, 400},
      {"empty file", "tom.pdf", "", 400},
  };
  long long before = s.AuditTotal();
  for (const auto& c : cases) {
    Response r = UploadEvidence(s, ciso_, org, fw_, "5.1", c.file_name, c.bytes);
    EXPECT_EQ(r.status, c.status) << c.name << ": " << r;
    if (r.status == 400) EXPECT_EQ(r.Json()["error"]["field"], "file") << c.name;
  }
  Response no_file =
      s.SendRaw("POST", SoaPath(org, fw_, "/5.1/evidence"), ciso_,
                "--b\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n--b--\r\n",
                "multipart/form-data; boundary=b");
  EXPECT_EQ(no_file.status, 400) << no_file;
  EXPECT_EQ(s.AuditTotal(), before);
  EXPECT_TRUE(ItemOf(Soa(org), "5.1")["evidence"].empty());
}

TEST_F(SoaTest, EvidenceFilesAreKeptWithTheirNameAndServedOnlyAsAttachments) {
  LisServer& s = server();
  long long org = NewOrganisation("Nedladdningsbolaget AB");
  const std::string name = "Rutin för säkerhetskopiering.pdf";
  long long before = s.AuditTotal();
  Response up = UploadEvidence(s, ciso_, org, fw_, "8.13", name, kPdfBytes);
  ASSERT_EQ(up.status, 201) << up;
  json ev = up.Json();
  EXPECT_EQ(ev["file_name"], name);
  EXPECT_EQ(ev["file_type"], "pdf");
  EXPECT_EQ(ev["size"], static_cast<long long>(kPdfBytes.size()));
  EXPECT_EQ(ev["sha256"].get<std::string>().size(), 64u);
  // The audit event names the file, its size, type and hash, and holds no bytes.
  auto events = EventsSince(s, before);
  ASSERT_EQ(events.size(), 1u);
  std::string event = events[0].dump();
  EXPECT_NE(event.find(ev["sha256"].get<std::string>()), std::string::npos);
  EXPECT_NE(event.find("\"file_name\""), std::string::npos);
  EXPECT_EQ(event.find("content"), std::string::npos);
  EXPECT_EQ(event.find("JVBERi0"), std::string::npos);  // base64 of "%PDF-"

  json item = ItemOf(Soa(org), "8.13");
  ASSERT_EQ(item["evidence"].size(), 1u);
  EXPECT_EQ(item["evidence"][0]["file_name"], name);

  long long id = ev["id"];
  std::string file = "/api/v1/org-units/" + Id(org) + "/soa/evidence/" + Id(id) + "/file";
  Response down = s.Get(file, ciso_);
  ASSERT_EQ(down.status, 200) << down;
  EXPECT_EQ(down.body, kPdfBytes);
  EXPECT_EQ(down.Header("Content-Type"), "application/octet-stream");
  EXPECT_EQ(down.Header("X-Content-Type-Options"), "nosniff");
  std::string disposition = down.Header("Content-Disposition");
  EXPECT_EQ(disposition.rfind("attachment;", 0), 0u) << disposition;
  // The exact name follows as RFC 8187 filename* (the test client decodes the percent signs).
  bool encoded =
      disposition.find("filename*=UTF-8''Rutin%20f%C3%B6r%20s%C3%A4kerhetskopiering.pdf") !=
      std::string::npos;
  bool decoded = disposition.find("filename*=UTF-8''" + name) != std::string::npos;
  EXPECT_TRUE(encoded || decoded) << disposition;

  // A soft delete through the audited path: gone from the SoA and from the download.
  Response del = s.Delete("/api/v1/org-units/" + Id(org) + "/soa/evidence/" + Id(id) +
                              "?version=" + Id(ev["version"].get<long long>()),
                          ciso_);
  EXPECT_EQ(del.status, 204) << del;
  EXPECT_TRUE(ItemOf(Soa(org), "8.13")["evidence"].empty());
  EXPECT_EQ(s.Get(file, ciso_).status, 404);
  EXPECT_EQ(EventsSince(s, before).size(), 2u);
}

TEST_F(SoaTest, EvidenceLinksMustBeHttpOrHttps) {
  LisServer& s = server();
  long long org = NewOrganisation("Länkbolaget AB");
  std::string path = SoaPath(org, fw_, "/5.15/evidence");
  Response ok =
      s.Post(path, ciso_,
             {{"url", "https://intranat.norrvik.se/behorighet"}, {"title", "Behörighetsrutin"}});
  ASSERT_EQ(ok.status, 201) << ok;
  EXPECT_EQ(ok.Json()["kind"], "link");
  long long before = s.AuditTotal();
  for (const char* url : {"javascript:alert(1)", "ftp://norrvik.se/x", "https://", "intranat"}) {
    Response r = s.Post(path, ciso_, {{"url", url}});
    EXPECT_EQ(r.status, 400) << url << ": " << r;
    EXPECT_EQ(r.Json()["error"]["field"], "url") << url;
  }
  EXPECT_EQ(s.AuditTotal(), before);
  EXPECT_EQ(ItemOf(Soa(org), "5.15")["evidence"][0]["title"], "Behörighetsrutin");
}

TEST_F(SoaTest, AnIssuedVersionNeverChanges) {
  LisServer& s = server();
  long long org = NewOrganisation("Versionsbolaget AB");
  MustPatch(org, "5.1", Decided(true, "implemented"));
  MustPatch(org, "7.4", Decided(false, "not_started"));
  ASSERT_EQ(UploadEvidence(s, ciso_, org, fw_, "5.1", "policy.pdf", kPdfBytes).status, 201);
  json before_issue = Soa(org);

  Response issued =
      s.Post(SoaPath(org, fw_, "/versions"), ciso_, {{"note", "Fastställd av ledningen"}});
  ASSERT_EQ(issued.status, 201) << issued;
  json v1 = issued.Json();
  EXPECT_EQ(v1["number"], 1);
  EXPECT_EQ(v1["approved_by"], ciso_.user_id);
  EXPECT_EQ(v1["approved_by_name"], Fetch(s, ciso_, "/api/v1/me")["user"]["name"]);
  EXPECT_EQ(v1["note"], "Fastställd av ledningen");
  EXPECT_EQ(v1["issued_on"].get<std::string>().size(), 10u);
  EXPECT_EQ(v1["soa"]["items"], before_issue["items"]);

  // Later edits change the SoA, not the issued version.
  MustPatch(org, "5.1", {{"status", "partly_implemented"}, {"version", 1}});
  MustPatch(org, "8.1", Decided(true, "implemented"));
  ASSERT_EQ(UploadEvidence(s, ciso_, org, fw_, "8.1", "bild.png", kPngBytes).status, 201);
  json now = Soa(org);
  EXPECT_NE(now["items"], before_issue["items"]);
  json again = Fetch(s, ciso_, SoaPath(org, fw_, "/versions/1"));
  EXPECT_EQ(again["soa"]["items"], before_issue["items"]);
  EXPECT_EQ(ItemOf(again["soa"], "5.1")["evidence"].size(), 1u);
  EXPECT_EQ(ItemOf(again["soa"], "5.1")["status"], "implemented");

  Response second = s.Post(SoaPath(org, fw_, "/versions"), ciso_, json::object());
  ASSERT_EQ(second.status, 201) << second;
  EXPECT_EQ(second.Json()["number"], 2);
  json list = Fetch(s, ciso_, SoaPath(org, fw_, "/versions"));
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["number"], 2);
  EXPECT_FALSE(list["items"][0].contains("soa"));
  // There is no way to change or remove a version.
  for (const char* method : {"PATCH", "PUT", "DELETE"}) {
    Response r = s.Send(method, SoaPath(org, fw_, "/versions/1"), ciso_, json::object());
    EXPECT_TRUE(r.status == 404 || r.status == 405) << method << ": " << r;
  }
  EXPECT_EQ(Fetch(s, ciso_, SoaPath(org, fw_, "/versions/1"))["soa"]["items"],
            before_issue["items"]);
  EXPECT_EQ(s.Get(SoaPath(org, fw_, "/versions/3"), ciso_).status, 404);
}

TEST_F(SoaTest, TheGapViewCountsTheEntries) {
  LisServer& s = server();
  long long org = NewOrganisation("Gapbolaget AB");
  MustPatch(org, "5.1", Decided(true, "implemented"));
  MustPatch(org, "5.2", Decided(true, "partly_implemented"));
  MustPatch(org, "5.3", Decided(true, "not_started"));
  MustPatch(org, "5.4", Decided(false, "not_started"));
  MustPatch(org, "6.1", Decided(true, "implemented"));
  MustPatch(org, "8.1", Decided(true, "implemented"));
  MustPatch(org, "8.2", Decided(true, "not_started"));
  json summary = Fetch(s, ciso_, SoaPath(org, fw_, "/summary"));
  // What the entries say, counted here.
  std::map<std::string, std::map<std::string, long long>> expected;
  json soa = Soa(org);
  for (const auto& item : soa["items"]) {
    auto& c = expected[item["theme"].get<std::string>()];
    c["controls"]++;
    if (item["applicable"].is_null())
      c["not_assessed"]++;
    else if (!item["applicable"].get<bool>())
      c["not_applicable"]++;
    else {
      c["applicable"]++;
      c[item["status"].get<std::string>()]++;
    }
  }
  ASSERT_EQ(summary["themes"].size(), 4u);
  for (const auto& t : summary["themes"]) {
    auto& c = expected[t["theme"].get<std::string>()];
    for (const char* f : {"controls", "not_assessed", "not_applicable", "applicable", "implemented",
                          "partly_implemented", "not_started"})
      EXPECT_EQ(t[f], c[f]) << t["theme"] << " " << f;
  }
  json org_theme = summary["themes"][0];
  EXPECT_EQ(org_theme["theme"], "organisational");
  EXPECT_EQ(org_theme["applicable"], 3);
  EXPECT_EQ(org_theme["implemented_percent"], 33);
  EXPECT_EQ(summary["themes"][1]["implemented_percent"], 100);         // people: 6.1
  EXPECT_TRUE(summary["themes"][2]["implemented_percent"].is_null());  // physical: none
  EXPECT_EQ(summary["total"]["applicable"], 6);
  EXPECT_EQ(summary["total"]["implemented"], 3);
  EXPECT_EQ(summary["total"]["not_assessed"], 86);
  EXPECT_EQ(summary["total"]["implemented_percent"], 50);
}

TEST_F(SoaTest, ExportsReadBackWithSwedishText) {
  LisServer& s = server();
  long long org = NewOrganisation("Exportbolaget ÅÄÖ AB");
  json body = Decided(true, "implemented");
  body["implementation"] = "Åtkomst granskas årligen av förvaltningschefen; ÅÄÖ åäö é.";
  MustPatch(org, "5.15", body);
  Response x = s.Get(SoaPath(org, fw_, "/export", "&format=xlsx&lang=sv"), ciso_);
  ASSERT_EQ(x.status, 200) << x;
  EXPECT_EQ(x.Header("Content-Disposition").rfind("attachment;", 0), 0u);
  auto table = lis::tables::ReadXlsx(x.body);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 93u);
  EXPECT_EQ(table->header[0], "Id");
  EXPECT_EQ(table->header[2], "Åtgärd");
  bool found = false;
  for (const auto& row : table->rows) {
    if (row.cells[0] != "5.15") continue;
    found = true;
    EXPECT_EQ(row.cells[3], "Ja");
    EXPECT_EQ(row.cells[5], "Införd");
    EXPECT_EQ(row.cells[7], body["implementation"]);
  }
  EXPECT_TRUE(found);

  Response p = s.Get(SoaPath(org, fw_, "/export", "&format=pdf"), ciso_);
  ASSERT_EQ(p.status, 200) << p;
  EXPECT_EQ(p.body.rfind("%PDF-", 0), 0u);
  EXPECT_EQ(p.Header("Content-Type"), "application/pdf");
  // The PDF's text reads back with the Swedish characters (poppler's pdftotext).
  std::string text = PdfText(s, p.body);
  EXPECT_NE(text.find("Tillämplighetsförklaring – Exportbolaget ÅÄÖ AB"), std::string::npos)
      << text;
  EXPECT_NE(text.find("Åtkomst granskas"), std::string::npos);
  EXPECT_NE(text.find("Organisatoriska åtgärder"), std::string::npos);

  ASSERT_EQ(s.Post(SoaPath(org, fw_, "/versions"), ciso_, json::object()).status, 201);
  MustPatch(org, "5.15", {{"status", "not_started"}, {"version", 1}});
  Response vx = s.Get(SoaPath(org, fw_, "/versions/1/export", "&format=xlsx&lang=sv"), ciso_);
  ASSERT_EQ(vx.status, 200) << vx;
  auto frozen = lis::tables::ReadXlsx(vx.body);
  ASSERT_TRUE(frozen.ok());
  for (const auto& row : frozen->rows)
    if (row.cells[0] == "5.15") EXPECT_EQ(row.cells[5], "Införd");
  EXPECT_EQ(
      s.Get(SoaPath(org, fw_, "/versions/1/export", "&format=pdf"), ciso_).body.rfind("%PDF-", 0),
      0u);
  EXPECT_EQ(s.Get(SoaPath(org, fw_, "/export", "&format=doc"), ciso_).status, 400);
}

}  // namespace
}  // namespace lis_test::soa_test
