// Spreadsheet imports cannot be turned against the server: the permission is checked before
// the file is opened, and a workbook that unpacks beyond the limit (a "zip bomb") answers 413
// while the server's peak memory stays within a few times the limit.
#include <zip.h>

#include <fstream>

#include "lis_server.h"
#include "risk_support.h"

namespace lis_test::import_limits_test {
namespace {

constexpr size_t kLimit = 8u * 1024 * 1024;

class ImportLimitsTest : public SharedServerTest<ImportLimitsTest> {
 public:
  static ServerOptions Options() {
    return {"import_max_unpacked_bytes = " + std::to_string(kLimit) + "\n", true};
  }
};

// A zip of `parts` (deflated).
std::string Zip(const std::vector<std::pair<std::string, std::string>>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(out);
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  for (const auto& [name, content] : parts)
    zip_file_add(za, name.c_str(),
                 zip_source_buffer_create(content.data(), content.size(), 0, &err),
                 ZIP_FL_OVERWRITE);
  zip_close(za);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  std::string bytes(static_cast<size_t>(zip_source_tell(out)), '\0');
  zip_source_seek(out, 0, SEEK_SET);
  zip_source_read(out, bytes.data(), bytes.size());
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

// An inline-string cell.
std::string Cell(const std::string& text) {
  return R"(<c t="inlineStr"><is><t>)" + text + "</t></is></c>";
}

// A workbook whose one sheet unpacks to `sheet_bytes` (mostly blanks between rows); `row`, when
// given, is a second row of cells under the header.
std::string Bomb(size_t sheet_bytes, const std::vector<std::string>& row = {}) {
  std::string sheet = R"(<worksheet><sheetData><row r="1">)" + Cell("namn") +
                      (row.empty() ? "" : Cell("organisationsenhet")) + "</row>";
  if (!row.empty()) {
    sheet += R"(<row r="2">)";
    for (const auto& text : row) sheet += Cell(text);
    sheet += "</row>";
  }
  sheet.append(sheet_bytes, ' ');
  sheet += "</sheetData></worksheet>";
  return Zip(
      {{"xl/workbook.xml",
        R"(<workbook xmlns:r="r"><sheets><sheet name="a" r:id="rId1"/></sheets></workbook>)"},
       {"xl/_rels/workbook.xml.rels",
        R"(<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/s.xml"/></Relationships>)"},
       {"xl/worksheets/s.xml", sheet}});
}

// VmHWM (peak resident memory) of process `pid`, in bytes.
size_t PeakRss(pid_t pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoull(line.substr(6)) * 1024;
  return 0;
}

const char* kXlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

TEST_F(ImportLimitsTest, AZipBombAnswers413AndPeakMemoryStaysBounded) {
  LisServer& s = server();
  Sessions as(s);
  std::string bomb = Bomb(256u * 1024 * 1024);
  ASSERT_LT(bomb.size(), 2u * 1024 * 1024) << "the bomb is small on the wire";
  // Signing in hashes with Argon2 (64 MiB): done before the peak is read.
  as("ciso");
  as("medarbetare");
  size_t before = PeakRss(s.pid());
  ASSERT_GT(before, 0u);

  // An employee may import nothing: refused before the file is opened.
  Response employee = s.SendRaw("POST", "/api/v1/information-sets/import?dry_run=true",
                                as("medarbetare"), bomb, kXlsx);
  EXPECT_EQ(employee.status, 403) << employee;

  {
    Response r =
        s.SendRaw("POST", "/api/v1/information-sets/import?dry_run=true", as("ciso"), bomb, kXlsx);
    ASSERT_EQ(r.status, 413) << r;
    EXPECT_NE(r.Json()["errors"][0]["message"].get<std::string>().find("import_max_unpacked_bytes"),
              std::string::npos)
        << r;
  }
  size_t after = PeakRss(s.pid());
  EXPECT_LT(after - before, 4 * kLimit) << "peak RSS grew from " << before << " to " << after;
  EXPECT_EQ(s.Get("/healthz").status, 200);
}

// The same shape at 1 MiB, under the limit, is an ordinary import.
TEST_F(ImportLimitsTest, AWorkbookOfTheSameShapeUnderTheLimitStillImports) {
  LisServer& s = server();
  Sessions as(s);
  std::string book = Bomb(1024 * 1024, {"Liten importmängd", "Socialförvaltningen"});
  Response r =
      s.SendRaw("POST", "/api/v1/information-sets/import?dry_run=true", as("ciso"), book, kXlsx);
  ASSERT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.Json()["created"], 1) << r;
}

}  // namespace
}  // namespace lis_test::import_limits_test
