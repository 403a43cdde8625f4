#include <nlohmann/json.hpp>

#include "core/assets.h"
#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/openapi_document.h"
#include "http/session_cookie.h"
#include "service/auth/auth_service.h"
#include "service/input.h"

namespace lis::http {

using nlohmann::json;

namespace {

json UserSummary(const service::Caller& c) {
  return {{"id", c.user_id}, {"username", c.username}, {"name", c.name}, {"language", c.language}};
}

json RolesOf(const service::Caller& c) {
  json roles = json::array();
  for (const auto& g : c.grants)
    roles.push_back({{"id", g.id},
                     {"role", g.role},
                     {"scope_id", g.scope_id ? json(*g.scope_id) : json(nullptr)}});
  return roles;
}

void Login(App& app, RequestContext& ctx, HttpResponse& out) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  static const std::vector<service::InputField> kFields = {
      {"username", service::InputType::kText, true, false, 200},
      {"password", service::InputType::kText, true, false, 1024}};
  Status s = service::CheckInput(*body, kFields, false);
  if (!s.ok()) return WriteError(out, ctx, s.error());
  auto result =
      app.auth.Login((*body)["username"].get<std::string>(), (*body)["password"].get<std::string>(),
                     ctx.request.remote_addr, "POST /api/v1/session");
  if (!result.ok()) return WriteError(out, ctx, result.error());
  SetSessionCookie(out, ctx.request, result->session_token, app.config.session_hours);
  WriteJson(out, 200,
            {{"csrf_token", result->csrf_token},
             {"user", UserSummary(result->caller)},
             {"roles", RolesOf(result->caller)}});
}

void Logout(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Status s = app.auth.Logout(*ctx.caller);
  if (!s.ok()) return WriteError(out, ctx, s.error());
  ClearSessionCookie(out, ctx.request);
  out.status = 204;
}

void Me(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  WriteJson(out, 200, {{"user", UserSummary(*ctx.caller)}, {"roles", RolesOf(*ctx.caller)}});
}

void CreateToken(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  auto created = app.auth.CreateToken(*ctx.caller, *body);
  if (!created.ok()) return WriteError(out, ctx, created.error());
  WriteJson(out, 201,
            {{"id", created->id},
             {"token", created->token},
             {"name", created->name},
             {"created_at", created->created_at}});
}

void ListTokens(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = app.auth.ListTokens(*ctx.caller);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  WriteJson(out, 200, ListBody(*page, {1000, 0}));
}

void RevokeToken(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto r = app.auth.RevokeToken(*ctx.caller, PathId(ctx));
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

void OpenApi(App& app, RequestContext& ctx, HttpResponse& out) {
  out.content_type = "application/json; charset=utf-8";
  out.body = OpenApiText();
}

}  // namespace

void RegisterSessionApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/openapi.json", Bind(app, OpenApi));
  router.Add("POST", "/api/v1/session", Bind(app, Login));
  router.Add("DELETE", "/api/v1/session", Bind(app, Logout));
  router.Add("GET", "/api/v1/me", Bind(app, Me));
  router.Add("POST", "/api/v1/tokens", Bind(app, CreateToken));
  router.Add("GET", "/api/v1/tokens", Bind(app, ListTokens));
  router.Add("DELETE", "/api/v1/tokens/{id}", Bind(app, RevokeToken));
}

}  // namespace lis::http
