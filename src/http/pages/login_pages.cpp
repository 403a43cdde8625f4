#include <nlohmann/json.hpp>

#include "core/crypto.h"
#include "core/messages.h"
#include "http/api/api_routes.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/session_cookie.h"
#include "service/auth/auth_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The login form's CSRF token: a fresh random value in a cookie of its own (SameSite=Strict)
// and in the form. A login whose form does not carry its cookie's value is refused, so that no
// other site can sign a visitor in to an account of its choosing.
void IssueLoginCsrf(RequestContext& ctx, HttpResponse& out) {
  ctx.csrf_token = RandomToken();
  SetLoginCsrfCookie(out, ctx.request, ctx.csrf_token);
}

bool LoginCsrfMatches(const RequestContext& ctx) {
  std::string sent = ctx.request.Param("_csrf");
  std::string kept = ctx.request.Cookie(kLoginCsrfCookie);
  return !sent.empty() && !kept.empty() && ConstantTimeEquals(sent, kept);
}

void ShowLoginFailure(RequestContext& ctx, HttpResponse& out, const Error& error, int status) {
  json data = FormErrorData(ctx, error);
  data["username"] = ctx.request.Param("username");
  IssueLoginCsrf(ctx, out);
  WritePage(out, ctx, "login", "page.login.title", "", data, status);
}

void ShowLogin(App& app, RequestContext& ctx, HttpResponse& out) {
  if (ctx.caller) return out.Redirect("/");
  IssueLoginCsrf(ctx, out);
  WritePage(out, ctx, "login", "page.login.title", "", json::object());
}

void SubmitLogin(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!LoginCsrfMatches(ctx))
    return ShowLoginFailure(ctx, out, MakeError(Code::kForbidden, "error.login_csrf"), 403);
  std::string username = ctx.request.Param("username");
  auto result = app.auth.Login(username, ctx.request.Param("password"), ctx.request.remote_addr,
                               "POST /login");
  if (!result.ok())
    return ShowLoginFailure(ctx, out, result.error(),
                            result.error().code == Code::kLocked ? 429 : 401);
  SetSessionCookie(out, ctx.request, result->session_token, app.config.session_hours);
  out.Redirect("/");
}

void SubmitLogout(App& app, RequestContext& ctx, HttpResponse& out) {
  if (ctx.caller) app.auth.Logout(*ctx.caller);
  ClearSessionCookie(out, ctx.request);
  out.Redirect("/login");
}

}  // namespace

void RegisterLoginPages(Router& router, App& app) {
  router.Add("GET", "/login", Bind(app, ShowLogin));
  router.Add("POST", "/login", Bind(app, SubmitLogin));
  router.Add("POST", "/logout", Bind(app, SubmitLogout));
}

}  // namespace lis::http
