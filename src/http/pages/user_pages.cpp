// Users and their roles: a searchable list, a new-user form, and each user's details, edit
// form and role assignments.
#include <nlohmann/json.hpp>
#include <set>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/input.h"
#include "service/org/user_service.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

std::optional<long long> UnitOf(const json& user) {
  if (!user["org_unit_id"].is_number_integer()) return std::nullopt;
  return user["org_unit_id"].get<long long>();
}

std::string IdText(std::optional<long long> id) {
  return id ? std::to_string(*id) : "";
}

// The organisation nodes the caller can see, or an empty tree when it can see none.
std::vector<SelectOption> LanguageOptions(const RequestContext& ctx) {
  return {{"sv", Text(ctx, "language.sv")}, {"en", Text(ctx, "language.en")}};
}

std::vector<SelectOption> RoleOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out;
  for (const auto& r : domain::AllRoles()) out.push_back({r, Text(ctx, "role." + r)});
  return out;
}

// Nodes where the caller holds `permission`, with `everywhere_key` first for an
// installation-wide holder (the value "" stands for no node).
std::vector<SelectOption> ScopeOptions(const RequestContext& ctx, const OrgTree& tree,
                                       Permission permission, const std::string& everywhere_key) {
  std::vector<SelectOption> out;
  if (CallerMay(*ctx.caller, tree, permission, std::nullopt))
    out.push_back({"", Text(ctx, everywhere_key)});
  for (auto& o : tree.Options())
    if (CallerMay(*ctx.caller, tree, permission, std::stoll(o.value))) out.push_back(std::move(o));
  return out;
}

json UnitData(const RequestContext& ctx, const OrgTree& tree, std::optional<long long> unit) {
  if (!unit) return {{"href", ""}, {"name", Text(ctx, "users.no_unit")}};
  return {{"href", tree.Find(*unit) ? "/org/" + std::to_string(*unit) : ""},
          {"name", tree.NameOf(*unit)}};
}

void ShowList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long page = PageNumberParam(ctx);
  std::string q = service::Trimmed(ctx.request.Param("q"));
  service::UserListQuery query;
  query.page = {kPageSize, (page - 1) * kPageSize};
  query.search = q;
  auto result = app.users.List(*ctx.caller, query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  OrgTree tree = LoadOrgTree(app, ctx);

  json rows = json::array();
  for (const auto& u : result->items) {
    json unit = UnitData(ctx, tree, UnitOf(u));
    rows.push_back(
        {{"id", u["id"]},
         {"name", u["name"]},
         {"username", u["username"]},
         {"email", u["email"]},
         {"unit", unit["name"]},
         {"status", Text(ctx, u["active"].get<bool>() ? "users.active" : "users.inactive")}});
  }
  long long total = result->total;
  long long first = (page - 1) * kPageSize;
  std::string query_part = q.empty() ? "" : "&q=" + UrlEncode(q);
  json data = {
      {"q", q},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"can_create", domain::ScopesFor(ctx.caller->grants, Permission::kUserWrite).any()},
      {"showing", rows.empty() ? Text(ctx, "users.none_found")
                               : Text(ctx, "users.showing",
                                      {{"from", std::to_string(first + 1)},
                                       {"to", std::to_string(first + rows.size())},
                                       {"total", std::to_string(total)}})},
      {"prev_href", page > 1 ? "/users?page=" + std::to_string(page - 1) + query_part : ""},
      {"next_href",
       first + kPageSize < total ? "/users?page=" + std::to_string(page + 1) + query_part : ""}};
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  WritePage(out, ctx, "users_list", "page.users.title", "users", data);
}

void ShowNew(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!domain::ScopesFor(ctx.caller->grants, Permission::kUserWrite).any())
    return WriteErrorPage(out, ctx, Forbidden());
  OrgTree tree = LoadOrgTree(app, ctx);
  auto units = ScopeOptions(ctx, tree, Permission::kUserWrite, "users.no_unit_option");
  Form form(ctx, "user-create", "/users", failure);
  form.Text("username", "users.field.username", "",
            FormInput().Required().Hint("users.hint.username"))
      .Text("name", "users.field.name", "", FormInput().Required())
      .Text("email", "users.field.email", "", FormInput().Type("email").Required())
      .Password("password", "users.field.password", "new-password", "users.hint.password")
      .Select("org_unit_id", "users.field.unit", units, ctx.request.Param("org_unit_id"), false)
      .Select("language", "users.field.language", LanguageOptions(ctx), "sv")
      .Submit("users.create_submit");
  WritePage(out, ctx, "user_new", "page.users.new_title", "users",
            {{"path", "/users/new"}, {"form", form.Html()}}, PageStatus(FailureError(failure)));
}

void ShowUser(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto user = app.users.Get(*ctx.caller, id);
  if (!user.ok()) return WriteErrorPage(out, ctx, user.error());
  auto roles = app.users.ListRoles(*ctx.caller, id);
  if (!roles.ok()) return WriteErrorPage(out, ctx, roles.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  AddDeletedNodeNames(app, ctx, tree);
  const json& u = *user;
  std::string base = "/users/" + std::to_string(id);
  std::string name = u["name"].get<std::string>();
  std::string version = std::to_string(u["version"].get<long long>());
  std::string language = u["language"].get<std::string>();

  json role_rows = json::array();
  for (const auto& r : roles->items) {
    std::optional<long long> scope;
    if (r["scope_id"].is_number_integer()) scope = r["scope_id"].get<long long>();
    std::string role = Text(ctx, "role." + r["role"].get<std::string>());
    std::string scope_name = scope ? tree.NameOf(*scope) : Text(ctx, "scope.everywhere");
    std::string remove;
    if (CallerMay(*ctx.caller, tree, Permission::kRoleWrite, scope)) {
      std::string rid = std::to_string(r["id"].get<long long>());
      Form form(ctx, "role-remove-" + rid, base + "/roles/" + rid + "/delete", failure);
      form.Inline()
          .Confirm(Text(ctx, "users.role_remove_confirm",
                        {{"role", role}, {"scope", scope_name}, {"name", name}}))
          .Submit("common.remove", "secondary",
                  Text(ctx, "users.role_remove_hidden", {{"role", role}, {"scope", scope_name}}));
      remove = form.Html();
    }
    role_rows.push_back(
        {{"role", role},
         {"scope", scope_name},
         {"scope_href", scope && tree.Find(*scope) ? "/org/" + std::to_string(*scope) : ""},
         {"remove", remove}});
  }

  // Roles taken away from the user, for those who give roles: each can be given back.
  json removed_rows = json::array();
  if (domain::ScopesFor(ctx.caller->grants, Permission::kRoleWrite).any()) {
    auto removed = app.users.ListRoles(*ctx.caller, id, true);
    if (!removed.ok()) return WriteErrorPage(out, ctx, removed.error());
    std::set<std::pair<json, json>> held;
    for (const auto& r : roles->items) held.emplace(r["role"], r["scope_id"]);
    for (const auto& r : removed->items) {
      std::optional<long long> scope;
      if (r["scope_id"].is_number_integer()) scope = r["scope_id"].get<long long>();
      std::string role = Text(ctx, "role." + r["role"].get<std::string>());
      std::string scope_name = scope ? tree.NameOf(*scope) : Text(ctx, "scope.everywhere");
      std::string restore;
      // Not in a deleted unit (that has to be restored first), not a role held again.
      if ((!scope || tree.Find(*scope)) && !held.count({r["role"], r["scope_id"]}) &&
          CallerMay(*ctx.caller, tree, Permission::kRoleWrite, scope)) {
        std::string rid = std::to_string(r["id"].get<long long>());
        Form form(ctx, "role-restore-" + rid, base + "/roles/" + rid + "/restore", failure);
        // The version before the removal, which made the next one.
        form.Hidden("version", std::to_string(r["version"].get<long long>() - 1))
            .Inline()
            .Confirm(Text(ctx, "users.role_restore_confirm",
                          {{"role", role}, {"scope", scope_name}, {"name", name}}))
            .Submit("users.role_restore", "secondary",
                    Text(ctx, "users.role_remove_hidden", {{"role", role}, {"scope", scope_name}}));
        restore = form.Html();
      }
      std::string removed_at =
          r["deleted_at"].is_string() ? r["deleted_at"].get<std::string>() : "";
      removed_rows.push_back({{"role", role},
                              {"scope", scope_name},
                              {"removed", LocalTimeText(removed_at)},
                              {"restore", restore}});
    }
  }

  json data = {{"path", base},
               {"title", name},
               {"removed_roles", removed_rows},
               {"has_removed_roles", !removed_rows.empty()},
               {"person",
                {{"id", id},
                 {"name", name},
                 {"username", u["username"]},
                 {"email", u["email"]},
                 {"unit", UnitData(ctx, tree, UnitOf(u))},
                 {"language", Text(ctx, "language." + language)},
                 {"status", Text(ctx, u["active"].get<bool>() ? "users.active" : "users.inactive")},
                 {"created", LocalTimeText(u.value("created_at", ""))},
                 {"updated", LocalTimeText(u.value("updated_at", ""))}}},
               {"roles", role_rows},
               {"has_roles", !role_rows.empty()},
               {"can_edit", false},
               {"add_role_form", ""}};

  bool can_edit = CallerMay(*ctx.caller, tree, Permission::kUserWrite, UnitOf(u));
  auto history = app.users.History(*ctx.caller, id);
  if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
  data["history_html"] = HistoryHtml(ctx, tree, *history,
                                     HistoryOptions{.base = base,
                                                    .form_prefix = "user-restore",
                                                    .record_name = name,
                                                    .can_restore = can_edit},
                                     failure);

  if (can_edit) {
    data["can_edit"] = true;
    auto units = ScopeOptions(ctx, tree, Permission::kUserWrite, "users.no_unit_option");
    Form edit(ctx, "user-edit", base, failure);
    edit.Hidden("version", version)
        .Text("name", "users.field.name", name, FormInput().Required())
        .Text("email", "users.field.email", u["email"].get<std::string>(),
              FormInput().Type("email").Required())
        .Select("org_unit_id", "users.field.unit", units, IdText(UnitOf(u)), false)
        .Select("language", "users.field.language", LanguageOptions(ctx), language)
        .Checkbox("active", "users.field.active", u["active"].get<bool>())
        .Text("comment", "history.field.comment_change", "",
              FormInput().Hint("history.hint.comment_change"))
        .Submit("common.save");
    data["edit_form"] = edit.Html();

    Form password(ctx, "user-password", base + "/password", failure);
    password.Hidden("version", version)
        .Password("password", "users.field.new_password", "new-password", "users.hint.password")
        .Submit("users.password_submit");
    data["password_form"] = password.Html();
  }
  if (domain::ScopesFor(ctx.caller->grants, Permission::kRoleWrite).any()) {
    Form add(ctx, "role-add", base + "/roles", failure);
    add.Select("role", "users.field.role", RoleOptions(ctx), "employee")
        .Select("scope_id", "users.field.scope",
                ScopeOptions(ctx, tree, Permission::kRoleWrite, "scope.everywhere"),
                IdText(UnitOf(u)), false)
        .Submit("users.role_add_submit");
    data["add_role_form"] = add.Html();
  }
  WritePage(out, ctx, "user_detail", "", "users", data, PageStatus(FailureError(failure)));
}

// One earlier version of a user, read only, with a restore form for those who may change it.
void ShowVersion(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  std::string v = ctx.request.path_params["version"];
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return WriteNotFoundPage(out, ctx);
  auto user = app.users.Get(*ctx.caller, id);
  if (!user.ok()) return WriteErrorPage(out, ctx, user.error());
  auto history = app.users.History(*ctx.caller, id);
  if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
  long long version = std::stoll(v);
  auto record = RecordAtVersion(*history, version);
  if (!record) return WriteNotFoundPage(out, ctx);
  const json* entry = nullptr;
  for (const auto& e : *history)
    if (e.value("version", 0LL) == version) entry = &e;
  OrgTree tree = LoadOrgTree(app, ctx);
  AddDeletedNodeNames(app, ctx, tree);
  std::string base = "/users/" + std::to_string(id);
  std::string name = (*user)["name"].get<std::string>();
  bool current = &history->back() == entry;
  std::string restore;
  if (!current && entry->value("action", "") != "delete" &&
      CallerMay(*ctx.caller, tree, Permission::kUserWrite, UnitOf(*user)))
    restore = RestoreFormHtml(ctx,
                              HistoryOptions{.base = base,
                                             .form_prefix = "user-restore",
                                             .record_name = name,
                                             .can_restore = true,
                                             .from = "version"},
                              version, failure, true);
  json data = {
      {"path", base + "/versions/" + v},
      {"title", Text(ctx, "history.version_title", {{"name", name}, {"version", v}})},
      {"list_href", "/users"},
      {"list_name", Text(ctx, "nav.users")},
      {"crumb", ""},
      {"record_href", base},
      {"record_href_history", base + "#history"},
      {"record_name", name},
      {"deleted", false},
      {"current", current},
      {"meta", Text(ctx, "history.version_meta",
                    {{"version", v},
                     {"at", LocalTimeText(entry->value("at", ""))},
                     {"actor", entry->value("actor", "")},
                     {"action", ActionLabel(ctx, entry->value("action", ""))}})},
      {"rows", VersionRows(ctx, tree, *record,
                           {"username", "name", "email", "org_unit_id", "language", "active"})},
      {"restore", restore}};
  WritePage(out, ctx, "record_version", "", "users", data, PageStatus(FailureError(failure)));
}

void GetUserVersionPage(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowVersion(app, ctx, out, nullptr);
}

void GetUserList(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowList(app, ctx, out);
}

void GetNew(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowNew(app, ctx, out, nullptr);
}

void GetUser(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowUser(app, ctx, out, nullptr);
}

void CreateUserForm(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "user-create",
      {{"username"},
       {"name"},
       {"email"},
       {"password"},
       {"org_unit_id", FormField::kInt},
       {"language"}},
      [&](const json& body) { return app.users.Create(*ctx.caller, body); },
      [&](const json& created) {
        out.Redirect("/users/" + std::to_string(created["id"].get<long long>()) +
                     "?notice=created");
      },
      [&](const FormFailure& f) { ShowNew(app, ctx, out, &f); });
}

// Handles one of the forms on a user's page: `action` with the body, then back to the page.
void ChangeUser(App& app, RequestContext& ctx, HttpResponse& out, const std::string& form,
                const std::vector<FormField>& fields,
                const std::function<Result<json>(long long id, const json& body)>& action,
                const std::string& notice) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form, fields, [&](const json& body) { return action(id, body); },
      [&](const json&) { out.Redirect("/users/" + std::to_string(id) + "?notice=" + notice); },
      [&](const FormFailure& f) { ShowUser(app, ctx, out, &f); });
}

void UpdateUserForm(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeUser(
      app, ctx, out, "user-edit",
      {{"version", FormField::kInt},
       {"name"},
       {"email"},
       {"org_unit_id", FormField::kInt},
       {"language"},
       {"active", FormField::kBool},
       {"comment", FormField::kText, true}},
      [&](long long id, const json& body) { return app.users.Update(*ctx.caller, id, body); },
      "saved");
}

// A restore form from the user's history or one of its version pages.
void RestoreUserForm(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleRestore(
      ctx, out, "user-restore",
      [&](const json& body) { return app.users.Restore(*ctx.caller, id, body); },
      "/users/" + std::to_string(id),
      [&](const FormFailure& f) {
        if (ctx.request.Param("from") == "version") {
          ctx.request.path_params["version"] = ctx.request.Param("restore_version");
          return ShowVersion(app, ctx, out, &f);
        }
        ShowUser(app, ctx, out, &f);
      });
}

void SetPassword(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeUser(
      app, ctx, out, "user-password", {{"version", FormField::kInt}, {"password"}},
      [&](long long id, const json& body) { return app.users.Update(*ctx.caller, id, body); },
      "password_set");
}

void AddRole(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeUser(
      app, ctx, out, "role-add", {{"role"}, {"scope_id", FormField::kInt}},
      [&](long long id, const json& body) { return app.users.AddRole(*ctx.caller, id, body); },
      "role_added");
}

void RestoreRole(App& app, RequestContext& ctx, HttpResponse& out) {
  long long rid = PathId(ctx, "role_assignment_id");
  ChangeUser(
      app, ctx, out, "role-restore-" + std::to_string(rid), {{"version", FormField::kInt}},
      [&](long long id, const json& body) {
        return app.users.RestoreRole(*ctx.caller, id, rid, body);
      },
      "role_restored");
}

void RemoveRole(App& app, RequestContext& ctx, HttpResponse& out) {
  long long rid = PathId(ctx, "role_assignment_id");
  ChangeUser(
      app, ctx, out, "role-remove-" + std::to_string(rid), {},
      [&](long long id, const json&) { return app.users.RemoveRole(*ctx.caller, id, rid); },
      "role_removed");
}

}  // namespace

void RegisterUserPages(Router& router, App& app) {
  router.Add("GET", "/users", Bind(app, GetUserList));
  router.Add("POST", "/users", Bind(app, CreateUserForm));
  router.Add("GET", "/users/new", Bind(app, GetNew));
  router.Add("GET", "/users/{id}", Bind(app, GetUser));
  router.Add("POST", "/users/{id}", Bind(app, UpdateUserForm));
  router.Add("POST", "/users/{id}/password", Bind(app, SetPassword));
  router.Add("GET", "/users/{id}/versions/{version}", Bind(app, GetUserVersionPage));
  router.Add("POST", "/users/{id}/restore", Bind(app, RestoreUserForm));
  router.Add("POST", "/users/{id}/roles", Bind(app, AddRole));
  router.Add("POST", "/users/{id}/roles/{role_assignment_id}/delete", Bind(app, RemoveRole));
  router.Add("POST", "/users/{id}/roles/{role_assignment_id}/restore", Bind(app, RestoreRole));
}

}  // namespace lis::http
