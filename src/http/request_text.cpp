#include "http/request_text.h"

#include "service/input.h"

namespace lis::http {

namespace {

// The headers the server or a handler reads (of the cookies only LIS's own: another
// application on the same host may set cookies of its own making).
constexpr const char* kReadHeaders[] = {"authorization", "content-type",    "if-match",
                                        "x-csrf-token",  "x-forwarded-for", "x-forwarded-proto"};
constexpr const char* kReadCookies[] = {"lis_session", "lis_lang"};

Status CheckParam(const std::string& name, const std::string& value, bool multiline) {
  if (!service::CheckText("", name, false).ok()) return Invalid("error.param_name", "");
  return service::CheckText(name, value, multiline);
}

}  // namespace

Status CheckRequestText(const HttpRequest& req) {
  Status s = service::CheckText("path", req.path, false);
  if (!s.ok()) return s;
  for (const char* name : kReadHeaders) {
    auto it = req.headers.find(name);
    if (it == req.headers.end()) continue;
    s = service::CheckText(name, it->second, false);
    if (!s.ok()) return s;
  }
  for (const char* name : kReadCookies) {
    s = service::CheckText(name, req.Cookie(name), false);
    if (!s.ok()) return s;
  }
  bool form = req.IsForm() || req.IsMultipart();
  for (const auto& [name, value] : req.params) {
    s = CheckParam(name, value, form);
    if (!s.ok()) return s;
  }
  for (const auto& [name, file] : req.files) {
    s = CheckParam(name, file.filename, false);
    if (!s.ok()) return s;
  }
  return {};
}

}  // namespace lis::http
