#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/org/user_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListUsers(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto unit = OptionalIntParam(ctx, "org_unit_id");
  if (!unit.ok()) return WriteError(out, ctx, unit.error());
  service::UserListQuery q;
  q.page = *page;
  q.org_unit_id = *unit;
  q.search = ctx.request.Param("q");
  auto result = app.users.List(*ctx.caller, q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void GetUser(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ctx.request.HasParam("at"))
    return Reply(out, ctx, app.users.GetAt(*ctx.caller, PathId(ctx), ctx.request.Param("at")));
  Reply(out, ctx, app.users.Get(*ctx.caller, PathId(ctx)));
}

void UserHistory(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.users.History(*ctx.caller, PathId(ctx)));
}

void RestoreUser(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.users.Restore(*ctx.caller, PathId(ctx), *body));
}

void CreateUser(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.users.Create(*ctx.caller, *body), 201);
}

void UpdateUser(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.users.Update(*ctx.caller, PathId(ctx), *body));
}

void ListRoles(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto result =
      app.users.ListRoles(*ctx.caller, PathId(ctx), ctx.request.Param("deleted") == "true");
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, {1000, 0}));
}

void AddRole(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.users.AddRole(*ctx.caller, PathId(ctx), *body), 201);
}

void RemoveRole(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto r = app.users.RemoveRole(*ctx.caller, PathId(ctx), PathId(ctx, "role_assignment_id"));
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

void RestoreRole(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx,
        app.users.RestoreRole(*ctx.caller, PathId(ctx), PathId(ctx, "role_assignment_id"), *body));
}

}  // namespace

void RegisterUserApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/users", Bind(app, ListUsers));
  router.Add("POST", "/api/v1/users", Bind(app, CreateUser));
  router.Add("GET", "/api/v1/users/{id}", Bind(app, GetUser));
  router.Add("PATCH", "/api/v1/users/{id}", Bind(app, UpdateUser));
  router.Add("GET", "/api/v1/users/{id}/history", Bind(app, UserHistory));
  router.Add("POST", "/api/v1/users/{id}/restore", Bind(app, RestoreUser));
  router.Add("GET", "/api/v1/users/{id}/roles", Bind(app, ListRoles));
  router.Add("POST", "/api/v1/users/{id}/roles", Bind(app, AddRole));
  router.Add("DELETE", "/api/v1/users/{id}/roles/{role_assignment_id}", Bind(app, RemoveRole));
  router.Add("POST", "/api/v1/users/{id}/roles/{role_assignment_id}/restore",
             Bind(app, RestoreRole));
}

}  // namespace lis::http
