// Incidents over JSON (service/incidents/incident_service.h): /api/v1/incidents with its
// timeline (append-only: no PUT, PATCH or DELETE exists, so those answer 405), links and
// history, and /api/v1/incident-categories. The regulatory reports, the review, statistics
// and exports register their own routes in their own files.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/incidents/incident_categories.h"
#include "service/incidents/incident_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// GET /api/v1/incidents: the incidents the caller sees in full; with ?reported_by=me the
// caller's own reports as summaries instead.
void ListIncidents(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto reported = service::ReadChoiceParam(QueryParams(ctx), "reported_by", {"me"});
  if (!reported.ok()) return WriteError(out, ctx, reported.error());
  if (*reported == "me") {
    auto result = app.incidents.ListReported(*ctx.caller, *page);
    if (!result.ok()) return WriteError(out, ctx, result.error());
    return WriteJson(out, 200, ListBody(*result, *page));
  }
  auto query = service::ReadIncidentListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = app.incidents.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void Report(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incidents.Report(*ctx.caller, *body), 201);
}

void GetIncident(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.incidents.Get(*ctx.caller, PathId(ctx)));
}

void UpdateIncident(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incidents.Update(*ctx.caller, PathId(ctx), *body));
}

void IncidentHistory(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.incidents.History(*ctx.caller, PathId(ctx)));
}

void Timeline(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.incidents.Timeline(*ctx.caller, PathId(ctx)));
}

void TimelineEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.incidents.TimelineEntry(*ctx.caller, PathId(ctx), PathId(ctx, "entry_id")));
}

void AddTimelineEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incidents.AddTimelineEntry(*ctx.caller, PathId(ctx), *body), 201);
}

void Links(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, app.incidents.Links(*ctx.caller, PathId(ctx)));
}

void AddLink(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incidents.AddLink(*ctx.caller, PathId(ctx), *body), 201);
}

void RemoveLink(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Status s = app.incidents.RemoveLink(*ctx.caller, PathId(ctx), PathId(ctx, "link_id"));
  if (!s.ok()) return WriteError(out, ctx, s.error());
  out.status = 204;
}

void Categories(App&, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  WriteJson(out, 200, service::IncidentCategoriesJson());
}

}  // namespace

void RegisterIncidentApi(Router& router, App& app) {
  const std::string base = "/api/v1/incidents";
  router.Add("GET", "/api/v1/incident-categories", Bind(app, Categories));
  router.Add("GET", base, Bind(app, ListIncidents));
  router.Add("POST", base, Bind(app, Report));
  router.Add("GET", base + "/{id}", Bind(app, GetIncident));
  router.Add("PATCH", base + "/{id}", Bind(app, UpdateIncident));
  router.Add("GET", base + "/{id}/history", Bind(app, IncidentHistory));
  router.Add("GET", base + "/{id}/timeline", Bind(app, Timeline));
  router.Add("POST", base + "/{id}/timeline", Bind(app, AddTimelineEntry));
  router.Add("GET", base + "/{id}/timeline/{entry_id}", Bind(app, TimelineEntry));
  router.Add("GET", base + "/{id}/links", Bind(app, Links));
  router.Add("POST", base + "/{id}/links", Bind(app, AddLink));
  router.Add("DELETE", base + "/{id}/links/{link_id}", Bind(app, RemoveLink));
}

}  // namespace lis::http
