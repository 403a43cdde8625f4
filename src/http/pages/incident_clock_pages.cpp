// The pages of the regulatory clocks: /incidents/{id}/reports shows an incident's clocks with
// their forms (the incident page shows the same part), and the forms post to
// /incidents/{id}/reports/{kind}, which redirects back to the incident.
#include <nlohmann/json.hpp>

#include "core/stockholm_time.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/incident_clock_parts.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/incidents/incident_report_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ShowReports(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto listed = app.incident_reports.List(*ctx.caller, id);
  if (!listed.ok()) return WriteErrorPage(out, ctx, listed.error());
  std::string href = "/incidents/" + std::to_string(id);
  json data = {
      {"title", Text(ctx, "incident_clock.page_title", {{"title", Str(*listed, "title")}})},
      {"incident_href", href},
      {"clocks_html", IncidentClocksHtml(app, ctx, id, failure)}};
  WritePage(out, ctx, "incident_reports", "", "incidents", data, PageStatus(FailureError(failure)));
}

void GetReports(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowReports(app, ctx, out, nullptr);
}

// A time from a datetime-local field (Swedish time) as RFC 3339 for the service; anything
// else is passed on for the service to refuse, naming the field.
void LocalTimeToUtc(json& body, const std::string& field) {
  if (!body.contains(field) || !body[field].is_string()) return;
  auto t = ParseStockholmLocal(body[field].get<std::string>());
  if (t) body[field] = FormatTime(*t);
}

// POST /incidents/{id}/reports/{kind}: the report form (outcome made) or the decision form
// (outcome not_required) of one clock.
void PostReport(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  std::string kind = ctx.request.path_params.at("kind");
  bool decision = ctx.request.Param("outcome") == "not_required";
  std::string form_id = (decision ? "clock-decision-" : "clock-report-") + kind;
  HandleForm(
      ctx, out, form_id,
      {{"outcome"},
       {"made_at", FormField::kText, true},
       {"reference", FormField::kText, true},
       {"recipient", FormField::kText, true},
       {"reason", FormField::kText, true},
       {"late_reason", FormField::kText, true}},
      [&](const json& form) {
        json body = form;
        body["kind"] = kind;
        LocalTimeToUtc(body, "made_at");
        return app.incident_reports.Record(*ctx.caller, id, body);
      },
      [&](const json&) {
        out.Redirect("/incidents/" + std::to_string(id) + "?notice=incident_report_recorded");
      },
      [&](const FormFailure& f) { ShowReports(app, ctx, out, &f); });
}

}  // namespace

void RegisterClockPages(Router& router, App& app) {
  router.Add("GET", "/incidents/{id}/reports", Bind(app, GetReports));
  router.Add("POST", "/incidents/{id}/reports/{kind}", Bind(app, PostReport));
}

}  // namespace lis::http
