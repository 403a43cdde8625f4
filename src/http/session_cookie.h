// The lis_session cookie: HttpOnly, SameSite=Strict, Secure when the request came over TLS.
#pragma once

#include <string>

#include "http/http_types.h"

namespace lis::http {

inline constexpr const char* kSessionCookie = "lis_session";

void SetSessionCookie(HttpResponse& out, const HttpRequest& req, const std::string& token,
                      int hours);
void ClearSessionCookie(HttpResponse& out, const HttpRequest& req);
// The lis_login_csrf cookie holds the login form's CSRF token (login_pages.cpp) for an hour.
inline constexpr const char* kLoginCsrfCookie = "lis_login_csrf";
void SetLoginCsrfCookie(HttpResponse& out, const HttpRequest& req, const std::string& token);
// The lis_lang cookie remembers a language chosen with ?lang= before or without signing in.
void SetLanguageCookie(HttpResponse& out, const HttpRequest& req, const std::string& lang);

}  // namespace lis::http
