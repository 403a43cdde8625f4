#include "http/pages/deviation_breaks.h"

#include "http/app.h"
#include "http/pages/page_support.h"
#include "service/assets/requirement_service.h"
#include "service/controls/framework_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The lists of a deviation and the form field naming one of their items.
struct BreakList {
  const char* list;      // "requirement_ids"
  const char* field;     // "requirement_id"
  const char* kind_key;  // the words of its kind
};
const BreakList kBreakLists[] = {
    {"requirement_ids", "requirement_id", "deviations.break.requirement"},
    {"control_ids", "control_id", "deviations.break.control"}};

void AddRequirementNames(App& app, const RequestContext& ctx, BreakCatalogue& c) {
  auto page = app.requirements.List(*ctx.caller, {1000, 0});
  if (!page.ok()) return;
  for (const auto& r : page->items) {
    std::string name = Str(r, "code") + " " + Str(r, ctx.language == "en" ? "text_en" : "text_sv");
    long long id = r["id"].get<long long>();
    c.requirements.push_back({std::to_string(id), name});
    c.requirement_names[id] = name;
  }
}

void AddControlNames(App& app, const RequestContext& ctx, BreakCatalogue& c) {
  auto frameworks = app.frameworks.List(*ctx.caller);
  if (!frameworks.ok()) return;
  for (const auto& f : frameworks->items) {
    auto controls = app.frameworks.Controls(*ctx.caller, f["id"].get<long long>(), "", "");
    if (!controls.ok()) continue;
    for (const auto& k : controls->items) {
      std::string name = Str(f, "name") + ": " + Str(k, "ref") + " " + Str(k, "title");
      long long id = k["id"].get<long long>();
      c.controls.push_back({std::to_string(id), name});
      c.control_names[id] = name;
    }
  }
}

std::vector<SelectOption> WithNone(const RequestContext& ctx, std::vector<SelectOption> options) {
  options.insert(options.begin(), {"", Text(ctx, "deviations.break.choose")});
  return options;
}

std::string UnbreakFormHtml(const RequestContext& ctx, const json& d, const BreakList& l,
                            long long id, const std::string& name, const FormFailure* failure) {
  Form form(ctx, "deviation-unbreak", "/deviations/" + IdOf(d) + "/breaks/remove", failure);
  form.Inline()
      .Hidden("version", std::to_string(d["version"].get<long long>()))
      .Hidden(l.field, std::to_string(id))
      .Submit("deviations.break_remove", "secondary", name);
  return form.Html();
}

}  // namespace

std::string BreakCatalogue::Name(const std::string& field, long long id) const {
  if (field != "control_ids" && field != "requirement_ids") return "";
  const auto& names = field == "control_ids" ? control_names : requirement_names;
  auto it = names.find(id);
  return it == names.end() ? "" : it->second;
}

BreakCatalogue LoadBreakCatalogue(App& app, const RequestContext& ctx) {
  BreakCatalogue c;
  AddRequirementNames(app, ctx, c);
  AddControlNames(app, ctx, c);
  return c;
}

std::string DeviationBreaksHtml(const RequestContext& ctx, const json& d,
                                const BreakCatalogue& names, bool may_edit,
                                const FormFailure* failure) {
  json rows = json::array();
  for (const auto& l : kBreakLists)
    for (const auto& id : d.value(l.list, json::array())) {
      std::string name = names.Name(l.list, id.get<long long>());
      if (name.empty()) name = Text(ctx, "record.not_shown");
      json row = {{"kind", Text(ctx, l.kind_key)}, {"name", name}};
      if (may_edit)
        row["remove_form"] = UnbreakFormHtml(ctx, d, l, id.get<long long>(), name, failure);
      rows.push_back(row);
    }
  json data = {{"heading", Text(ctx, "deviations.breaks_heading")},
               {"caption", Text(ctx, "deviations.breaks_caption")},
               {"t_kind", Text(ctx, "deviations.break.kind")},
               {"t_name", Text(ctx, "deviations.break.name")},
               {"t_remove", Text(ctx, "deviations.break_remove")},
               {"none", Text(ctx, "deviations.breaks_none")},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"may_edit", may_edit}};
  if (may_edit) {
    Form add(ctx, "deviation-break", "/deviations/" + IdOf(d) + "/breaks", failure);
    add.Hidden("version", std::to_string(d["version"].get<long long>()))
        .Select("requirement_id", "deviations.break.requirement", WithNone(ctx, names.requirements),
                "", false)
        .Select("control_id", "deviations.break.control", WithNone(ctx, names.controls), "", false)
        .Submit("deviations.break_add");
    data["add_form"] = add.Html();
  }
  return RenderTemplate("deviation_breaks", data);
}

Result<json> BreakChange(const json& current, const json& body, bool add) {
  json change = {{"version", body.value("version", current["version"])}};
  for (const auto& l : kBreakLists) {
    if (!body.contains(l.field) || !body[l.field].is_number_integer()) continue;
    json ids = json::array();
    for (const auto& id : current.value(l.list, json::array()))
      if (id != body[l.field]) ids.push_back(id);
    if (add) ids.push_back(body[l.field]);
    change[l.list] = ids;
  }
  if (change.size() == 1) return Invalid("error.field_required", "requirement_id");
  return change;
}

}  // namespace lis::http
