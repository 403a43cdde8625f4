// Helpers shared by the statement-of-applicability tests: paths, the framework ids, evidence
// uploads as multipart/form-data and small files of each allowed type.
#pragma once

#include <string>

#include "asset_support.h"  // Fetch, and audit_support.h
#include "lis_server.h"

namespace lis_test {

// The id of the framework `ref` in the server's library ("iso27001-2022", "gdpr-art32").
inline long long FrameworkId(LisServer& s, const std::string& ref) {
  CommandResult r = s.Sql("SELECT id FROM frameworks WHERE ref = '" + ref + "'");
  EXPECT_EQ(r.exit_code, 0) << r;
  try {
    return std::stoll(r.output);
  } catch (...) {
    ADD_FAILURE() << "no framework " << ref << ": " << r;
    return 0;
  }
}

// /api/v1/org-units/ORG/soa`suffix`?framework_id=FW`query`
inline std::string SoaPath(long long org, long long fw, const std::string& suffix = "",
                           const std::string& query = "") {
  return "/api/v1/org-units/" + Id(org) + "/soa" + suffix + "?framework_id=" + Id(fw) + query;
}

// A multipart/form-data body with `bytes` as field "file" named `file_name` (sent as is, so a
// test may send any name) and, when not empty, a "title" field.
struct Multipart {
  std::string body;
  std::string content_type;
};

inline Multipart FileForm(const std::string& file_name, const std::string& bytes,
                          const std::string& title = "") {
  const std::string b = "----lis-test-boundary-7d1f";
  std::string body;
  if (!title.empty())
    body +=
        "--" + b + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title + "\r\n";
  body += "--" + b + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file_name +
          "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + bytes + "\r\n--" + b + "--\r\n";
  return {body, "multipart/form-data; boundary=" + b};
}

inline Response UploadEvidence(LisServer& s, const Auth& auth, long long org, long long fw,
                               const std::string& ref, const std::string& file_name,
                               const std::string& bytes) {
  Multipart m = FileForm(file_name, bytes);
  return s.SendRaw("POST", SoaPath(org, fw, "/" + ref + "/evidence"), auth, m.body, m.content_type);
}

inline const std::string kPdfBytes = "%PDF-1.4\n% ett litet bevis\n%%EOF\n";
inline const std::string kPngBytes = std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR....";

// The item of control `ref` in a SoA document.
inline json ItemOf(const json& document, const std::string& ref) {
  for (const auto& item : document.value("items", json::array()))
    if (item["control_ref"] == ref) return item;
  ADD_FAILURE() << "no item " << ref;
  return json::object();
}

}  // namespace lis_test
