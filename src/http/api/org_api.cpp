#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/org/org_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListOrgUnits(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx, 100);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto parent = OptionalIntParam(ctx, "parent_id");
  if (!parent.ok()) return WriteError(out, ctx, parent.error());
  service::OrgListQuery q;
  q.page = *page;
  q.parent_id = *parent;
  q.deleted = ctx.request.Param("deleted") == "true";
  auto result = app.org.List(*ctx.caller, q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void GetOrgUnit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ctx.request.HasParam("at"))
    return Reply(out, ctx, app.org.GetAt(*ctx.caller, PathId(ctx), ctx.request.Param("at")));
  Reply(out, ctx, app.org.Get(*ctx.caller, PathId(ctx)));
}

void OrgUnitHistory(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.org.History(*ctx.caller, PathId(ctx)));
}

void RestoreOrgUnit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.org.Restore(*ctx.caller, PathId(ctx), *body));
}

void CreateOrgUnit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.org.Create(*ctx.caller, *body), 201);
}

void UpdateOrgUnit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.org.Update(*ctx.caller, PathId(ctx), *body));
}

void DeleteOrgUnit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto version = OptionalIntParam(ctx, "version");
  if (!version.ok()) return WriteError(out, ctx, version.error());
  auto r = app.org.Delete(*ctx.caller, PathId(ctx), *version);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

}  // namespace

void RegisterOrgApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/org-units", Bind(app, ListOrgUnits));
  router.Add("POST", "/api/v1/org-units", Bind(app, CreateOrgUnit));
  router.Add("GET", "/api/v1/org-units/{id}", Bind(app, GetOrgUnit));
  router.Add("PATCH", "/api/v1/org-units/{id}", Bind(app, UpdateOrgUnit));
  router.Add("DELETE", "/api/v1/org-units/{id}", Bind(app, DeleteOrgUnit));
  router.Add("GET", "/api/v1/org-units/{id}/history", Bind(app, OrgUnitHistory));
  router.Add("POST", "/api/v1/org-units/{id}/restore", Bind(app, RestoreOrgUnit));
}

}  // namespace lis::http
