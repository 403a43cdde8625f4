#include "service/controls/soa_evidence_check.h"

#include <gtest/gtest.h>

namespace lis::service {
namespace {

const std::string kPdf = "%PDF-1.7\n...";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "rest";
const std::string kJpg = "\xFF\xD8\xFF\xE0rest";
const std::string kDocx = std::string("PK\x03\x04", 4) + "....word/document.xml";
const std::string kXlsx = std::string("PK\x03\x04", 4) + "....xl/workbook.xml";
const std::string kOdt =
    std::string("PK\x03\x04", 4) + "....mimetypeapplication/vnd.oasis.opendocument.text";

struct TypeCase {
  const char* name;
  std::string bytes;
  const char* type;  // expected extension, or the expected error key
  bool ok;
};

TEST(EvidenceFileType, AcceptsAllowedTypesWhoseContentAgrees) {
  const TypeCase cases[] = {
      {"rapport.pdf", kPdf, "pdf", true},
      {"Bild.PNG", kPng, "png", true},
      {"foto.jpeg", kJpg, "jpg", true},
      {"foto.jpg", kJpg, "jpg", true},
      {"rutin.docx", kDocx, "docx", true},
      {"lista.xlsx", kXlsx, "xlsx", true},
      {"text.odt", kOdt, "odt", true},
      {"anteckning.txt", "Åtkomst granskad\n", "txt", true},
      {"logg.csv", "a;b\r\n1;2\r\n", "csv", true},
      {"program.exe", "MZ....", "error.evidence_type", false},
      {"utan-typ", "text", "error.evidence_type", false},
      {"falsk.pdf", kPng, "error.evidence_mismatch", false},
      {"falsk.png", kPdf, "error.evidence_mismatch", false},
      {"falsk.docx", kXlsx, "error.evidence_mismatch", false},
      {"falsk.txt", std::string("a\0b", 3), "error.evidence_mismatch", false},
      {"falsk.csv", kPdf + "\x01", "error.evidence_mismatch", false},
      {"falsk.ods", kOdt, "error.evidence_mismatch", false},
      {"tom.pdf", "", "error.evidence_empty", false},
      {"../x.pdf", kPdf, "error.evidence_name", false},
      {"a/b.pdf", kPdf, "error.evidence_name", false},
      {"a\\b.pdf", kPdf, "error.evidence_name", false},
      {"a\nb.pdf", kPdf, "error.evidence_name", false},
      {"a\x1b.pdf", kPdf, "error.evidence_name", false},
      {"..", kPdf, "error.evidence_name", false},
      {"", kPdf, "error.evidence_name", false},
  };
  for (const auto& c : cases) {
    auto r = EvidenceFileType(c.name, c.bytes, 1000);
    ASSERT_EQ(r.ok(), c.ok) << c.name;
    if (c.ok) {
      EXPECT_EQ(*r, c.type) << c.name;
    } else {
      EXPECT_EQ(r.error().message_key, c.type) << c.name;
      EXPECT_EQ(r.error().field, "file") << c.name;
      EXPECT_EQ(r.error().code, Code::kInvalid) << c.name;
    }
  }
}

TEST(EvidenceFileType, RefusesAFileAboveTheLimitAsTooLarge) {
  auto r = EvidenceFileType("stor.pdf", kPdf + std::string(1000, 'x'), 1000);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, Code::kTooLarge);
  EXPECT_EQ(r.error().field, "file");
  EXPECT_EQ(r.error().args.at("max"), "1000");
  EXPECT_TRUE(
      EvidenceFileType("precis.pdf", kPdf + std::string(1000 - kPdf.size(), 'x'), 1000).ok());
}

TEST(CheckEvidenceUrl, AcceptsOnlyHttpAndHttpsWithAHost) {
  const std::pair<const char*, bool> cases[] = {
      {"https://intranat.norrvik.se/rutiner/backup", true},
      {"http://example.org", true},
      {"HTTPS://EXAMPLE.ORG/x", true},
      {"javascript:alert(1)", false},
      {"ftp://example.org/x", false},
      {"https://", false},
      {"https:///path", false},
      {"https://exa mple.org", false},
      {"https://example.org/\n", false},
      {"/relative", false},
      {"", false},
  };
  for (const auto& [url, ok] : cases) {
    Status s = CheckEvidenceUrl(url);
    EXPECT_EQ(s.ok(), ok) << url;
    if (!ok) EXPECT_EQ(s.error().field, "url") << url;
  }
}

TEST(Base64, RoundTripsBinaryBytes) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t n : {0u, 1u, 2u, 3u, 255u, 256u}) {
    auto back = Base64Decode(Base64Encode(bytes.substr(0, n)));
    ASSERT_TRUE(back);
    EXPECT_EQ(*back, bytes.substr(0, n));
  }
  EXPECT_EQ(Base64Encode("Man"), "TWFu");
  EXPECT_FALSE(Base64Decode("not base64!"));
}

}  // namespace
}  // namespace lis::service
