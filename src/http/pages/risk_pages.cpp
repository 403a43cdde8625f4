// Risk pages: the risk analyses with their risks and heatmaps, one risk with its acceptance
// and history, the risk list with filters (the cells of a matrix link to it), the matrix of
// an area, and the organisations' risk settings.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/assets/classification.h"
#include "domain/risk/risk.h"
#include "http/api/api_support.h"
#include "http/pages/action_parts.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/pages/risk_matrix_view.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/org/user_service.h"
#include "service/risk/risk_access.h"
#include "service/risk/risk_analysis_service.h"
#include "service/risk/risk_service.h"
#include "service/risk/risk_settings_service.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

// "3 Sannolik" for a step of the scale of `axis` ("likelihood", "consequence"); "" for none.
std::string StepText(const RequestContext& ctx, const std::string& axis, const json& v) {
  if (!v.is_number_integer()) return "";
  std::string n = std::to_string(v.get<long long>());
  return n + " " + Text(ctx, "risk." + axis + "." + n);
}

// "12 (Mycket hög)"; "" for no score.
std::string ScoreText(const RequestContext& ctx, const json& score, const json& band) {
  if (!score.is_number_integer()) return "";
  return std::to_string(score.get<long long>()) + " (" +
         Text(ctx, "risk.band." + band.get<std::string>()) + ")";
}

std::vector<SelectOption> StepOptions(const RequestContext& ctx, const std::string& axis,
                                      bool none) {
  std::vector<SelectOption> out;
  if (none) out.push_back({"", Text(ctx, "common.none")});
  for (int i = 1; i <= domain::kRiskScaleMax; ++i)
    out.push_back({std::to_string(i), StepText(ctx, axis, i)});
  return out;
}

std::vector<SelectOption> TreatmentOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out = {{"", Text(ctx, "risk.treatment.none")}};
  for (const auto& t : domain::RiskTreatments())
    out.push_back({t, Text(ctx, "risk.treatment." + t)});
  return out;
}

// The choices of a filter select: "any" first, the current value selected.
json Choices(const RequestContext& ctx, const std::vector<SelectOption>& options,
             const std::string& current) {
  json out = json::array(
      {{{"value", ""}, {"label", Text(ctx, "risk.filter.any")}, {"selected", current.empty()}}});
  for (const auto& o : options)
    if (!o.value.empty())
      out.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  return out;
}

json FilterSelect(const std::string& name, const std::string& label, json options) {
  return {{"id", "filter-" + name}, {"name", name}, {"label", label}, {"options", options}};
}

// Paging links of a list page: data["showing"], "prev_href", "next_href", "has_pager".
void AddPager(const RequestContext& ctx, json& data, const std::string& path,
              const std::string& kept, long long page, long long shown, long long total) {
  long long first = (page - 1) * kPageSize;
  data["showing"] = shown == 0 ? Text(ctx, "risk.risks_none")
                               : Text(ctx, "risk.showing",
                                      {{"from", std::to_string(first + 1)},
                                       {"to", std::to_string(first + shown)},
                                       {"total", std::to_string(total)}});
  data["prev_href"] = page > 1 ? path + "?page=" + std::to_string(page - 1) + kept : "";
  data["next_href"] =
      first + kPageSize < total ? path + "?page=" + std::to_string(page + 1) + kept : "";
  data["has_pager"] = page > 1 || first + kPageSize < total;
}

// "&name=value" of each of `names` the request has a value for.
std::string Kept(const RequestContext& ctx, std::initializer_list<const char*> names) {
  std::string out;
  for (const char* n : names)
    if (!ctx.request.Param(n).empty())
      out += std::string("&") + n + "=" + UrlEncode(ctx.request.Param(n));
  return out;
}

// The table of risks (HTML).
std::string RiskRowsHtml(const RequestContext& ctx, const std::vector<json>& risks,
                         const std::string& table_id, bool show_analysis) {
  json rows = json::array();
  for (const auto& r : risks) {
    std::string state = Str(r, "state");
    rows.push_back(
        {{"href", "/risks/" + IdOf(r)},
         {"title", Str(r, "title")},
         {"score", ScoreText(ctx, r["score"], r["band"])},
         {"residual", ScoreText(ctx, r["residual_score"], r["residual_band"])},
         {"treatment", Text(ctx, "risk.treatment." + (r["treatment"].is_string()
                                                          ? r["treatment"].get<std::string>()
                                                          : std::string("none")))},
         {"state", Text(ctx, "risk.state." + state)},
         {"attention", state == "awaiting_acceptance" || state == "acceptance_expired"},
         {"owner", Str(r, "owner_name")},
         {"analysis", Str(r, "analysis_title")},
         {"analysis_href", "/risks/analyses/" + IdOf(r, "analysis_id")}});
  }
  return RenderTemplate("risk_rows", {{"rows", rows},
                                      {"has_rows", !rows.empty()},
                                      {"table_id", table_id},
                                      {"caption", Text(ctx, "risk.risks_caption")},
                                      {"none", Text(ctx, "risk.risks_none")},
                                      {"show_analysis", show_analysis},
                                      {"t_title", Text(ctx, "record.field.title")},
                                      {"t_score", Text(ctx, "record.field.score")},
                                      {"t_residual", Text(ctx, "record.field.residual_score")},
                                      {"t_treatment", Text(ctx, "record.field.treatment")},
                                      {"t_state", Text(ctx, "risk.field.state")},
                                      {"t_owner", Text(ctx, "record.field.owner_id")},
                                      {"t_analysis", Text(ctx, "risk.field.analysis")}});
}

// The scale with its descriptions (HTML).
std::string ScaleHtml(const RequestContext& ctx) {
  json steps = json::array();
  for (int i = 1; i <= domain::kRiskScaleMax; ++i) {
    std::string n = std::to_string(i);
    steps.push_back({{"step", n},
                     {"likelihood", Text(ctx, "risk.likelihood." + n)},
                     {"likelihood_desc", Text(ctx, "risk.likelihood_desc." + n)},
                     {"consequence", Text(ctx, "risk.consequence." + n)},
                     {"consequence_desc", Text(ctx, "risk.consequence_desc." + n)}});
  }
  return RenderTemplate("risk_scale", {{"heading", Text(ctx, "risk.scale_heading")},
                                       {"caption", Text(ctx, "risk.scale_caption")},
                                       {"t_step", Text(ctx, "risk.scale_step")},
                                       {"t_likelihood", Text(ctx, "record.field.likelihood")},
                                       {"t_consequence", Text(ctx, "record.field.consequence")},
                                       {"steps", steps}});
}

// Names of the readable records of a list (objects, systems, sets) as choices.
template <class Query, class Service>
std::vector<SelectOption> NamedOptions(const RequestContext& ctx, Service& service,
                                       const std::string& prefix) {
  std::vector<SelectOption> out;
  Query q;
  q.page = {500, 0};
  q.class_reasons = false;
  auto list = service.List(*ctx.caller, q);
  if (list.ok())
    for (const auto& r : list->items) out.push_back({prefix + IdOf(r), Str(r, "name")});
  return out;
}

// ---- Analyses ----

// The scope choices of an analysis: units where the caller may run analyses, then objects and
// systems it reads ("org_unit:3", "object:5", "system:8").
std::vector<SelectOption> ScopeOptions(App& app, const RequestContext& ctx, const OrgTree& tree) {
  std::vector<SelectOption> out;
  const std::string unit = Text(ctx, "risk.scope_kind.org_unit") + ": ";
  for (const auto& o : tree.Options())
    if (CallerMay(*ctx.caller, tree, Permission::kRiskWrite, std::stoll(o.value)))
      out.push_back({"org_unit:" + o.value, unit + o.label});
  for (auto [kind, options] :
       {std::pair{"object", NamedOptions<service::ObjectListQuery>(ctx, app.objects, "object:")},
        {"system", NamedOptions<service::SystemListQuery>(ctx, app.systems, "system:")}})
    for (auto& o : options)
      out.push_back({o.value, Text(ctx, std::string("risk.scope_kind.") + kind) + ": " + o.label});
  return out;
}

// Turns the form's "scope" ("kind:id") into scope_kind and scope_id.
json WithScope(json body) {
  if (!body.contains("scope")) return body;
  std::string scope = body["scope"].is_string() ? body["scope"].get<std::string>() : "";
  body.erase("scope");
  size_t colon = scope.find(':');
  std::string id = colon == std::string::npos ? "" : scope.substr(colon + 1);
  if (id.empty() || id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos)
    return body;  // the service names the missing scope
  body["scope_kind"] = scope.substr(0, colon);
  body["scope_id"] = std::stoll(id);
  return body;
}

// A service error about the scope, named as the form's field.
Result<json> OnScopeField(Result<json> r) {
  if (r.ok()) return r;
  Error e = r.error();
  if (e.field == "scope_id" || e.field == "scope_kind" || e.field == "org_unit_id")
    e.field = "scope";
  return e;
}

void ShowAnalyses(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  service::ParamLookup param =
      failure
          ? service::ParamLookup([](const std::string&) { return std::optional<std::string>(); })
          : QueryParams(ctx);
  auto query = service::ReadAnalysisListQuery(param);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto list = app.analyses.List(*ctx.caller, *query);
  if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  json rows = json::array();
  for (const auto& a : list->items)
    rows.push_back({{"href", "/risks/analyses/" + IdOf(a)},
                    {"title", Str(a, "title")},
                    {"scope", Text(ctx, "risk.scope_kind." + Str(a, "scope_kind"))},
                    {"unit", tree.NameOf(a["org_unit_id"].get<long long>())},
                    {"date", Str(a, "analysis_date")},
                    {"status", Text(ctx, "risk.analysis_status." + Str(a, "status"))},
                    {"risk_count", a.value("risk_count", 0LL)}});
  std::vector<SelectOption> statuses = {{"ongoing", Text(ctx, "risk.analysis_status.ongoing")},
                                        {"completed", Text(ctx, "risk.analysis_status.completed")}};
  json data = {
      {"q", param("q").value_or("")},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"filtered", !Kept(ctx, {"q", "org_unit_id", "status"}).empty()},
      {"selects",
       json::array({FilterSelect("org_unit_id", Text(ctx, "risk.filter.org_unit"),
                                 Choices(ctx, tree.Options(), param("org_unit_id").value_or(""))),
                    FilterSelect("status", Text(ctx, "record.field.status"),
                                 Choices(ctx, statuses, param("status").value_or("")))})}};
  AddPager(ctx, data, "/risks", Kept(ctx, {"q", "org_unit_id", "status"}), page,
           static_cast<long long>(rows.size()), list->total);
  if (service::CanWriteAnyRisk(*ctx.caller)) {
    Form form(ctx, "analysis-create", "/risks", failure);
    form.Text("title", "record.field.title", "", FormInput().Required())
        .Select("scope", "risk.field.scope", ScopeOptions(app, ctx, tree), "")
        .Text("analysis_date", "record.field.analysis_date", service::Today(),
              FormInput().Hint("risk.hint.date"))
        .Text("participants", "record.field.participants", "")
        .Text("method", "record.field.method", "")
        .Submit("risk.create_analysis_submit");
    data["create_form"] = form.Html();
  }
  WritePage(out, ctx, "risk_analyses", "page.risks.title", "risks", data,
            PageStatus(FailureError(failure)));
}

void GetAnalyses(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowAnalyses(app, ctx, out, nullptr);
}

void CreateAnalysis(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "analysis-create",
      {{"title"}, {"scope"}, {"analysis_date"}, {"participants"}, {"method"}},
      [&](const json& body) {
        return OnScopeField(app.analyses.Create(*ctx.caller, WithScope(body)));
      },
      [&](const json& r) { out.Redirect("/risks/analyses/" + IdOf(r) + "?notice=created"); },
      [&](const FormFailure& f) { ShowAnalyses(app, ctx, out, &f); });
}

// ---- The form of a risk ----

std::vector<FormField> RiskFormFields(bool edit) {
  std::vector<FormField> f = {{"title"},
                              {"threat"},
                              {"vulnerability"},
                              {"information_set_id", FormField::kInt},
                              {"system_id", FormField::kInt},
                              {"likelihood", FormField::kInt},
                              {"consequence", FormField::kInt},
                              {"existing_controls"},
                              {"treatment", FormField::kText, true},
                              {"planned_actions"},
                              {"residual_likelihood", FormField::kInt},
                              {"residual_consequence", FormField::kInt},
                              {"owner_id", FormField::kInt}};
  for (const char* a : domain::kAspectNames) f.push_back({a, FormField::kBool});
  if (edit) f.push_back({"version", FormField::kInt});
  return f;
}

// The form's single "add" choices folded into the lists the service takes (keeping what
// `risk` has), and the service's errors about the lists named as the form's fields.
Result<json> WithLinks(json body, const json* risk,
                       const std::function<Result<json>(const json&)>& call) {
  for (auto [one, many] :
       {std::pair{"information_set_id", "information_set_ids"}, {"system_id", "system_ids"}}) {
    json ids = risk ? risk->value(many, json::array()) : json::array();
    if (body.contains(one) && body[one].is_number_integer()) {
      ids.push_back(body[one]);
      body[many] = ids;
    } else if (!risk) {
      body[many] = ids;
    }
    body.erase(one);
  }
  auto r = call(body);
  if (r.ok()) return r;
  Error e = r.error();
  if (e.field == "information_set_ids") e.field = "information_set_id";
  if (e.field == "system_ids") e.field = "system_id";
  return e;
}

std::vector<SelectOption> OwnerOptions(App& app, const RequestContext& ctx, const json* risk) {
  std::vector<SelectOption> out = {{"", Text(ctx, "common.none")}};
  service::UserListQuery q;
  q.page = {500, 0};
  auto users = app.users.List(*ctx.caller, q);
  if (users.ok()) {
    for (const auto& u : users->items) out.push_back({IdOf(u), Str(u, "name")});
    return out;
  }
  out.push_back({std::to_string(ctx.caller->user_id), ctx.caller->name});
  if (risk && (*risk)["owner_id"].is_number_integer() &&
      (*risk)["owner_id"].get<long long>() != ctx.caller->user_id)
    out.push_back({IdOf(*risk, "owner_id"), Str(*risk, "owner_name")});
  return out;
}

// Names of the linked records of `risk` (`many`), among `options` ("" prefix values).
std::string LinkedNames(const json& risk, const std::string& many,
                        const std::vector<SelectOption>& options) {
  std::string out;
  for (const auto& id : risk.value(many, json::array())) {
    std::string name = "#" + std::to_string(id.get<long long>());
    for (const auto& o : options)
      if (o.value == std::to_string(id.get<long long>())) name = o.label;
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

Form& RiskForm(App& app, const RequestContext& ctx, Form& form, const json* risk) {
  auto v = [&](const char* f) {
    if (!risk) return std::string();
    const json& x = (*risk)[f];
    return x.is_string()           ? x.get<std::string>()
           : x.is_number_integer() ? std::to_string(x.get<long long>())
                                   : std::string();
  };
  auto sets = NamedOptions<service::InformationSetListQuery>(ctx, app.sets, "");
  auto systems = NamedOptions<service::SystemListQuery>(ctx, app.systems, "");
  sets.insert(sets.begin(), {"", Text(ctx, "common.none")});
  systems.insert(systems.begin(), {"", Text(ctx, "common.none")});
  form.Text("title", "record.field.title", v("title"), FormInput().Required())
      .Text("threat", "record.field.threat", v("threat"))
      .Text("vulnerability", "record.field.vulnerability", v("vulnerability"));
  form.Select("information_set_id", "risk.field.add_set", sets, "", false)
      .Select("system_id", "risk.field.add_system", systems, "", false);
  for (const char* a : domain::kAspectNames)
    form.Checkbox(a, std::string("record.field.") + a, risk && (*risk).value(a, false));
  form.Select("likelihood", "record.field.likelihood", StepOptions(ctx, "likelihood", false),
              v("likelihood").empty() ? "1" : v("likelihood"))
      .Select("consequence", "record.field.consequence", StepOptions(ctx, "consequence", false),
              v("consequence").empty() ? "1" : v("consequence"))
      .Text("existing_controls", "record.field.existing_controls", v("existing_controls"))
      .Select("treatment", "record.field.treatment", TreatmentOptions(ctx), v("treatment"), false)
      .Text("planned_actions", "record.field.planned_actions", v("planned_actions"))
      .Select("residual_likelihood", "record.field.residual_likelihood",
              StepOptions(ctx, "likelihood", true), v("residual_likelihood"), false)
      .Select("residual_consequence", "record.field.residual_consequence",
              StepOptions(ctx, "consequence", true), v("residual_consequence"), false)
      .Select("owner_id", "record.field.owner_id", OwnerOptions(app, ctx, risk), v("owner_id"),
              false);
  return form;
}

// ---- One analysis ----

// The forms of an analysis page for a caller who may change it: add a risk, change the
// analysis, delete it.
void AddAnalysisForms(App& app, const RequestContext& ctx, const json& a, const std::string& base,
                      const FormFailure* failure, json& data) {
  Form risk_form(ctx, "risk-create", base + "/risks", failure);
  RiskForm(app, ctx, risk_form, nullptr).Submit("risk.create_risk_submit");
  data["risk_form"] = risk_form.Html();
  Form edit(ctx, "analysis-edit", base, failure);
  edit.Hidden("version", IdOf(a, "version"))
      .Text("title", "record.field.title", Str(a, "title"), FormInput().Required())
      .Text("analysis_date", "record.field.analysis_date", Str(a, "analysis_date"),
            FormInput().Hint("risk.hint.date"))
      .Text("participants", "record.field.participants", Str(a, "participants"))
      .Text("method", "record.field.method", Str(a, "method"))
      .Select("status", "record.field.status",
              {{"ongoing", Text(ctx, "risk.analysis_status.ongoing")},
               {"completed", Text(ctx, "risk.analysis_status.completed")}},
              Str(a, "status"))
      .Submit("common.save");
  data["edit_form"] = edit.Html();
  Form del(ctx, "analysis-delete", base + "/delete", failure);
  del.Hidden("version", IdOf(a, "version"))
      .Confirm(Text(ctx, "risk.delete_analysis_confirm", {{"name", Str(a, "title")}}))
      .Submit("common.remove", "danger");
  data["delete_form"] = del.Html();
}

void ShowAnalysis(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto analysis = app.analyses.Get(*ctx.caller, id);
  if (!analysis.ok()) return WriteErrorPage(out, ctx, analysis.error());
  const json& a = *analysis;
  OrgTree tree = LoadOrgTree(app, ctx);
  const std::string base = "/risks/analyses/" + std::to_string(id);
  json details = json::array();
  auto add = [&](const std::string& key, const std::string& value) {
    details.push_back(
        {{"label", Text(ctx, key)}, {"value", value.empty() ? Text(ctx, "common.none") : value}});
  };
  add("risk.field.scope",
      Text(ctx, "risk.scope_kind." + Str(a, "scope_kind")) + ": " + Str(a, "scope_name"));
  add("record.field.org_unit_id", tree.NameOf(a["org_unit_id"].get<long long>()));
  add("record.field.analysis_date", Str(a, "analysis_date"));
  add("record.field.status", Text(ctx, "risk.analysis_status." + Str(a, "status")));
  add("record.field.participants", Str(a, "participants"));
  add("record.field.method", Str(a, "method"));

  service::RiskListQuery q;
  q.page = {500, 0};
  q.analysis_id = id;
  auto risks = app.risks.List(*ctx.caller, q);
  if (!risks.ok()) return WriteErrorPage(out, ctx, risks.error());
  auto matrix = app.risks.Matrix(*ctx.caller, id, std::nullopt);
  if (!matrix.ok()) return WriteErrorPage(out, ctx, matrix.error());
  json data = {{"title", Str(a, "title")},
               {"details", details},
               {"risks_html", RiskRowsHtml(ctx, risks->items, "analysis-risks", false)},
               {"matrix_html", RiskMatrixHtml(ctx, *matrix, "analysis_id=" + std::to_string(id))}};
  bool can_edit = a["can"].value("edit", false);
  if (can_edit) AddAnalysisForms(app, ctx, a, base, failure, data);
  if (auto entries = app.analyses.History(*ctx.caller, id); entries.ok())
    data["history_html"] = HistoryHtml(ctx, tree, *entries,
                                       HistoryOptions{.base = base,
                                                      .form_prefix = "analysis-restore",
                                                      .record_name = Str(a, "title"),
                                                      .can_restore = can_edit,
                                                      .version_pages = false},
                                       failure);
  WritePage(out, ctx, "risk_analysis", "", "risks", data, PageStatus(FailureError(failure)));
}

void GetAnalysis(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowAnalysis(app, ctx, out, nullptr);
}

void UpdateAnalysis(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "analysis-edit",
      {{"version", FormField::kInt},
       {"title"},
       {"analysis_date"},
       {"participants"},
       {"method"},
       {"status"}},
      [&](const json& body) { return app.analyses.Update(*ctx.caller, id, body); },
      [&](const json&) { out.Redirect("/risks/analyses/" + std::to_string(id) + "?notice=saved"); },
      [&](const FormFailure& f) { ShowAnalysis(app, ctx, out, &f); });
}

void DeleteAnalysis(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "analysis-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.value("version", json(nullptr)).is_number_integer()) version = body["version"];
        return app.analyses.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/risks?notice=deleted"); },
      [&](const FormFailure& f) { ShowAnalysis(app, ctx, out, &f); });
}

void RestoreAnalysis(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleRestore(
      ctx, out, "analysis-restore",
      [&](const json& body) { return app.analyses.Restore(*ctx.caller, id, body); },
      "/risks/analyses/" + std::to_string(id),
      [&](const FormFailure& f) { ShowAnalysis(app, ctx, out, &f); });
}

void CreateRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "risk-create", RiskFormFields(false),
      [&](json body) {
        body["analysis_id"] = id;
        return WithLinks(body, nullptr,
                         [&](const json& b) { return app.risks.Create(*ctx.caller, b); });
      },
      [&](const json& r) { out.Redirect("/risks/" + IdOf(r) + "?notice=created"); },
      [&](const FormFailure& f) { ShowAnalysis(app, ctx, out, &f); });
}

// ---- One risk ----

// What the acceptance section says about `r`.
json AcceptanceTexts(const RequestContext& ctx, const json& r) {
  json out = json::array();
  const std::string state = Str(r, "state");
  const json& acc = r["acceptance"];
  if (acc.is_object()) {
    std::string until = Str(acc, "valid_until");
    out.push_back(state == "acceptance_expired"
                      ? Text(ctx, "risk.acceptance.expired", {{"until", until}})
                      : Text(ctx, "risk.acceptance.recorded",
                             {{"name", Str(acc, "accepted_by_name")},
                              {"at", LocalTimeText(Str(acc, "accepted_at"))},
                              {"until", until}}));
    if (acc.contains("motivation"))
      out.push_back(Text(ctx, "risk.acceptance.motivation") + ": " + Str(acc, "motivation"));
  } else if (r.value("needs_acceptance_decision", false)) {
    json score = r["residual_score"].is_number_integer() ? r["residual_score"] : r["score"];
    out.push_back(Text(ctx, "risk.acceptance.needed",
                       {{"score", std::to_string(score.get<long long>())},
                        {"threshold", std::to_string(r["threshold"].get<long long>())}}));
  } else {
    out.push_back(Text(ctx, "risk.acceptance.not_needed"));
  }
  if (r["acceptance_invalidated_at"].is_string() && !acc.is_object())
    out.push_back(Text(ctx, "risk.acceptance.invalidated",
                       {{"at", LocalTimeText(Str(r, "acceptance_invalidated_at"))}}));
  return out;
}

json RiskDetails(App& app, const RequestContext& ctx, const OrgTree& tree, const json& r) {
  json details = json::array();
  auto add = [&](const std::string& key, const std::string& value, const std::string& href = "") {
    details.push_back({{"label", Text(ctx, key)},
                       {"value", value.empty() ? Text(ctx, "common.none") : value},
                       {"href", href}});
  };
  add("risk.field.analysis", Str(r, "analysis_title"), "/risks/analyses/" + IdOf(r, "analysis_id"));
  add("record.field.org_unit_id", tree.NameOf(r["org_unit_id"].get<long long>()));
  add("record.field.threat", Str(r, "threat"));
  add("record.field.vulnerability", Str(r, "vulnerability"));
  auto sets = NamedOptions<service::InformationSetListQuery>(ctx, app.sets, "");
  auto systems = NamedOptions<service::SystemListQuery>(ctx, app.systems, "");
  add("record.field.information_set_ids", LinkedNames(r, "information_set_ids", sets));
  add("record.field.system_ids", LinkedNames(r, "system_ids", systems));
  std::string aspects;
  for (const char* a : domain::kAspectNames)
    if (r.value(a, false))
      aspects += (aspects.empty() ? "" : ", ") + Text(ctx, std::string("record.field.") + a);
  add("risk.field.aspects", aspects);
  add("record.field.likelihood", StepText(ctx, "likelihood", r["likelihood"]));
  add("record.field.consequence", StepText(ctx, "consequence", r["consequence"]));
  add("record.field.score", ScoreText(ctx, r["score"], r["band"]));
  add("record.field.existing_controls", Str(r, "existing_controls"));
  add("record.field.treatment",
      r["treatment"].is_string() ? Text(ctx, "risk.treatment." + Str(r, "treatment")) : "");
  add("record.field.planned_actions", Str(r, "planned_actions"));
  add("record.field.residual_likelihood", StepText(ctx, "likelihood", r["residual_likelihood"]));
  add("record.field.residual_consequence", StepText(ctx, "consequence", r["residual_consequence"]));
  add("record.field.residual_score", ScoreText(ctx, r["residual_score"], r["residual_band"]));
  add("record.field.owner_id", Str(r, "owner_name"));
  add("risk.field.state", Text(ctx, "risk.state." + Str(r, "state")));
  return details;
}

void ShowRisk(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto risk = app.risks.Get(*ctx.caller, id);
  if (!risk.ok()) return WriteErrorPage(out, ctx, risk.error());
  const json& r = *risk;
  OrgTree tree = LoadOrgTree(app, ctx);
  const std::string base = "/risks/" + std::to_string(id);
  json alerts = json::array();
  if (r.value("awaiting_reassessment", false))
    alerts.push_back(Text(ctx, "risk.reassessment",
                          {{"at", LocalTimeText(Str(r, "reassessment_requested_at"))}}));
  json data = {{"title", Str(r, "title")},
               {"analysis_href", "/risks/analyses/" + IdOf(r, "analysis_id")},
               {"analysis_title", Str(r, "analysis_title")},
               {"alerts", alerts},
               {"details", RiskDetails(app, ctx, tree, r)},
               {"acceptance_texts", AcceptanceTexts(ctx, r)},
               {"scale_html", ScaleHtml(ctx)},
               {"actions_html", OriginActionsHtml(app, ctx,
                                                  {.origin = "risk",
                                                   .origin_id = id,
                                                   .org_unit_id = r["org_unit_id"].get<long long>(),
                                                   .create_path = base + "/action",
                                                   .form_id = "risk-action"})}};
  if (r["can"].value("accept", false)) {
    Form accept(ctx, "risk-accept", base + "/accept", failure);
    accept.Hidden("version", IdOf(r, "version"))
        .Text("motivation", "risk.acceptance.motivation", "", FormInput().Required())
        .Text("valid_until", "risk.acceptance.valid_until", "",
              FormInput().Required().Hint("risk.acceptance.valid_until_hint"))
        .Submit("risk.acceptance.submit");
    data["accept_form"] = accept.Html();
  }
  bool can_edit = r["can"].value("edit", false);
  if (can_edit) {
    Form edit(ctx, "risk-edit", base, failure);
    edit.Hidden("version", IdOf(r, "version"));
    RiskForm(app, ctx, edit, &r).Submit("common.save");
    data["edit_form"] = edit.Html();
    Form del(ctx, "risk-delete", base + "/delete", failure);
    del.Hidden("version", IdOf(r, "version"))
        .Confirm(Text(ctx, "risk.delete_risk_confirm", {{"name", Str(r, "title")}}))
        .Submit("common.remove", "danger");
    data["delete_form"] = del.Html();
  }
  if (auto entries = app.risks.History(*ctx.caller, id); entries.ok())
    data["history_html"] = HistoryHtml(ctx, tree, *entries,
                                       HistoryOptions{.base = base,
                                                      .form_prefix = "risk-restore",
                                                      .record_name = Str(r, "title"),
                                                      .can_restore = can_edit,
                                                      .version_pages = false},
                                       failure);
  WritePage(out, ctx, "risk_detail", "", "risks", data, PageStatus(FailureError(failure)));
}

void GetRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowRisk(app, ctx, out, nullptr);
}

void UpdateRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "risk-edit", RiskFormFields(true),
      [&](const json& body) -> Result<json> {
        auto current = app.risks.Get(*ctx.caller, id);
        if (!current.ok()) return current.error();
        return WithLinks(body, &*current,
                         [&](const json& b) { return app.risks.Update(*ctx.caller, id, b); });
      },
      [&](const json&) { out.Redirect("/risks/" + std::to_string(id) + "?notice=saved"); },
      [&](const FormFailure& f) { ShowRisk(app, ctx, out, &f); });
}

void AcceptRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "risk-accept", {{"version", FormField::kInt}, {"motivation"}, {"valid_until"}},
      [&](const json& body) { return app.risks.Accept(*ctx.caller, id, body); },
      [&](const json&) { out.Redirect("/risks/" + std::to_string(id) + "?notice=accepted"); },
      [&](const FormFailure& f) { ShowRisk(app, ctx, out, &f); });
}

void DeleteRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  std::string analysis;
  if (auto r = app.risks.Get(*ctx.caller, id); r.ok()) analysis = IdOf(*r, "analysis_id");
  HandleForm(
      ctx, out, "risk-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.value("version", json(nullptr)).is_number_integer()) version = body["version"];
        return app.risks.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/risks/analyses/" + analysis + "?notice=deleted"); },
      [&](const FormFailure& f) { ShowRisk(app, ctx, out, &f); });
}

void RestoreRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleRestore(
      ctx, out, "risk-restore",
      [&](const json& body) { return app.risks.Restore(*ctx.caller, id, body); },
      "/risks/" + std::to_string(id), [&](const FormFailure& f) { ShowRisk(app, ctx, out, &f); });
}

// ---- The risk list ----

void GetRiskList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto param = QueryParams(ctx);
  auto query = service::ReadRiskListQuery(param);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto list = app.risks.List(*ctx.caller, *query);
  if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  auto cur = [&](const char* n) { return param(n).value_or(""); };
  std::vector<SelectOption> states;
  for (const char* s : {"open", "treated", "accepted", "awaiting_acceptance", "acceptance_expired",
                        "needs_decision"})
    states.push_back({s, Text(ctx, std::string("risk.state.") + s)});
  auto treatments = TreatmentOptions(ctx);
  treatments.front().value = "none";
  json selects = json::array(
      {FilterSelect("org_unit_id", Text(ctx, "risk.filter.org_unit"),
                    Choices(ctx, tree.Options(), cur("org_unit_id"))),
       FilterSelect("likelihood", Text(ctx, "record.field.likelihood"),
                    Choices(ctx, StepOptions(ctx, "likelihood", false), cur("likelihood"))),
       FilterSelect("consequence", Text(ctx, "record.field.consequence"),
                    Choices(ctx, StepOptions(ctx, "consequence", false), cur("consequence"))),
       FilterSelect("treatment", Text(ctx, "record.field.treatment"),
                    Choices(ctx, treatments, cur("treatment"))),
       FilterSelect("state", Text(ctx, "risk.field.state"), Choices(ctx, states, cur("state")))});
  const auto kept =
      Kept(ctx, {"q", "org_unit_id", "analysis_id", "owner_id", "likelihood", "consequence",
                 "residual", "treatment", "state", "awaiting_reassessment"});
  json data = {{"q", cur("q")},
               {"selects", selects},
               {"residual", query->residual},
               {"analysis_id", cur("analysis_id")},
               {"filtered", !kept.empty()},
               {"all_current", kept.empty()},
               {"review_current", kept == "&state=acceptance_expired"},
               {"risks_html", RiskRowsHtml(ctx, list->items, "risk-list", true)}};
  AddPager(ctx, data, "/risks/list", kept, page, static_cast<long long>(list->items.size()),
           list->total);
  WritePage(out, ctx, "risk_list", "page.risk_list.title", "risks", data);
}

// ---- The matrix of an area ----

void GetMatrix(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto unit = OptionalIntParam(ctx, "org_unit_id");
  if (!unit.ok()) return WriteErrorPage(out, ctx, unit.error());
  auto matrix = app.risks.Matrix(*ctx.caller, std::nullopt, *unit);
  if (!matrix.ok()) return WriteErrorPage(out, ctx, matrix.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string current = *unit ? std::to_string(**unit) : "";
  json units = json::array(
      {{{"value", ""}, {"label", Text(ctx, "risk.matrix.scope_all")}, {"selected", !*unit}}});
  for (const auto& o : tree.Options())
    units.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  json data = {
      {"units", units},
      {"scope", *unit ? tree.NameOf(**unit) : Text(ctx, "risk.matrix.scope_all")},
      {"matrix_html", RiskMatrixHtml(ctx, *matrix, *unit ? "org_unit_id=" + current : "")}};
  WritePage(out, ctx, "risk_matrix_page", "page.risk_matrix.title", "risks", data);
}

// ---- Settings per organisation ----

std::vector<SelectOption> ScoreOptions() {
  std::vector<SelectOption> out;
  for (int i = 1; i <= domain::kRiskScoreMax; ++i)
    out.push_back({std::to_string(i), std::to_string(i)});
  return out;
}

void ShowSettings(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  OrgTree tree = LoadOrgTree(app, ctx);
  json organisations = json::array();
  const char* const kFields[] = {"threshold", "yellow_from", "orange_from", "red_from"};
  for (const auto& node : tree.Nodes()) {
    std::string kind = node.record.value("kind", "");
    if (kind != "municipality" && kind != "company") continue;
    auto s = app.risk_settings.Get(*ctx.caller, node.id);
    if (!s.ok()) continue;
    const std::string id = std::to_string(node.id);
    json values = json::array();
    for (const char* f : kFields)
      values.push_back({{"label", Text(ctx, std::string("risk.settings.") + f)},
                        {"value", std::to_string((*s)[f].get<int>())}});
    json org = {{"id", id},
                {"name", node.name},
                {"values", values},
                {"defaults", (*s)["version"].is_null()},
                {"form", ""}};
    if ((*s)["can_edit"].get<bool>()) {
      Form form(ctx, "risk-settings-" + id, "/risks/settings/" + id, failure);
      if (!(*s)["version"].is_null()) form.Hidden("version", IdOf(*s, "version"));
      form.Select("threshold", "risk.settings.threshold", ScoreOptions(),
                  std::to_string((*s)["threshold"].get<int>()));
      for (const char* f : {"yellow_from", "orange_from", "red_from"})
        form.Select(f, std::string("risk.settings.") + f, ScoreOptions(),
                    std::to_string((*s)[f].get<int>()));
      form.Submit("common.save", "", node.name);
      org["form"] = form.Html();
    }
    organisations.push_back(org);
  }
  WritePage(out, ctx, "risk_settings", "page.risk_settings.title", "risks",
            {{"organisations", organisations}, {"scale_html", ScaleHtml(ctx)}},
            PageStatus(FailureError(failure)));
}

void GetSettings(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowSettings(app, ctx, out, nullptr);
}

void PutSettings(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "risk-settings-" + std::to_string(id),
      {{"version", FormField::kInt},
       {"threshold", FormField::kInt},
       {"yellow_from", FormField::kInt},
       {"orange_from", FormField::kInt},
       {"red_from", FormField::kInt}},
      [&](json body) {
        if (!body.value("version", json(nullptr)).is_number_integer()) body.erase("version");
        return app.risk_settings.Put(*ctx.caller, id, body);
      },
      [&](const json&) { out.Redirect("/risks/settings?notice=saved"); },
      [&](const FormFailure& f) { ShowSettings(app, ctx, out, &f); });
}

}  // namespace

void RegisterRiskPages(Router& router, App& app) {
  router.Add("GET", "/risks", Bind(app, GetAnalyses));
  router.Add("POST", "/risks", Bind(app, CreateAnalysis));
  router.Add("GET", "/risks/list", Bind(app, GetRiskList));
  router.Add("GET", "/risks/matrix", Bind(app, GetMatrix));
  router.Add("GET", "/risks/settings", Bind(app, GetSettings));
  router.Add("POST", "/risks/settings/{id}", Bind(app, PutSettings));
  router.Add("GET", "/risks/analyses/{id}", Bind(app, GetAnalysis));
  router.Add("POST", "/risks/analyses/{id}", Bind(app, UpdateAnalysis));
  router.Add("POST", "/risks/analyses/{id}/risks", Bind(app, CreateRisk));
  router.Add("POST", "/risks/analyses/{id}/delete", Bind(app, DeleteAnalysis));
  router.Add("POST", "/risks/analyses/{id}/restore", Bind(app, RestoreAnalysis));
  router.Add("GET", "/risks/{id}", Bind(app, GetRisk));
  router.Add("POST", "/risks/{id}", Bind(app, UpdateRisk));
  router.Add("POST", "/risks/{id}/accept", Bind(app, AcceptRisk));
  router.Add("POST", "/risks/{id}/delete", Bind(app, DeleteRisk));
  router.Add("POST", "/risks/{id}/restore", Bind(app, RestoreRisk));
}

}  // namespace lis::http
