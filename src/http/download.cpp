#include "http/download.h"

#include "core/utf8.h"

namespace lis::http {

namespace {

// RFC 8187 attr-char: sent as is in filename*; every other byte is percent-encoded.
bool AttrChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("!#$&+-.^_`|~").find(static_cast<char>(c)) != std::string_view::npos;
}

std::string PercentEncoded(std::string_view s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if (AttrChar(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

// No saved file should get a control character or name a directory.
bool Unwanted(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == '/' || cp == '\\';
}

}  // namespace

std::string AttachmentDisposition(std::string_view filename) {
  std::string name;   // valid UTF-8
  std::string ascii;  // the same, one '_' for each code point beyond ASCII and each quote
  for (size_t i = 0; i < filename.size();) {
    char32_t cp = utf8::Next(filename, i).value_or('_');
    if (Unwanted(cp)) cp = '_';
    utf8::Append(name, cp);
    ascii += cp < 0x80 && cp != '"' ? static_cast<char>(cp) : '_';
  }
  if (name.find_first_not_of('.') == std::string::npos) name = ascii = "download";
  std::string header = "attachment; filename=\"" + ascii + "\"";
  if (name != ascii) header += "; filename*=UTF-8''" + PercentEncoded(name);
  return header;
}

void SendAttachment(HttpResponse& out, std::string_view content_type, std::string_view filename,
                    std::string body) {
  out.status = 200;
  out.content_type = std::string(content_type);
  out.body = std::move(body);
  out.SetHeader("Content-Disposition", AttachmentDisposition(filename));
}

}  // namespace lis::http
