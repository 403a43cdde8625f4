// Exceptions (undantag) on pages: the register with filters, the request form (also opened
// from a requirement row of a system), and one exception with the CISO's opinion, the
// information owner's decision, revocation, removal and its history. Fields, words and
// choices come from the declaration (domain/deviations/exception_record.cpp).
#include <nlohmann/json.hpp>

#include "core/config.h"
#include "domain/deviations/exception_record.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/pages/record_view.h"
#include "service/assets/information_set_service.h"
#include "service/assets/system_service.h"
#include "service/controls/framework_service.h"
#include "service/deviations/exception_service.h"
#include "service/risk/risk_service.h"

namespace lis::http {

using domain::FieldDecl;
using domain::FieldKind;
using nlohmann::json;

namespace {

const domain::RecordType& DeclaredExceptionType() {
  return domain::ExceptionRecord();
}

const std::vector<std::string> kExceptionRequestFields = {
    "title",  "org_unit_id",           "requirement_code", "control_ref", "clause",
    "reason", "compensating_measures", "valid_from",       "valid_until"};

const char* const kExceptionListParams[] = {
    "q", "status", "org_unit_id", "requirement_code", "expiring_within", "sort"};

std::string ExceptionHref(long long id) {
  return "/exceptions/" + std::to_string(id);
}

// Names the records an exception refers to that the caller may read: its systems, framework,
// risk and the exception it renews (RecordNamer names the people and says what it cannot).
ReferenceNamer ExceptionNamer(App& app, const RequestContext& ctx, const json& e) {
  ReferenceNamer others = [&app, &ctx](const std::string& field, long long id) -> std::string {
    Result<json> record = NotFound();
    if (field == "system_ids") record = app.systems.Get(*ctx.caller, id);
    if (field == "information_set_ids") record = app.sets.Get(*ctx.caller, id);
    if (field == "framework_id") record = app.frameworks.Get(*ctx.caller, id);
    if (field == "risk_id") record = app.risks.Get(*ctx.caller, id);
    if (field == "previous_id") record = app.exceptions.Get(*ctx.caller, id);
    if (!record.ok()) return "";
    for (const char* name : {"name", "title", ctx.language == "en" ? "name_en" : "name_sv"})
      if (std::string text = Str(*record, name); !text.empty()) return text;
    return "";
  };
  return RecordNamer(ctx, e, others);
}

// ---- The register ----

json ExceptionRows(const RequestContext& ctx, const OrgTree& tree, const store::Page& page) {
  json rows = json::array();
  for (const auto& e : page.items) {
    json cells = json::array();
    for (const auto& f : DeclaredExceptionType().fields)
      if (f.listed && f.name != std::string("title"))
        cells.push_back(RecordValueText(ctx, tree, f, e, RecordNamer(ctx, e)));
    rows.push_back({{"href", ExceptionHref(e["id"].get<long long>())},
                    {"title", Str(e, "title")},
                    {"cells", cells}});
  }
  return rows;
}

void ShowExceptionList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  service::ParamLookup param = QueryParams(ctx);
  auto query = service::ReadExceptionListQuery(param, ctx.caller->user_id);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto result = app.exceptions.List(*ctx.caller, *query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  json rows = ExceptionRows(ctx, tree, *result);
  long long first = (page - 1) * kPageSize;
  std::string kept = KeptParams(param, kExceptionListParams);
  json selects = json::array(
      {FilterSelectData(ctx, "status", "exceptions.field.status",
                        DeclaredChoiceOptions(ctx, *DeclaredExceptionType().Find("status")),
                        param("status").value_or(""), "exceptions.filter.any"),
       FilterSelectData(ctx, "org_unit_id", "exceptions.field.org_unit", tree.Options(),
                        param("org_unit_id").value_or(""), "exceptions.filter.any")});
  json data = {{"path", "/exceptions"},
               {"q", param("q").value_or("")},
               {"expiring_within", param("expiring_within").value_or("")},
               {"selects", selects},
               {"filtered", !kept.empty()},
               {"sort", param("sort").value_or("")},
               {"headers", DeclaredSortHeaders(ctx, DeclaredExceptionType(), "/exceptions",
                                               param("sort").value_or(""),
                                               KeptParams(param, kExceptionListParams, "sort"))},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"showing", rows.empty() ? Text(ctx, "exceptions.none_found")
                                        : Text(ctx, "exceptions.showing",
                                               {{"from", std::to_string(first + 1)},
                                                {"to", std::to_string(first + rows.size())},
                                                {"total", std::to_string(result->total)}})},
               {"prev_href", page > 1 ? "/exceptions?page=" + std::to_string(page - 1) + kept : ""},
               {"next_href", first + kPageSize < result->total
                                 ? "/exceptions?page=" + std::to_string(page + 1) + kept
                                 : ""}};
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  data["export_csv"] = "/api/v1/exceptions/export?format=csv" + kept;
  data["export_xlsx"] = "/api/v1/exceptions/export?format=xlsx" + kept;
  WritePage(out, ctx, "exceptions_list", "page.exceptions.title", "exceptions", data);
}

// ---- The request ----

// The request form; from a requirement row it names the system and the requirement.
void ShowExceptionRequest(App& app, RequestContext& ctx, HttpResponse& out,
                          const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string system = ctx.request.Param("system_id");
  std::string framework = ctx.request.Param("framework_id");
  json fresh = {{"requirement_code", ctx.request.Param("requirement_code")},
                {"control_ref", ctx.request.Param("control_ref")},
                {"valid_from", service::Today()},
                {"valid_until", service::Today()}};
  if (auto unit = Digits(ctx.request.Param("org_unit_id"))) fresh["org_unit_id"] = *unit;
  Form form(ctx, "exception-request", "/exceptions", failure);
  if (Digits(system)) form.Hidden("system_id", system);
  std::string set = ctx.request.Param("information_set_id");
  if (Digits(set)) form.Hidden("information_set_id", set);
  if (Digits(framework)) form.Hidden("framework_id", framework);
  AddDeclaredFields(
      form, ctx, DeclaredExceptionType(), fresh, [&](const FieldDecl&) { return tree.Options(); },
      kExceptionRequestFields);
  form.Submit("exceptions.request_submit");
  json data = {{"form", form.Html()},
               {"system_id", system},
               {"max_months", std::to_string(app.config.exception_max_months)}};
  WritePage(out, ctx, "exception_request", "page.exception_request.title", "exceptions", data,
            PageStatus(FailureError(failure)));
}

void PostExceptionRequest(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "exception-request",
      DeclaredFormFields(DeclaredExceptionType(), kExceptionRequestFields),
      [&](json body) {
        for (const char* f : {"requirement_code", "control_ref", "clause", "compensating_measures"})
          if (body.contains(f) && body[f] == "") body[f] = nullptr;
        if (auto system = Digits(ctx.request.Param("system_id")))
          body["system_ids"] = json::array({*system});
        if (auto set = Digits(ctx.request.Param("information_set_id")))
          body["information_set_ids"] = json::array({*set});
        if (auto framework = Digits(ctx.request.Param("framework_id")))
          body["framework_id"] = *framework;
        return app.exceptions.Create(*ctx.caller, body);
      },
      [&](const json& r) {
        out.Redirect(ExceptionHref(r["id"].get<long long>()) + "?notice=exception_requested");
      },
      [&](const FormFailure& f) { ShowExceptionRequest(app, ctx, out, &f); });
}

// ---- One exception ----

json ExceptionDetails(const RequestContext& ctx, const OrgTree& tree, const json& e,
                      const ReferenceNamer& names) {
  json rows = json::array();
  for (const auto& f : DeclaredExceptionType().fields) {
    if (!f.stored || f.name == std::string("title")) continue;
    std::string value = RecordValueText(ctx, tree, f, e, names);
    if (value.empty()) continue;
    rows.push_back({{"label", Text(ctx, f.label_key)}, {"value", value}});
  }
  return rows;
}

std::string VersionOf(const json& e) {
  return std::to_string(e["version"].get<long long>());
}

// The form naming the risk an exception accepts: one of the risks of the analyses at its unit
// and below (the 200 changed last), the one named now kept; a new risk is registered in the
// risk register first (the link beside the form).
std::string ExceptionRiskFormHtml(App& app, const RequestContext& ctx, const json& e,
                                  const ReferenceNamer& names, const FormFailure* failure) {
  service::RiskListQuery q;
  q.page = {200, 0};
  q.org_unit_id = e["org_unit_id"].get<long long>();
  std::vector<SelectOption> options = {{"", Text(ctx, "common.none")}};
  std::string current = IdOf(e, "risk_id");
  bool listed = current.empty();
  if (auto risks = app.risks.List(*ctx.caller, q); risks.ok())
    for (const auto& r : risks->items) {
      options.push_back({IdOf(r), Str(r, "title") + " – " + Str(r, "analysis_title")});
      listed = listed || IdOf(r) == current;
    }
  if (!listed)
    options.insert(options.begin() + 1, {current, names("risk_id", e["risk_id"].get<long long>())});
  Form form(ctx, "exception-risk", ExceptionHref(e["id"].get<long long>()) + "/risk", failure);
  form.Hidden("version", VersionOf(e))
      .Select("risk_id", "exceptions.field.risk", options, current, false)
      .Submit("exceptions.risk_submit");
  return form.Html();
}

void ShowException(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto record = app.exceptions.Get(*ctx.caller, id);
  if (!record.ok()) return WriteErrorPage(out, ctx, record.error());
  const json& e = *record;
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string base = ExceptionHref(id);
  const json& can = e["can"];
  ReferenceNamer names = ExceptionNamer(app, ctx, e);
  json data = {
      {"title", Str(e, "title")},
      {"status", DeclaredValueText(ctx, *DeclaredExceptionType().Find("status"), e["status"])},
      {"in_force", e.value("in_force", false)},
      {"in_force_text", Text(ctx, "exceptions.in_force_until", {{"date", Str(e, "valid_until")}})},
      {"details", ExceptionDetails(ctx, tree, e, names)}};
  if (can.value("edit", false) && e.value("ciso_opinion", json(nullptr)).is_null()) {
    Form opinion(ctx, "exception-opinion", base, failure);
    opinion.Hidden("version", VersionOf(e))
        .Text("ciso_opinion", "exceptions.field.ciso_opinion", "",
              FormInput().Type("textarea").Required().Hint("exceptions.hint.ciso_opinion"))
        .Submit("exceptions.opinion_submit");
    data["opinion_form"] = opinion.Html();
  }
  if (can.value("edit", false) && Str(e, "status") == "requested") {
    data["risk_form"] = ExceptionRiskFormHtml(app, ctx, e, names, failure);
    data["new_risk_href"] = "/risks?org_unit_id=" + IdOf(e, "org_unit_id");
  }
  if (can.value("decide", false)) {
    Form decide(ctx, "exception-decision", base + "/decision", failure);
    decide.Hidden("version", VersionOf(e))
        .Select("approve", "exceptions.field.decision",
                {{"true", Text(ctx, "exceptions.decision.approve")},
                 {"false", Text(ctx, "exceptions.decision.reject")}},
                "true")
        .Text("motivation", "exceptions.field.decision_motivation", "",
              FormInput().Type("textarea").Required())
        .Submit("exceptions.decision_submit");
    data["decision_form"] = decide.Html();
  }
  if (can.value("revoke", false)) {
    Form revoke(ctx, "exception-revoke", base + "/revoke", failure);
    revoke.Hidden("version", VersionOf(e))
        .Text("reason", "exceptions.field.revocation_reason", "",
              FormInput().Type("textarea").Required())
        .Submit("exceptions.revoke_submit", "danger");
    data["revoke_form"] = revoke.Html();
  }
  if (can.value("delete", false)) {
    Form del(ctx, "exception-delete", base + "/delete", failure);
    del.Hidden("version", VersionOf(e))
        .Confirm(Text(ctx, "exceptions.delete_confirm", {{"name", Str(e, "title")}}))
        .Submit("exceptions.delete_submit", "danger");
    data["delete_form"] = del.Html();
  }
  auto entries = app.exceptions.History(*ctx.caller, id);
  if (entries.ok())
    data["history_html"] = HistoryHtml(ctx, tree, *entries,
                                       HistoryOptions{.base = base,
                                                      .form_prefix = "exception-restore",
                                                      .record_name = Str(e, "title"),
                                                      .can_restore = false,
                                                      .version_pages = false,
                                                      .reference_names = names,
                                                      .entity = "exception"},
                                       failure);
  WritePage(out, ctx, "exception_detail", "", "exceptions", data,
            PageStatus(FailureError(failure)));
}

void HandleExceptionForm(App& app, RequestContext& ctx, HttpResponse& out,
                         const std::string& form_id, const std::vector<FormField>& fields,
                         const std::function<Result<json>(long long, const json&)>& call) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form_id, fields, [&](const json& body) { return call(id, body); },
      [&](const json&) { out.Redirect(ExceptionHref(id) + "?notice=saved"); },
      [&](const FormFailure& f) { ShowException(app, ctx, out, &f); });
}

void PostExceptionOpinion(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleExceptionForm(
      app, ctx, out, "exception-opinion", {{"version", FormField::kInt}, {"ciso_opinion"}},
      [&](long long id, const json& body) { return app.exceptions.Update(*ctx.caller, id, body); });
}

// POST /exceptions/{id}/risk: the risk the exception accepts, or none.
void PostExceptionRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleExceptionForm(
      app, ctx, out, "exception-risk",
      {{"version", FormField::kInt}, {"risk_id", FormField::kInt, true}},
      [&](long long id, const json& body) { return app.exceptions.Update(*ctx.caller, id, body); });
}

void PostExceptionDecision(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleExceptionForm(app, ctx, out, "exception-decision",
                      {{"version", FormField::kInt}, {"approve", FormField::kBool}, {"motivation"}},
                      [&](long long id, const json& body) {
                        return app.exceptions.Decide(*ctx.caller, id, body,
                                                     std::chrono::system_clock::now());
                      });
}

void PostExceptionRevoke(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleExceptionForm(
      app, ctx, out, "exception-revoke", {{"version", FormField::kInt}, {"reason"}},
      [&](long long id, const json& body) { return app.exceptions.Revoke(*ctx.caller, id, body); });
}

void PostExceptionDelete(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "exception-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.contains("version") && body["version"].is_number_integer())
          version = body["version"].get<long long>();
        return app.exceptions.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/exceptions?notice=deleted"); },
      [&](const FormFailure& f) { ShowException(app, ctx, out, &f); });
}

void GetExceptionList(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowExceptionList(app, ctx, out);
}

void GetExceptionRequest(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowExceptionRequest(app, ctx, out, nullptr);
}

void GetException(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowException(app, ctx, out, nullptr);
}

}  // namespace

void RegisterExceptionPages(Router& router, App& app) {
  router.Add("GET", "/exceptions", Bind(app, GetExceptionList));
  router.Add("POST", "/exceptions", Bind(app, PostExceptionRequest));
  router.Add("GET", "/exceptions/new", Bind(app, GetExceptionRequest));
  router.Add("GET", "/exceptions/{id}", Bind(app, GetException));
  router.Add("POST", "/exceptions/{id}", Bind(app, PostExceptionOpinion));
  router.Add("POST", "/exceptions/{id}/risk", Bind(app, PostExceptionRisk));
  router.Add("POST", "/exceptions/{id}/decision", Bind(app, PostExceptionDecision));
  router.Add("POST", "/exceptions/{id}/revoke", Bind(app, PostExceptionRevoke));
  router.Add("POST", "/exceptions/{id}/delete", Bind(app, PostExceptionDelete));
}

}  // namespace lis::http
