// Learning from incidents (issue 6, items 4 and 5): the closing review and its actions, the
// statistics, and the incident as files (the PDF summary, the list as XLSX or CSV).
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/incident_files.h"
#include "http/download.h"

namespace lis::http {

using nlohmann::json;

namespace {

void GetReview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.incident_reviews.Get(*ctx.caller, PathId(ctx)));
}

void PutReview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.incident_reviews.Put(*ctx.caller, PathId(ctx), *body));
}

// The review's one-click action: 201 with the action.
void PostReviewAction(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto draft = app.incident_reviews.ActionDraft(*ctx.caller, PathId(ctx), ctx.language);
  if (!draft.ok()) return WriteError(out, ctx, draft.error());
  Reply(out, ctx, app.actions.CreateForOrigin(*ctx.caller, *draft), 201);
}

void Statistics(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto q = service::ReadIncidentStatsQuery(QueryParams(ctx));
  if (!q.ok()) return WriteError(out, ctx, q.error());
  Reply(out, ctx, app.incident_stats.Statistics(*ctx.caller, *q));
}

void SummaryPdf(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto summary = app.incident_summaries.Summary(*ctx.caller, id);
  if (!summary.ok()) return WriteError(out, ctx, summary.error());
  auto bytes = IncidentSummaryPdf(*summary, ctx.language);
  if (!bytes.ok()) return WriteError(out, ctx, bytes.error());
  SendAttachment(out, kPdfType, IncidentSummaryFileName(id, ctx.language), std::move(*bytes));
}

}  // namespace

void RegisterIncidentLearningApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/incidents/{id}/review", Bind(app, GetReview));
  router.Add("PUT", "/api/v1/incidents/{id}/review", Bind(app, PutReview));
  router.Add("POST", "/api/v1/incidents/{id}/review/actions", Bind(app, PostReviewAction));
  router.Add("GET", "/api/v1/incident-statistics", Bind(app, Statistics));
  router.Add("GET", "/api/v1/incidents/{id}/summary.pdf", Bind(app, SummaryPdf));
}

}  // namespace lis::http
