// The organisation tree: view it, and (for administrators) add, rename, move and delete nodes.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/org/org_kind.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/org/org_service.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

std::vector<SelectOption> KindOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out;
  for (const auto& k : domain::OrgKinds()) out.push_back({k, Text(ctx, "kind." + k)});
  return out;
}

std::string OrgNumberText(const json& record) {
  return record["org_number"].is_string() ? record["org_number"].get<std::string>() : "";
}

// One level of the tree as nested lists; each level is rendered by the template (escaped) and
// placed inside its parent's item.
std::string TreeHtml(const RequestContext& ctx, const OrgTree& tree,
                     const std::vector<size_t>& level, bool top) {
  json nodes = json::array();
  for (size_t i : level) {
    const auto& n = tree.Nodes()[i];
    nodes.push_back(
        {{"id", n.id},
         {"name", n.name},
         {"kind", Text(ctx, "kind." + n.record["kind"].get<std::string>())},
         {"org_number", OrgNumberText(n.record)},
         {"children", n.children.empty() ? "" : TreeHtml(ctx, tree, n.children, false)}});
  }
  return RenderTemplate(
      "org_tree",
      {{"top", top}, {"nodes", nodes}, {"org_number_label", Text(ctx, "org.org_number_short")}});
}

// Parents the caller may place a node under; "no parent" only for installation-wide admins.
std::vector<SelectOption> ParentOptions(const RequestContext& ctx, const OrgTree& tree,
                                        std::optional<long long> moving) {
  std::vector<SelectOption> out;
  if (CallerMay(*ctx.caller, tree, Permission::kOrgWrite, std::nullopt))
    out.push_back({"", Text(ctx, "org.no_parent")});
  for (auto& o : tree.Options(moving))
    if (CallerMay(*ctx.caller, tree, Permission::kOrgWrite, std::stoll(o.value)))
      out.push_back(std::move(o));
  return out;
}

void ShowTree(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  auto tree = OrgTree::Load(app, *ctx.caller);
  if (!tree.ok()) return WriteErrorPage(out, ctx, tree.error());
  json data = {{"path", "/org"},
               {"has_tree", !tree->Nodes().empty()},
               {"tree_html", TreeHtml(ctx, *tree, tree->Roots(), true)},
               {"create_form", ""}};
  if (domain::ScopesFor(ctx.caller->grants, Permission::kOrgWrite).any()) {
    Form form(ctx, "org-create", "/org", failure);
    form.Text("name", "org.field.name", "", FormInput().Required())
        .Select("kind", "org.field.kind", KindOptions(ctx), "unit")
        .Select("parent_id", "org.field.parent", ParentOptions(ctx, *tree, std::nullopt),
                ctx.request.Param("parent"), false)
        .Text("org_number", "org.field.org_number", "", FormInput().Hint("org.hint.org_number"))
        .Submit("org.create_submit");
    data["create_form"] = form.Html();
  }
  WritePage(out, ctx, "org_list", "page.org.title", "org", data, PageStatus(FailureError(failure)));
}

void ShowNode(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto node = app.org.Get(*ctx.caller, id);
  if (!node.ok()) return WriteErrorPage(out, ctx, node.error());
  auto tree = OrgTree::Load(app, *ctx.caller);
  if (!tree.ok()) return WriteErrorPage(out, ctx, tree.error());
  const json& n = *node;
  std::string base = "/org/" + std::to_string(id);

  json breadcrumbs = json::array();
  for (long long a : tree->PathOf(id))
    if (a != id) breadcrumbs.push_back({{"id", a}, {"name", tree->NameOf(a)}});
  json children = json::array();
  if (const auto* self = tree->Find(id)) {
    for (size_t c : self->children) {
      const auto& child = tree->Nodes()[c];
      children.push_back({{"id", child.id},
                          {"name", child.name},
                          {"kind", Text(ctx, "kind." + child.record["kind"].get<std::string>())}});
    }
  }
  json parent = "";
  if (n["parent_id"].is_number_integer()) {
    long long p = n["parent_id"].get<long long>();
    parent = {{"id", p}, {"name", tree->NameOf(p)}};
  }
  std::string kind = n["kind"].get<std::string>();
  std::string version = std::to_string(n["version"].get<long long>());
  json data = {{"path", base},
               {"title", n["name"]},
               {"node",
                {{"id", id},
                 {"name", n["name"]},
                 {"kind", Text(ctx, "kind." + kind)},
                 {"org_number", OrgNumberText(n)},
                 {"created", LocalTimeText(n.value("created_at", ""))},
                 {"updated", LocalTimeText(n.value("updated_at", ""))}}},
               {"parent", parent},
               {"breadcrumbs", breadcrumbs},
               {"children", children},
               {"has_children", !children.empty()},
               {"admin", false}};

  bool admin = CallerMay(*ctx.caller, *tree, Permission::kOrgWrite, id);
  AddDeletedNodeNames(app, ctx, *tree);
  auto history = app.org.History(*ctx.caller, id);
  if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
  data["history_html"] = HistoryHtml(ctx, *tree, *history,
                                     HistoryOptions{.base = base,
                                                    .form_prefix = "org-restore",
                                                    .record_name = n["name"].get<std::string>(),
                                                    .can_restore = admin},
                                     failure);

  if (admin) {
    data["admin"] = true;
    data["add_child_href"] = "/org?parent=" + std::to_string(id) + "#create-heading";
    Form edit(ctx, "org-edit", base, failure);
    edit.Hidden("version", version)
        .Text("name", "org.field.name", n["name"].get<std::string>(), FormInput().Required())
        .Select("kind", "org.field.kind", KindOptions(ctx), kind)
        .Text("org_number", "org.field.org_number", OrgNumberText(n),
              FormInput().Hint("org.hint.org_number"))
        .Text("comment", "history.field.comment_change", "",
              FormInput().Hint("history.hint.comment_change"))
        .Submit("common.save");
    data["edit_form"] = edit.Html();

    std::string current_parent =
        n["parent_id"].is_number_integer() ? std::to_string(n["parent_id"].get<long long>()) : "";
    Form move(ctx, "org-move", base + "/move", failure);
    move.Hidden("version", version)
        .Select("parent_id", "org.field.new_parent", ParentOptions(ctx, *tree, id), current_parent,
                false)
        .Submit("org.move_submit");
    data["move_form"] = move.Html();

    Form del(ctx, "org-delete", base + "/delete", failure);
    del.Hidden("version", version)
        .Confirm(Text(ctx, "org.delete_confirm", {{"name", n["name"].get<std::string>()}}))
        .Submit("org.delete_submit", "danger");
    data["delete_form"] = del.Html();
  }
  WritePage(out, ctx, "org_node", "", "org", data, PageStatus(FailureError(failure)));
}

// The soft-deleted nodes the caller may read, most recently deleted first, each with when and
// by whom it was deleted and, for callers who may change the place it was in, a restore form
// that brings back the version before the deletion.
void ShowDeleted(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  service::OrgListQuery query;
  query.deleted = true;
  auto deleted = app.org.List(*ctx.caller, query);
  if (!deleted.ok()) return WriteErrorPage(out, ctx, deleted.error());
  auto tree = OrgTree::Load(app, *ctx.caller);
  if (!tree.ok()) return WriteErrorPage(out, ctx, tree.error());

  // A deleted node may have stood under another deleted node.
  for (const auto& n : deleted->items)
    tree->AddDeletedName(n["id"].get<long long>(), Text(ctx, "org.deleted_parent_deleted",
                                                        {{"name", n["name"].get<std::string>()}}));

  json rows = json::array();
  for (const auto& n : deleted->items) {
    long long id = n["id"].get<long long>();
    std::string name = n["name"].get<std::string>();
    auto history = app.org.History(*ctx.caller, id);
    if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
    std::string by;
    for (const auto& e : *history)
      if (e.value("action", "") == "delete") by = e.value("actor", "");
    std::optional<long long> parent;
    if (n["parent_id"].is_number_integer()) parent = n["parent_id"].get<long long>();
    std::string restore;
    auto target = VersionBeforeDelete(*history);
    // Under a deleted node it can come back only after that node.
    bool placeable = !parent || tree->Find(*parent);
    if (target && placeable && CallerMay(*ctx.caller, *tree, Permission::kOrgWrite, parent)) {
      std::string id_text = std::to_string(id);
      restore = RestoreFormHtml(ctx,
                                HistoryOptions{.base = "/org/" + id_text,
                                               .form_prefix = "org-undelete-" + id_text,
                                               .record_name = name,
                                               .can_restore = true,
                                               .from = "deleted"},
                                *target, failure, false);
    }
    std::string deleted_at = n["deleted_at"].is_string() ? n["deleted_at"].get<std::string>() : "";
    rows.push_back(
        {{"id", id},
         {"name", name},
         {"kind", Text(ctx, "kind." + n["kind"].get<std::string>())},
         {"parent", parent ? tree->NameOf(*parent) : Text(ctx, "org.top_level_short")},
         {"parent_href", parent && tree->Find(*parent) ? "/org/" + std::to_string(*parent) : ""},
         {"deleted_at", deleted_at},
         {"deleted", LocalTimeText(deleted_at)},
         {"by", by},
         {"history_href",
          "/org/" + std::to_string(id) + "/versions/" + std::to_string(target.value_or(1))},
         {"restore", restore}});
  }
  std::sort(rows.begin(), rows.end(), [](const json& a, const json& b) {
    return a["deleted_at"].get<std::string>() > b["deleted_at"].get<std::string>();
  });
  bool any_restore = false;
  for (const auto& r : rows) any_restore = any_restore || !r["restore"].get<std::string>().empty();
  json data = {{"path", "/org/deleted"},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"can_restore", any_restore}};
  WritePage(out, ctx, "org_deleted", "page.org.deleted_title", "org", data,
            PageStatus(FailureError(failure)));
}

// One earlier version of a node, read only, with a restore form for those who may change it.
void ShowVersion(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  std::string v = ctx.request.path_params["version"];
  auto history = app.org.History(*ctx.caller, id);
  if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
  auto tree = OrgTree::Load(app, *ctx.caller);
  if (!tree.ok()) return WriteErrorPage(out, ctx, tree.error());
  AddDeletedNodeNames(app, ctx, *tree);
  if (v.empty() || v.size() > 9 || v.find_first_not_of("0123456789") != std::string::npos)
    return WriteNotFoundPage(out, ctx);
  long long version = std::stoll(v);
  auto record = RecordAtVersion(*history, version);
  if (!record || history->empty()) return WriteNotFoundPage(out, ctx);
  const json* entry = nullptr;
  for (const auto& e : *history)
    if (e.value("version", 0LL) == version) entry = &e;
  json latest = *RecordAtVersion(*history, history->back().value("version", 0LL));
  bool deleted = latest.contains("deleted_at") && !latest["deleted_at"].is_null();
  std::string base = "/org/" + std::to_string(id);
  std::string name = latest.value("name", "#" + std::to_string(id));
  bool current = &history->back() == entry;
  std::string restore;
  std::optional<long long> place = id;
  if (deleted)
    place = latest["parent_id"].is_number_integer()
                ? std::optional<long long>(latest["parent_id"].get<long long>())
                : std::nullopt;
  if (!current && entry->value("action", "") != "delete" &&
      CallerMay(*ctx.caller, *tree, Permission::kOrgWrite, place))
    restore = RestoreFormHtml(ctx,
                              HistoryOptions{.base = base,
                                             .form_prefix = "org-restore",
                                             .record_name = name,
                                             .can_restore = true,
                                             .from = "version"},
                              version, failure, true);
  json data = {
      {"path", base + "/versions/" + v},
      {"title", Text(ctx, "history.version_title", {{"name", name}, {"version", v}})},
      {"list_href", "/org"},
      {"list_name", Text(ctx, "nav.org")},
      {"crumb", deleted
                    ? json{{"href", "/org/deleted"}, {"name", Text(ctx, "page.org.deleted_title")}}
                    : json("")},
      {"record_href", deleted ? "" : base},
      {"record_href_history", deleted ? "/org/deleted" : base + "#history"},
      {"record_name", name},
      {"deleted", deleted},
      {"current", current},
      {"meta", Text(ctx, "history.version_meta",
                    {{"version", v},
                     {"at", LocalTimeText(entry->value("at", ""))},
                     {"actor", entry->value("actor", "")},
                     {"action", ActionLabel(ctx, entry->value("action", ""))}})},
      {"rows", VersionRows(ctx, *tree, *record, {"name", "kind", "org_number", "parent_id"})},
      {"restore", restore}};
  WritePage(out, ctx, "record_version", "", "org", data, PageStatus(FailureError(failure)));
}

void GetDeleted(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDeleted(app, ctx, out, nullptr);
}

void GetOrgUnitVersionPage(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowVersion(app, ctx, out, nullptr);
}

void GetTree(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowTree(app, ctx, out, nullptr);
}

void GetNode(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowNode(app, ctx, out, nullptr);
}

void CreateOrgUnitForm(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "org-create",
      {{"name"}, {"kind"}, {"parent_id", FormField::kInt}, {"org_number", FormField::kText, true}},
      [&](const json& body) { return app.org.Create(*ctx.caller, body); },
      [&](const json& created) {
        out.Redirect("/org/" + std::to_string(created["id"].get<long long>()) + "?notice=created");
      },
      [&](const FormFailure& f) { ShowTree(app, ctx, out, &f); });
}

// Handles one of the forms on a node's page that change the node.
void ChangeNode(App& app, RequestContext& ctx, HttpResponse& out, const std::string& form,
                const std::vector<FormField>& fields, const std::string& notice) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, form, fields,
      [&](const json& body) { return app.org.Update(*ctx.caller, id, body); },
      [&](const json&) { out.Redirect("/org/" + std::to_string(id) + "?notice=" + notice); },
      [&](const FormFailure& f) { ShowNode(app, ctx, out, &f); });
}

void UpdateOrgUnitForm(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeNode(app, ctx, out, "org-edit",
             {{"version", FormField::kInt},
              {"name"},
              {"kind"},
              {"org_number", FormField::kText, true},
              {"comment", FormField::kText, true}},
             "saved");
}

// A restore form from the node's history, one of its version pages or the deleted units.
void RestoreOrgUnitForm(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  std::string from = ctx.request.Param("from");
  std::string prefix = from == "deleted" ? "org-undelete-" + std::to_string(id) : "org-restore";
  HandleRestore(
      ctx, out, prefix, [&](const json& body) { return app.org.Restore(*ctx.caller, id, body); },
      "/org/" + std::to_string(id),
      [&](const FormFailure& f) {
        if (from == "deleted") return ShowDeleted(app, ctx, out, &f);
        if (from == "version") {
          // Back to the version page that was sent.
          ctx.request.path_params["version"] = ctx.request.Param("restore_version");
          return ShowVersion(app, ctx, out, &f);
        }
        ShowNode(app, ctx, out, &f);
      });
}

void Move(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeNode(app, ctx, out, "org-move",
             {{"version", FormField::kInt}, {"parent_id", FormField::kInt}}, "moved");
}

void DeleteOrgUnitForm(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "org-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.contains("version") && body["version"].is_number_integer())
          version = body["version"].get<long long>();
        return app.org.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/org?notice=deleted"); },
      [&](const FormFailure& f) { ShowNode(app, ctx, out, &f); });
}

}  // namespace

void RegisterOrgPages(Router& router, App& app) {
  router.Add("GET", "/org", Bind(app, GetTree));
  router.Add("POST", "/org", Bind(app, CreateOrgUnitForm));
  router.Add("GET", "/org/deleted", Bind(app, GetDeleted));
  router.Add("GET", "/org/{id}", Bind(app, GetNode));
  router.Add("GET", "/org/{id}/versions/{version}", Bind(app, GetOrgUnitVersionPage));
  router.Add("POST", "/org/{id}/restore", Bind(app, RestoreOrgUnitForm));
  router.Add("POST", "/org/{id}", Bind(app, UpdateOrgUnitForm));
  router.Add("POST", "/org/{id}/move", Bind(app, Move));
  router.Add("POST", "/org/{id}/delete", Bind(app, DeleteOrgUnitForm));
}

}  // namespace lis::http
