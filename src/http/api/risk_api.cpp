// JSON API of the risk area: /risk-analyses, /risks (with acceptance), the risk settings of
// an organisation node and the risk matrix.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/crud_handlers.h"
#include "service/risk/risk_analysis_service.h"
#include "service/risk/risk_service.h"
#include "service/risk/risk_settings_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// A list whose filters `read` takes from the query string, answered by `list`.
template <class Query, class Service>
void ListOf(Service& service, Result<Query> (*read)(const service::ParamLookup&),
            RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto query = read(QueryParams(ctx));
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = service.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void ListAnalyses(App& app, RequestContext& ctx, HttpResponse& out) {
  ListOf(app.analyses, service::ReadAnalysisListQuery, ctx, out);
}

void ListRisks(App& app, RequestContext& ctx, HttpResponse& out) {
  ListOf(app.risks, service::ReadRiskListQuery, ctx, out);
}

void Accept(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.risks.Accept(*ctx.caller, PathId(ctx), *body));
}

void GetSettings(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.risk_settings.Get(*ctx.caller, PathId(ctx)));
}

void PutSettings(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.risk_settings.Put(*ctx.caller, PathId(ctx), *body));
}

// ?analysis_id= or ?org_unit_id= (neither: every risk the caller reads).
void Matrix(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto analysis = OptionalIntParam(ctx, "analysis_id");
  if (!analysis.ok()) return WriteError(out, ctx, analysis.error());
  auto unit = OptionalIntParam(ctx, "org_unit_id");
  if (!unit.ok()) return WriteError(out, ctx, unit.error());
  Reply(out, ctx, app.risks.Matrix(*ctx.caller, *analysis, *unit));
}

}  // namespace

void RegisterRiskApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/risk-analyses", Bind(app, ListAnalyses));
  crud::AddCrud(router, "risk-analyses", app.analyses);
  router.Add("GET", "/api/v1/risks", Bind(app, ListRisks));
  crud::AddCrud(router, "risks", app.risks);
  router.Add("POST", "/api/v1/risks/{id}/acceptance", Bind(app, Accept));
  router.Add("GET", "/api/v1/org-units/{id}/risk-settings", Bind(app, GetSettings));
  router.Add("PUT", "/api/v1/org-units/{id}/risk-settings", Bind(app, PutSettings));
  router.Add("GET", "/api/v1/risk-matrix", Bind(app, Matrix));
}

}  // namespace lis::http
