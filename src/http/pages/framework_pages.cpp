// The control framework library: the list, one framework's controls grouped by theme (with
// the requirements that link to each), and for the CISO the import page (a JSON file
// uploaded as multipart/form-data, checked and imported all or nothing like the API).
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/controls/framework_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The `field`_sv or `field`_en of `r` in the page's language.
std::string Lang(const RequestContext& ctx, const json& r, const std::string& field) {
  return r.value(field + (ctx.language == "en" ? "_en" : "_sv"), std::string());
}

std::string FrameworkHref(long long id) {
  return "/frameworks/" + std::to_string(id);
}

void GetFrameworkList(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto list = app.frameworks.List(*ctx.caller);
  if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
  json rows = json::array();
  for (const auto& f : list->items)
    rows.push_back({{"href", FrameworkHref(f["id"].get<long long>())},
                    {"ref", f["ref"]},
                    {"name", Lang(ctx, f, "name")},
                    {"controls", f["control_count"]},
                    {"data_version", f["data_version"]},
                    {"source", Text(ctx, "frameworks.source." + f["source"].get<std::string>())}});
  json data = {
      {"rows", rows},
      {"caption", Text(ctx, "frameworks.caption", {{"count", std::to_string(rows.size())}})},
      {"writer", app.frameworks.MayEdit(*ctx.caller)}};
  WritePage(out, ctx, "frameworks", "page.frameworks.title", "frameworks", data);
}

// The controls of one theme as table rows.
json ControlRows(const RequestContext& ctx, const json& controls, const std::string& theme) {
  json rows = json::array();
  for (const auto& c : controls) {
    if (c["theme"] != theme) continue;
    json requirements = json::array();
    for (const auto& r : c["requirements"])
      requirements.push_back(
          {{"href", "/assets/requirements/" + std::to_string(r["id"].get<long long>())},
           {"code", r["code"]}});
    rows.push_back({{"anchor", "control-" + c["ref"].get<std::string>()},
                    {"ref", c["ref"]},
                    {"title", Lang(ctx, c, "title")},
                    {"description", Lang(ctx, c, "description")},
                    {"requirements", requirements},
                    {"has_requirements", !requirements.empty()}});
  }
  return rows;
}

void GetFramework(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto f = app.frameworks.Get(*ctx.caller, id);
  if (!f.ok()) return WriteErrorPage(out, ctx, f.error());
  std::string q = ctx.request.Param("q");
  std::string theme = ctx.request.Param("theme");
  json theme_options = json::array(
      {{{"value", ""}, {"label", Text(ctx, "frameworks.any_theme")}, {"selected", theme.empty()}}});
  bool known = false;
  for (const auto& t : (*f)["themes"]) {
    known = known || t["code"] == theme;
    theme_options.push_back(
        {{"value", t["code"]}, {"label", Lang(ctx, t, "name")}, {"selected", t["code"] == theme}});
  }
  if (!known) theme.clear();
  // Every control on one page (a framework file holds at most 2000).
  auto controls = app.frameworks.Controls(*ctx.caller, id, theme, q, {2000, 0});
  if (!controls.ok()) return WriteErrorPage(out, ctx, controls.error());
  json themes = json::array();
  for (const auto& t : (*f)["themes"]) {
    json rows = ControlRows(ctx, controls->items, t["code"]);
    if (rows.empty()) continue;
    std::string name = Lang(ctx, t, "name");
    themes.push_back({{"id", "theme-" + t["code"].get<std::string>()},
                      {"name", name},
                      {"caption", Text(ctx, "frameworks.theme_caption",
                                       {{"theme", name}, {"count", std::to_string(rows.size())}})},
                      {"rows", rows}});
  }
  json data = {
      {"title", Lang(ctx, *f, "name")},
      {"description", Lang(ctx, *f, "description")},
      {"ref", (*f)["ref"]},
      {"export_href", "/api/v1/frameworks/" + std::to_string(id) + "/export"},
      {"export_name", (*f)["ref"].get<std::string>() + ".json"},
      {"path", FrameworkHref(id)},
      {"q", q},
      {"themes_filter", theme_options},
      {"themes", themes},
      {"has_controls", !themes.empty()},
      {"summary", Text(ctx, "frameworks.summary",
                       {{"count", std::to_string(controls->total)},
                        {"version", std::to_string((*f)["data_version"].get<long long>())}})}};
  WritePage(out, ctx, "framework_detail", "", "frameworks", data);
}

void ShowImport(RequestContext& ctx, HttpResponse& out, json data, int status = 200) {
  WritePage(out, ctx, "framework_import", "page.framework_import.title", "frameworks",
            std::move(data), status);
}

void GetImport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!app.frameworks.MayEdit(*ctx.caller)) return WriteErrorPage(out, ctx, Forbidden());
  ShowImport(ctx, out, json::object());
}

// The outcome of an import that was written (or, for a dry run, checked).
std::string ImportedText(const RequestContext& ctx, const json& r, bool dry_run) {
  std::map<std::string, std::string> args;
  for (const char* k : {"created", "updated", "unchanged", "retired"})
    args[k] = std::to_string(r[k].get<int>());
  args["ref"] = r["ref"];
  return Text(ctx, dry_run ? "frameworks.import_checked" : "frameworks.import_done", args);
}

void PostImport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!app.frameworks.MayEdit(*ctx.caller)) return WriteErrorPage(out, ctx, Forbidden());
  bool dry_run = ctx.request.Param("dry_run") == "true";
  json data = {{"dry_run", dry_run}};
  auto file = ctx.request.files.find("file");
  Result<json> result = Invalid("frameworks.import_no_file", "file");
  if (file != ctx.request.files.end() && !file->second.content.empty()) {
    json doc = json::parse(file->second.content, nullptr, false);
    result = doc.is_discarded() ? Result<json>(Invalid("frameworks.import_not_json", "file"))
                                : app.frameworks.Import(*ctx.caller, doc, dry_run);
  }
  if (result.ok()) {
    data["result"] = {{"ok", true}, {"message", ImportedText(ctx, *result, dry_run)}};
    if (!dry_run && !(*result)["id"].is_null())
      data["result"]["href"] = FrameworkHref((*result)["id"].get<long long>());
    return ShowImport(ctx, out, data);
  }
  if (result.error().code != Code::kInvalid) return WriteErrorPage(out, ctx, result.error());
  const auto& messages = Messages::Embedded();
  data["result"] = {{"ok", false}, {"message", messages.ErrorText(ctx.language, result.error())}};
  json errors = json::array();
  for (const auto& d : result.error().details)
    errors.push_back({{"field", d.field}, {"message", messages.ErrorText(ctx.language, d)}});
  data["errors"] = errors;
  data["has_errors"] = !errors.empty();
  ShowImport(ctx, out, data, 400);
}

}  // namespace

void RegisterFrameworkPages(Router& router, App& app) {
  router.Add("GET", "/frameworks", Bind(app, GetFrameworkList));
  router.Add("GET", "/frameworks/import", Bind(app, GetImport));
  router.Add("POST", "/frameworks/import", Bind(app, PostImport));
  router.Add("GET", "/frameworks/{id}", Bind(app, GetFramework));
}

}  // namespace lis::http
