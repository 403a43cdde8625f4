// Incident pages for everyone (issue 6): the report form behind the header's "Rapportera
// incident" button, its receipt, the caller's own reports ("Mina rapporter"), and the list of
// incidents for those who see them in full. One incident: incident_detail_page.cpp.
#include <nlohmann/json.hpp>

#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/incident_parts.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/assets/system_service.h"
#include "service/incidents/incident_access.h"
#include "service/incidents/incident_page_support.h"
#include "service/incidents/incident_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// ---- The report form ----

std::vector<SelectOption> UnitOptions(const service::ReportFormChoices& choices) {
  std::vector<SelectOption> out;
  for (const auto& u : choices.units) out.push_back({std::to_string(u.id), u.label});
  return out;
}

// The systems the caller reads, after "not known".
std::vector<SelectOption> SystemOptions(App& app, const RequestContext& ctx) {
  std::vector<SelectOption> out = {{"", Text(ctx, "incidents.system_unknown")}};
  service::SystemListQuery q;
  q.page = {500, 0};
  q.class_reasons = false;
  if (auto list = app.systems.List(*ctx.caller, q); list.ok())
    for (const auto& s : list->items) out.push_back({IdOf(s), Str(s, "name")});
  return out;
}

std::vector<SelectOption> PersonalDataOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out = {{"", Text(ctx, "incidents.choose")}};
  for (const char* v : {"yes", "no", "dont_know"})
    out.push_back({v, Text(ctx, std::string("incidents.personal_data.") + v)});
  return out;
}

void ShowReportForm(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  service::ReportFormChoices choices = service::LoadReportFormChoices(app.db, *ctx.caller);
  std::string own = choices.own_unit_id ? std::to_string(*choices.own_unit_id) : "";
  std::string now = NowInput();
  auto time = FormInput().Type("datetime-local").Required().Hint("incidents.hint.local_time");
  Form form(ctx, "incident-report", "/incidents", failure);
  form.Text("title", "incidents.field.title", "",
            FormInput().Required().Hint("incidents.hint.title"))
      .Text("description", "incidents.field.description", "",
            FormInput().Type("textarea").Hint("incidents.hint.description"))
      .Text("occurred_at", "incidents.field.occurred_at", now, time)
      .Text("discovered_at", "incidents.field.discovered_at", now, time)
      .Select("org_unit_id", "incidents.field.org_unit", UnitOptions(choices), own)
      .Select("system_id", "incidents.field.system", SystemOptions(app, ctx), "", false)
      .Select("personal_data", "incidents.field.personal_data", PersonalDataOptions(ctx), "")
      .Checkbox("ongoing", "incidents.field.ongoing", false)
      .Text("reporter_contact", "incidents.field.reporter_contact", choices.email,
            FormInput().Hint("incidents.hint.reporter_contact"))
      .Submit("incidents.report_submit");
  WritePage(out, ctx, "incident_new", "page.incident_new.title", "", {{"form", form.Html()}},
            PageStatus(FailureError(failure)));
}

// "yes" and "don't know" both mean that personal data may be involved: the incident is then
// shown to the data protection officer, who is better asked once too often than missed.
Status ReadPersonalData(json& body) {
  std::string v = body.value("personal_data", json("")).is_string()
                      ? body["personal_data"].get<std::string>()
                      : "";
  if (v != "yes" && v != "no" && v != "dont_know")
    return Invalid("error.incident_form_personal_data", "personal_data");
  body["personal_data"] = v != "no";
  return {};
}

void PostReport(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "incident-report",
      {{"title"},
       {"description"},
       {"occurred_at"},
       {"discovered_at"},
       {"org_unit_id", FormField::kInt},
       {"system_id", FormField::kInt},
       {"personal_data"},
       {"ongoing", FormField::kBool},
       {"reporter_contact"}},
      [&](json body) -> Result<json> {
        if (Status s = WallTimesToUtc(body, {"occurred_at", "discovered_at"}); !s.ok())
          return s.error();
        if (Status s = ReadPersonalData(body); !s.ok()) return s.error();
        if (body.contains("system_id") && body["system_id"].is_null()) body.erase("system_id");
        return app.incidents.Report(*ctx.caller, body);
      },
      [&](const json& r) { out.Redirect("/incidents/" + IdOf(r) + "/receipt"); },
      [&](const FormFailure& f) { ShowReportForm(app, ctx, out, &f); });
}

void GetReportForm(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowReportForm(app, ctx, out, nullptr);
}

// The receipt after a report: its number and what happens next.
void GetReceipt(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto incident = app.incidents.Get(*ctx.caller, PathId(ctx));
  if (!incident.ok()) return WriteErrorPage(out, ctx, incident.error());
  const json& r = *incident;
  WritePage(out, ctx, "incident_receipt", "page.incident_receipt.title", "",
            {{"number", IdOf(r)},
             {"href", "/incidents/" + IdOf(r)},
             {"incident_title", Str(r, "title")},
             {"reported_at", IncidentTimeText(r, "created_at")},
             {"number_text", Text(ctx, "incidents.receipt.number", {{"number", IdOf(r)}})}});
}

// ---- Lists ----

json PagerData(const RequestContext& ctx, const std::string& path, const std::string& kept,
               long long page, long long shown, long long total) {
  long long first = (page - 1) * kPageSize;
  json data = {
      {"showing", shown == 0 ? Text(ctx, "incidents.none_found")
                             : Text(ctx, "incidents.showing",
                                    {{"from", std::to_string(first + 1)},
                                     {"to", std::to_string(first + shown)},
                                     {"total", std::to_string(total)}})},
      {"prev_href", page > 1 ? path + "?page=" + std::to_string(page - 1) + kept : ""},
      {"next_href",
       first + kPageSize < total ? path + "?page=" + std::to_string(page + 1) + kept : ""}};
  data["has_pager"] = page > 1 || first + kPageSize < total;
  return data;
}

void Merge(json& into, const json& from) {
  for (auto it = from.begin(); it != from.end(); ++it) into[it.key()] = *it;
}

json Tabs(const RequestContext& ctx, bool mine) {
  json tabs = json::array();
  if (!mine || service::ReadsIncidentsByRole(*ctx.caller))
    tabs.push_back(
        {{"href", "/incidents"}, {"label", Text(ctx, "incidents.tab.all")}, {"current", !mine}});
  tabs.push_back(
      {{"href", "/incidents/mine"}, {"label", Text(ctx, "incidents.tab.mine")}, {"current", mine}});
  tabs.push_back({{"href", "/incidents/new"},
                  {"label", Text(ctx, "incidents.report_button")},
                  {"current", false}});
  return tabs;
}

void GetMine(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long page = PageNumberParam(ctx);
  auto result = app.incidents.ListReported(*ctx.caller, {kPageSize, (page - 1) * kPageSize});
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  json rows = json::array();
  for (const auto& r : result->items)
    rows.push_back({{"href", "/incidents/" + IdOf(r)},
                    {"number", IdOf(r)},
                    {"title", Str(r, "title")},
                    {"status", IncidentStatusText(ctx, r)},
                    {"reported_at", IncidentTimeText(r, "created_at")}});
  json data = {{"tabs", Tabs(ctx, true)}, {"rows", rows}, {"has_rows", !rows.empty()}};
  Merge(data, PagerData(ctx, "/incidents/mine", "", page, rows.size(), result->total));
  WritePage(out, ctx, "incidents_mine", "page.incidents_mine.title", "incidents", data);
}

const char* const kIncidentListParams[] = {
    "q",        "status",     "org_unit_id",          "severity",
    "category", "handler_id", "personal_data_breach", "significant",
    "sort"};

json Select(const RequestContext& ctx, const std::string& name, const std::string& label_key,
            const std::vector<SelectOption>& options) {
  std::string current = ctx.request.Param(name);
  json opts = json::array({{{"value", ""},
                            {"label", Text(ctx, "incidents.filter.any")},
                            {"selected", current.empty()}}});
  for (const auto& o : options)
    opts.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  return {
      {"id", "filter-" + name}, {"name", name}, {"label", Text(ctx, label_key)}, {"options", opts}};
}

std::vector<SelectOption> YesNo(const RequestContext& ctx) {
  return {{"true", Text(ctx, "common.yes")}, {"false", Text(ctx, "common.no")}};
}

json FilterSelects(App& app, const RequestContext& ctx) {
  std::vector<SelectOption> statuses = {{"open", Text(ctx, "incidents.status.open")}};
  for (auto& s : StatusOptions(ctx)) statuses.push_back(std::move(s));
  service::ReportFormChoices choices = service::LoadReportFormChoices(app.db, *ctx.caller);
  return json::array(
      {Select(ctx, "status", "incidents.field.status", statuses),
       Select(ctx, "severity", "incidents.field.severity", SeverityOptions(ctx)),
       Select(ctx, "category", "incidents.field.category", CategoryOptions(ctx)),
       Select(ctx, "org_unit_id", "incidents.field.org_unit", UnitOptions(choices)),
       Select(ctx, "personal_data_breach", "incidents.field.personal_data_breach", YesNo(ctx)),
       Select(ctx, "significant", "incidents.field.significant", YesNo(ctx))});
}

json SortHeaders(const RequestContext& ctx) {
  std::string sort = ctx.request.Param("sort");
  if (sort.empty()) sort = "-created_at";
  std::string kept = KeptParams(QueryParams(ctx), kIncidentListParams, "sort");
  json headers = json::array();
  auto add = [&](const std::string& key, const std::string& sort_key) {
    json h = {{"label", Text(ctx, key)}, {"href", ""}, {"aria_sort", ""}};
    if (!sort_key.empty()) {
      h["href"] = "/incidents?sort=" + (sort == sort_key ? "-" + sort_key : sort_key) + kept;
      if (sort == sort_key) h["aria_sort"] = "ascending";
      if (sort == "-" + sort_key) h["aria_sort"] = "descending";
    }
    headers.push_back(h);
  };
  add("incidents.field.number", "");
  add("incidents.field.title", "title");
  add("incidents.field.status", "status");
  add("incidents.field.severity", "severity");
  add("incidents.field.category", "");
  add("incidents.field.org_unit", "");
  add("incidents.field.handler", "");
  add("incidents.field.occurred_at", "occurred_at");
  add("incidents.field.reported_at", "created_at");
  return headers;
}

json ListRow(const RequestContext& ctx, const json& r) {
  std::vector<std::string> flags;
  if (r.value("personal_data_breach", false))
    flags.push_back(Text(ctx, "incidents.flag.personal_data_breach"));
  if (r.value("significant", false)) flags.push_back(Text(ctx, "incidents.flag.significant"));
  std::string flag_text;
  for (const auto& f : flags) flag_text += (flag_text.empty() ? "" : ", ") + f;
  return {{"href", "/incidents/" + IdOf(r)},
          {"number", IdOf(r)},
          {"title", Str(r, "title")},
          {"status", IncidentStatusText(ctx, r)},
          {"severity", SeverityText(ctx, r.value("severity", json(nullptr)))},
          {"category", CategoryText(ctx, r.value("category", json(nullptr)))},
          {"org_unit", Str(r, "org_unit")},
          {"handler", Str(r, "handler_name")},
          {"occurred_at", IncidentTimeText(r, "occurred_at")},
          {"reported_at", IncidentTimeText(r, "created_at")},
          {"flags", flag_text}};
}

void GetIncidentList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto query = service::ReadIncidentListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto result = app.incidents.List(*ctx.caller, *query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  json rows = json::array();
  for (const auto& r : result->items) rows.push_back(ListRow(ctx, r));
  json data = {{"tabs", Tabs(ctx, false)},
               {"q", ctx.request.Param("q")},
               {"sort", ctx.request.Param("sort")},
               {"selects", FilterSelects(app, ctx)},
               {"mine_checked", ctx.request.Param("handler_id") == "me"},
               {"filtered", !KeptParams(QueryParams(ctx), kIncidentListParams, "sort").empty()},
               {"headers", SortHeaders(ctx)},
               {"rows", rows},
               {"has_rows", !rows.empty()}};
  Merge(data, PagerData(ctx, "/incidents", KeptParams(QueryParams(ctx), kIncidentListParams), page,
                        rows.size(), result->total));
  WritePage(out, ctx, "incidents_list", "page.incidents.title", "incidents", data);
}

}  // namespace

void RegisterIncidentPages(Router& router, App& app) {
  SetIncidentNavCheck([&app](const service::Caller& caller) {
    return service::HandlesAssignedIncidents(app.db, caller);
  });
  router.Add("GET", "/incidents", Bind(app, GetIncidentList));
  router.Add("POST", "/incidents", Bind(app, PostReport));
  router.Add("GET", "/incidents/new", Bind(app, GetReportForm));
  router.Add("GET", "/incidents/mine", Bind(app, GetMine));
  router.Add("GET", "/incidents/{id}/receipt", Bind(app, GetReceipt));
  RegisterIncidentDetailPages(router, app);
}

}  // namespace lis::http
