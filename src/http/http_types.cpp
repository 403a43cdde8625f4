#include "http/http_types.h"

namespace lis::http {

std::string HttpRequest::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string HttpRequest::Param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::string HttpRequest::Cookie(const std::string& name) const {
  std::string header = Header("cookie");
  size_t pos = 0;
  while (pos < header.size()) {
    size_t end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    std::string part = header.substr(pos, end - pos);
    size_t b = part.find_first_not_of(' ');
    if (b != std::string::npos) part = part.substr(b);
    auto eq = part.find('=');
    if (eq != std::string::npos && part.substr(0, eq) == name) return part.substr(eq + 1);
    pos = end + 1;
  }
  return {};
}

bool HttpRequest::IsForm() const {
  return Header("content-type").rfind("application/x-www-form-urlencoded", 0) == 0;
}

bool HttpRequest::IsMultipart() const {
  return Header("content-type").rfind("multipart/form-data", 0) == 0;
}

}  // namespace lis::http
