// Learning from incidents (issue 6, items 4 and 5): the closing review and its actions, the
// statistics, and the incident as files (the PDF summary, the list as XLSX or CSV).
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/table/table.h"
#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/incident_files.h"
#include "http/download.h"
#include "service/actions/action_service.h"
#include "service/incidents/incident_review_service.h"
#include "service/incidents/incident_service.h"
#include "service/incidents/incident_statistics.h"
#include "service/incidents/incident_summary.h"

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

// GET /api/v1/incidents/export?format=xlsx|csv with the list's filters.
void ExportList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  std::string format = ctx.request.Param("format");
  if (format.empty()) format = "xlsx";
  if (format != "csv" && format != "xlsx")
    return WriteError(out, ctx, Invalid("error.export_format", "format"));
  auto query = service::ReadIncidentListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  auto items = app.incident_summaries.ExportList(*ctx.caller, app.incidents, *query);
  if (!items.ok()) return WriteError(out, ctx, items.error());
  std::vector<std::vector<std::string>> rows;
  for (const auto& i : *items) rows.push_back(IncidentSheetRow(i, ctx.language));
  auto header = IncidentSheetHeader(ctx.language);
  std::string name = Messages::Embedded().Text(ctx.language, "incident_export.sheet");
  if (format == "csv")
    return SendAttachment(out, kCsvType, name + ".csv", tables::WriteCsv(header, rows));
  SendAttachment(out, kXlsxType, name + ".xlsx", tables::WriteXlsx(name, header, rows));
}

}  // namespace

void RegisterIncidentLearningApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/incidents/{id}/review", Bind(app, GetReview));
  router.Add("PUT", "/api/v1/incidents/{id}/review", Bind(app, PutReview));
  router.Add("POST", "/api/v1/incidents/{id}/review/actions", Bind(app, PostReviewAction));
  router.Add("GET", "/api/v1/incident-statistics", Bind(app, Statistics));
  router.Add("GET", "/api/v1/incidents/{id}/summary.pdf", Bind(app, SummaryPdf));
  router.Add("GET", "/api/v1/incidents/export", Bind(app, ExportList));
}

}  // namespace lis::http
