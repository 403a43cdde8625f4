// The action list (åtgärder) on pages: all actions the caller may read with filters and
// sort, "Mina åtgärder", the overdue view, one action with its edit, status and delete forms
// and its history, and the one-click action from a requirement gap on a system page.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/actions/action_rules.h"
#include "http/api/api_support.h"
#include "http/pages/action_parts.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/actions/action_service.h"
#include "service/controls/soa_service.h"
#include "service/org/user_service.h"
#include "service/risk/risk_service.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

std::vector<SelectOption> Choices(const RequestContext& ctx, const std::string& prefix,
                                  const std::vector<std::string>& values) {
  std::vector<SelectOption> out;
  for (const auto& v : values) out.push_back({v, Text(ctx, prefix + v)});
  return out;
}

std::vector<SelectOption> WritableUnits(const RequestContext& ctx, const OrgTree& tree) {
  std::vector<SelectOption> out;
  for (auto& o : tree.Options())
    if (CallerMay(*ctx.caller, tree, Permission::kActionWrite, std::stoll(o.value)))
      out.push_back(std::move(o));
  return out;
}

bool MayWriteSomewhere(const RequestContext& ctx) {
  return domain::ScopesFor(ctx.caller->grants, Permission::kActionWrite).any();
}

// ---- Lists ----

enum class View { kAll, kMine, kOverdue };

std::string ViewPath(View v) {
  return v == View::kMine ? "/actions/mine" : v == View::kOverdue ? "/actions/overdue" : "/actions";
}

json Tabs(const RequestContext& ctx, View current) {
  json tabs = json::array();
  for (auto [v, key] :
       {std::pair{View::kAll, "all"}, {View::kMine, "mine"}, {View::kOverdue, "overdue"}})
    tabs.push_back({{"href", ViewPath(v)},
                    {"label", Text(ctx, std::string("actions.tab.") + key)},
                    {"current", v == current}});
  return tabs;
}

const char* const kActionListParams[] = {"q",           "status",     "owner_id",
                                         "org_unit_id", "origin",     "priority",
                                         "overdue",     "due_before", "sort"};

json SelectData(const RequestContext& ctx, const std::string& name, const std::string& label_key,
                const std::vector<SelectOption>& options, const std::string& current) {
  return FilterSelectData(ctx, name, label_key, options, current, "actions.filter.any");
}

json FilterSelects(App& app, const RequestContext& ctx, const OrgTree& tree, View view,
                   const service::ParamLookup& param) {
  auto cur = [&](const std::string& name) { return param(name).value_or(""); };
  std::vector<std::string> statuses = domain::ActionStatuses();
  statuses.insert(statuses.begin(), "open");
  json selects = json::array();
  selects.push_back(SelectData(ctx, "status", "actions.field.status",
                               Choices(ctx, "actions.status.", statuses), cur("status")));
  selects.push_back(SelectData(ctx, "priority", "actions.field.priority",
                               Choices(ctx, "actions.priority.", domain::ActionPriorities()),
                               cur("priority")));
  selects.push_back(SelectData(ctx, "origin", "actions.field.origin",
                               Choices(ctx, "actions.origin.", domain::ActionOriginKinds()),
                               cur("origin")));
  selects.push_back(
      SelectData(ctx, "org_unit_id", "actions.field.org_unit", tree.Options(), cur("org_unit_id")));
  if (view == View::kAll)
    selects.push_back(
        SelectData(ctx, "owner_id", "actions.field.owner", UserOptions(app, ctx), cur("owner_id")));
  return selects;
}

json SortHeaders(const RequestContext& ctx, const std::string& path,
                 const service::ParamLookup& param) {
  std::string sort = param("sort").value_or("");
  if (sort.empty()) sort = "due_date";
  std::string kept = KeptParams(param, kActionListParams, "sort");
  json headers = json::array();
  auto add = [&](const std::string& key, const std::string& sort_key) {
    json h = {{"label", Text(ctx, key)}, {"href", ""}, {"aria_sort", ""}};
    if (!sort_key.empty()) {
      h["href"] = path + "?sort=" + (sort == sort_key ? "-" + sort_key : sort_key) + kept;
      if (sort == sort_key) h["aria_sort"] = "ascending";
      if (sort == "-" + sort_key) h["aria_sort"] = "descending";
    }
    headers.push_back(h);
  };
  add("actions.field.title", "title");
  add("actions.field.owner", "");
  add("actions.field.org_unit", "");
  add("actions.field.due_date", "due_date");
  add("actions.field.priority", "priority");
  add("actions.field.status", "");
  add("actions.field.updated", "updated_at");
  return headers;
}

// The request's parameters, with the view's own filter on top.
service::ParamLookup ViewParams(const RequestContext& ctx, View view, const FormFailure* failure) {
  if (failure) return [](const std::string&) { return std::optional<std::string>(); };
  service::ParamLookup base = QueryParams(ctx);
  return [base, view](const std::string& name) -> std::optional<std::string> {
    if (view == View::kMine && name == "owner_id") return std::string("me");
    if (view == View::kOverdue && name == "overdue") return std::string("true");
    return base(name);
  };
}

json Rows(const RequestContext& ctx, const store::Page& page) {
  json rows = json::array();
  for (const auto& a : page.items) rows.push_back(ActionRow(ctx, a));
  return rows;
}

// The form that creates an action at a node where the caller may write.
std::string CreateFormHtml(App& app, const RequestContext& ctx, const OrgTree& tree,
                           const FormFailure* failure) {
  Form form(ctx, "action-create", "/actions", failure);
  form.Text("title", "actions.field.title", "", FormInput().Required())
      .Text("description", "actions.field.description", "")
      .Select("org_unit_id", "actions.field.org_unit", WritableUnits(ctx, tree), "")
      .Select("owner_id", "actions.field.owner", UserOptions(app, ctx),
              std::to_string(ctx.caller->user_id))
      .Text("due_date", "actions.field.due_date", "",
            FormInput().Type("date").Required().Hint("actions.hint.due_date"))
      .Select("priority", "actions.field.priority",
              Choices(ctx, "actions.priority.", domain::ActionPriorities()), "medium")
      .Submit("actions.create_submit");
  return form.Html();
}

void ShowList(App& app, RequestContext& ctx, HttpResponse& out, View view,
              const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  service::ParamLookup param = ViewParams(ctx, view, failure);
  auto query = service::ReadActionListQuery(param, ctx.caller->user_id);
  if (!query.ok()) return WriteErrorPage(out, ctx, query.error());
  long long page = PageNumberParam(ctx);
  query->page = {kPageSize, (page - 1) * kPageSize};
  auto result = app.actions.List(*ctx.caller, *query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string path = ViewPath(view);
  json rows = Rows(ctx, *result);
  long long first = (page - 1) * kPageSize;
  std::string kept = KeptParams(QueryParams(ctx), kActionListParams);
  json data = {
      {"path", path},
      {"tabs", Tabs(ctx, view)},
      {"q", param("q").value_or("")},
      {"due_before", failure ? "" : ctx.request.Param("due_before")},
      {"sort", failure ? "" : ctx.request.Param("sort")},
      {"selects", FilterSelects(app, ctx, tree, view, param)},
      {"show_overdue", view != View::kOverdue},
      {"overdue_checked", ctx.request.Param("overdue") == "true"},
      {"filtered", !KeptParams(QueryParams(ctx), kActionListParams, "sort").empty()},
      {"headers", SortHeaders(ctx, path, param)},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"showing", rows.empty() ? Text(ctx, "actions.none_found")
                               : Text(ctx, "actions.showing",
                                      {{"from", std::to_string(first + 1)},
                                       {"to", std::to_string(first + rows.size())},
                                       {"total", std::to_string(result->total)}})},
      {"prev_href", page > 1 ? path + "?page=" + std::to_string(page - 1) + kept : ""},
      {"next_href",
       first + kPageSize < result->total ? path + "?page=" + std::to_string(page + 1) + kept : ""},
      {"create_form", ""}};
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  if (view == View::kAll && MayWriteSomewhere(ctx))
    data["create_form"] = CreateFormHtml(app, ctx, tree, failure);
  const char* title = view == View::kMine      ? "page.actions_mine.title"
                      : view == View::kOverdue ? "page.actions_overdue.title"
                                               : "page.actions.title";
  data["list_heading"] = Text(ctx, title);
  WritePage(out, ctx, "actions_list", title, "actions", data, PageStatus(FailureError(failure)));
}

const std::vector<FormField>& EditFields() {
  static const std::vector<FormField> kFields = {{"version", FormField::kInt},
                                                 {"title"},
                                                 {"description"},
                                                 {"org_unit_id", FormField::kInt},
                                                 {"owner_id", FormField::kInt},
                                                 {"due_date"},
                                                 {"priority"}};
  return kFields;
}

void CreateAction(App& app, RequestContext& ctx, HttpResponse& out) {
  std::vector<FormField> fields(EditFields().begin() + 1, EditFields().end());
  HandleForm(
      ctx, out, "action-create", fields,
      [&](const json& body) { return app.actions.Create(*ctx.caller, body); },
      [&](const json& r) {
        out.Redirect("/actions/" + std::to_string(r["id"].get<long long>()) +
                     "?notice=action_created");
      },
      [&](const FormFailure& f) { ShowList(app, ctx, out, View::kAll, &f); });
}

// ---- One action ----

// The form that changes every field of action `a` but its status (for kActionWrite); the
// current owner stays a choice even when the caller may not list it.
std::string EditFormHtml(App& app, const RequestContext& ctx, const OrgTree& tree, const json& a,
                         const FormFailure* failure) {
  auto owners = UserOptions(app, ctx);
  std::string owner = std::to_string(a["owner_id"].get<long long>());
  if (std::none_of(owners.begin(), owners.end(),
                   [&](const SelectOption& o) { return o.value == owner; }))
    owners.insert(owners.begin(), {owner, Str(a, "owner_name")});
  Form edit(ctx, "action-edit", "/actions/" + std::to_string(a["id"].get<long long>()), failure);
  edit.Hidden("version", std::to_string(a["version"].get<long long>()))
      .Text("title", "actions.field.title", Str(a, "title"), FormInput().Required())
      .Text("description", "actions.field.description", Str(a, "description"))
      .Select("org_unit_id", "actions.field.org_unit", WritableUnits(ctx, tree),
              std::to_string(a["org_unit_id"].get<long long>()))
      .Select("owner_id", "actions.field.owner", owners, owner)
      .Text("due_date", "actions.field.due_date", Str(a, "due_date"),
            FormInput().Type("date").Required().Hint("actions.hint.due_date"))
      .Select("priority", "actions.field.priority",
              Choices(ctx, "actions.priority.", domain::ActionPriorities()), Str(a, "priority"))
      .Submit("common.save");
  return edit.Html();
}

void ShowDetail(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto record = app.actions.Get(*ctx.caller, id);
  if (!record.ok()) return WriteErrorPage(out, ctx, record.error());
  const json& a = *record;
  OrgTree tree = LoadOrgTree(app, ctx);
  std::string base = "/actions/" + std::to_string(id);
  json data = {{"path", base}, {"title", Str(a, "title")}, {"details", ActionDetails(ctx, a)}};
  const json& can = a["can"];
  std::string version = std::to_string(a["version"].get<long long>());
  if (can.value("status", false)) {
    Form status(ctx, "action-status", base + "/status", failure);
    status.Hidden("version", version)
        .Select("status", "actions.field.status",
                Choices(ctx, "actions.status.", domain::ActionStatuses()), Str(a, "status"))
        .Text("progress_note", "actions.field.progress_note", Str(a, "progress_note"))
        .Submit("actions.status_submit");
    data["status_form"] = status.Html();
  }
  if (can.value("edit", false)) data["edit_form"] = EditFormHtml(app, ctx, tree, a, failure);
  if (can.value("delete", false)) {
    Form del(ctx, "action-delete", base + "/delete", failure);
    del.Hidden("version", version)
        .Confirm(Text(ctx, "actions.delete_confirm", {{"name", Str(a, "title")}}))
        .Submit("actions.delete_submit", "danger");
    data["delete_form"] = del.Html();
  }
  auto entries = app.actions.History(*ctx.caller, id);
  if (entries.ok())
    data["history_html"] = HistoryHtml(ctx, tree, *entries,
                                       HistoryOptions{.base = base,
                                                      .form_prefix = "action-restore",
                                                      .record_name = Str(a, "title"),
                                                      .can_restore = false,
                                                      .version_pages = false},
                                       failure);
  WritePage(out, ctx, "action_detail", "", "actions", data, PageStatus(FailureError(failure)));
}

void UpdateAction(App& app, RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                  const std::vector<FormField>& fields) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form_id, fields,
      [&](const json& body) { return app.actions.Update(*ctx.caller, id, body); },
      [&](const json&) { out.Redirect("/actions/" + std::to_string(id) + "?notice=saved"); },
      [&](const FormFailure& f) { ShowDetail(app, ctx, out, &f); });
}

void PostEdit(App& app, RequestContext& ctx, HttpResponse& out) {
  UpdateAction(app, ctx, out, "action-edit", EditFields());
}

void PostStatus(App& app, RequestContext& ctx, HttpResponse& out) {
  UpdateAction(app, ctx, out, "action-status",
               {{"version", FormField::kInt}, {"status"}, {"progress_note"}});
}

void PostDelete(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "action-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.contains("version") && body["version"].is_number_integer())
          version = body["version"].get<long long>();
        return app.actions.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/actions?notice=deleted"); },
      [&](const FormFailure& f) { ShowDetail(app, ctx, out, &f); });
}

// POST /assets/systems/{id}/requirements/{code}/action: the one-click action of a gap.
void PostFromGap(App& app, RequestContext& ctx, HttpResponse& out) {
  long long system = PathId(ctx);
  std::string code = ctx.request.path_params.at("code");
  HandleForm(
      ctx, out, "gap-action-" + code, {},
      [&](const json&) { return app.actions.CreateForRequirementGap(*ctx.caller, system, code); },
      [&](const json& r) {
        out.Redirect("/actions/" + std::to_string(r["id"].get<long long>()) +
                     "?notice=action_created");
      },
      [&](const FormFailure& f) { WriteErrorPage(out, ctx, f.error); });
}

// POST /risks/{id}/action: an action to treat the risk, at its analysis's node; its
// priority follows the band of the residual (else inherent) score.
void PostFromRisk(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  CreateActionFromOrigin(ctx, out, "risk-action", [&]() -> Result<json> {
    auto risk = app.risks.Get(*ctx.caller, id);
    if (!risk.ok()) return risk.error();
    const json& r = *risk;
    std::string band = r.value("residual_band", json(nullptr)).is_string()
                           ? r["residual_band"].get<std::string>()
                           : r.value("band", std::string());
    return app.actions.CreateForOrigin(*ctx.caller,
                                       {.origin = "risk",
                                        .origin_id = id,
                                        .origin_ref = {},
                                        .title = r.value("title", std::string()),
                                        .description = r.value("planned_actions", std::string()),
                                        .org_unit_id = r["org_unit_id"].get<long long>(),
                                        .priority = band == "red"      ? "high"
                                                    : band == "orange" ? "medium"
                                                                       : "low"});
  });
}

// POST /org-units/{id}/soa/{control_ref}/action?framework_id=: an action to close the gap of
// an applicable control that is not implemented, at the organisation's node.
void PostFromControlGap(App& app, RequestContext& ctx, HttpResponse& out) {
  long long org = PathId(ctx);
  std::string ref = ctx.request.path_params.at("control_ref");
  CreateActionFromOrigin(ctx, out, "soa-action", [&]() -> Result<json> {
    auto fw = Digits(ctx.request.Param("framework_id"));
    if (!fw) return Invalid("error.soa_framework", "framework_id");
    auto item = app.soa.Entry(*ctx.caller, {org, *fw}, ref);
    if (!item.ok()) return item.error();
    const json& e = *item;
    if (!e["entry_id"].is_number_integer())
      return Invalid("error.action_origin_no_control_gap", "origin_id");
    std::string title = e.value(ctx.language == "en" ? "title_en" : "title_sv", std::string());
    return app.actions.CreateForOrigin(*ctx.caller,
                                       {.origin = "control_gap",
                                        .origin_id = e["entry_id"].get<long long>(),
                                        .origin_ref = {},
                                        .title = ref + " – " + title,
                                        .description = e.value("justification", std::string()),
                                        .org_unit_id = org,
                                        .priority = "medium"});
  });
}

template <View V>
void GetActionList(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowList(app, ctx, out, V, nullptr);
}

void GetDetail(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDetail(app, ctx, out, nullptr);
}

}  // namespace

void RegisterActionPages(Router& router, App& app) {
  router.Add("GET", "/actions", Bind(app, GetActionList<View::kAll>));
  router.Add("POST", "/actions", Bind(app, CreateAction));
  router.Add("GET", "/actions/mine", Bind(app, GetActionList<View::kMine>));
  router.Add("GET", "/actions/overdue", Bind(app, GetActionList<View::kOverdue>));
  router.Add("GET", "/actions/{id}", Bind(app, GetDetail));
  router.Add("POST", "/actions/{id}", Bind(app, PostEdit));
  router.Add("POST", "/actions/{id}/status", Bind(app, PostStatus));
  router.Add("POST", "/actions/{id}/delete", Bind(app, PostDelete));
  router.Add("POST", "/assets/systems/{id}/requirements/{code}/action", Bind(app, PostFromGap));
  router.Add("POST", "/risks/{id}/action", Bind(app, PostFromRisk));
  router.Add("POST", "/org-units/{id}/soa/{control_ref}/action", Bind(app, PostFromControlGap));
}

}  // namespace lis::http
