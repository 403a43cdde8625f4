// One incident on pages (issue 6): the full view for those who see it in full (facts, the
// triage form for handlers, the regulatory clocks of incident_clock_parts.h, links, the
// timeline with its add form, the history) and the summary its reporter sees. Everyone else gets
// 404 (incident_access.h).
#include <nlohmann/json.hpp>

#include "domain/incidents/incident_rules.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/incident_clock_parts.h"
#include "http/pages/incident_learning_parts.h"
#include "http/pages/incident_parts.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/actions/action_service.h"
#include "service/assets/information_set_service.h"
#include "service/assets/system_service.h"
#include "service/incidents/incident_service.h"
#include "service/org/user_service.h"
#include "service/risk/risk_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

const char* const kAspects[] = {"K", "R", "T", "S"};
const char* const kBreachFields[] = {"breach_subjects", "breach_records", "breach_consequences",
                                     "breach_measures", "breach_subjects_informed"};

std::string Base(long long id) {
  return "/incidents/" + std::to_string(id);
}

std::string YesNo(const RequestContext& ctx, const json& r, const std::string& key) {
  return Text(ctx, r.value(key, false) ? "common.yes" : "common.no");
}

// The stored aspects ("KT" or ["K", "T"]) as letters.
std::vector<std::string> AspectsOf(const json& r) {
  if (r.contains("aspects") && r["aspects"].is_array()) {
    std::vector<std::string> out;
    for (const auto& a : r["aspects"])
      if (a.is_string()) out.push_back(a.get<std::string>());
    return out;
  }
  return domain::AspectLetters(Str(r, "aspects"));
}

std::string AspectsText(const RequestContext& ctx, const json& r) {
  std::string out;
  for (const auto& a : AspectsOf(r))
    out += (out.empty() ? "" : ", ") + Text(ctx, "incidents.aspect." + a);
  return out;
}

// The name of the unit: "org_unit" as text or as {name}.
std::string UnitName(const json& r) {
  if (r.contains("org_unit") && r["org_unit"].is_object()) return Str(r["org_unit"], "name");
  return Str(r, "org_unit");
}

json Row(const RequestContext& ctx, const std::string& key, const std::string& value) {
  return {{"label", Text(ctx, key)}, {"value", value.empty() ? Text(ctx, "common.none") : value}};
}

// What the reporter wrote: the rows both views show.
json ReportedRows(const RequestContext& ctx, const json& r) {
  std::string personal =
      Text(ctx, r.value("personal_data", false) ? "incidents.personal_data.may_be_involved"
                                                : "incidents.personal_data.no");
  return json::array(
      {Row(ctx, "incidents.field.number", IdOf(r)),
       Row(ctx, "incidents.field.status", IncidentStatusText(ctx, r)),
       Row(ctx, "incidents.field.reported_at", IncidentTimeText(r, "created_at")),
       Row(ctx, "incidents.field.occurred_at", IncidentTimeText(r, "occurred_at")),
       Row(ctx, "incidents.field.discovered_at", IncidentTimeText(r, "discovered_at")),
       Row(ctx, "incidents.field.org_unit", UnitName(r)),
       Row(ctx, "incidents.field.system", Str(r, "system_name")),
       Row(ctx, "incidents.field.personal_data", personal),
       Row(ctx, "incidents.field.ongoing", YesNo(ctx, r, "ongoing")),
       Row(ctx, "incidents.field.reporter_contact", Str(r, "reporter_contact"))});
}

json HandlingRows(const RequestContext& ctx, const json& r) {
  json rows = json::array(
      {Row(ctx, "incidents.field.reporter", Str(r, "reporter_name")),
       Row(ctx, "incidents.field.severity", SeverityText(ctx, r.value("severity", json(nullptr)))),
       Row(ctx, "incidents.field.category", CategoryText(ctx, r.value("category", json(nullptr)))),
       Row(ctx, "incidents.field.aspects", AspectsText(ctx, r)),
       Row(ctx, "incidents.field.handler", Str(r, "handler_name")),
       Row(ctx, "incidents.field.personal_data_breach", YesNo(ctx, r, "personal_data_breach")),
       Row(ctx, "incidents.field.significant", YesNo(ctx, r, "significant")),
       Row(ctx, "incidents.field.awareness_at", IncidentTimeText(r, "awareness_at")),
       Row(ctx, "incidents.field.triaged_at", IncidentTimeText(r, "triaged_at")),
       Row(ctx, "incidents.field.closed_at", IncidentTimeText(r, "closed_at"))});
  if (r.value("personal_data_breach", false))
    for (const char* f : kBreachFields)
      rows.push_back(Row(ctx, std::string("incidents.field.") + f, Str(r, f)));
  return rows;
}

// ---- Triage ----

// The users the caller may name as handler: itself, those it may list, and the current one.
std::vector<SelectOption> HandlerOptions(App& app, const RequestContext& ctx, const json& r) {
  std::vector<SelectOption> out = {{"", Text(ctx, "incidents.handler_none")},
                                   {std::to_string(ctx.caller->user_id), ctx.caller->name}};
  std::string current = IdOf(r, "handler_id");
  bool has_current = current.empty() || current == out[1].value;
  service::UserListQuery q;
  q.page = {500, 0};
  if (auto users = app.users.List(*ctx.caller, q); users.ok())
    for (const auto& u : users->items) {
      std::string id = IdOf(u);
      if (id == out[1].value || !u.value("active", true)) continue;
      out.push_back({id, Str(u, "name")});
      has_current = has_current || id == current;
    }
  if (!has_current) out.push_back({current, Str(r, "handler_name")});
  return out;
}

std::string TriageFormHtml(App& app, const RequestContext& ctx, const json& r,
                           const FormFailure* failure) {
  std::vector<SelectOption> severities = {{"", Text(ctx, "incidents.severity_none")}};
  for (auto& s : SeverityOptions(ctx)) severities.push_back(std::move(s));
  std::vector<SelectOption> categories = {{"", Text(ctx, "incidents.category_none")}};
  for (auto& c : CategoryOptions(ctx)) categories.push_back(std::move(c));
  std::vector<std::string> aspects = AspectsOf(r);
  Form form(ctx, "incident-triage", Base(r["id"].get<long long>()), failure);
  form.Hidden("version", IdOf(r, "version"))
      .Select("status", "incidents.field.status", StatusOptions(ctx), Str(r, "status"))
      .Select("severity", "incidents.field.severity", severities, IdOf(r, "severity"), false)
      .Select("category", "incidents.field.category", categories, Str(r, "category"), false);
  for (const char* a : kAspects)
    form.Checkbox(std::string("aspect_") + a, std::string("incidents.aspect.") + a,
                  std::find(aspects.begin(), aspects.end(), a) != aspects.end());
  form.Select("handler_id", "incidents.field.handler", HandlerOptions(app, ctx, r),
              IdOf(r, "handler_id"), false)
      .Checkbox("personal_data_breach", "incidents.field.personal_data_breach",
                r.value("personal_data_breach", false))
      .Checkbox("significant", "incidents.field.significant", r.value("significant", false))
      .Text("awareness_at", "incidents.field.awareness_at", IncidentTimeInput(r, "awareness_at"),
            FormInput().Type("datetime-local").Required().Hint("incidents.hint.awareness_at"));
  for (const char* f : kBreachFields)
    form.Text(f, std::string("incidents.field.") + f, Str(r, f),
              FormInput().Type("textarea").Hint("incidents.hint.breach_fields"));
  form.Submit("incidents.triage_submit");
  return form.Html();
}

std::vector<FormField> TriageFields() {
  std::vector<FormField> f = {
      {"version", FormField::kInt},      {"status"},
      {"severity", FormField::kInt},     {"category", FormField::kText, true},
      {"handler_id", FormField::kInt},   {"personal_data_breach", FormField::kBool},
      {"significant", FormField::kBool}, {"awareness_at"}};
  for (const char* a : kAspects) f.push_back({std::string("aspect_") + a, FormField::kBool});
  for (const char* b : kBreachFields) f.push_back({b});
  return f;
}

// The triage form's body as the service takes it: the aspect checkboxes as one list, the
// awareness time in UTC — left out when the form sends it as it showed it (`base`), since the
// form shows whole minutes and the stored time may have seconds.
Result<json> TriageBody(json body, const std::string& base_awareness) {
  if (body.value("awareness_at", json("")) == json(base_awareness)) body.erase("awareness_at");
  json aspects = json::array();
  for (const char* a : kAspects) {
    std::string name = std::string("aspect_") + a;
    if (body.value(name, false)) aspects.push_back(a);
    body.erase(name);
  }
  body["aspects"] = aspects;
  if (Status s = WallTimesToUtc(body, {"awareness_at"}); !s.ok()) return s.error();
  return body;
}

// ---- Clocks, links, timeline ----

std::string LinkHref(const std::string& kind, const std::string& target) {
  if (kind == "system") return "/assets/systems/" + target;
  if (kind == "information_set") return "/assets/information-sets/" + target;
  if (kind == "risk") return "/risks/" + target;
  if (kind == "action") return "/actions/" + target;
  return "";
}

json LinkRows(const RequestContext& ctx, const json& r, bool can_handle,
              const FormFailure* failure) {
  json rows = json::array();
  if (!r.contains("links") || !r["links"].is_array()) return rows;
  long long id = r["id"].get<long long>();
  for (const auto& l : r["links"]) {
    std::string kind = Str(l, "kind"), label = Str(l, "label");
    json row = {{"kind", Text(ctx, "incidents.link_kind." + kind)},
                {"label", label.empty() ? "#" + IdOf(l, "target_id") : label},
                {"href", LinkHref(kind, IdOf(l, "target_id"))},
                {"remove_form", ""}};
    if (can_handle) {
      Form remove(ctx, "incident-link-remove-" + IdOf(l),
                  Base(id) + "/links/" + IdOf(l) + "/delete", failure);
      remove.Inline().Submit("common.remove", "secondary", label);
      row["remove_form"] = remove.Html();
    }
    rows.push_back(row);
  }
  return rows;
}

// Readable records of one kind as choices (at most 500 of each).
std::vector<SelectOption> LinkTargets(App& app, const RequestContext& ctx,
                                      const std::string& kind) {
  std::vector<SelectOption> out;
  auto add = [&](auto list, const char* name_key) {
    if (list.ok())
      for (const auto& x : list->items) out.push_back({IdOf(x), Str(x, name_key)});
  };
  if (kind == "system") {
    service::SystemListQuery q;
    q.page = {500, 0};
    q.class_reasons = false;
    add(app.systems.List(*ctx.caller, q), "name");
  } else if (kind == "information_set") {
    service::InformationSetListQuery q;
    q.page = {500, 0};
    q.class_reasons = false;
    add(app.sets.List(*ctx.caller, q), "name");
  } else if (kind == "risk") {
    service::RiskListQuery q;
    q.page = {500, 0};
    add(app.risks.List(*ctx.caller, q), "title");
  } else if (kind == "action") {
    service::ActionListQuery q;
    q.page = {500, 0};
    add(app.actions.List(*ctx.caller, q), "title");
  }
  return out;
}

std::string AddLinkFormHtml(App& app, const RequestContext& ctx, long long id,
                            const FormFailure* failure) {
  std::vector<SelectOption> targets;
  for (const auto& kind : domain::IncidentLinkKinds()) {
    std::string prefix = Text(ctx, "incidents.link_kind." + kind) + ": ";
    for (auto& t : LinkTargets(app, ctx, kind))
      targets.push_back({kind + ":" + t.value, prefix + t.label});
  }
  Form form(ctx, "incident-link-add", Base(id) + "/links", failure);
  form.Select("target", "incidents.field.link_target", targets, "").Submit("incidents.link_submit");
  return form.Html();
}

json TimelineRows(const RequestContext& ctx, const std::vector<json>& entries) {
  json rows = json::array();
  for (const auto& e : entries)
    rows.push_back({{"when", IncidentTimeText(e, "happened_at")},
                    {"kind", Text(ctx, "incidents.timeline_kind." + Str(e, "kind"))},
                    {"author", Str(e, "author_name")},
                    {"body", Str(e, "body")}});
  return rows;
}

std::string TimelineFormHtml(const RequestContext& ctx, long long id, const FormFailure* failure) {
  std::vector<SelectOption> kinds;
  for (const auto& k : domain::TimelineEntryKinds())
    kinds.push_back({k, Text(ctx, "incidents.timeline_kind." + k)});
  Form form(ctx, "incident-timeline", Base(id) + "/timeline", failure);
  form.Select("kind", "incidents.field.timeline_kind", kinds, "note")
      .Text("body", "incidents.field.timeline_body", "", FormInput().Type("textarea").Required())
      .Text("happened_at", "incidents.field.happened_at", NowInput(),
            FormInput().Type("datetime-local").Hint("incidents.hint.local_time"))
      .Submit("incidents.timeline_submit");
  return form.Html();
}

// ---- The page ----

void ShowSummary(RequestContext& ctx, HttpResponse& out, const json& r) {
  WritePage(out, ctx, "incident_summary", "", "incidents",
            {{"title", Str(r, "title")},
             {"rows", ReportedRows(ctx, r)},
             {"description", Str(r, "description")}});
}

void ShowIncident(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto incident = app.incidents.Get(*ctx.caller, id);
  if (!incident.ok()) return WriteErrorPage(out, ctx, incident.error());
  const json& r = *incident;
  if (Str(r, "view") == "reporter") return ShowSummary(ctx, out, r);
  const json can = r.value("can", json::object());
  bool handle = can.value("handle", false);
  json data = {{"path", Base(id)},
               {"title", Str(r, "title")},
               {"description", Str(r, "description")},
               {"reported_rows", ReportedRows(ctx, r)},
               {"handling_rows", HandlingRows(ctx, r)},
               {"clocks_html", IncidentClocksHtml(app, ctx, id, failure)},
               {"link_rows", LinkRows(ctx, r, handle, failure)},
               {"history_href", Base(id) + "/history"},
               {"learning_links", IncidentLearningLinks(ctx, id)}};
  data["has_links"] = !data["link_rows"].empty();
  auto timeline = app.incidents.Timeline(*ctx.caller, id);
  data["timeline"] = TimelineRows(ctx, timeline.ok() ? *timeline : std::vector<json>{});
  data["has_timeline"] = !data["timeline"].empty();
  if (handle) {
    data["triage_form"] = TriageFormHtml(app, ctx, r, failure);
    data["link_form"] = AddLinkFormHtml(app, ctx, id, failure);
  }
  if (can.value("add_timeline", handle)) data["timeline_form"] = TimelineFormHtml(ctx, id, failure);
  WritePage(out, ctx, "incident_detail", "", "incidents", data, PageStatus(FailureError(failure)));
}

void GetIncident(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowIncident(app, ctx, out, nullptr);
}

void PostTriage(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "incident-triage", TriageFields(),
      [&](const json& form) -> Result<json> {
        auto body = TriageBody(form, ctx.request.Param("_base_awareness_at"));
        if (!body.ok()) return body.error();
        return app.incidents.Update(*ctx.caller, id, *body);
      },
      [&](const json&) { out.Redirect(Base(id) + "?notice=saved"); },
      [&](const FormFailure& f) { ShowIncident(app, ctx, out, &f); });
}

void PostTimeline(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "incident-timeline", {{"kind"}, {"body"}, {"happened_at"}},
      [&](json body) -> Result<json> {
        if (Status s = WallTimesToUtc(body, {"happened_at"}, true); !s.ok()) return s.error();
        if (body.contains("happened_at") && body["happened_at"].is_null())
          body.erase("happened_at");
        return app.incidents.AddTimelineEntry(*ctx.caller, id, body);
      },
      [&](const json&) { out.Redirect(Base(id) + "?notice=timeline_added#timeline-heading"); },
      [&](const FormFailure& f) { ShowIncident(app, ctx, out, &f); });
}

// The add-link form sends "kind:target_id".
void PostLink(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "incident-link-add", {{"target"}},
      [&](const json& form) -> Result<json> {
        std::string target = form.value("target", "");
        size_t colon = target.find(':');
        auto target_id =
            colon == std::string::npos ? std::nullopt : Digits(target.substr(colon + 1));
        if (!target_id) return Invalid("error.incident_form_link_target", "target");
        return app.incidents.AddLink(
            *ctx.caller, id, {{"kind", target.substr(0, colon)}, {"target_id", *target_id}});
      },
      [&](const json&) { out.Redirect(Base(id) + "?notice=link_added#links-heading"); },
      [&](const FormFailure& f) { ShowIncident(app, ctx, out, &f); });
}

void PostRemoveLink(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  long long link = PathId(ctx, "link_id");
  HandleForm(
      ctx, out, "incident-link-remove-" + std::to_string(link), {},
      [&](const json&) -> Result<json> {
        Status s = app.incidents.RemoveLink(*ctx.caller, id, link);
        if (!s.ok()) return s.error();
        return json::object();
      },
      [&](const json&) { out.Redirect(Base(id) + "?notice=link_removed#links-heading"); },
      [&](const FormFailure& f) { ShowIncident(app, ctx, out, &f); });
}

void GetHistory(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto incident = app.incidents.Get(*ctx.caller, id);
  if (!incident.ok()) return WriteErrorPage(out, ctx, incident.error());
  if (Str(*incident, "view") == "reporter") return WriteNotFoundPage(out, ctx);
  auto entries = app.incidents.History(*ctx.caller, id);
  if (!entries.ok()) return WriteErrorPage(out, ctx, entries.error());
  auto tree = OrgTree::Load(app, *ctx.caller);
  std::string title = Str(*incident, "title");
  json data = {{"title", Text(ctx, "incidents.history_title", {{"title", title}})},
               {"incident_title", title},
               {"href", Base(id)},
               {"history_html", HistoryHtml(ctx, tree.ok() ? *tree : OrgTree(), *entries,
                                            HistoryOptions{.base = Base(id),
                                                           .form_prefix = "incident-restore",
                                                           .record_name = title,
                                                           .can_restore = false,
                                                           .version_pages = false},
                                            nullptr)}};
  WritePage(out, ctx, "incident_history", "", "incidents", data);
}

}  // namespace

void RegisterIncidentDetailPages(Router& router, App& app) {
  router.Add("GET", "/incidents/{id}", Bind(app, GetIncident));
  router.Add("POST", "/incidents/{id}", Bind(app, PostTriage));
  router.Add("POST", "/incidents/{id}/timeline", Bind(app, PostTimeline));
  router.Add("POST", "/incidents/{id}/links", Bind(app, PostLink));
  router.Add("POST", "/incidents/{id}/links/{link_id}/delete", Bind(app, PostRemoveLink));
  router.Add("GET", "/incidents/{id}/history", Bind(app, GetHistory));
}

}  // namespace lis::http
