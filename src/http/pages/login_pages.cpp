#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_routes.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/session_cookie.h"
#include "service/auth/auth_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ShowLogin(App& app, RequestContext& ctx, HttpResponse& out) {
  if (ctx.caller) return out.Redirect("/");
  WritePage(out, ctx, "login", "page.login.title", "", json::object());
}

void SubmitLogin(App& app, RequestContext& ctx, HttpResponse& out) {
  std::string username = ctx.request.Param("username");
  auto result = app.auth.Login(username, ctx.request.Param("password"), ctx.request.remote_addr);
  if (!result.ok()) {
    json data = FormErrorData(ctx, result.error());
    data["username"] = username;
    int status = result.error().code == Code::kLocked ? 429 : 401;
    return WritePage(out, ctx, "login", "page.login.title", "", data, status);
  }
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
