#include "http/download.h"

#include <gtest/gtest.h>

#include <vector>

namespace lis::http {
namespace {

struct DispositionCase {
  std::string name;
  std::string filename;
  std::string header;
};

TEST(AttachmentDisposition, NamesTheFileSafely) {
  const std::vector<DispositionCase> cases = {
      {"plain", "systems.csv", R"(attachment; filename="systems.csv")"},
      {"space kept", "SoA 2026.pdf", R"(attachment; filename="SoA 2026.pdf")"},
      {"Swedish in filename*", "Tillämplighetsförklaring – Åtgärder.pdf",
       "attachment; filename=\"Till_mplighetsf_rklaring _ _tg_rder.pdf\"; "
       "filename*=UTF-8''Till%C3%A4mplighetsf%C3%B6rklaring%20%E2%80%93%20%C3%85tg%C3%A4rder.pdf"},
      {"quote", "a\"b.txt", "attachment; filename=\"a_b.txt\"; filename*=UTF-8''a%22b.txt"},
      {"header injection", "x\r\nSet-Cookie: a=b", R"(attachment; filename="x__Set-Cookie: a=b")"},
      {"path traversal", "../../etc/passwd", R"(attachment; filename=".._.._etc_passwd")"},
      {"backslash", "..\\boot.ini", R"(attachment; filename=".._boot.ini")"},
      {"malformed UTF-8", "\xFF.pdf", R"(attachment; filename="_.pdf")"},
      {"empty", "", R"(attachment; filename="download")"},
      {"only dots", "..", R"(attachment; filename="download")"},
  };
  for (const auto& c : cases) EXPECT_EQ(AttachmentDisposition(c.filename), c.header) << c.name;
}

TEST(SendAttachment, SetsBodyTypeAndDisposition) {
  HttpResponse out;
  out.status = 500;
  SendAttachment(out, kPdfType, "soa.pdf", "%PDF-1.3");
  EXPECT_EQ(out.status, 200);
  EXPECT_EQ(out.content_type, "application/pdf");
  EXPECT_EQ(out.body, "%PDF-1.3");
  ASSERT_EQ(out.headers.size(), 1u);
  EXPECT_EQ(out.headers[0].first, "Content-Disposition");
  EXPECT_EQ(out.headers[0].second, R"(attachment; filename="soa.pdf")");
}

}  // namespace
}  // namespace lis::http
