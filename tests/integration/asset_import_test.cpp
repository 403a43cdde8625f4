// Import and export of the asset registers: a table of bad files (CSV and XLSX) each refused
// as a whole with every error named by row and column and NOTHING written; good files that
// import every row (with draft classifications); exports that neutralise formula cells and
// keep to the caller's scope and redaction; who may import and export.
#include <xlsxwriter.h>
#include <zip.h>

#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

#include "asset_support.h"
#include "core/table/table.h"

namespace lis_test::asset_import_test {
namespace {

using Rows = std::vector<std::vector<std::string>>;
const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

// A workbook written with libxlsxwriter: integral cells as numbers, the rest as strings.
std::string Workbook(const Rows& rows) {
  char path[] = "/tmp/lis-import-test-XXXXXX.xlsx";
  int fd = mkstemps(path, 5);
  close(fd);
  lxw_workbook* wb = workbook_new(path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Blad1");
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c) {
      const std::string& v = rows[r][c];
      bool number = !v.empty() && v.size() < 6 && v.find_first_not_of("0123456789") == v.npos;
      if (number)
        worksheet_write_number(ws, r, c, std::stod(v), nullptr);
      else if (!v.empty())
        worksheet_write_string(ws, r, c, v.c_str(), nullptr);
    }
  workbook_close(wb);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::remove(path);
  return out.str();
}

std::string Csv(const Rows& rows) {
  std::string out = "\xEF\xBB\xBF";
  for (const auto& r : rows) {
    for (size_t i = 0; i < r.size(); ++i)
      out += (i ? ";" : "") + (r[i].find(';') == std::string::npos ? r[i] : '"' + r[i] + '"');
    out += "\r\n";
  }
  return out;
}

// A zip of `parts`, for hand-made broken workbooks.
std::string Zip(const std::map<std::string, std::string>& parts) {
  char path[] = "/tmp/lis-import-zip-XXXXXX";
  int fd = mkstemp(path);
  close(fd);
  int err = 0;
  zip_t* za = zip_open(path, ZIP_TRUNCATE | ZIP_CREATE, &err);
  for (const auto& [name, content] : parts)
    zip_file_add(za, name.c_str(), zip_source_buffer(za, content.data(), content.size(), 0),
                 ZIP_FL_OVERWRITE);
  zip_close(za);
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  std::remove(path);
  return out.str();
}

std::set<std::pair<long long, std::string>> Places(const json& errors) {
  std::set<std::pair<long long, std::string>> out;
  for (const auto& e : errors)
    out.insert({e["row"].is_null() ? 0 : e["row"].get<long long>(),
                e["column"].is_null() ? "" : e["column"].get<std::string>()});
  return out;
}

class AssetImportTest : public SharedServerTest<AssetImportTest> {
 protected:
  void SetUp() override {
    SharedServerTest::SetUp();
    if (!started() || ciso_.bearer.size() + ciso_.cookie.size() > 0) return;
    auto& s = server();
    ciso_ = s.Login("ciso");
    buf_ = s.OrgUnitId("Barn- och utbildningsförvaltningen");
    sof_ = s.OrgUnitId("Socialförvaltningen");
    object_ = CreateObject(s, ciso_, "Imp-objekt", buf_);
    sof_object_ = CreateObject(s, ciso_, "Imp-SoF-objekt", sof_);
    energy_object_ = CreateObject(s, s.Login("ciso.energi"), "Imp-Energi-objekt",
                                  s.OrgUnitId("Norrvik Energi AB"));
    system_ = CreateSystem(s, ciso_, "Imp-system", object_);
    CreateSet(s, ciso_, "Imp-mängd", buf_);
  }

  Response Upload(const std::string& collection, const Auth& auth, const std::string& body,
                  const std::string& type, bool dry_run = false) {
    return server().SendRaw("POST",
                            "/api/v1/" + collection + "/import" + (dry_run ? "?dry_run=true" : ""),
                            auth, body, type);
  }
  long long Count(const std::string& collection) {
    return Fetch(server(), ciso_, "/api/v1/" + collection + "?limit=1")["total"].get<long long>();
  }
  // Records and audit events: what a refused import must leave as it was.
  std::array<long long, 3> State() {
    return {Count("systems"), Count("information-sets"), server().AuditTotal()};
  }

  static inline Session ciso_;
  static inline long long buf_ = 0, sof_ = 0, object_ = 0, sof_object_ = 0, energy_object_ = 0,
                          system_ = 0;
};

const std::vector<std::string> kSetHeader = {"namn",
                                             "organisationsenhet",
                                             "konfidentialitet",
                                             "riktighet",
                                             "tillgänglighet",
                                             "spårbarhet",
                                             "motivering konfidentialitet",
                                             "motivering riktighet",
                                             "motivering tillgänglighet",
                                             "motivering spårbarhet"};

Rows SetRows(const std::vector<std::pair<std::string, std::string>>& name_and_level) {
  Rows rows = {kSetHeader};
  for (const auto& [name, level] : name_and_level)
    rows.push_back(
        {name, "Barn- och utbildningsförvaltningen", level, "1", "2", "0", "K", "R", "T", "S"});
  return rows;
}

struct BadTable {
  std::string name;
  std::string collection;
  Rows rows;
  std::set<std::pair<long long, std::string>> errors;
};

// Files whose table is read but whose content is wrong: 422, every error by row and column.
TEST_F(AssetImportTest, BadTablesAreRefusedWholeInCsvAndXlsx) {
  const std::vector<BadTable> cases = {
      {"unknown column",
       "systems",
       {{"namn", "objekt", "färg"}, {"A", "Imp-objekt", "röd"}},
       {{1, "färg"}}},
      {"missing required column",
       "systems",
       {{"namn", "beskrivning"}, {"A", "x"}},
       {{1, "objekt / object"}}},
      {"duplicate column",
       "systems",
       {{"namn", "objekt", "Name"}, {"A", "Imp-objekt", "B"}},
       {{1, "Name"}}},
      {"level outside the scale",
       "information-sets",
       SetRows({{"L1", "2"}, {"L2", "5"}}),
       {{3, "konfidentialitet"}}},
      {"level not a number",
       "information-sets",
       SetRows({{"L3", "hög"}}),
       {{2, "konfidentialitet"}}},
      {"duplicate names in the file",
       "systems",
       {{"namn", "objekt"},
        {"Dubblett", "Imp-objekt"},
        {"X", "Imp-objekt"},
        {"dubblett ", "Imp-objekt"}},
       {{4, "namn"}}},
      {"duplicate of an existing record",
       "systems",
       {{"Name", "Object"}, {"imp-system", "Imp-objekt"}},
       {{2, "Name"}}},
      {"unknown org unit and system",
       "information-sets",
       {{"namn", "organisationsenhet", "system"},
        {"S1", "Ingen sådan enhet", ""},
        {"S2", "Barn- och utbildningsförvaltningen", "Imp-system; Inget system"}},
       {{2, "organisationsenhet"}, {3, "system"}}},
      {"every bad row, not the first only",
       "systems",
       {{"namn", "objekt", "drift", "land"},
        {"", "Imp-objekt", "", ""},
        {"OK", "Imp-objekt", "moln", "SE"},
        {"Moln", "Imp-objekt", "moln", ""},
        {"Fel drift", "Imp-objekt", "källare", ""},
        {"Okänt", "Inget objekt", "", ""}},
       {{2, "namn"}, {4, "land"}, {5, "drift"}, {6, "objekt"}}},
      {"object outside the caller's scope reads as unknown",
       "systems",
       {{"namn", "objekt"}, {"E", "Imp-Energi-objekt"}},
       {{2, "objekt"}}},
  };
  for (const auto& c : cases)
    for (bool xlsx : {false, true}) {
      SCOPED_TRACE(c.name + (xlsx ? " (XLSX)" : " (CSV)"));
      auto before = State();
      Rows rows = c.rows;
      if (c.name == "object outside the caller's scope reads as unknown")
        rows[1][1] = std::to_string(energy_object_);
      Response r = xlsx ? Upload(c.collection, ciso_, Workbook(rows), kXlsx)
                        : Upload(c.collection, ciso_, Csv(rows), "text/csv");
      ASSERT_EQ(r.status, 422) << r;
      EXPECT_EQ(Places(r.Json()["errors"]), c.errors) << r;
      for (const auto& e : r.Json()["errors"])
        EXPECT_FALSE(e["message"].get<std::string>().empty());
      EXPECT_EQ(State(), before);
    }
}

struct BadFile {
  std::string name;
  std::string body;
  std::string type;
  int status;
  std::set<std::pair<long long, std::string>> errors;
};

// Files that cannot be read as a table: 400 (413 beyond the byte limit), nothing written.
TEST_F(AssetImportTest, UnreadableFilesAreRefused) {
  std::string huge = "namn;objekt\r\n";
  for (int i = 0; i <= 50000; ++i) huge += "System " + std::to_string(i) + ";Imp-objekt\r\n";
  std::string sheet_with_bad_utf8 =
      "<worksheet><sheetData><row r=\"1\"><c t=\"inlineStr\"><is><t>namn</t></is></c></row>"
      "<row r=\"2\"><c t=\"inlineStr\"><is><t>\xC3\x28</t></is></c></row></sheetData></worksheet>";
  std::string workbook =
      "<workbook xmlns:r=\"x\"><sheets><sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/></sheets>"
      "</workbook>";
  std::string rels =
      "<Relationships><Relationship Id=\"rId1\" Type=\"t/worksheet\" "
      "Target=\"worksheets/sheet1.xml\"/></Relationships>";
  const std::vector<BadFile> cases = {
      {"empty CSV", "", "text/csv", 400, {{0, ""}}},
      {"header only", "namn;objekt\r\n", "text/csv", 400, {{0, ""}}},
      {"broken UTF-8 in row 3",
       "namn;objekt\r\nA;Imp-objekt\r\n\xE5;Imp-objekt\r\n",
       "text/csv",
       400,
       {{3, ""}}},
      {"50,001 rows", huge, "text/csv", 400, {{0, ""}}},
      {"not a zip", "PK\x03\x04 this is not a zip archive", kXlsx, 400, {{0, ""}}},
      {"truncated workbook", Workbook({{"namn"}, {"x"}}).substr(0, 200), kXlsx, 400, {{0, ""}}},
      {"zip without a workbook", Zip({{"readme.txt", "hello"}}), kXlsx, 400, {{0, ""}}},
      {"workbook without sheets",
       Zip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"},
            {"xl/_rels/workbook.xml.rels", rels}}),
       kXlsx,
       400,
       {{0, ""}}},
      {"broken UTF-8 in a workbook",
       Zip({{"xl/workbook.xml", workbook},
            {"xl/_rels/workbook.xml.rels", rels},
            {"xl/worksheets/sheet1.xml", sheet_with_bad_utf8}}),
       kXlsx,
       400,
       {{2, ""}}},
      {"empty workbook", Workbook({}), kXlsx, 400, {{0, ""}}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto before = State();
    Response r = Upload("systems", ciso_, c.body, c.type);
    ASSERT_EQ(r.status, c.status) << r.body.substr(0, 500);
    EXPECT_EQ(Places(r.Json()["errors"]), c.errors) << r;
    EXPECT_EQ(State(), before);
  }
  // Beyond max_import_bytes (20 MiB): 413 before anything is read.
  auto before = State();
  Response r = Upload("systems", ciso_, std::string(21 * 1024 * 1024, 'a'), "text/csv");
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(State(), before);
}

TEST_F(AssetImportTest, GoodFilesImportEveryRowWithTheirAuditEvents) {
  auto& s = server();
  auto before = State();
  // Swedish Excel: BOM, semicolons, CRLF, Swedish headers and values, an apostrophe that an
  // export put before a formula-like name.
  std::string csv =
      "\xEF\xBB\xBFNamn ;Objekt;Beskrivning;Drift;Land;Leverantör;Livscykel\r\n"
      "Import-A;Imp-objekt;\"Första; med semikolon\";Egen drift;;;I drift\r\n"
      "Import-B;" +
      std::to_string(object_) +
      ";;moln;se;Molnbolaget AB;planerat\r\n"
      "'-Import-C;Imp-objekt;;leverantör;;Lev AB;avvecklat\r\n";
  Response dry = Upload("systems", ciso_, csv, "text/csv", true);
  ASSERT_EQ(dry.status, 200) << dry;
  EXPECT_EQ(dry.Json()["created"], 3);
  EXPECT_EQ(State(), before);
  Response r = Upload("systems", ciso_, csv, "text/csv");
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 3);
  auto after = State();
  EXPECT_EQ(after[0], before[0] + 3);
  EXPECT_EQ(after[2], before[2] + 3);  // one audit event per system
  json b = Fetch(s, ciso_, "/api/v1/systems?q=Import-B")["items"][0];
  EXPECT_EQ(b["hosting"], "cloud");
  EXPECT_EQ(b["hosting_country"], "SE");
  EXPECT_EQ(b["lifecycle"], "planned");
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems?q=Import-A")["items"][0]["description"],
            "Första; med semikolon");
  EXPECT_EQ(Fetch(s, ciso_, "/api/v1/systems?q=-Import-C")["total"], 1);

  // Information sets from a workbook (levels as numbers), with draft classifications.
  before = State();
  Rows rows = SetRows({{"Imp-Elevregister", "3"}, {"Imp-Schema", "1"}});
  rows[0].push_back("System");
  rows[0].push_back("Personuppgifter");
  rows[1].insert(rows[1].end(), {"Imp-system|Import-A", "känsliga"});
  rows[2].insert(rows[2].end(), {"", ""});
  r = Upload("information-sets", ciso_, Workbook(rows), kXlsx);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 2);
  after = State();
  EXPECT_EQ(after[1], before[1] + 2);
  // Per set: the set, its classification, and for the first its system links.
  EXPECT_EQ(after[2], before[2] + 5);
  json list = Fetch(s, ciso_, "/api/v1/information-sets?q=Imp-Elevregister")["items"];
  ASSERT_EQ(list.size(), 1u);
  json set = Fetch(s, ciso_, "/api/v1/information-sets/" + Id(list[0]["id"]));
  EXPECT_EQ(set["personal_data"], "special");
  EXPECT_EQ(set["system_ids"].size(), 2u);
  EXPECT_EQ(set["classification"]["status"], "draft");
  EXPECT_EQ(set["classification"]["confidentiality"], 3);
  EXPECT_EQ(set["classification"]["motivations"]["traceability"], "S");
  EXPECT_EQ(set["security_class"], 3);
}

TEST_F(AssetImportTest, ExportsNeutraliseFormulasAndKeepScopeAndRedaction) {
  auto& s = server();
  CreateSystem(s, ciso_, "=1+1", object_, {{"description", "@SUM(A1)"}});
  CreateSet(s, ciso_, "Hemlig mängd", sof_, {},
            {{"secrecy", "OSL 26:1"}, {"description", "Hemlig beskrivning"}});
  for (const char* format : {"csv", "xlsx"}) {
    SCOPED_TRACE(format);
    Response r = s.Get(std::string("/api/v1/systems/export?format=") + format, ciso_);
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.Header("Content-Disposition").find("attachment; filename=\"systems."),
              std::string::npos);
    auto table =
        std::string(format) == "csv" ? lis::tables::ReadCsv(r.body) : lis::tables::ReadXlsx(r.body);
    ASSERT_TRUE(table.ok()) << table.error().message_key;
    EXPECT_EQ(table->header[1], "namn");
    bool found = false;
    for (const auto& row : table->rows)
      if (row.cells.size() > 3 && (row.cells[1] == "'=1+1" || row.cells[1] == "=1+1")) {
        found = true;
        // CSV: an apostrophe before it; XLSX: a string cell (the reader gives its text).
        EXPECT_EQ(row.cells[1], std::string(format) == "csv" ? "'=1+1" : "=1+1");
        EXPECT_EQ(row.cells[3], std::string(format) == "csv" ? "'@SUM(A1)" : "@SUM(A1)");
      }
    EXPECT_TRUE(found);
  }
  // Scope: the company's CISO sees none of the municipality's systems.
  Response energy = s.Get("/api/v1/systems/export?format=csv", s.Login("ciso.energi"));
  ASSERT_EQ(energy.status, 200);
  EXPECT_EQ(energy.body.find("Imp-system"), std::string::npos);
  // Redaction: an employee of SoF sees the secret set without its description.
  Session employee = s.Login("medarbetare");
  Response redacted = s.Get("/api/v1/information-sets/export?format=csv&q=Hemlig", employee);
  ASSERT_EQ(redacted.status, 200);
  EXPECT_NE(redacted.body.find("Hemlig mängd"), std::string::npos);
  EXPECT_EQ(redacted.body.find("Hemlig beskrivning"), std::string::npos);
  Response full = s.Get("/api/v1/information-sets/export?format=xlsx&q=Hemlig", ciso_);
  auto table = lis::tables::ReadXlsx(full.body);
  ASSERT_TRUE(table.ok());
  ASSERT_EQ(table->rows.size(), 1u);
  EXPECT_EQ(table->rows[0].cells[3], "Hemlig beskrivning");
  // Filters of the list apply: ?q= narrows the export.
  Response filtered = s.Get("/api/v1/systems/export?format=csv&q=Imp-system", ciso_);
  auto rows = lis::tables::ReadCsv(filtered.body);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->rows.size(), 1u);
  EXPECT_EQ(s.Get("/api/v1/objects/export?format=pdf", ciso_).status, 400);
}

// What an export writes, the import reads: every column and value is understood, so the only
// errors a dry run of it finds here are the names that exist already.
TEST_F(AssetImportTest, AnExportReadsBackAsAnImport) {
  auto& s = server();
  CreateSystem(s, ciso_, "Rundresa", object_,
               {{"hosting", "cloud"},
                {"hosting_country", "FI"},
                {"lifecycle", "retiring"},
                {"description", "-minus först"},
                {"supplier_name", "Moln AB"}});
  for (const char* format : {"csv", "xlsx"}) {
    SCOPED_TRACE(format);
    Response file = s.Get(std::string("/api/v1/systems/export?q=Rundresa&format=") + format, ciso_);
    ASSERT_EQ(file.status, 200);
    Response r = Upload("systems", ciso_, file.body,
                        std::string(format) == "csv" ? "text/csv" : kXlsx, true);
    ASSERT_EQ(r.status, 422) << r;
    ASSERT_EQ(r.Json()["errors"].size(), 1u) << r;
    EXPECT_EQ(r.Json()["errors"][0]["row"], 2);
    EXPECT_EQ(r.Json()["errors"][0]["column"], "namn");
    EXPECT_EQ(r.Json()["errors"][0]["message"], "Det finns redan en post med det namnet.");
  }
}

// A row under an object the caller may read but not write: refused as an authorisation error.
TEST_F(AssetImportTest, RowsOutsideTheWriteScopeAreRefused) {
  auto& s = server();
  json user = s.CreateUser("imp.forvaltare", buf_);
  s.AddRole(user["id"], "object_manager", buf_);
  s.AddRole(user["id"], "employee", sof_);
  Session session;
  ASSERT_EQ(s.LoginAs("imp.forvaltare", LisServer::kTestPassword, &session).status, 200);
  auto before = State();
  std::string csv = "namn;objekt\r\nI BoU;Imp-objekt\r\nI SoF;Imp-SoF-objekt\r\n";
  Response r = Upload("systems", session, csv, "text/csv");
  ASSERT_EQ(r.status, 403) << r;
  EXPECT_EQ(Places(r.Json()["errors"]),
            (std::set<std::pair<long long, std::string>>{{3, "objekt"}}));
  EXPECT_EQ(State()[0], before[0]);
  // The same for an information set in a unit it may read but not write.
  std::string sets =
      "namn;organisationsenhet\r\nI BoU;Barn- och utbildningsförvaltningen\r\n"
      "I SoF;Socialförvaltningen\r\n";
  r = Upload("information-sets", session, sets, "text/csv");
  ASSERT_EQ(r.status, 403) << r;
  EXPECT_EQ(Places(r.Json()["errors"]),
            (std::set<std::pair<long long, std::string>>{{3, "organisationsenhet"}}));
  EXPECT_EQ(State()[1], before[1]);
  // In English, the message too.
  r = server().SendRaw("POST", "/api/v1/information-sets/import?lang=en", session, sets,
                       "text/csv");
  EXPECT_EQ(r.Json()["errors"][0]["message"], "You may not add information sets there.");
}

// Who may import (dry runs: nothing is written) and export.
TEST_F(AssetImportTest, PermissionMatrix) {
  auto& s = server();
  std::string systems = "namn;objekt\r\nMatris-system;Imp-objekt\r\n";
  std::string sets =
      "namn;organisationsenhet\r\nMatris-mängd;Barn- och utbildningsförvaltningen\r\n";
  struct Row {
    const char* user;
    int import_systems, import_sets, export_any;
  };
  const Row rows[] = {
      {"ciso", 200, 200, 200},        {"objektagare", 200, 200, 200},
      {"forvaltare", 200, 200, 200},  {"teknisk", 422, 422, 200},
      {"ciso.energi", 422, 422, 200}, {"sakerhetschef", 403, 403, 200},
      {"medarbetare", 403, 403, 200}, {"admin", 403, 403, 403},
      {"-", 401, 401, 401},
  };
  for (const auto& row : rows) {
    SCOPED_TRACE(row.user);
    Auth auth = std::string(row.user) == "-" ? Auth{} : Auth(s.Login(row.user));
    EXPECT_EQ(Upload("systems", auth, systems, "text/csv", true).status, row.import_systems);
    EXPECT_EQ(Upload("information-sets", auth, sets, "text/csv", true).status, row.import_sets);
    for (const char* kind : {"objects", "systems", "information-sets"})
      EXPECT_EQ(s.Get(std::string("/api/v1/") + kind + "/export?format=csv", auth).status,
                row.export_any)
          << kind;
  }
}

}  // namespace
}  // namespace lis_test::asset_import_test
