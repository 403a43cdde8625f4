// The protection-requirement catalogue: the list with filters, and for the CISO the create,
// edit and retire forms, the export link and the import form.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/assets/classification.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/assets/information_set_service.h"
#include "service/assets/requirement_service.h"
#include "service/input.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

bool CanWrite(App& app, const RequestContext& ctx) {
  return app.requirements.MayEdit(*ctx.caller);
}

std::string LevelText(const RequestContext& ctx, long long level) {
  return Text(ctx, "assets.level." + std::to_string(level)) + " (" + std::to_string(level) + ")";
}

std::string ControlsText(const json& r) {
  std::string out;
  for (const auto& c : r.value("controls", json::array()))
    if (c.is_string()) out += (out.empty() ? "" : ", ") + c.get<std::string>();
  return out;
}

// "A.5.15, A.8.5" as a list.
json ControlsList(const std::string& text) {
  json out = json::array();
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string part = service::Trimmed(text.substr(start, end - start));
    if (!part.empty()) out.push_back(part);
    start = end + 1;
  }
  return out;
}

// The requirement's controls as links to their framework's page ({href, text}; no href for
// one the library does not hold).
json ControlLinkItems(const RequestContext& ctx, const json& links) {
  json out = json::array();
  for (const auto& l : links) {
    if (l["control_id"].is_null()) {
      out.push_back(
          {{"text", Text(ctx, "catalogue.control_unresolved", {{"ref", Str(l, "ref")}})}});
      continue;
    }
    std::string title = Str(l, ctx.language == "en" ? "title_en" : "title_sv");
    out.push_back({{"href", "/frameworks/" + std::to_string(l["framework_id"].get<long long>()) +
                                "#control-" + Str(l, "control_ref")},
                   {"text", Str(l, "control_ref") + " " + title}});
  }
  return out;
}

std::vector<SelectOption> AspectOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out;
  for (const char* a : domain::kAspectNames)
    out.push_back({a, Text(ctx, std::string("assets.aspect.") + a)});
  return out;
}

// The classification scale in use (settings).
const domain::ClassificationScale& Scale(App& app) {
  return app.sets.Settings().scale;
}

std::vector<SelectOption> LevelOptions(const RequestContext& ctx, int max_level) {
  std::vector<SelectOption> out;
  for (int l = 0; l <= max_level; ++l) out.push_back({std::to_string(l), LevelText(ctx, l)});
  return out;
}

// The fields of the create and edit forms, filled from `r`.
Form& RequirementFields(const RequestContext& ctx, Form& form, const json& r, int max_level) {
  return form
      .Text("code", "catalogue.field.code", Str(r, "code"),
            FormInput().Required().Hint("catalogue.hint.code"))
      .Text("area", "catalogue.field.area", Str(r, "area"), FormInput().Required())
      .Select("aspect", "catalogue.field.aspect", AspectOptions(ctx), Str(r, "aspect"))
      .Select("min_level", "catalogue.field.min_level", LevelOptions(ctx, max_level),
              r.contains("min_level") ? std::to_string(r["min_level"].get<long long>()) : "")
      .Text("text_sv", "catalogue.field.text_sv", Str(r, "text_sv"), FormInput().Required())
      .Text("text_en", "catalogue.field.text_en", Str(r, "text_en"), FormInput().Required())
      .Text("guidance_sv", "catalogue.field.guidance_sv", Str(r, "guidance_sv"))
      .Text("guidance_en", "catalogue.field.guidance_en", Str(r, "guidance_en"))
      .Text("controls", "catalogue.field.controls", ControlsText(r),
            FormInput().Hint("catalogue.hint.controls"));
}

std::vector<FormField> FormFields(bool edit) {
  std::vector<FormField> f = {
      {"code"},    {"area"},    {"aspect"},      {"min_level", FormField::kInt},
      {"text_sv"}, {"text_en"}, {"guidance_sv"}, {"guidance_en"},
      {"controls"}};
  if (edit) f.push_back({"version", FormField::kInt});
  return f;
}

// A form's body as the service takes it.
json ServiceBody(json body) {
  body["controls"] = ControlsList(
      body.value("controls", json(nullptr)).is_string() ? body["controls"].get<std::string>() : "");
  for (const char* f : {"guidance_sv", "guidance_en"})
    if (body.value(f, json(nullptr)).is_null()) body[f] = "";
  return body;
}

struct ImportOutcome {
  std::string text;  // what was imported
  json errors = json::array();
  std::string error;
  std::string input;  // the text sent, shown again after a failure
};

void ShowList(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure,
              const ImportOutcome* imported = nullptr, int status = 200) {
  if (!RequirePageCaller(ctx, out)) return;
  std::string aspect = ctx.request.Param("aspect");
  std::string level = ctx.request.Param("level");
  std::optional<int> min_level = Scale(app).Parse(level);
  if (!min_level) level.clear();
  bool known_aspect = false;
  for (const char* a : domain::kAspectNames) known_aspect = known_aspect || aspect == a;
  if (!known_aspect) aspect.clear();
  auto list = app.requirements.List(*ctx.caller, {500, 0}, aspect, min_level);
  if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
  json rows = json::array();
  for (const auto& r : list->items)
    rows.push_back({{"href", "/assets/requirements/" + std::to_string(r["id"].get<long long>())},
                    {"code", Str(r, "code")},
                    {"text", Str(r, ctx.language == "en" ? "text_en" : "text_sv")},
                    {"aspect", Text(ctx, "assets.aspect." + Str(r, "aspect"))},
                    {"level", LevelText(ctx, r.value("min_level", 0))},
                    {"area", Str(r, "area")},
                    {"controls", ControlsText(r)}});
  json aspects = json::array({{{"value", ""},
                               {"label", Text(ctx, "catalogue.any_aspect")},
                               {"selected", aspect.empty()}}});
  for (const char* a : domain::kAspectNames)
    aspects.push_back({{"value", a},
                       {"label", Text(ctx, std::string("assets.aspect.") + a)},
                       {"selected", aspect == a}});
  json levels = json::array(
      {{{"value", ""}, {"label", Text(ctx, "catalogue.any_level")}, {"selected", level.empty()}}});
  for (int l = 0; l <= Scale(app).max_level; ++l)
    levels.push_back({{"value", std::to_string(l)},
                      {"label", LevelText(ctx, l)},
                      {"selected", level == std::to_string(l)}});
  json data = {
      {"path", "/assets/requirements"},
      {"aspects", aspects},
      {"levels", levels},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"caption", Text(ctx, "catalogue.caption", {{"count", std::to_string(rows.size())}})},
      {"writer", CanWrite(app, ctx)}};
  if (data["writer"].get<bool>()) {
    Form create(ctx, "requirement-create", "/assets/requirements", failure);
    RequirementFields(ctx, create, json::object(), Scale(app).max_level)
        .Submit("catalogue.create_submit");
    data["create_form"] = create.Html();
  }
  if (imported) {
    data["import_result"] = imported->text;
    data["import_error"] = imported->error;
    data["import_errors"] = imported->errors;
    data["has_import_errors"] = !imported->errors.empty();
    data["import_input"] = imported->input;
  }
  WritePage(out, ctx, "requirements", "page.requirements.title", "assets", data,
            failure ? PageStatus(FailureError(failure)) : status);
}

void GetRequirementList(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowList(app, ctx, out, nullptr);
}

void PostCreate(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "requirement-create", FormFields(false),
      [&](const json& body) { return app.requirements.Create(*ctx.caller, ServiceBody(body)); },
      [&](const json& r) {
        out.Redirect("/assets/requirements/" + std::to_string(r["id"].get<long long>()) +
                     "?notice=created");
      },
      [&](const FormFailure& f) { ShowList(app, ctx, out, &f); });
}

// The import: the pasted catalogue (or a refusal listing every error) shown on the list page.
void PostImport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  ImportOutcome outcome;
  outcome.input = ctx.request.Param("catalogue");
  json doc = json::parse(outcome.input, nullptr, false);
  Result<json> result = Invalid("error.json_malformed", "catalogue");
  if (!doc.is_discarded())
    result = doc.is_object() ? app.requirements.Import(*ctx.caller, doc)
                             : Result<json>(Invalid("error.body_not_object", "catalogue"));
  if (result.ok()) {
    outcome.input.clear();
    outcome.text = Text(ctx, "catalogue.import_result",
                        {{"created", std::to_string((*result)["created"].get<int>())},
                         {"updated", std::to_string((*result)["updated"].get<int>())},
                         {"unchanged", std::to_string((*result)["unchanged"].get<int>())}});
    return ShowList(app, ctx, out, nullptr, &outcome);
  }
  if (result.error().code != Code::kInvalid) return WriteErrorPage(out, ctx, result.error());
  outcome.error = Messages::Embedded().ErrorText(ctx.language, result.error());
  for (const auto& d : result.error().details)
    outcome.errors.push_back(Messages::Embedded().ErrorText(ctx.language, d));
  ShowList(app, ctx, out, nullptr, &outcome, 400);
}

void ShowRequirement(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto r = app.requirements.Get(*ctx.caller, id);
  if (!r.ok()) return WriteErrorPage(out, ctx, r.error());
  std::string code = Str(*r, "code");
  std::string base = "/assets/requirements/" + std::to_string(id);
  json details = json::array();
  auto add = [&](const std::string& key, const std::string& value) {
    details.push_back(
        {{"label", Text(ctx, key)}, {"value", value.empty() ? Text(ctx, "common.none") : value}});
  };
  add("catalogue.field.area", Str(*r, "area"));
  add("catalogue.field.aspect", Text(ctx, "assets.aspect." + Str(*r, "aspect")));
  add("catalogue.field.min_level", LevelText(ctx, r->value("min_level", 0)));
  add("catalogue.field.text_sv", Str(*r, "text_sv"));
  add("catalogue.field.text_en", Str(*r, "text_en"));
  add("catalogue.field.guidance_sv", Str(*r, "guidance_sv"));
  add("catalogue.field.guidance_en", Str(*r, "guidance_en"));
  add("catalogue.field.controls", ControlsText(*r));
  json data = {{"path", base},
               {"title", Text(ctx, "catalogue.edit_title", {{"code", code}})},
               {"details", details},
               {"control_links", ControlLinkItems(ctx, r->value("control_links", json::array()))}};
  data["has_control_links"] = !data["control_links"].empty();
  if (CanWrite(app, ctx)) {
    std::string version = std::to_string((*r)["version"].get<long long>());
    Form edit(ctx, "requirement-edit", base, failure);
    edit.Hidden("version", version);
    RequirementFields(ctx, edit, *r, Scale(app).max_level)
        .Text("comment", "history.field.comment_change", "",
              FormInput().Hint("history.hint.comment_change"))
        .Submit("common.save");
    data["edit_form"] = edit.Html();
    Form del(ctx, "requirement-delete", base + "/delete", failure);
    del.Hidden("version", version)
        .Confirm(Text(ctx, "catalogue.delete_confirm", {{"code", code}}))
        .Submit("catalogue.delete_submit", "danger");
    data["delete_form"] = del.Html();
  }
  WritePage(out, ctx, "requirement_detail", "", "assets", data, PageStatus(FailureError(failure)));
}

void GetRequirement(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowRequirement(app, ctx, out, nullptr);
}

void PostUpdate(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  std::vector<FormField> fields = FormFields(true);
  fields.push_back({"comment"});
  HandleForm(
      ctx, out, "requirement-edit", fields,
      [&](const json& body) {
        json b = ServiceBody(body);
        if (b.value("comment", json(nullptr)).is_null()) b.erase("comment");
        return app.requirements.Update(*ctx.caller, id, b);
      },
      [&](const json&) {
        out.Redirect("/assets/requirements/" + std::to_string(id) + "?notice=saved");
      },
      [&](const FormFailure& f) {
        // The saved controls as the form writes them, so that the conflict view compares like
        // with like.
        FormFailure shown = f;
        json current = json::parse(f.error.current_json, nullptr, false);
        if (current.is_object()) {
          current["controls"] = ControlsText(current);
          shown.error.current_json = current.dump();
        }
        ShowRequirement(app, ctx, out, &shown);
      });
}

void PostDelete(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "requirement-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.value("version", json(nullptr)).is_number_integer())
          version = body["version"].get<long long>();
        return app.requirements.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/assets/requirements?notice=retired"); },
      [&](const FormFailure& f) { ShowRequirement(app, ctx, out, &f); });
}

}  // namespace

void RegisterRequirementPages(Router& router, App& app) {
  router.Add("GET", "/assets/requirements", Bind(app, GetRequirementList));
  router.Add("POST", "/assets/requirements", Bind(app, PostCreate));
  router.Add("POST", "/assets/requirements/import", Bind(app, PostImport));
  router.Add("GET", "/assets/requirements/{id}", Bind(app, GetRequirement));
  router.Add("POST", "/assets/requirements/{id}", Bind(app, PostUpdate));
  router.Add("POST", "/assets/requirements/{id}/delete", Bind(app, PostDelete));
}

}  // namespace lis::http
