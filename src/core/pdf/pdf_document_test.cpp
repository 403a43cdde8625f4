#include "core/pdf/pdf_document.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "core/messages.h"

namespace lis::pdf {
namespace {

namespace fs = std::filesystem;

const char* kHeading = "Tillämplighetsförklaring – Åtgärder";
const char* kSwedish =
    "Åsa på Älvsjö förvaltning ändrar behörigheter, Ödeshög och Émile följer upp.";

std::string PageOf(int page, int pages) {
  return Messages::Embedded().Text(
      "sv", "pdf.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
}

fs::path WriteFile(const fs::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

bool HavePoppler() {
  return std::system("command -v pdftotext >/dev/null 2>&1") == 0;
}

// What a poppler tool prints on standard output (its warnings are dropped).
std::string Capture(const std::string& command) {
  std::string out;
  FILE* pipe = popen((command + " 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

std::string PageText(const fs::path& pdf, int page) {
  std::string p = std::to_string(page);
  return Capture("pdftotext -f " + p + " -l " + p + " " + pdf.string() + " -");
}

std::string AllText(const fs::path& pdf) {
  return Capture("pdftotext " + pdf.string() + " -");
}

// A pdfinfo field ("Pages", "Title", "Page size", ...).
std::string Info(const fs::path& pdf, const std::string& field) {
  std::string info = Capture("pdfinfo " + pdf.string());
  std::smatch m;
  if (!std::regex_search(info, m, std::regex(field + ":\\s+([^\\n]*)"))) return "";
  return m[1];
}

std::string Render(const PdfDocument& doc) {
  auto bytes = doc.Render();
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message_key);
  return bytes.ok() ? *bytes : "";
}

Table Actions(int rows) {
  Table t{.columns = {{"Åtgärd", 3}, {"Ansvarig", 2}, {"Status", 1}}, .zebra = true};
  for (int i = 1; i <= rows; ++i)
    t.rows.push_back({"Åtgärd nummer " + std::to_string(i), "Örjan Ek", "Pågår"});
  return t;
}

// Each test writes its files into a directory of its own, removed afterwards.
class PdfDocumentTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("lis-pdf-test-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  fs::path Write(const PdfDocument& doc) { return WriteFile(dir_ / "out.pdf", Render(doc)); }

  fs::path dir_;
};

#define REQUIRE_POPPLER() \
  if (!HavePoppler()) GTEST_SKIP() << "pdftotext is not installed (Debian package poppler-utils)"

TEST_F(PdfDocumentTest, WritesACompletePdf) {
  PdfDocument doc({.title = kHeading});
  doc.AddHeading(1, kHeading);
  std::string pdf = Render(doc);
  EXPECT_EQ(pdf.rfind("%PDF-", 0), 0u);
  while (!pdf.empty() && std::isspace(static_cast<unsigned char>(pdf.back()))) pdf.pop_back();
  EXPECT_TRUE(pdf.ends_with("%%EOF"));
}

TEST_F(PdfDocumentTest, EmptyDocumentHasOnePage) {
  REQUIRE_POPPLER();
  fs::path file = Write(PdfDocument({}));
  EXPECT_EQ(Info(file, "Pages"), "1");
}

TEST_F(PdfDocumentTest, SwedishTextAndMetadataReadBack) {
  REQUIRE_POPPLER();
  PdfDocument doc({.title = kHeading, .author = "Åsa Öberg", .subject = "Ärende"});
  doc.AddHeading(1, kHeading);
  doc.AddHeading(2, "Översikt");
  doc.AddParagraph(kSwedish);
  doc.AddKeyValues({{"Organisation", "Älvsjö kommun"}, {"Fastställd", "2026-11-29"}});
  doc.AddTable({.columns = {{"Kontroll"}, {"Tillämplig"}}, .rows = {{"5.1 Policyer", "Ja"}}});
  fs::path file = Write(doc);
  std::string text = PageText(file, 1);
  for (const char* expected : {kHeading, "Översikt", "Älvsjö kommun", "5.1 Policyer", "Tillämplig",
                               "Åsa på Älvsjö förvaltning"})
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  EXPECT_EQ(Info(file, "Title"), kHeading);
  EXPECT_EQ(Info(file, "Author"), "Åsa Öberg");
  EXPECT_EQ(Info(file, "Subject"), "Ärende");
}

TEST_F(PdfDocumentTest, LongTableRepeatsItsHeaderAndNumbersEveryPage) {
  REQUIRE_POPPLER();
  PdfDocument doc({.footer = PageOf});
  doc.AddHeading(1, kHeading);
  doc.AddTable(Actions(300));
  fs::path file = Write(doc);
  int pages = std::stoi(Info(file, "Pages"));
  ASSERT_GE(pages, 3);
  for (int page = 1; page <= pages; ++page) {
    std::string text = PageText(file, page);
    for (const char* header : {"Åtgärd", "Ansvarig", "Status"})
      EXPECT_NE(text.find(header), std::string::npos) << header << " on page " << page;
    std::string footer = "Sida " + std::to_string(page) + " av " + std::to_string(pages);
    EXPECT_NE(text.find(footer), std::string::npos) << footer << " in:\n" << text;
  }
  std::string all = AllText(file);
  for (const char* row : {"Åtgärd nummer 1\n", "Åtgärd nummer 150\n", "Åtgärd nummer 300\n"})
    EXPECT_NE(all.find(row), std::string::npos) << row;
}

TEST_F(PdfDocumentTest, FooterTextComesFromTheCaller) {
  REQUIRE_POPPLER();
  PdfDocument doc({.footer = [](int page, int pages) {
    return Messages::Embedded().Text(
        "en", "pdf.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
  }});
  doc.AddParagraph("One");
  doc.AddPageBreak();
  doc.AddPageBreak();  // the page is still empty: no blank page
  doc.AddParagraph("Two");
  fs::path file = Write(doc);
  EXPECT_EQ(Info(file, "Pages"), "2");
  EXPECT_NE(PageText(file, 2).find("Page 2 of 2"), std::string::npos);
}

// Every word poppler finds lies within the page's margins (18 mm = 51 pt), so nothing was
// drawn past the edge.
void ExpectWithinMargins(const fs::path& file, double page_width) {
  std::string html = Capture("pdftotext -bbox " + file.string() + " -");
  std::regex word("<word xMin=\"([0-9.]+)\" yMin=\"[0-9.]+\" xMax=\"([0-9.]+)\"");
  int words = 0;
  for (std::sregex_iterator it(html.begin(), html.end(), word), end; it != end; ++it, ++words) {
    EXPECT_GE(std::stod((*it)[1]), 50.0);
    EXPECT_LE(std::stod((*it)[2]), page_width - 50.0);
  }
  EXPECT_GT(words, 0);
}

TEST_F(PdfDocumentTest, LongWordsAndCellsWrapWithinTheMargins) {
  REQUIRE_POPPLER();
  std::string word(400, 'x');
  PdfDocument doc({});
  doc.AddParagraph("Kort " + word + " slut");
  doc.AddTable({.columns = {{"Smal", 1}, {"Bred", 5}},
                .rows = {{word, std::string(60, 'y') + " " + kSwedish}}});
  fs::path file = Write(doc);
  ExpectWithinMargins(file, 595.276);
  std::string text = AllText(file);
  std::erase_if(text, [](char c) { return c == '\n' || c == ' '; });
  EXPECT_NE(text.find("Kort" + word + "slut"), std::string::npos);
}

TEST_F(PdfDocumentTest, RowTallerThanAPageIsSplitAcrossPages) {
  REQUIRE_POPPLER();
  std::string tall;
  for (int i = 1; i <= 150; ++i) tall += "rad" + std::to_string(i) + "\n";
  PdfDocument doc({});
  doc.AddTable({.columns = {{"Rubrik"}}, .rows = {{"före"}, {tall}, {"efter"}}});
  fs::path file = Write(doc);
  int pages = std::stoi(Info(file, "Pages"));
  EXPECT_GE(pages, 3);
  for (int page = 1; page <= pages; ++page)
    EXPECT_NE(PageText(file, page).find("Rubrik"), std::string::npos) << "page " << page;
  std::string all = AllText(file);
  for (const char* line : {"före", "rad1\n", "rad75\n", "rad150\n", "efter"})
    EXPECT_NE(all.find(line), std::string::npos) << line;
}

TEST_F(PdfDocumentTest, LandscapeForWideTables) {
  REQUIRE_POPPLER();
  PdfDocument doc({.orientation = Orientation::kLandscape});
  doc.AddTable(Actions(5));
  fs::path file = Write(doc);
  EXPECT_NE(Info(file, "Page size").find("841.89 x 595.276"), std::string::npos);
  ExpectWithinMargins(file, 841.89);
}

TEST_F(PdfDocumentTest, TextTheFontsCannotShowIsReplacedNotFatal) {
  REQUIRE_POPPLER();
  PdfDocument doc({});
  doc.AddParagraph(
      "före\xFF"
      "efter \xF0\x9F\x98\x80 slut\x01");
  fs::path file = Write(doc);
  EXPECT_NE(PageText(file, 1).find("före\uFFFDefter \uFFFD slut"), std::string::npos);
}

struct FontCase {
  std::string name;
  std::vector<std::string> present;  // font files linked into the directory
  std::string missing;
};

TEST_F(PdfDocumentTest, MissingFontIsAnErrorNamingTheFile) {
  const std::vector<FontCase> cases = {
      {"no fonts", {}, "DejaVuSans.ttf"},
      {"no bold", {"DejaVuSans.ttf"}, "DejaVuSans-Bold.ttf"},
  };
  for (const auto& c : cases) {
    fs::path dir = dir_ / c.name;
    fs::create_directories(dir);
    for (const auto& f : c.present) fs::create_symlink(fs::path(kDejaVuDir) / f, dir / f);
    PdfDocument doc({.font_dir = dir.string()});
    doc.AddParagraph("text");
    auto pdf = doc.Render();
    ASSERT_FALSE(pdf.ok()) << c.name;
    EXPECT_EQ(pdf.error().code, Code::kInternal) << c.name;
    EXPECT_EQ(pdf.error().message_key, "error.pdf_font_missing") << c.name;
    EXPECT_EQ(pdf.error().args.at("file"), (dir / c.missing).string()) << c.name;
  }
}

TEST_F(PdfDocumentTest, LibharuErrorIsAValueNotACrash) {
  fs::path dir = dir_;
  WriteFile(dir / "DejaVuSans.ttf", "this is not a TrueType font");
  WriteFile(dir / "DejaVuSans-Bold.ttf", "nor is this");
  PdfDocument doc({.font_dir = dir.string()});
  auto pdf = doc.Render();
  ASSERT_FALSE(pdf.ok());
  EXPECT_EQ(pdf.error().message_key, "error.pdf_failed");
  EXPECT_EQ(pdf.error().args.count("code"), 1u);
}

}  // namespace
}  // namespace lis::pdf
