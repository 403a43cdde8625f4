// Pages of learning from incidents: the closing review of one incident with its actions
// (/incidents/{id}/review) and the statistics (/incidents/statistics).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/action_parts.h"
#include "http/pages/form.h"
#include "http/pages/incident_learning_parts.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/actions/action_service.h"
#include "service/incidents/incident_review_service.h"
#include "service/incidents/incident_statistics.h"

namespace lis::http {

using nlohmann::json;

json IncidentLearningLinks(const RequestContext& ctx, long long id) {
  std::string base = "/incidents/" + std::to_string(id);
  return json::array({{{"href", base + "/review"}, {"label", Text(ctx, "incident_review.link")}},
                      {{"href", "/api/v1/incidents/" + std::to_string(id) + "/summary.pdf"},
                       {"label", Text(ctx, "incident_summary.link")}}});
}

namespace {

// ---- The review ----

const char* const kReviewFields[] = {"cause", "what_worked", "to_improve"};

// `input` is what the user sent when the form failed (shown again), else null.
void ShowReview(App& app, RequestContext& ctx, HttpResponse& out, const Error* failure,
                const json& input) {
  long long id = PathId(ctx);
  auto review = app.incident_reviews.Get(*ctx.caller, id);
  if (!review.ok()) return WriteErrorPage(out, ctx, review.error());
  const json& r = *review;
  const std::string base = "/incidents/" + std::to_string(id);
  bool can_edit = r.value("can_edit", false);
  json fields = json::array();
  for (const char* f : kReviewFields) {
    std::string value = input.is_object() ? Str(input, f) : Str(r, f);
    fields.push_back({{"name", f},
                      {"id", std::string("review-") + f},
                      {"label", Text(ctx, std::string("incident_review.") + f)},
                      {"hint", Text(ctx, std::string("incident_review.hint.") + f)},
                      {"value", value},
                      {"shown", value.empty() ? Text(ctx, "incident_review.empty") : value},
                      {"invalid", failure && failure->field == f}});
  }
  json data = {{"title", Text(ctx, "incident_review.title", {{"id", std::to_string(id)}})},
               {"back_href", base},
               {"action", base + "/review"},
               {"can_edit", can_edit},
               {"exists", r.value("exists", false)},
               {"version", r["version"]},
               {"fields", fields},
               {"links", IncidentLearningLinks(ctx, id)}};
  if (r.value("exists", false))
    data["reviewed"] =
        Text(ctx, "incident_review.reviewed",
             {{"name", Str(r, "reviewed_by_name")}, {"at", LocalTimeText(Str(r, "reviewed_at"))}});
  if (failure) {
    data["error"] = Messages::Embedded().ErrorText(ctx.language, *failure);
    if (!failure->field.empty()) data["error_href"] = "#review-" + failure->field;
  }
  data["actions_html"] =
      OriginActionsHtml(app, ctx,
                        {.origin = "incident",
                         .origin_id = id,
                         .org_unit_id = r["org_unit_id"].get<long long>(),
                         .create_path = base + "/review/action",
                         .form_id = "review-action",
                         .may_create_here = can_edit && !Str(r, "to_improve").empty()});
  if (can_edit) {
    Form deviation(ctx, "review-deviation", base + "/review/deviation", nullptr);
    deviation.Inline().Submit("deviations.from_origin_submit", "secondary");
    data["deviation_form"] = deviation.Html();
  }
  WritePage(out, ctx, "incident_review", "", "incidents", std::move(data), PageStatus(failure));
}

void GetReview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  ShowReview(app, ctx, out, nullptr, nullptr);
}

void PostReview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  json body = json::object();
  for (const char* f : kReviewFields) body[f] = ctx.request.Param(f);
  body["version"] = Digits(ctx.request.Param("version")).value_or(-1);
  auto r = app.incident_reviews.Put(*ctx.caller, PathId(ctx), body);
  if (!r.ok()) {
    if (r.error().code != Code::kInvalid && r.error().code != Code::kConflict)
      return WriteErrorPage(out, ctx, r.error());
    return ShowReview(app, ctx, out, &r.error(), body);
  }
  out.Redirect("/incidents/" + std::to_string(PathId(ctx)) +
               "/review?notice=incident_review_saved");
}

void PostReviewAction(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "review-action", {},
      [&](const json&) -> Result<json> {
        auto draft = app.incident_reviews.ActionDraft(*ctx.caller, id, ctx.language);
        if (!draft.ok()) return draft.error();
        return app.actions.CreateForOrigin(*ctx.caller, *draft);
      },
      [&](const json& a) {
        out.Redirect("/actions/" + std::to_string(a["id"].get<long long>()) +
                     "?notice=action_created");
      },
      [&](const FormFailure& f) { WriteErrorPage(out, ctx, f.error); });
}

// ---- Statistics ----

constexpr int kBarWidth = 36;
constexpr int kBarGap = 10;
constexpr int kChartLeft = 44;
constexpr int kChartTop = 24;
constexpr int kChartHeight = 180;
constexpr int kChartBottom = 48;

// The months as an SVG bar chart: bars with fill attributes only (the CSP forbids inline
// style), each labelled for screen readers; the same numbers follow as a table.
json MonthChart(const RequestContext& ctx, const json& months) {
  long long max = 1;
  for (const auto& m : months) max = std::max(max, m["count"].get<long long>());
  json bars = json::array();
  int x = kChartLeft + kBarGap;
  for (const auto& m : months) {
    long long count = m["count"].get<long long>();
    int h = static_cast<int>(count * kChartHeight / max);
    int y = kChartTop + kChartHeight - h;
    bars.push_back(
        {{"x", x},
         {"y", y},
         {"h", h},
         {"tx", x + kBarWidth / 2},
         {"ty", y - 6},
         {"ly", kChartTop + kChartHeight + 18},
         {"count", count},
         {"month", Str(m, "month")},
         {"short", Str(m, "month").substr(2)},
         {"label", Text(ctx, "incident_stats.bar",
                        {{"month", Str(m, "month")}, {"count", std::to_string(count)}})}});
    x += kBarWidth + kBarGap;
  }
  return {{"bars", bars},
          {"width", x + kBarGap},
          {"height", kChartTop + kChartHeight + kChartBottom},
          {"axis_y", kChartTop + kChartHeight},
          {"axis_x2", x},
          {"max", max},
          {"max_y", kChartTop + 4},
          {"axis_label_x", kChartLeft - 6}};
}

std::string Hours(const json& v) {
  if (!v.is_number()) return "–";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", v.get<double>());
  return buf;
}

json DurationRows(const RequestContext& ctx, const json& s) {
  json rows = json::array();
  for (const char* k : {"time_to_triage", "time_to_close"}) {
    const json& d = s[k];
    rows.push_back({{"label", Text(ctx, std::string("incident_stats.") + k)},
                    {"count", d["count"]},
                    {"median", Hours(d["median_hours"])},
                    {"mean", Hours(d["mean_hours"])}});
  }
  return rows;
}

json Rows(const RequestContext& ctx, const json& items, const std::string& key,
          const std::string& prefix) {
  json rows = json::array();
  for (const auto& item : items) {
    std::string label;
    if (item[key].is_null())
      label = Text(ctx, "incident_stats.not_set");
    else if (item[key].is_string())
      label = prefix.empty() ? item[key].get<std::string>() : Text(ctx, prefix + Str(item, key));
    else
      label = std::to_string(item[key].get<long long>());
    rows.push_back({{"label", label}, {"count", item["count"]}});
  }
  return rows;
}

void GetStatistics(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto q = service::ReadIncidentStatsQuery(QueryParams(ctx));
  if (!q.ok()) return WriteErrorPage(out, ctx, q.error());
  auto stats = app.incident_stats.Statistics(*ctx.caller, *q);
  if (!stats.ok()) return WriteErrorPage(out, ctx, stats.error());
  const json& s = *stats;
  auto loaded = OrgTree::Load(app, *ctx.caller);
  OrgTree tree = loaded.ok() ? std::move(*loaded) : OrgTree();
  std::string current = q->org_unit_id ? std::to_string(*q->org_unit_id) : "";
  json units = json::array({{{"value", ""},
                             {"label", Text(ctx, "incident_stats.scope_all")},
                             {"selected", current.empty()}}});
  for (const auto& o : tree.Options())
    units.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  json units_rows = json::array();
  for (const auto& u : s["by_unit"])
    units_rows.push_back({{"label", Str(u, "org_unit")}, {"count", u["count"]}});
  json data = {{"units", units},
               {"from", s["from"]},
               {"to", s["to"]},
               {"period", Text(ctx, "incident_stats.period",
                               {{"from", Str(s, "from")},
                                {"to", Str(s, "to")},
                                {"scope", q->org_unit_id ? tree.NameOf(*q->org_unit_id)
                                                         : Text(ctx, "incident_stats.scope_all")},
                                {"total", std::to_string(s["total"].get<long long>())}})},
               {"chart", MonthChart(ctx, s["by_month"])},
               {"months", Rows(ctx, s["by_month"], "month", "")},
               {"categories", Rows(ctx, s["by_category"], "category", "")},
               {"severities", Rows(ctx, s["by_severity"], "severity", "")},
               {"statuses", Rows(ctx, s["by_status"], "status", "incident_summary.status.")},
               {"unit_rows", units_rows},
               {"durations", DurationRows(ctx, s)}};
  WritePage(out, ctx, "incident_statistics", "incident_stats.title", "incident_stats",
            std::move(data));
}

}  // namespace

void RegisterIncidentLearningPages(Router& router, App& app) {
  router.Add("GET", "/incidents/statistics", Bind(app, GetStatistics));
  router.Add("GET", "/incidents/{id}/review", Bind(app, GetReview));
  router.Add("POST", "/incidents/{id}/review", Bind(app, PostReview));
  router.Add("POST", "/incidents/{id}/review/action", Bind(app, PostReviewAction));
}

}  // namespace lis::http
