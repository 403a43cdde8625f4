// JSON API of deviations: /deviations with its moves and the verdict on the effect.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/crud_handlers.h"
#include "service/deviations/deviation_service.h"

namespace lis::http {

namespace {

void ListDeviations(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto query = service::ReadDeviationListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = app.deviations.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void MoveDeviation(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.deviations.Move(*ctx.caller, PathId(ctx), *body));
}

void DeviationVerdict(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.deviations.Verdict(*ctx.caller, PathId(ctx), *body));
}

}  // namespace

void RegisterDeviationApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/deviations", Bind(app, ListDeviations));
  crud::AddCrud(router, "deviations", app.deviations);
  router.Add("POST", "/api/v1/deviations/{id}/move", Bind(app, MoveDeviation));
  router.Add("POST", "/api/v1/deviations/{id}/verdict", Bind(app, DeviationVerdict));
}

}  // namespace lis::http
