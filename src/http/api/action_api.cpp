// The action list over JSON: /api/v1/actions (actions_service.h), with the same shape as the
// asset collections (list, create, get, ?at=, update, delete, history).
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"

namespace lis::http {

using nlohmann::json;

namespace {

void List(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto query = service::ReadActionListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = app.actions.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void Create(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.actions.Create(*ctx.caller, *body), 201);
}

void Get(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ctx.request.HasParam("at"))
    return Reply(out, ctx, app.actions.GetAt(*ctx.caller, PathId(ctx), ctx.request.Param("at")));
  Reply(out, ctx, app.actions.Get(*ctx.caller, PathId(ctx)));
}

void Update(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.actions.Update(*ctx.caller, PathId(ctx), *body));
}

void Delete(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto version = OptionalIntParam(ctx, "version");
  if (!version.ok()) return WriteError(out, ctx, version.error());
  auto r = app.actions.Delete(*ctx.caller, PathId(ctx), *version);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

void History(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.actions.History(*ctx.caller, PathId(ctx)));
}

}  // namespace

void RegisterActionApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/actions", Bind(app, List));
  router.Add("POST", "/api/v1/actions", Bind(app, Create));
  router.Add("GET", "/api/v1/actions/{id}", Bind(app, Get));
  router.Add("PATCH", "/api/v1/actions/{id}", Bind(app, Update));
  router.Add("DELETE", "/api/v1/actions/{id}", Bind(app, Delete));
  router.Add("GET", "/api/v1/actions/{id}/history", Bind(app, History));
}

}  // namespace lis::http
