// The regulatory reports of an incident and the running clocks over JSON
// (incident_report_service.h): /api/v1/incidents/{id}/reports and /api/v1/incident-clocks.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/incidents/incident_report_service.h"
#include "service/input.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListReports(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.incident_reports.List(*ctx.caller, PathId(ctx)));
}

void RecordReport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incident_reports.Record(*ctx.caller, PathId(ctx), *body), 201);
}

void CorrectReport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx,
        app.incident_reports.Correct(*ctx.caller, PathId(ctx), ctx.request.path_params.at("kind"),
                                     *body));
}

// ?all=true lists every state, not only running and overdue clocks.
void ListClocks(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  std::string all = ctx.request.Param("all");
  if (!all.empty() && all != "true" && all != "false")
    return WriteError(out, ctx, service::BadParamValue("all", "true, false"));
  auto clocks = app.incident_reports.Clocks(*ctx.caller, all == "true");
  if (!clocks.ok()) return WriteError(out, ctx, clocks.error());
  WriteJson(out, 200, {{"items", *clocks}, {"total", static_cast<long long>(clocks->size())}});
}

}  // namespace

void RegisterIncidentClockApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/incidents/{id}/reports", Bind(app, ListReports));
  router.Add("POST", "/api/v1/incidents/{id}/reports", Bind(app, RecordReport));
  router.Add("PATCH", "/api/v1/incidents/{id}/reports/{kind}", Bind(app, CorrectReport));
  router.Add("GET", "/api/v1/incident-clocks", Bind(app, ListClocks));
}

}  // namespace lis::http
