#include "http/multipart.h"

#include <gtest/gtest.h>

namespace lis::http {
namespace {

HttpRequest Upload(const std::string& content_type, const std::string& body) {
  HttpRequest req;
  req.headers["content-type"] = content_type;
  req.body = body;
  ReadMultipart(req);
  return req;
}

TEST(Multipart, ReadsFieldsAndFiles) {
  std::string body =
      "--XyZ\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\ntok\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a;b.csv\"\r\n"
      "Content-Type: text/csv\r\n\r\nnamn;objekt\r\n--not-the-boundary\r\nx;y\r\n"
      "--XyZ\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\nsystems\r\n--XyZ--\r\n";
  HttpRequest req = Upload("multipart/form-data; boundary=XyZ", body);
  EXPECT_EQ(req.Param("_csrf"), "tok");
  EXPECT_EQ(req.Param("kind"), "systems");
  ASSERT_EQ(req.files.count("file"), 1u);
  EXPECT_EQ(req.files["file"].filename, "a;b.csv");
  EXPECT_EQ(req.files["file"].content_type, "text/csv");
  EXPECT_EQ(req.files["file"].content, "namn;objekt\r\n--not-the-boundary\r\nx;y");
}

TEST(Multipart, IgnoresMalformedBodies) {
  for (const auto& [type, body] : std::vector<std::pair<std::string, std::string>>{
           {"multipart/form-data", "--a\r\n\r\nx\r\n--a--"},
           {"multipart/form-data; boundary=a", "--a\r\nContent-Disposition: form-data\r\n\r\nx"},
           {"multipart/form-data; boundary=a", "no delimiter at all"},
           {"multipart/form-data; boundary=\"a\"", "--a\r\nno blank line\r\n--a--"}}) {
    HttpRequest req = Upload(type, body);
    EXPECT_TRUE(req.params.empty()) << body;
    EXPECT_TRUE(req.files.empty()) << body;
  }
}

}  // namespace
}  // namespace lis::http
