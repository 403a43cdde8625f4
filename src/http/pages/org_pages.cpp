// The organisation tree: view it, and (for administrators) add, rename, move and delete nodes.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/org/org_kind.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

std::string Text(const RequestContext& ctx, const std::string& key,
                 const std::map<std::string, std::string>& args = {}) {
  return Messages::Embedded().Text(ctx.language, key, args);
}

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

  if (CallerMay(*ctx.caller, *tree, Permission::kOrgWrite, id)) {
    data["admin"] = true;
    data["add_child_href"] = "/org?parent=" + std::to_string(id) + "#create-heading";
    Form edit(ctx, "org-edit", base, failure);
    edit.Hidden("version", version)
        .Text("name", "org.field.name", n["name"].get<std::string>(), FormInput().Required())
        .Select("kind", "org.field.kind", KindOptions(ctx), kind)
        .Text("org_number", "org.field.org_number", OrgNumberText(n),
              FormInput().Hint("org.hint.org_number"))
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

void GetTree(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowTree(app, ctx, out, nullptr);
}

void GetNode(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowNode(app, ctx, out, nullptr);
}

void Create(App& app, RequestContext& ctx, HttpResponse& out) {
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

void Update(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeNode(
      app, ctx, out, "org-edit",
      {{"version", FormField::kInt}, {"name"}, {"kind"}, {"org_number", FormField::kText, true}},
      "saved");
}

void Move(App& app, RequestContext& ctx, HttpResponse& out) {
  ChangeNode(app, ctx, out, "org-move",
             {{"version", FormField::kInt}, {"parent_id", FormField::kInt}}, "moved");
}

void Delete(App& app, RequestContext& ctx, HttpResponse& out) {
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
  router.Add("POST", "/org", Bind(app, Create));
  router.Add("GET", "/org/{id}", Bind(app, GetNode));
  router.Add("POST", "/org/{id}", Bind(app, Update));
  router.Add("POST", "/org/{id}/move", Bind(app, Move));
  router.Add("POST", "/org/{id}/delete", Bind(app, Delete));
}

}  // namespace lis::http
