// JSON API of deviations (/deviations with its moves and the verdict on the effect) and of
// exceptions (/exceptions with the decision and the revocation).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/crud_handlers.h"
#include "service/deviations/deviation_service.h"
#include "service/deviations/exception_service.h"

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

// ?year= (default: this year) and ?org_unit_id=.
void DeviationStatistics(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto year = OptionalIntParam(ctx, "year");
  if (!year.ok()) return WriteError(out, ctx, year.error());
  auto unit = OptionalIntParam(ctx, "org_unit_id");
  if (!unit.ok()) return WriteError(out, ctx, unit.error());
  int this_year = std::stoi(service::Today().substr(0, 4));
  int asked = *year ? static_cast<int>(std::clamp(**year, 0LL, 9999LL)) : this_year;
  Reply(out, ctx, app.deviations.Statistics(*ctx.caller, asked, *unit));
}

void ListExceptions(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto query = service::ReadExceptionListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = app.exceptions.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void DecideException(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx,
        app.exceptions.Decide(*ctx.caller, PathId(ctx), *body, std::chrono::system_clock::now()));
}

void RevokeException(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.exceptions.Revoke(*ctx.caller, PathId(ctx), *body));
}

}  // namespace

void RegisterDeviationApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/deviations", Bind(app, ListDeviations));
  crud::AddCrud(router, "deviations", app.deviations);
  router.Add("POST", "/api/v1/deviations/{id}/move", Bind(app, MoveDeviation));
  router.Add("POST", "/api/v1/deviations/{id}/verdict", Bind(app, DeviationVerdict));
  router.Add("GET", "/api/v1/deviations/statistics", Bind(app, DeviationStatistics));
  router.Add("GET", "/api/v1/exceptions", Bind(app, ListExceptions));
  crud::AddCrud(router, "exceptions", app.exceptions);
  router.Add("POST", "/api/v1/exceptions/{id}/decision", Bind(app, DecideException));
  router.Add("POST", "/api/v1/exceptions/{id}/revoke", Bind(app, RevokeException));
}

}  // namespace lis::http
