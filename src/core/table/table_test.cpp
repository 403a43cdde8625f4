#include "core/table/table.h"

#include <gtest/gtest.h>
#include <zip.h>

#include <map>

namespace lis::tables {
namespace {

using Rows = std::vector<std::vector<std::string>>;

Rows CellsOf(const Table& t) {
  Rows out;
  for (const auto& r : t.rows) out.push_back(r.cells);
  return out;
}

struct CsvCase {
  std::string name;
  std::string input;
  std::vector<std::string> header;
  Rows rows;
  std::vector<long long> numbers;
};

TEST(CsvRead, ReadsWhatExcelAndOthersWrite) {
  const std::vector<CsvCase> cases = {
      {"comma LF", "a,b\n1,2\n", {"a", "b"}, {{"1", "2"}}, {2}},
      {"semicolon CRLF with BOM",
       "\xEF\xBB\xBFnamn;beskrivning\r\nÅsa;Ö, ä\r\n",
       {"namn", "beskrivning"},
       {{"Åsa", "Ö, ä"}},
       {2}},
      {"quoted delimiter, quote and line break",
       "a;b\r\n\"x;y\";\"he said \"\"hi\"\"\nnext\"\r\nz;w\r\n",
       {"a", "b"},
       {{"x;y", "he said \"hi\"\nnext"}, {"z", "w"}},
       {2, 3}},
      {"blank rows skipped, numbering kept", "a;b\n\n1\n;\n2", {"a", "b"}, {{"1"}, {"2"}}, {3, 5}},
      {"short rows and trailing empties",
       "a,b,c\n1\n2,,\n",
       {"a", "b", "c"},
       {{"1"}, {"2"}},
       {2, 3}},
      {"comma wins a tie", "a;b,c\n1;2,3\n", {"a;b", "c"}, {{"1;2", "3"}}, {2}},
      {"lone CR ends records", "a\r1\r2", {"a"}, {{"1"}, {"2"}}, {2, 3}},
      {"empty quoted cell", "a,b\n\"\",x\n", {"a", "b"}, {{"", "x"}}, {2}},
  };
  for (const auto& c : cases) {
    auto t = ReadCsv(c.input);
    ASSERT_TRUE(t.ok()) << c.name << ": " << t.error().message_key;
    EXPECT_EQ(t->header, c.header) << c.name;
    EXPECT_EQ(CellsOf(*t), c.rows) << c.name;
    std::vector<long long> numbers;
    for (const auto& r : t->rows) numbers.push_back(r.number);
    EXPECT_EQ(numbers, c.numbers) << c.name;
  }
}

struct ErrorCase {
  std::string name;
  std::string input;
  std::string key;
  std::string row;  // empty: no row argument
};

void ExpectErrors(const std::vector<ErrorCase>& cases, Format format, const ReadLimits& limits) {
  for (const auto& c : cases) {
    auto t = ReadTable(c.input, format, limits);
    ASSERT_FALSE(t.ok()) << c.name;
    EXPECT_EQ(t.error().message_key, c.key) << c.name;
    auto row = t.error().args.find("row");
    EXPECT_EQ(row == t.error().args.end() ? "" : row->second, c.row) << c.name;
  }
}

TEST(CsvRead, RefusesBrokenFilesNamingTheRow) {
  ReadLimits limits;
  limits.max_rows = 3;
  limits.max_columns = 3;
  limits.max_cell_bytes = 10;
  ExpectErrors(
      {
          {"nothing", "", "import.empty", ""},
          {"only a BOM and blank lines", "\xEF\xBB\xBF\r\n\r\n", "import.empty", ""},
          {"header only", "a;b\r\n", "import.no_rows", ""},
          {"bad UTF-8 in row 3", "a\nok\n\xC3\x28\n", "import.bad_utf8", "3"},
          {"Latin-1 å", "a\n\xE5\n", "import.bad_utf8", "2"},
          {"overlong encoding", "a\n\xC0\xAF\n", "import.bad_utf8", "2"},
          {"surrogate", "a\n\xED\xA0\x80\n", "import.bad_utf8", "2"},
          {"truncated sequence at end", "a\nx\xE2\x82", "import.bad_utf8", "2"},
          {"unclosed quote", "a\n1\n\"open\n2\n", "import.unclosed_quote", "3"},
          {"too many rows", "a\n1\n2\n3\n4\n", "import.too_many_rows", ""},
          {"too many columns", "a\n1,2,3,4\n", "import.too_many_columns", "2"},
          {"cell too long", "a\n12345678901\n", "import.cell_too_long", "2"},
      },
      Format::kCsv, limits);
}

TEST(Neutralise, PrefixesFormulaLikeCells) {
  const std::map<std::string, std::string> cases = {
      {"=1+1", "'=1+1"},      {"+46 8 123", "'+46 8 123"},
      {"-2", "'-2"},          {"@SUM(A1)", "'@SUM(A1)"},
      {"\tx", "'\tx"},        {"\rx", "'\rx"},
      {"a=b", "a=b"},         {"", ""},
      {"'quoted", "'quoted"},
  };
  for (const auto& [in, out] : cases) {
    EXPECT_EQ(NeutralisedForCsv(in), out) << in;
    EXPECT_EQ(WithoutNeutraliser(NeutralisedForCsv(in)), in) << in;
  }
}

TEST(CsvWrite, WritesForSwedishExcelAndReadsBack) {
  Rows rows = {{"Åsa; Öberg", "=1+1", "he said \"hi\""}, {"x\ny"}};
  std::string csv = WriteCsv({"namn", "värde", "c"}, rows);
  EXPECT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_NE(csv.find("namn;värde;c\r\n"), std::string::npos);
  EXPECT_NE(csv.find("\"Åsa; Öberg\";'=1+1;\"he said \"\"hi\"\"\"\r\n"), std::string::npos);
  auto back = ReadCsv(csv);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->header, (std::vector<std::string>{"namn", "värde", "c"}));
  EXPECT_EQ(CellsOf(*back), (Rows{{"Åsa; Öberg", "'=1+1", "he said \"hi\""}, {"x\ny"}}));
}

// ---- XLSX ----

// A zip archive holding `parts` (name -> content).
std::string Zip(const std::map<std::string, std::string>& parts) {
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* out = zip_source_buffer_create(nullptr, 0, 0, &err);
  zip_source_keep(out);
  zip_t* za = zip_open_from_source(out, ZIP_TRUNCATE, &err);
  for (const auto& [name, content] : parts) {
    zip_source_t* s = zip_source_buffer_create(content.data(), content.size(), 0, &err);
    zip_file_add(za, name.c_str(), s, ZIP_FL_OVERWRITE);
  }
  zip_close(za);
  zip_source_open(out);
  zip_source_seek(out, 0, SEEK_END);
  zip_int64_t size = zip_source_tell(out);
  zip_source_seek(out, 0, SEEK_SET);
  std::string bytes(static_cast<size_t>(size), '\0');
  zip_source_read(out, bytes.data(), size);
  zip_source_close(out);
  zip_source_free(out);
  return bytes;
}

const char* kWorkbook =
    R"(<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" r:id="rId7"/><sheet name="Blad2" sheetId="2" r:id="rId8"/></sheets></workbook>)";
const char* kRels =
    R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/second.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/first.xml"/><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>)";
const char* kStrings =
    R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>namn</t></si><si><t>nivå</t></si><si><r><t>Rik</t></r><r><t xml:space="preserve"> text</t></r><rPh><t>x</t></rPh></si><si><t>a_x000D_b</t></si></sst>)";

std::string Sheet(const std::string& rows) {
  return R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)" +
         rows + "</x:sheetData></x:worksheet>";
}

std::string Workbook(const std::string& first_sheet_rows) {
  return Zip(
      {{"[Content_Types].xml", "<Types/>"},
       {"xl/workbook.xml", kWorkbook},
       {"xl/_rels/workbook.xml.rels", kRels},
       {"xl/strings.xml", kStrings},
       {"xl/worksheets/first.xml", Sheet(first_sheet_rows)},
       {"xl/worksheets/second.xml",
        Sheet(
            R"(<x:row r="1"><x:c r="A1" t="inlineStr"><x:is><x:t>wrong sheet</x:t></x:is></x:c></x:row>)")}});
}

TEST(XlsxRead, ReadsTheFirstSheetWithEveryKindOfCell) {
  std::string rows =
      R"(<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c r="C2" t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="3"><x:c r="A3" t="s"><x:v>2</x:v></x:c><x:c r="B3"><x:v>3.0</x:v></x:c><x:c r="C3" t="b"><x:v>1</x:v></x:c></x:row>)"
      R"(<x:row r="7"><x:c r="C7" t="inlineStr"><x:is><x:t>=1+1</x:t></x:is></x:c><x:c r="D7"><x:v>2.5</x:v></x:c></x:row>)"
      R"(<x:row r="8"><x:c t="s"><x:v>3</x:v></x:c><x:c t="str"><x:v>ok</x:v></x:c></x:row>)";
  auto t = ReadXlsx(Workbook(rows));
  ASSERT_TRUE(t.ok()) << t.error().message_key;
  EXPECT_EQ(t->header, (std::vector<std::string>{"namn", "", "nivå"}));
  EXPECT_EQ(CellsOf(*t),
            (Rows{{"Rik text", "3", "TRUE"}, {"", "", "=1+1", "2.5"}, {"a\rb", "ok"}}));
  ASSERT_EQ(t->rows.size(), 3u);
  EXPECT_EQ(t->rows[0].number, 3);
  EXPECT_EQ(t->rows[1].number, 7);
  EXPECT_EQ(t->rows[2].number, 8);
}

TEST(XlsxRead, RefusesBrokenWorkbooks) {
  auto without = [](const std::string& part) {
    std::map<std::string, std::string> parts = {
        {"xl/workbook.xml", kWorkbook},
        {"xl/_rels/workbook.xml.rels", kRels},
        {"xl/worksheets/first.xml",
         Sheet(R"(<x:row r="1"><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>)")}};
    parts.erase(part);
    return Zip(parts);
  };
  auto one = [](const std::string& row2) {
    return Workbook(R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c></x:row>)" + row2);
  };
  ReadLimits limits;
  limits.max_rows = 2;
  limits.max_columns = 5;
  ExpectErrors(
      {
          {"not a zip", "namn;beskrivning\r\nx;y\r\n", "import.not_xlsx", ""},
          {"empty bytes", "", "import.not_xlsx", ""},
          {"truncated zip", Workbook("").substr(0, 100), "import.not_xlsx", ""},
          {"a zip without a workbook", Zip({{"hello.txt", "hi"}}), "import.not_xlsx", ""},
          {"no sheets",
           Zip({{"xl/workbook.xml", "<workbook><sheets/></workbook>"},
                {"xl/_rels/workbook.xml.rels", kRels}}),
           "import.no_worksheet", ""},
          {"sheet part missing", without("xl/worksheets/first.xml"), "import.no_worksheet", ""},
          {"rels missing", without("xl/_rels/workbook.xml.rels"), "import.bad_xlsx", ""},
          {"sheet not XML",
           Zip({{"xl/workbook.xml", kWorkbook},
                {"xl/_rels/workbook.xml.rels", kRels},
                {"xl/worksheets/first.xml", "<worksheet><sheetData>"}}),
           "import.bad_xlsx", ""},
          {"empty sheet", Workbook(""), "import.empty", ""},
          {"header only", one(""), "import.no_rows", ""},
          {"bad UTF-8 in row 4",
           one(R"(<x:row r="4"><x:c t="inlineStr"><x:is><x:t>)"
               "\xC3\x28"
               R"(</x:t></x:is></x:c></x:row>)"),
           "import.bad_utf8", "4"},
          {"too many rows",
           one(R"(<x:row><x:c><x:v>1</x:v></x:c></x:row><x:row><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c><x:v>3</x:v></x:c></x:row>)"),
           "import.too_many_rows", ""},
          {"cell beyond the columns",
           one(R"(<x:row r="2"><x:c r="XFD2"><x:v>1</x:v></x:c></x:row>)"),
           "import.too_many_columns", "2"},
      },
      Format::kXlsx, limits);
}

// A small file that unpacks or expands beyond the limits stops there, as kTooLarge.
TEST(XlsxRead, StopsAtTheUnpackedAndTableLimits) {
  ReadLimits limits;
  limits.max_unpacked_bytes = 1u << 20;
  limits.max_table_bytes = 1u << 20;
  const std::string header =
      R"(<x:row r="1"><x:c t="inlineStr"><x:is><x:t>namn</x:t></x:is></x:c></x:row>)";
  // 4 MiB of blanks deflate to a few KiB: inflating stops at the limit.
  std::string bomb = Workbook(header + std::string(4u << 20, ' '));
  ASSERT_LT(bomb.size(), 64u * 1024);
  auto unpacked = ReadXlsx(bomb, limits);
  ASSERT_FALSE(unpacked.ok());
  EXPECT_EQ(unpacked.error().code, Code::kTooLarge);
  EXPECT_EQ(unpacked.error().message_key, "import.unpacked_too_large");
  EXPECT_EQ(unpacked.error().args.at("max"), std::to_string(1u << 20));

  // One shared string of 30,000 bytes in 200 cells: 6 MB of cells from a small sheet.
  std::string rows = header;
  for (int r = 2; r < 102; ++r)
    rows += "<x:row r=\"" + std::to_string(r) +
            "\"><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"s\"><x:v>0</x:v></x:c></x:row>";
  std::string strings = "<sst><si><t>" + std::string(30000, 'x') + "</t></si></sst>";
  auto expanded = ReadXlsx(Zip({{"xl/workbook.xml", kWorkbook},
                                {"xl/_rels/workbook.xml.rels", kRels},
                                {"xl/strings.xml", strings},
                                {"xl/worksheets/first.xml", Sheet(rows)}}),
                           limits);
  ASSERT_FALSE(expanded.ok());
  EXPECT_EQ(expanded.error().code, Code::kTooLarge);
  EXPECT_EQ(expanded.error().message_key, "import.table_too_large");

  // Under the limits the same reader reads it.
  limits.max_table_bytes = 8u << 20;
  EXPECT_TRUE(ReadXlsx(Zip({{"xl/workbook.xml", kWorkbook},
                            {"xl/_rels/workbook.xml.rels", kRels},
                            {"xl/strings.xml", strings},
                            {"xl/worksheets/first.xml", Sheet(rows)}}),
                       limits)
                  .ok());
}

// A document type declaration could declare entities that expand: refused.
TEST(XlsxRead, RefusesADocumentTypeDeclaration) {
  std::string sheet =
      R"(<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaa">]>)" +
      Sheet(R"(<x:row r="1"><x:c t="inlineStr"><x:is><x:t>&a;</x:t></x:is></x:c></x:row>)")
          .substr(21);
  auto r = ReadXlsx(Zip({{"xl/workbook.xml", kWorkbook},
                         {"xl/_rels/workbook.xml.rels", kRels},
                         {"xl/worksheets/first.xml", sheet}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().message_key, "import.bad_xlsx");
}

TEST(XlsxWrite, WritesStringsOnlyAndReadsBack) {
  Rows rows = {{"Åsa", "=1+1", "-5"}, {"", "@x", "3"}};
  std::string bytes = WriteXlsx("System", {"namn", "värde", "tal"}, rows);
  auto back = ReadXlsx(bytes);
  ASSERT_TRUE(back.ok()) << back.error().message_key;
  EXPECT_EQ(back->header, (std::vector<std::string>{"namn", "värde", "tal"}));
  EXPECT_EQ(CellsOf(*back), (Rows{{"Åsa", "=1+1", "-5"}, {"", "@x", "3"}}));
  // No formula anywhere: every cell is a string cell.
  zip_error_t err;
  zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
  zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
  ASSERT_NE(za, nullptr);
  zip_file_t* f = zip_fopen(za, "xl/worksheets/sheet1.xml", 0);
  ASSERT_NE(f, nullptr);
  std::string xml(1 << 16, '\0');
  xml.resize(static_cast<size_t>(zip_fread(f, xml.data(), xml.size())));
  zip_fclose(f);
  zip_discard(za);
  EXPECT_EQ(xml.find("<f>"), std::string::npos);
  EXPECT_NE(xml.find("=1+1"), std::string::npos);
}

}  // namespace
}  // namespace lis::tables
