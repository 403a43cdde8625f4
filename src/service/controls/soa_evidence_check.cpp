#include "service/controls/soa_evidence_check.h"

#include "service/input.h"

#include <sodium.h>

#include <algorithm>
#include <array>
#include <optional>

#include "core/table/table.h"

namespace lis::service {

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool StartsWith(std::string_view bytes, std::string_view prefix) {
  return bytes.substr(0, prefix.size()) == prefix;
}

bool Contains(std::string_view bytes, std::string_view part) {
  return bytes.find(part) != std::string_view::npos;
}

bool IsZip(std::string_view bytes) {
  return StartsWith(bytes, std::string_view("PK\x03\x04", 4));
}

// An OpenDocument file starts with its uncompressed "mimetype" part.
bool IsOpenDocument(std::string_view bytes, std::string_view mimetype) {
  return IsZip(bytes) && Contains(bytes.substr(0, 200), mimetype);
}

bool IsPlainText(std::string_view bytes) {
  if (!tables::ValidUtf8(bytes)) return false;
  return std::none_of(bytes.begin(), bytes.end(), [](char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return (u < 0x20 && u != '\t' && u != '\n' && u != '\f' && u != '\r') || u == 0x7f;
  });
}

bool MagicMatches(const std::string& type, std::string_view bytes) {
  if (type == "pdf") return StartsWith(bytes, "%PDF-");
  if (type == "png") return StartsWith(bytes, std::string_view("\x89PNG\r\n\x1a\n", 8));
  if (type == "jpg") return StartsWith(bytes, "\xFF\xD8\xFF");
  if (type == "docx") return IsZip(bytes) && Contains(bytes, "word/");
  if (type == "xlsx") return IsZip(bytes) && Contains(bytes, "xl/");
  if (type == "odt") return IsOpenDocument(bytes, "application/vnd.oasis.opendocument.text");
  if (type == "ods") return IsOpenDocument(bytes, "application/vnd.oasis.opendocument.spreadsheet");
  return IsPlainText(bytes);  // txt, csv
}

std::optional<std::string> AllowedType(std::string_view name) {
  size_t dot = name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  std::string ext = Lower(name.substr(dot + 1));
  if (ext == "jpeg") ext = "jpg";
  static const std::array<const char*, 9> kAllowed = {"pdf",  "png",  "jpg", "txt", "csv",
                                                      "docx", "xlsx", "odt", "ods"};
  for (const char* a : kAllowed)
    if (ext == a) return ext;
  return std::nullopt;
}

Error FileError(const std::string& key) {
  return Invalid(key, "file");
}

}  // namespace

Status CheckEvidenceFileName(std::string_view name) {
  // One line of valid UTF-8 without controls or bidirectional overrides (a name such as
  // "rapport\u202Efdp.exe" must not read as "rapportexe.pdf"), and no path.
  if (name.empty() || name.size() > 200 || name == "." || name == ".." ||
      !CheckText("file", name, false).ok())
    return FileError("error.evidence_name");
  for (char c : name)
    if (c == '/' || c == '\\') return FileError("error.evidence_name");
  return {};
}

Result<std::string> EvidenceFileType(std::string_view name, std::string_view bytes,
                                     size_t max_bytes) {
  Status s = CheckEvidenceFileName(name);
  if (!s.ok()) return s.error();
  if (bytes.empty()) return FileError("error.evidence_empty");
  if (bytes.size() > max_bytes) {
    Error e = MakeError(Code::kTooLarge, "error.evidence_too_large");
    e.field = "file";
    return e.With("max", std::to_string(max_bytes));
  }
  auto type = AllowedType(name);
  if (!type) return FileError("error.evidence_type");
  if (!MagicMatches(*type, bytes)) return FileError("error.evidence_mismatch");
  return *type;
}

Status CheckEvidenceUrl(std::string_view url) {
  std::string lower = Lower(url.substr(0, 8));
  size_t scheme = lower.rfind("https://", 0) == 0 ? 8 : lower.rfind("http://", 0) == 0 ? 7 : 0;
  bool ok = scheme > 0 && url.size() <= 2000 && url.size() > scheme && url[scheme] != '/' &&
            tables::ValidUtf8(url);
  for (char c : url)
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) ok = false;
  if (!ok) return Invalid("error.evidence_url", "url");
  return {};
}

std::string Base64Encode(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

std::optional<std::string> Base64Decode(std::string_view text) {
  std::string out(text.size() / 4 * 3 + 3, '\0');
  size_t len = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(),
                        text.size(), nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
    return std::nullopt;
  out.resize(len);
  return out;
}

}  // namespace lis::service
