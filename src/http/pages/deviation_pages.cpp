// Deviations (avvikelser) on pages: the register with filters and sort, "Mina avvikelser", the
// report form, one deviation with the step its status allows (analysis, planned actions, the
// check of their effect, the verdict, rejection), its corrective actions and its history.
// Fields, words and choices come from the declaration (domain/deviations/deviation_record.cpp).
#include <nlohmann/json.hpp>

#include "domain/deviations/deviation_record.h"
#include "http/api/api_support.h"
#include "http/pages/action_parts.h"
#include "http/pages/deviation_breaks.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/pages/record_view.h"
#include "service/actions/action_service.h"
#include "service/deviations/deviation_service.h"

namespace lis::http {

using domain::FieldDecl;
using domain::FieldKind;
using nlohmann::json;

namespace {

const domain::RecordType& DeclaredDeviation() {
  return domain::DeviationRecord();
}

// What a reporter fills in; handlers edit these and the handling fields.
const std::vector<std::string> kDeviationReportFields = {
    "title", "description", "org_unit_id", "detected_on", "source", "severity"};
const std::vector<std::string> kDeviationEditFields = {
    "title",    "description",    "org_unit_id", "detected_on",     "source",
    "severity", "responsible_id", "root_cause",  "verification_due"};

const char* const kDeviationListParams[] = {
    "q", "status", "severity", "source", "org_unit_id", "verification_overdue", "sort"};

std::string DeviationHref(long long id) {
  return "/deviations/" + std::to_string(id);
}

// The words of a deviation's value of `f`, people and units by name.
std::string DeviationValueText(const RequestContext& ctx, const OrgTree& tree, const FieldDecl& f,
                               const json& d) {
  return RecordValueText(ctx, tree, f, d, RecordNamer(ctx, d));
}

// ---- The register ----

enum class DeviationView { kAll, kMine };

std::string DeviationViewPath(DeviationView v) {
  return v == DeviationView::kMine ? "/deviations/mine" : "/deviations";
}

json DeviationTabs(const RequestContext& ctx, DeviationView current) {
  json tabs = json::array();
  for (auto [v, key] : {std::pair{DeviationView::kAll, "all"}, {DeviationView::kMine, "mine"}})
    tabs.push_back({{"href", DeviationViewPath(v)},
                    {"label", Text(ctx, std::string("deviations.tab.") + key)},
                    {"current", v == current}});
  return tabs;
}

json DeviationSelect(const RequestContext& ctx, const std::string& name,
                     const std::string& label_key, const std::vector<SelectOption>& options,
                     const std::string& current) {
  return FilterSelectData(ctx, name, label_key, options, current, "deviations.filter.any");
}

json DeviationFilterSelects(const RequestContext& ctx, const OrgTree& tree,
                            const service::ParamLookup& param) {
  auto cur = [&](const std::string& name) { return param(name).value_or(""); };
  std::vector<SelectOption> statuses = {{"open", Text(ctx, "deviations.status.open")}};
  for (auto& o : DeclaredChoiceOptions(ctx, *DeclaredDeviation().Find("status")))
    statuses.push_back(o);
  json selects = json::array();
  selects.push_back(
      DeviationSelect(ctx, "status", "deviations.field.status", statuses, cur("status")));
  for (const char* name : {"severity", "source"}) {
    const FieldDecl& f = *DeclaredDeviation().Find(name);
    selects.push_back(
        DeviationSelect(ctx, name, f.label_key, DeclaredChoiceOptions(ctx, f), cur(name)));
  }
  selects.push_back(DeviationSelect(ctx, "org_unit_id", "deviations.field.org_unit", tree.Options(),
                                    cur("org_unit_id")));
  return selects;
}

json DeviationRow(const RequestContext& ctx, const OrgTree& tree, const json& d) {
  json cells = json::array();
  for (const auto& f : DeclaredDeviation().fields)
    if (f.listed && std::string_view(f.name) != "title")
      cells.push_back(DeviationValueText(ctx, tree, f, d));
  return {{"href", DeviationHref(d["id"].get<long long>())},
          {"title", Str(d, "title")},
          {"cells", cells}};
}

service::ParamLookup DeviationViewParams(const RequestContext& ctx, DeviationView view,
                                         const FormFailure* failure) {
  if (failure) return [](const std::string&) { return std::optional<std::string>(); };
  service::ParamLookup base = QueryParams(ctx);
  return [base, view](const std::string& name) -> std::optional<std::string> {
    if (view == DeviationView::kMine && name == "mine") return std::string("true");
    return base(name);
  };
}

std::string DeviationReportFormHtml(const RequestContext& ctx, const OrgTree& tree,
                                    const FormFailure* failure) {
  Form form(ctx, "deviation-report", "/deviations", failure);
  json fresh = {{"detected_on", service::Today()}};
  AddDeclaredFields(
      form, ctx, DeclaredDeviation(), fresh, [&](const FieldDecl&) { return tree.Options(); },
      kDeviationReportFields);
  form.Submit("deviations.report_submit");
  return form.Html();
}

void ShowDeviationList(App& app, RequestContext& ctx, HttpResponse& out, DeviationView view,
                       const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  service::ParamLookup param = DeviationViewParams(ctx, view, failure);
  auto query = service::ReadDeviationListQuery(param, ctx.caller->user_id);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto result = app.deviations.List(*ctx.caller, *query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string path = DeviationViewPath(view);
  json rows = json::array();
  for (const auto& d : result->items) rows.push_back(DeviationRow(ctx, tree, d));
  long long first = (page - 1) * kPageSize;
  std::string kept = KeptParams(QueryParams(ctx), kDeviationListParams);
  const char* title =
      view == DeviationView::kMine ? "page.deviations_mine.title" : "page.deviations.title";
  json data = {
      {"path", path},
      {"tabs", DeviationTabs(ctx, view)},
      {"list_heading", Text(ctx, title)},
      {"q", param("q").value_or("")},
      {"sort", failure ? "" : ctx.request.Param("sort")},
      {"selects", DeviationFilterSelects(ctx, tree, param)},
      {"overdue_checked", param("verification_overdue").value_or("") == "true"},
      {"filtered", !KeptParams(QueryParams(ctx), kDeviationListParams, "sort").empty()},
      {"headers", DeclaredSortHeaders(ctx, DeclaredDeviation(), path, param("sort").value_or(""),
                                      KeptParams(param, kDeviationListParams, "sort"))},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"showing", rows.empty() ? Text(ctx, "deviations.none_found")
                               : Text(ctx, "deviations.showing",
                                      {{"from", std::to_string(first + 1)},
                                       {"to", std::to_string(first + rows.size())},
                                       {"total", std::to_string(result->total)}})},
      {"prev_href", page > 1 ? path + "?page=" + std::to_string(page - 1) + kept : ""},
      {"next_href",
       first + kPageSize < result->total ? path + "?page=" + std::to_string(page + 1) + kept : ""},
      {"report_form", DeviationReportFormHtml(ctx, tree, failure)}};
  std::string filters = kept + (view == DeviationView::kMine ? "&mine=true" : "");
  data["statistics"] = service::DeviationService::ReadsByRole(*ctx.caller);
  data["export_csv"] = "/api/v1/deviations/export?format=csv" + filters;
  data["export_xlsx"] = "/api/v1/deviations/export?format=xlsx" + filters;
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  WritePage(out, ctx, "deviations_list", title, "deviations", data,
            PageStatus(FailureError(failure)));
}

void PostDeviationReport(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "deviation-report", DeclaredFormFields(DeclaredDeviation(), kDeviationReportFields),
      [&](const json& body) { return app.deviations.Create(*ctx.caller, body); },
      [&](const json& r) {
        out.Redirect(DeviationHref(r["id"].get<long long>()) + "?notice=deviation_reported");
      },
      [&](const FormFailure& f) { ShowDeviationList(app, ctx, out, DeviationView::kAll, &f); });
}

// ---- One deviation ----

json DeviationDetails(const RequestContext& ctx, const OrgTree& tree, const json& d) {
  json rows = json::array();
  for (const auto& f : DeclaredDeviation().fields) {
    std::string_view name = f.name;
    if (!f.stored || f.kind == FieldKind::kReferenceList || name == "title" ||
        name == "origin_kind" || name == "origin_id")
      continue;
    std::string value = DeviationValueText(ctx, tree, f, d);
    if (value.empty() && d.value(f.name, json(nullptr)).is_null()) continue;
    rows.push_back({{"label", Text(ctx, f.label_key)}, {"value", value}});
  }
  return rows;
}

std::string DeviationEditFormHtml(App& app, const RequestContext& ctx, const OrgTree& tree,
                                  const json& d, const FormFailure* failure) {
  long long id = d["id"].get<long long>();
  Form edit(ctx, "deviation-edit", DeviationHref(id), failure);
  edit.Hidden("version", std::to_string(d["version"].get<long long>()));
  auto people = UserOptions(app, ctx);
  if (d["responsible_id"].is_number_integer()) {
    std::string current = std::to_string(d["responsible_id"].get<long long>());
    bool listed = false;
    for (const auto& p : people) listed = listed || p.value == current;
    if (!listed) people.insert(people.begin(), {current, Str(d, "responsible_name")});
  }
  people.insert(people.begin(), {"", Text(ctx, "common.none")});
  AddDeclaredFields(
      edit, ctx, DeclaredDeviation(), d,
      [&](const FieldDecl& f) {
        return f.references == std::string("org_unit") ? tree.Options() : people;
      },
      kDeviationEditFields);
  edit.Submit("common.save");
  return edit.Html();
}

// The form of one move: `fields` are (name, label, input) of its text fields.
std::string DeviationMoveFormHtml(
    const RequestContext& ctx, const json& d, const std::string& move,
    const std::vector<std::tuple<std::string, std::string, FormInput>>& fields,
    const std::string& submit_style, const FormFailure* failure) {
  long long id = d["id"].get<long long>();
  Form form(ctx, "deviation-" + move, DeviationHref(id) + "/move", failure);
  form.Hidden("version", std::to_string(d["version"].get<long long>())).Hidden("move", move);
  for (const auto& [name, label, input] : fields) form.Text(name, label, Str(d, name), input);
  form.Submit("deviations.move." + move, submit_style);
  return form.Html();
}

// The steps the deviation's status allows, as forms.
json DeviationStepForms(const RequestContext& ctx, const json& d, const FormFailure* failure) {
  json forms = json::array();
  std::string status = Str(d, "status");
  FormInput text = FormInput().Type("textarea").Required();
  if (status == "reported")
    forms.push_back(DeviationMoveFormHtml(
        ctx, d, "analyse",
        {{"root_cause", "deviations.field.root_cause", text.Hint("deviations.hint.root_cause")}},
        "", failure));
  if (status == "analysed")
    forms.push_back(DeviationMoveFormHtml(ctx, d, "plan_actions", {}, "", failure));
  if (status == "actions_planned")
    forms.push_back(
        DeviationMoveFormHtml(ctx, d, "verify",
                              {{"verification_due", "deviations.field.verification_due",
                                FormInput().Type("date").Hint("deviations.hint.verification_due")}},
                              "", failure));
  if (status == "reported" || status == "analysed")
    forms.push_back(DeviationMoveFormHtml(
        ctx, d, "reject", {{"rejection_reason", "deviations.field.rejection_reason", text}},
        "danger", failure));
  return forms;
}

std::string DeviationVerdictFormHtml(const RequestContext& ctx, const json& d,
                                     const FormFailure* failure) {
  long long id = d["id"].get<long long>();
  Form form(ctx, "deviation-verdict", DeviationHref(id) + "/verdict", failure);
  form.Hidden("version", std::to_string(d["version"].get<long long>()))
      .Select("effective", "deviations.field.verdict_effective",
              {{"true", Text(ctx, "deviations.verdict.effective")},
               {"false", Text(ctx, "deviations.verdict.not_effective")}},
              "true")
      .Text("motivation", "deviations.field.verdict_motivation", "",
            FormInput().Type("textarea").Required().Hint("deviations.hint.verdict"))
      .Submit("deviations.verdict_submit");
  return form.Html();
}

void ShowDeviationDetail(App& app, RequestContext& ctx, HttpResponse& out,
                         const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto record = app.deviations.Get(*ctx.caller, id);
  if (!record.ok()) return WriteErrorPage(out, ctx, record.error());
  const json& d = *record;
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string base = DeviationHref(id);
  const json& can = d["can"];
  json data = {{"path", base},
               {"title", Str(d, "title")},
               {"status", DeclaredValueText(ctx, *DeclaredDeviation().Find("status"), d["status"])},
               {"details", DeviationDetails(ctx, tree, d)},
               {"step_forms", json::array()}};
  bool open = Str(d, "status") != "closed" && Str(d, "status") != "rejected";
  BreakCatalogue breaks = LoadBreakCatalogue(app, ctx);
  data["breaks_html"] =
      DeviationBreaksHtml(ctx, d, breaks, can.value("edit", false) && open, failure);
  if (can.value("move", false)) data["step_forms"] = DeviationStepForms(ctx, d, failure);
  data["has_steps"] = !data["step_forms"].empty();
  if (can.value("verdict", false))
    data["verdict_form"] = DeviationVerdictFormHtml(ctx, d, failure);
  else if (Str(d, "status") == "verifying")
    data["verdict_note"] = Text(ctx, "deviations.verdict_elsewhere");
  data["actions_html"] = OriginActionsHtml(app, ctx,
                                           {.origin = "deviation",
                                            .origin_id = id,
                                            .org_unit_id = d["org_unit_id"].get<long long>(),
                                            .create_path = base + "/action",
                                            .form_id = "deviation-action",
                                            .may_create_here = can.value("edit", false) && open});
  if (can.value("edit", false))
    data["edit_form"] = DeviationEditFormHtml(app, ctx, tree, d, failure);
  if (can.value("delete", false)) {
    Form del(ctx, "deviation-delete", base + "/delete", failure);
    del.Hidden("version", std::to_string(d["version"].get<long long>()))
        .Confirm(Text(ctx, "deviations.delete_confirm", {{"name", Str(d, "title")}}))
        .Submit("deviations.delete_submit", "danger");
    data["delete_form"] = del.Html();
  }
  auto entries = app.deviations.History(*ctx.caller, id);
  if (entries.ok())
    data["history_html"] = HistoryHtml(
        ctx, tree, *entries,
        HistoryOptions{
            .base = base,
            .form_prefix = "deviation-restore",
            .record_name = Str(d, "title"),
            .can_restore = can.value("delete", false),
            .version_pages = false,
            .reference_names = RecordNamer(ctx, d,
                                           [&breaks](const std::string& field, long long ref) {
                                             return breaks.Name(field, ref);
                                           }),
            .entity = "deviation"},
        failure);
  WritePage(out, ctx, "deviation_detail", "", "deviations", data,
            PageStatus(FailureError(failure)));
}

// Handles a form of one deviation: `call` with the body, back to the page on success.
void HandleDeviationForm(App& app, RequestContext& ctx, HttpResponse& out,
                         const std::string& form_id, const std::vector<FormField>& fields,
                         const std::function<Result<json>(long long, const json&)>& call,
                         const std::string& notice) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form_id, fields, [&](const json& body) { return call(id, body); },
      [&](const json&) { out.Redirect(DeviationHref(id) + "?notice=" + notice); },
      [&](const FormFailure& f) { ShowDeviationDetail(app, ctx, out, &f); });
}

void PostDeviationEdit(App& app, RequestContext& ctx, HttpResponse& out) {
  std::vector<FormField> fields = {{"version", FormField::kInt}};
  for (auto& f : DeclaredFormFields(DeclaredDeviation(), kDeviationEditFields)) fields.push_back(f);
  HandleDeviationForm(
      app, ctx, out, "deviation-edit", fields,
      [&](long long id, const json& body) { return app.deviations.Update(*ctx.caller, id, body); },
      "saved");
}

void PostDeviationMove(App& app, RequestContext& ctx, HttpResponse& out) {
  std::string move = ctx.request.Param("move");
  std::vector<FormField> fields = {{"version", FormField::kInt}, {"move"}};
  if (move == "analyse") fields.push_back({"root_cause"});
  if (move == "reject") fields.push_back({"rejection_reason"});
  if (move == "verify") fields.push_back({"verification_due", FormField::kText, true});
  HandleDeviationForm(
      app, ctx, out, "deviation-" + move, fields,
      [&](long long id, const json& body) { return app.deviations.Move(*ctx.caller, id, body); },
      "saved");
}

void PostDeviationVerdict(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleDeviationForm(
      app, ctx, out, "deviation-verdict",
      {{"version", FormField::kInt}, {"effective", FormField::kBool}, {"motivation"}},
      [&](long long id, const json& body) { return app.deviations.Verdict(*ctx.caller, id, body); },
      "saved");
}

// POST /deviations/{id}/breaks and /breaks/remove: one requirement or control more or less.
template <bool Add>
void PostDeviationBreak(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleDeviationForm(
      app, ctx, out, Add ? "deviation-break" : "deviation-unbreak",
      {{"version", FormField::kInt},
       {"requirement_id", FormField::kInt, true},
       {"control_id", FormField::kInt, true}},
      [&](long long id, const json& body) -> Result<json> {
        auto current = app.deviations.Get(*ctx.caller, id);
        if (!current.ok()) return current;
        auto change = BreakChange(*current, body, Add);
        if (!change.ok()) return change;
        auto r = app.deviations.Update(*ctx.caller, id, *change);
        if (!r.ok() && (r.error().field == "requirement_ids" || r.error().field == "control_ids")) {
          Error e = r.error();
          e.field = e.field == "control_ids" ? "control_id" : "requirement_id";
          return e;
        }
        return r;
      },
      "saved");
}

void PostDeviationDelete(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "deviation-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.contains("version") && body["version"].is_number_integer())
          version = body["version"].get<long long>();
        return app.deviations.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/deviations?notice=deleted"); },
      [&](const FormFailure& f) { ShowDeviationDetail(app, ctx, out, &f); });
}

void PostDeviationRestore(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleRestore(
      ctx, out, "deviation-restore",
      [&](const json& body) { return app.deviations.Restore(*ctx.caller, id, body); },
      DeviationHref(id), [&](const FormFailure& f) { ShowDeviationDetail(app, ctx, out, &f); });
}

// POST /deviations/{id}/action: a corrective action of the deviation at its unit.
void PostDeviationAction(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  CreateActionFromOrigin(ctx, out, "deviation-action", [&]() -> Result<json> {
    auto d = app.deviations.Get(*ctx.caller, id);
    if (!d.ok()) return d.error();
    std::string severity = Str(*d, "severity");
    return app.actions.CreateForOrigin(*ctx.caller,
                                       {.origin = "deviation",
                                        .origin_id = id,
                                        .origin_ref = {},
                                        .title = Str(*d, "title"),
                                        .description = Str(*d, "root_cause"),
                                        .org_unit_id = (*d)["org_unit_id"].get<long long>(),
                                        .priority = severity.empty() ? "medium" : severity});
  });
}

// ---- The statistics ----

std::string CountText(const json& v) {
  if (v.is_null()) return "–";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  std::string text = std::to_string(v.get<double>());
  return text.substr(0, text.find('.') + 2);
}

json StatisticsRow(const std::string& unit, const json& r) {
  return {{"unit", unit},
          {"opened", CountText(r["opened"])},
          {"closed", CountText(r["closed"])},
          {"effective_first", CountText(r["effective_first"])},
          {"median", CountText(r["median_days_to_close"])}};
}

// GET /deviations/statistics?year=: per unit and year, for the annual report.
void GetDeviationStatistics(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  std::string this_year = service::Today().substr(0, 4);
  std::string year_text = ctx.request.Param("year").empty() ? this_year : ctx.request.Param("year");
  auto year = Digits(year_text);
  if (!year || *year > 9999) return WriteErrorPage(out, ctx, Invalid("error.param_value", "year"));
  auto stats = app.deviations.Statistics(*ctx.caller, static_cast<int>(*year), std::nullopt);
  if (!stats.ok()) return WriteErrorPage(out, ctx, stats.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  json rows = json::array();
  for (const auto& u : (*stats)["units"])
    rows.push_back(StatisticsRow(tree.NameOf(u["org_unit_id"].get<long long>()), u));
  json data = {{"year", year_text},
               {"caption", Text(ctx, "deviations.stats.caption", {{"year", year_text}})},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"totals", StatisticsRow(Text(ctx, "deviations.stats.total"), (*stats)["totals"])}};
  WritePage(out, ctx, "deviation_statistics", "page.deviation_statistics.title", "deviations",
            data);
}

// A deviation reported with one click from what it comes from; to its page.
void ReportFromOrigin(App& app, RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                      const std::string& kind, const std::string& ref) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form_id, {},
      [&](const json&) { return app.deviations.CreateFromOrigin(*ctx.caller, kind, id, ref); },
      [&](const json& r) {
        out.Redirect(DeviationHref(r["id"].get<long long>()) + "?notice=deviation_reported");
      },
      [&](const FormFailure& f) { WriteErrorPage(out, ctx, f.error); });
}

// POST /incidents/{id}/review/deviation
void PostDeviationFromIncident(App& app, RequestContext& ctx, HttpResponse& out) {
  ReportFromOrigin(app, ctx, out, "review-deviation", "incident", "");
}

// POST /assets/systems/{id}/requirements/{code}/deviation
void PostDeviationFromGap(App& app, RequestContext& ctx, HttpResponse& out) {
  std::string code = ctx.request.path_params.at("code");
  ReportFromOrigin(app, ctx, out, "gap-deviation-" + code, "requirement_gap", code);
}

// POST /soa-entries/{id}/deviation
void PostDeviationFromSoaGap(App& app, RequestContext& ctx, HttpResponse& out) {
  ReportFromOrigin(app, ctx, out, "soa-deviation", "soa_gap", "");
}

template <DeviationView V>
void GetDeviationList(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDeviationList(app, ctx, out, V, nullptr);
}

void GetDeviationDetail(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDeviationDetail(app, ctx, out, nullptr);
}

}  // namespace

void RegisterDeviationPages(Router& router, App& app) {
  router.Add("GET", "/deviations", Bind(app, GetDeviationList<DeviationView::kAll>));
  router.Add("POST", "/deviations", Bind(app, PostDeviationReport));
  router.Add("GET", "/deviations/mine", Bind(app, GetDeviationList<DeviationView::kMine>));
  router.Add("GET", "/deviations/statistics", Bind(app, GetDeviationStatistics));
  router.Add("GET", "/deviations/{id}", Bind(app, GetDeviationDetail));
  router.Add("POST", "/deviations/{id}", Bind(app, PostDeviationEdit));
  router.Add("POST", "/deviations/{id}/move", Bind(app, PostDeviationMove));
  router.Add("POST", "/deviations/{id}/verdict", Bind(app, PostDeviationVerdict));
  router.Add("POST", "/deviations/{id}/delete", Bind(app, PostDeviationDelete));
  router.Add("POST", "/deviations/{id}/restore", Bind(app, PostDeviationRestore));
  router.Add("POST", "/deviations/{id}/action", Bind(app, PostDeviationAction));
  router.Add("POST", "/deviations/{id}/breaks", Bind(app, PostDeviationBreak<true>));
  router.Add("POST", "/deviations/{id}/breaks/remove", Bind(app, PostDeviationBreak<false>));
  router.Add("POST", "/incidents/{id}/review/deviation", Bind(app, PostDeviationFromIncident));
  router.Add("POST", "/assets/systems/{id}/requirements/{code}/deviation",
             Bind(app, PostDeviationFromGap));
  router.Add("POST", "/soa-entries/{id}/deviation", Bind(app, PostDeviationFromSoaGap));
}

}  // namespace lis::http
