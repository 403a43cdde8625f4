#include "http/session_cookie.h"

namespace lis::http {

namespace {
std::string Attributes(const HttpRequest& req, long long max_age) {
  std::string a = "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" + std::to_string(max_age);
  if (req.secure) a += "; Secure";
  return a;
}
}  // namespace

void SetSessionCookie(HttpResponse& out, const HttpRequest& req, const std::string& token,
                      int hours) {
  out.SetHeader("Set-Cookie",
                std::string(kSessionCookie) + "=" + token + Attributes(req, hours * 3600LL));
}

void ClearSessionCookie(HttpResponse& out, const HttpRequest& req) {
  out.SetHeader("Set-Cookie", std::string(kSessionCookie) + "=" + Attributes(req, 0));
}

void SetLoginCsrfCookie(HttpResponse& out, const HttpRequest& req, const std::string& token) {
  out.SetHeader("Set-Cookie", std::string(kLoginCsrfCookie) + "=" + token + Attributes(req, 3600));
}

void SetLanguageCookie(HttpResponse& out, const HttpRequest& req, const std::string& lang) {
  out.SetHeader("Set-Cookie", "lis_lang=" + lang + Attributes(req, 365LL * 24 * 3600));
}

}  // namespace lis::http
