// Information assets: registers of objects, systems and information sets, their details with
// the derived security class and its reason, create and edit forms, and the classification of
// an information set through the questionnaire (web/catalogue/questionnaire.json).
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/assets.h"
#include "core/messages.h"
#include "domain/assets/classification.h"
#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "http/api/api_support.h"
#include "http/pages/action_parts.h"
#include "http/pages/asset_parts.h"
#include "http/pages/form.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/pages/record_view.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/requirement_service.h"
#include "service/assets/system_service.h"
#include "service/deviations/exception_service.h"
#include "service/input.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

// Whether the caller holds `p` anywhere: on a node or on an object.
bool Has(const RequestContext& ctx, Permission p) {
  return domain::ScopesFor(ctx.caller->grants, p).any() ||
         !domain::ObjectsFor(ctx.caller->grants, p).empty();
}

// Whether the caller may do `action` ("edit", "classify", "approve") with the record, as its
// service said ("can"); records without that answer fall back to `p` anywhere.
bool May(const RequestContext& ctx, const json& record, const char* action, Permission p) {
  const json& can = record.value("can", json(nullptr));
  if (can.is_object()) return can.value(action, false);
  return Has(ctx, p);
}

std::optional<long long> IntOf(const json& record, const std::string& key) {
  if (!record.contains(key) || !record[key].is_number_integer()) return std::nullopt;
  return record[key].get<long long>();
}

// The name of node `unit` of `record`: from the caller's tree, or the record's "org_unit" for
// a set read through an object that belongs to a unit outside that tree.
std::string UnitName(const OrgTree& tree, const json& record, long long unit) {
  if (tree.Find(unit) || !record.contains("org_unit") || !record["org_unit"].is_string())
    return tree.NameOf(unit);
  return record["org_unit"].get<std::string>();
}

std::string Str(const json& record, const std::string& key) {
  return record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : "";
}

std::string LevelText(const RequestContext& ctx, long long level) {
  return Text(ctx, "assets.level." + std::to_string(level)) + " (" + std::to_string(level) + ")";
}

// "Allvarlig (3)", with the reason in words when the record carries one; "Oklassad" while
// nothing behind the record is classified.
std::string ClassText(const RequestContext& ctx, const json& record, const std::string& kind) {
  auto level = IntOf(record, "security_class");
  if (!level) return Text(ctx, "assets.unclassified");
  std::string text = LevelText(ctx, *level);
  const json reason = record.value("class_reason", json(nullptr));
  if (!reason.is_object()) return text;
  std::map<std::string, std::string> args = {
      {"set", Str(reason, "information_set")},
      {"system", Str(reason, "system")},
      {"level", std::to_string(reason.value("level", 0))},
      {"aspect", Text(ctx, "assets.aspect_lower." + Str(reason, "aspect"))}};
  return text + " – " + Text(ctx, "assets.reason." + kind, args);
}

std::vector<SelectOption> UnitOptions(const RequestContext& ctx, const OrgTree& tree,
                                      Permission permission) {
  std::vector<SelectOption> out;
  for (auto& o : tree.Options())
    if (CallerMay(*ctx.caller, tree, permission, std::stoll(o.value))) out.push_back(std::move(o));
  return out;
}

std::vector<SelectOption> ChoiceOptions(const RequestContext& ctx, const std::string& prefix,
                                        const std::vector<std::string>& values, bool none) {
  std::vector<SelectOption> out;
  if (none) out.push_back({"", Text(ctx, "common.none")});
  for (const auto& v : values) out.push_back({v, Text(ctx, prefix + v)});
  return out;
}

const std::vector<std::string> kPersonalData = {"none", "ordinary", "special", "criminal"};

std::vector<SelectOption> ObjectOptions(App& app, const RequestContext& ctx) {
  std::vector<SelectOption> out;
  service::ObjectListQuery q;
  q.page = {500, 0};
  q.class_reasons = false;
  auto list = app.objects.List(*ctx.caller, q);
  if (list.ok())
    for (const auto& o : list->items)
      out.push_back({std::to_string(o["id"].get<long long>()), o["name"].get<std::string>()});
  return out;
}

std::vector<SelectOption> SystemOptions(App& app, const RequestContext& ctx) {
  std::vector<SelectOption> out = {{"", Text(ctx, "common.none")}};
  service::SystemListQuery q;
  q.page = {500, 0};
  q.class_reasons = false;
  auto list = app.systems.List(*ctx.caller, q);
  if (list.ok())
    for (const auto& s : list->items)
      out.push_back({std::to_string(s["id"].get<long long>()), s["name"].get<std::string>()});
  return out;
}

// Names of objects by id: those the caller may read, listed once on first use (names only);
// an object beyond that list is read by itself.
class ObjectNames {
 public:
  ObjectNames(App& app, const RequestContext& ctx) : app_(app), ctx_(ctx) {}
  std::string operator()(long long id) {
    if (names_.empty())
      for (const auto& o : ObjectOptions(app_, ctx_)) names_[std::stoll(o.value)] = o.label;
    auto it = names_.find(id);
    if (it != names_.end()) return it->second;
    auto o = app_.objects.Get(*ctx_.caller, id);
    return names_[id] = o.ok() ? Str(*o, "name") : "";
  }

 private:
  App& app_;
  const RequestContext& ctx_;
  std::map<long long, std::string> names_;
};

// ---- Registers ----

// The three registers and the overview; `current` is the path of the one shown.
json Tabs(const RequestContext& ctx, const std::string& current) {
  json tabs = json::array();
  for (AssetKind k : {AssetKind::kObjects, AssetKind::kSystems, AssetKind::kSets})
    tabs.push_back({{"href", "/assets/" + AssetKindPath(k)},
                    {"label", Text(ctx, "assets.tab." + AssetKindPath(k))},
                    {"current", "/assets/" + AssetKindPath(k) == current}});
  tabs.push_back({{"href", "/assets/overview"},
                  {"label", Text(ctx, "assets.tab.overview")},
                  {"current", current == "/assets/overview"}});
  tabs.push_back({{"href", "/assets/requirements"},
                  {"label", Text(ctx, "catalogue.link")},
                  {"current", current == "/assets/requirements"}});
  return tabs;
}

json Tabs(const RequestContext& ctx, AssetKind current) {
  return Tabs(ctx, "/assets/" + AssetKindPath(current));
}

// The system's fields on a form: the objects the caller may read to choose from.
void AddSystemFields(App& app, const RequestContext& ctx, Form& form, const json& record) {
  AddDeclaredFields(form, ctx, domain::SystemRecord(), record,
                    [&](const domain::FieldDecl&) { return ObjectOptions(app, ctx); });
}

// The nodes a record may be placed at: where the caller may place records, and the record's
// current node even where the caller may not (an object owner editing another unit's set), so
// that saving does not move it.
std::vector<SelectOption> PlacementOptions(const RequestContext& ctx, const OrgTree& tree,
                                           const json& record) {
  auto units = UnitOptions(ctx, tree, Permission::kAssetWrite);
  auto u = IntOf(record, "org_unit_id");
  std::string current = u ? std::to_string(*u) : "";
  if (u && std::none_of(units.begin(), units.end(),
                        [&](const SelectOption& o) { return o.value == current; }))
    units.insert(units.begin(), {current, UnitName(tree, record, *u)});
  return units;
}

void AddObjectFields(const RequestContext& ctx, const OrgTree& tree, Form& form,
                     const json& record) {
  AddDeclaredFields(form, ctx, domain::ObjectRecord(), record,
                    [&](const domain::FieldDecl&) { return PlacementOptions(ctx, tree, record); });
}

Form& CreateForm(App& app, const RequestContext& ctx, const OrgTree& tree, AssetKind kind,
                 Form& form) {
  if (kind == AssetKind::kSystems) {
    AddSystemFields(app, ctx, form, json::object());
    return form;
  }
  if (kind == AssetKind::kObjects) {
    AddObjectFields(ctx, tree, form, json::object());
    return form;
  }
  form.Text("name", "assets.field.name", "", FormInput().Required());
  form.Select("org_unit_id", "assets.field.org_unit",
              UnitOptions(ctx, tree, Permission::kAssetWrite), "");
  form.Text("description", "assets.field.description", "");
  if (kind == AssetKind::kSets) {
    form.Select("personal_data", "assets.field.personal_data",
                ChoiceOptions(ctx, "assets.personal_data.", kPersonalData, false), "none")
        .Select("system_id", "assets.field.system", SystemOptions(app, ctx), "", false);
  }
  return form;
}

// The register parameters a link keeps (filters and sort), in this order. The services read
// and check them (service/assets/register_query.h); the page only passes them on.
const char* const kRegisterParams[] = {"q",
                                       "org_unit_id",
                                       "object_id",
                                       "system_id",
                                       "lifecycle",
                                       "hosting",
                                       "security_class",
                                       "min_confidentiality",
                                       "min_integrity",
                                       "min_availability",
                                       "min_traceability",
                                       "personal_data",
                                       "status",
                                       "review_overdue",
                                       "unclassified",
                                       "sort"};

// "?a=b&c=d" from "&a=b&c=d" (nothing when empty).
std::string AsQuery(const std::string& kept) {
  return kept.empty() ? "" : "?" + kept.substr(1);
}

json Choices(const RequestContext& ctx, const std::string& any_key,
             const std::vector<SelectOption>& options, const std::string& current) {
  json out =
      json::array({{{"value", ""}, {"label", Text(ctx, any_key)}, {"selected", current.empty()}}});
  for (const auto& o : options)
    out.push_back({{"value", o.value}, {"label", o.label}, {"selected", o.value == current}});
  return out;
}

json Select(const std::string& name, const std::string& label, json options) {
  return {{"id", "filter-" + name}, {"name", name}, {"label", label}, {"options", options}};
}

std::vector<SelectOption> LevelOptions(App& app, const RequestContext& ctx, int from) {
  std::vector<SelectOption> out;
  for (int l = from; l <= app.sets.Settings().scale.max_level; ++l)
    out.push_back({std::to_string(l), LevelText(ctx, l)});
  return out;
}

// The select boxes of the filter form, each keeping its current value.
json FilterSelects(App& app, const RequestContext& ctx, const OrgTree& tree, AssetKind kind,
                   const service::ParamLookup& param) {
  auto cur = [&](const std::string& name) { return param(name).value_or(""); };
  json selects = json::array();
  selects.push_back(Select("org_unit_id", Text(ctx, "assets.filter.org_unit"),
                           Choices(ctx, "assets.filter.any", tree.Options(), cur("org_unit_id"))));
  if (kind == AssetKind::kSystems) {
    selects.push_back(
        Select("object_id", Text(ctx, "assets.field.object"),
               Choices(ctx, "assets.filter.any", ObjectOptions(app, ctx), cur("object_id"))));
    for (const auto& f : domain::SystemRecord().fields)
      if (f.filterable && f.kind == domain::FieldKind::kChoice)
        selects.push_back(
            Select(f.name, Text(ctx, f.label_key),
                   Choices(ctx, "assets.filter.any", DeclaredChoiceOptions(ctx, f), cur(f.name))));
  }
  selects.push_back(
      Select("security_class", Text(ctx, "assets.filter_class"),
             Choices(ctx, "assets.any_class", LevelOptions(app, ctx, 0), cur("security_class"))));
  for (const char* a : domain::kAspectNames) {
    std::string name = std::string("min_") + a;
    selects.push_back(
        Select(name,
               Text(ctx, "assets.filter.min_level",
                    {{"aspect", Text(ctx, std::string("assets.aspect.") + a)}}),
               Choices(ctx, "assets.filter.any", LevelOptions(app, ctx, 1), cur(name))));
  }
  auto personal = ChoiceOptions(ctx, "assets.personal_data.", kPersonalData, false);
  personal.push_back({"any", Text(ctx, "assets.filter.personal_any")});
  selects.push_back(
      Select("personal_data",
             Text(ctx, kind == AssetKind::kSets ? "assets.field.personal_data"
                                                : "assets.filter.personal_data_behind"),
             Choices(ctx, "assets.filter.any", personal, cur("personal_data"))));
  selects.push_back(
      Select("status", Text(ctx, "assets.class_status_label"),
             Choices(ctx, "assets.filter.any",
                     ChoiceOptions(ctx, "assets.class_status.", {"draft", "approved"}, false),
                     cur("status"))));
  return selects;
}

// The declaration of a register's records; nullptr for information sets (not declared yet).
const domain::RecordType* DeclaredTypeOf(AssetKind kind) {
  if (kind == AssetKind::kSystems) return &domain::SystemRecord();
  if (kind == AssetKind::kObjects) return &domain::ObjectRecord();
  return nullptr;
}

// A column of a register after the name: its heading, its sort key ("" when it does not
// sort) and the field it shows.
struct ListColumn {
  std::string label_key;
  std::string sort_key;
  std::string field;
};

// The listed fields of a declared register, in their declared order; the set register's
// columns; then when each record last changed.
std::vector<ListColumn> ListColumnsOf(AssetKind kind) {
  std::vector<ListColumn> out;
  if (const domain::RecordType* type = DeclaredTypeOf(kind)) {
    for (const auto& f : type->fields)
      if (f.listed && std::string(f.name) != "name")
        out.push_back({f.label_key, f.sortable ? f.name : "", f.name});
  } else {
    out = {{"assets.field.org_unit", "", "org_unit_id"},
           {"assets.field.class", "security_class", "security_class"},
           {"assets.review_due", "review_due", "review_due"}};
  }
  out.push_back({"assets.filter.updated", "updated_at", "updated_at"});
  return out;
}

// The column headers; the sortable ones link to the register sorted by them (again: the other
// way), the current one carrying aria-sort.
json SortHeaders(const RequestContext& ctx, AssetKind kind, const std::string& path,
                 const service::ParamLookup& param) {
  std::string sort = param("sort").value_or("");
  if (sort.empty()) sort = "name";
  std::string kept = KeptParams(param, kRegisterParams, "sort");
  json headers = json::array();
  auto add = [&](const std::string& label, const std::string& key) {
    json h = {{"label", label}, {"href", ""}, {"aria_sort", ""}};
    if (!key.empty()) {
      h["href"] = path + "?sort=" + (sort == key ? "-" + key : key) + kept;
      if (sort == key) h["aria_sort"] = "ascending";
      if (sort == "-" + key) h["aria_sort"] = "descending";
    }
    headers.push_back(h);
  };
  add(Text(ctx, "assets.field.name"), "name");
  for (const auto& c : ListColumnsOf(kind)) add(Text(ctx, c.label_key), c.sort_key);
  return headers;
}

// Lists the register of `kind` with the filters and sort of the request.
Result<store::Page> ListRegister(App& app, const RequestContext& ctx, AssetKind kind,
                                 const service::ParamLookup& param, service::PageRequest page) {
  auto run = [&](auto query, auto& service) -> Result<store::Page> {
    if (!query.ok()) return query.error();
    query->page = page;
    return service.List(*ctx.caller, *query);
  };
  if (kind == AssetKind::kObjects) return run(service::ReadObjectListQuery(param), app.objects);
  if (kind == AssetKind::kSystems) return run(service::ReadSystemListQuery(param), app.systems);
  return run(service::ReadSetListQuery(param), app.sets);
}

void ShowRegister(App& app, RequestContext& ctx, HttpResponse& out, AssetKind kind,
                  const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!Has(ctx, Permission::kAssetRead)) return WriteErrorPage(out, ctx, Forbidden());
  // After a failed create form the request holds the form, not the register's filters.
  service::ParamLookup param =
      failure
          ? service::ParamLookup([](const std::string&) { return std::optional<std::string>(); })
          : QueryParams(ctx);
  long long page = PageNumberParam(ctx);
  auto result = ListRegister(app, ctx, kind, param, {kPageSize, (page - 1) * kPageSize});
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  OrgTree tree = LoadOrgTree(app, ctx);
  ObjectNames objects(app, ctx);
  std::string path = "/assets/" + AssetKindPath(kind);

  const std::vector<ListColumn> columns = ListColumnsOf(kind);
  json rows = json::array();
  for (const auto& r : result->items) {
    std::string where;
    if (kind == AssetKind::kSystems) {
      if (auto o = IntOf(r, "object_id")) where = objects(*o);
    } else if (auto u = IntOf(r, "org_unit_id")) {
      where = tree.NameOf(*u);
      // A set read through an object may belong to a unit outside the caller's tree.
      if (!tree.Find(*u) && kind == AssetKind::kSets)
        if (auto set = app.sets.Get(*ctx.caller, r["id"].get<long long>()); set.ok())
          where = UnitName(tree, *set, *u);
    }
    json cells = json::array();
    for (const auto& c : columns) {
      std::string text;
      if (c.field == "object_id" || c.field == "org_unit_id")
        text = where;
      else if (c.field == "security_class")
        text = ClassText(ctx, r, kind == AssetKind::kSets ? "set" : AssetKindPath(kind));
      else if (c.field == "updated_at")
        text = LocalTimeText(Str(r, "updated_at")).substr(0, 10);
      else if (c.field == "review_due")
        text = Str(r, "review_due");
      else if (const domain::RecordType* type = DeclaredTypeOf(kind))
        text = DeclaredValueText(ctx, *type->Find(c.field), r.value(c.field, json(nullptr)));
      cells.push_back({{"text", text}});
    }
    rows.push_back({{"href", path + "/" + std::to_string(r["id"].get<long long>())},
                    {"name", r["name"]},
                    {"cells", cells}});
  }
  long long total = result->total;
  long long first = (page - 1) * kPageSize;
  std::string kept = KeptParams(param, kRegisterParams);
  json checks = json::array();
  for (const char* name : {"review_overdue", "unclassified"})
    checks.push_back({{"id", std::string("filter-") + name},
                      {"name", name},
                      {"label", Text(ctx, std::string("assets.filter.") + name)},
                      {"checked", param(name).value_or("") == "true"}});
  json data = {
      {"path", path},
      {"tabs", Tabs(ctx, kind)},
      {"q", param("q").value_or("")},
      {"sort", param("sort").value_or("")},
      {"selects", FilterSelects(app, ctx, tree, kind, param)},
      {"checks", checks},
      {"filtered", !KeptParams(param, kRegisterParams, "sort").empty()},
      {"headers", SortHeaders(ctx, kind, path, param)},
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"list_heading", Text(ctx, "assets.tab." + AssetKindPath(kind))},
      {"create_form", ""},
      {"deleted_href", path + "/deleted"},
      {"showing", rows.empty() ? Text(ctx, "assets.none_found")
                               : Text(ctx, "assets.showing",
                                      {{"from", std::to_string(first + 1)},
                                       {"to", std::to_string(first + rows.size())},
                                       {"total", std::to_string(total)}})},
      {"prev_href", page > 1 ? path + "?page=" + std::to_string(page - 1) + kept : ""},
      {"next_href",
       first + kPageSize < total ? path + "?page=" + std::to_string(page + 1) + kept : ""}};
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  // Exports apply the register's filters (the API's names for them).
  data["export_href"] = "/api/v1/" + AssetKindPath(kind) + "/export?lang=" + ctx.language + kept;
  if (kind != AssetKind::kObjects && Has(ctx, Permission::kAssetWrite))
    data["import_href"] = "/assets/import?kind=" + AssetKindPath(kind);
  if (Has(ctx, Permission::kAssetWrite)) {
    Form form(ctx, "asset-create", path, failure);
    CreateForm(app, ctx, tree, kind, form).Submit("assets.create_submit." + AssetKindPath(kind));
    data["create_form"] = form.Html();
    data["create_heading"] = Text(ctx, "assets.create_heading." + AssetKindPath(kind));
  }
  WritePage(out, ctx, "assets_list", "page.assets.title", "assets", data,
            PageStatus(FailureError(failure)));
}

// ---- Overview per organisation node ----

void GetOverview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto overview = app.sets.Overview(*ctx.caller);
  if (!overview.ok()) return WriteErrorPage(out, ctx, overview.error());
  const std::string base = "/assets/information-sets";
  // The numbers of one row, each linking to the register filtered to them.
  auto cells = [&](const service::SetCounts& c, const std::string& unit_param) {
    json out = json::array();
    for (auto [count, filter] : {std::pair{c.total, ""},
                                 {c.unclassified, "&unclassified=true"},
                                 {c.draft, "&status=draft"},
                                 {c.approved, "&status=approved"},
                                 {c.review_overdue, "&review_overdue=true"}})
      out.push_back({{"count", count}, {"href", base + AsQuery(unit_param + filter)}});
    return out;
  };
  json rows = json::array();
  for (const auto& r : overview->rows)
    rows.push_back({{"name", r.name},
                    {"indent", "indent-" + std::to_string(std::min(r.depth, 5))},
                    {"cells", cells(r.counts, "&org_unit_id=" + std::to_string(r.org_unit_id))}});
  json data = {{"tabs", Tabs(ctx, std::string("/assets/overview"))},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"totals", cells(overview->totals, "")}};
  WritePage(out, ctx, "assets_overview", "page.assets_overview.title", "assets", data);
}

// Maps a form's single system choice to the service's list, and the error back to it.
Result<json> WithSystemChoice(json body, const std::vector<long long>& existing,
                              const std::function<Result<json>(const json&)>& call) {
  json ids = json::array();
  for (long long id : existing) ids.push_back(id);
  if (body.contains("system_id")) {
    if (body["system_id"].is_number_integer()) ids.push_back(body["system_id"]);
    body.erase("system_id");
    body["system_ids"] = ids;
  }
  auto r = call(body);
  if (!r.ok() && r.error().field == "system_ids") {
    Error e = r.error();
    e.field = "system_id";
    return e;
  }
  return r;
}

std::vector<FormField> FieldsOf(AssetKind kind, bool edit) {
  std::vector<FormField> f;
  if (edit) f.push_back({"version", FormField::kInt});
  if (kind != AssetKind::kSets) {
    auto& type = kind == AssetKind::kSystems ? domain::SystemRecord() : domain::ObjectRecord();
    for (auto& declared : DeclaredFormFields(type)) f.push_back(declared);
    return f;
  }
  f.insert(f.end(), {{"name"}, {"description"}, {"org_unit_id", FormField::kInt}});
  if (kind == AssetKind::kSets) {
    f.insert(f.end(), {{"personal_data"}, {"system_id", FormField::kInt}});
    if (edit)
      f.insert(f.end(),
               {{"secrecy", FormField::kText, true}, {"retention", FormField::kText, true}});
  }
  return f;
}

void CreateAsset(App& app, RequestContext& ctx, HttpResponse& out, AssetKind kind) {
  HandleForm(
      ctx, out, "asset-create", FieldsOf(kind, false),
      [&](const json& body) -> Result<json> {
        if (kind == AssetKind::kObjects) return app.objects.Create(*ctx.caller, body);
        if (kind == AssetKind::kSystems) return app.systems.Create(*ctx.caller, body);
        return WithSystemChoice(body, {},
                                [&](const json& b) { return app.sets.Create(*ctx.caller, b); });
      },
      [&](const json& r) {
        out.Redirect("/assets/" + AssetKindPath(kind) + "/" +
                     std::to_string(r["id"].get<long long>()) + "?notice=created");
      },
      [&](const FormFailure& f) { ShowRegister(app, ctx, out, kind, &f); });
}

// ---- Details ----

json ClassificationRows(const RequestContext& ctx, const json& c) {
  json rows = json::array();
  const json& motivations = c.value("motivations", json(nullptr));
  for (const char* a : domain::kAspectNames) {
    auto level = IntOf(c, a);
    rows.push_back({{"aspect", Text(ctx, std::string("assets.aspect.") + a)},
                    {"level", level ? LevelText(ctx, *level) : ""},
                    {"motivation", motivations.is_object() ? Str(motivations, a) : ""}});
  }
  return rows;
}

void ShowDetail(App& app, RequestContext& ctx, HttpResponse& out, AssetKind kind,
                const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  Result<json> record = kind == AssetKind::kObjects   ? app.objects.Get(*ctx.caller, id)
                        : kind == AssetKind::kSystems ? app.systems.Get(*ctx.caller, id)
                                                      : app.sets.Get(*ctx.caller, id);
  if (!record.ok()) return WriteErrorPage(out, ctx, record.error());
  const json& r = *record;
  OrgTree tree = LoadOrgTree(app, ctx);
  ObjectNames objects(app, ctx);
  std::string base = "/assets/" + AssetKindPath(kind) + "/" + std::to_string(id);
  std::string name = Str(r, "name");

  json details = json::array();
  auto add = [&](const std::string& key, const std::string& value, const std::string& href = "") {
    details.push_back({{"label", Text(ctx, key)},
                       {"value", value.empty() ? Text(ctx, "common.none") : value},
                       {"href", href}});
  };
  add("assets.field.class",
      ClassText(ctx, r, kind == AssetKind::kSets ? "set" : AssetKindPath(kind)));
  // Secrecy-marked details the caller may not read are said to be hidden, not empty.
  bool redacted = r.value("redacted", false);
  if (kind != AssetKind::kSets) {
    // A reference is named and linked: a system's object, an object's node.
    auto name_of = [&](const domain::FieldDecl& f, long long id) {
      return std::string(f.references) == "object" ? objects(id) : UnitName(tree, r, id);
    };
    auto href_of = [&](const domain::FieldDecl& f, long long id) -> std::string {
      if (std::string(f.references) == "object") return "/assets/objects/" + std::to_string(id);
      return tree.Find(id) ? "/org/" + std::to_string(id) : "";
    };
    auto& type = kind == AssetKind::kSystems ? domain::SystemRecord() : domain::ObjectRecord();
    for (const auto& f : type.fields) {
      // The name is the page's heading; derived values have their own rows.
      if (!f.stored || std::string(f.name) == "name") continue;
      auto ref = f.kind == domain::FieldKind::kReference ? IntOf(r, f.name) : std::nullopt;
      add(f.label_key,
          redacted && f.read == domain::FieldRead::kSecrecy
              ? Text(ctx, "assets.redacted")
              : DeclaredValueText(ctx, f, r.value(f.name, json(nullptr)), name_of),
          ref ? href_of(f, *ref) : "");
    }
  } else {
    if (auto u = IntOf(r, "org_unit_id"))
      add("assets.field.org_unit", UnitName(tree, r, *u),
          tree.Find(*u) ? "/org/" + std::to_string(*u) : "");
    add("assets.field.description",
        redacted ? Text(ctx, "assets.redacted") : Str(r, "description"));
  }
  if (kind == AssetKind::kObjects) {  // who holds the object roles (objektägare, förvaltare, ...)
    for (const auto& holder : r.value("roles", json::array()))
      add("role." + Str(holder, "role"), Str(holder, "name"));
    if (r.value("roles", json::array()).empty()) add("assets.field.object_roles", "");
  }
  if (kind == AssetKind::kSets) {
    std::string p = Str(r, "personal_data");
    add("assets.field.personal_data", p.empty() ? "" : Text(ctx, "assets.personal_data." + p));
    add("assets.field.secrecy", Str(r, "secrecy"));
    add("assets.field.retention", redacted ? Text(ctx, "assets.redacted") : Str(r, "retention"));
  }

  json data = {{"path", base},
               {"title", name},
               {"tabs", Tabs(ctx, kind)},
               {"list_href", "/assets/" + AssetKindPath(kind)},
               {"list_label", Text(ctx, "assets.tab." + AssetKindPath(kind))},
               {"details", details},
               {"is_object", kind == AssetKind::kObjects},
               {"is_system", kind == AssetKind::kSystems},
               {"is_set", kind == AssetKind::kSets}};

  // Linked records: an object's systems, a system's information sets, a set's systems.
  json linked = json::array();
  if (kind == AssetKind::kObjects) {
    service::SystemListQuery q;
    q.page = {500, 0};
    q.object_id = id;
    auto list = app.systems.List(*ctx.caller, q);
    if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
    for (const auto& s : list->items)
      linked.push_back({{"href", "/assets/systems/" + std::to_string(s["id"].get<long long>())},
                        {"name", s["name"]},
                        {"class", ClassText(ctx, s, "systems")}});
    data["linked_heading"] = Text(ctx, "assets.tab.systems");
  } else if (kind == AssetKind::kSystems) {
    service::InformationSetListQuery q;
    q.page = {500, 0};
    q.system_id = id;
    auto list = app.sets.List(*ctx.caller, q);
    if (!list.ok()) return WriteErrorPage(out, ctx, list.error());
    for (const auto& s : list->items)
      linked.push_back(
          {{"href", "/assets/information-sets/" + std::to_string(s["id"].get<long long>())},
           {"name", s["name"]},
           {"class", ClassText(ctx, s, "set")}});
    data["linked_heading"] = Text(ctx, "assets.tab.information-sets");

    auto reqs = app.requirements.ForSystem(*ctx.caller, id);
    if (!reqs.ok()) return WriteErrorPage(out, ctx, reqs.error());
    json req_rows =
        RequirementStatusRows(ctx, id, *reqs, Has(ctx, Permission::kAssetWrite), failure);
    if (auto unit = IntOf(r, "org_unit_id")) AddGapActions(app, ctx, id, *unit, req_rows);
    data["requirements"] = req_rows;
    data["has_requirements"] = !req_rows.empty();
    data["requirements_gap"] = RequirementGapText(ctx, *reqs);
    data["requirements_writable"] = Has(ctx, Permission::kAssetWrite);
  } else {
    for (const auto& sid : r.value("system_ids", json::array())) {
      auto s = app.systems.Get(*ctx.caller, sid.get<long long>());
      if (!s.ok()) continue;
      linked.push_back({{"href", "/assets/systems/" + std::to_string(sid.get<long long>())},
                        {"name", (*s)["name"]},
                        {"class", ClassText(ctx, *s, "systems")}});
    }
    data["linked_heading"] = Text(ctx, "assets.tab.systems");
    const json& c = r.value("classification", json(nullptr));
    data["classified"] = c.is_object();
    if (c.is_object()) {
      std::string status = Str(c, "status");
      data["classification"] = {
          {"rows", ClassificationRows(ctx, c)},
          {"status", Text(ctx, "assets.class_status." + status)},
          {"classified_at", LocalTimeText(Str(c, "classified_at"))},
          {"approved_at", Str(c, "approved_at").empty() ? Text(ctx, "common.none")
                                                        : LocalTimeText(Str(c, "approved_at"))},
          {"review_due", Str(c, "review_due").empty() ? Text(ctx, "common.none")
                                                      : Str(c, "review_due").substr(0, 10)}};
      // An approval that failed after the draft was approved meanwhile has no form to stand at.
      if (failure && failure->form == "set-approve" && status != "draft")
        data["approve_error"] = Messages::Embedded().ErrorText(ctx.language, failure->error);
      if (status == "draft" && May(ctx, r, "approve", Permission::kApprove)) {
        Form approve(ctx, "set-approve", base + "/approve", failure);
        approve.Hidden("version", std::to_string(c["version"].get<long long>()))
            .Submit("assets.approve_submit");
        data["approve_form"] = approve.Html();
      }
    }
    if (May(ctx, r, "classify", Permission::kClassify)) data["classify_href"] = base + "/classify";
    if (May(ctx, r, "edit", Permission::kAssetWrite)) {
      data["links_form"] = SystemLinksFormHtml(app, ctx, r, failure);
      if (auto unit = IntOf(r, "org_unit_id");
          unit && app.exceptions.MayRequestAt(*ctx.caller, *unit))
        data["exception_request_href"] = "/exceptions/new?information_set_id=" + IdOf(r) +
                                         "&org_unit_id=" + std::to_string(*unit);
    }
  }
  data["linked"] = linked;
  data["has_linked"] = !linked.empty();

  if (May(ctx, r, "edit", Permission::kAssetWrite)) {
    std::string version = std::to_string(r["version"].get<long long>());
    Form edit(ctx, "asset-edit", base, failure);
    edit.Hidden("version", version);
    if (kind == AssetKind::kSystems) {
      AddSystemFields(app, ctx, edit, r);
    } else if (kind == AssetKind::kObjects) {
      AddObjectFields(ctx, tree, edit, r);
    } else {
      edit.Text("name", "assets.field.name", name, FormInput().Required());
      auto u = IntOf(r, "org_unit_id");
      edit.Select("org_unit_id", "assets.field.org_unit", PlacementOptions(ctx, tree, r),
                  u ? std::to_string(*u) : "");
      edit.Text("description", "assets.field.description", Str(r, "description"));
    }
    if (kind == AssetKind::kSets) {
      edit.Select("personal_data", "assets.field.personal_data",
                  ChoiceOptions(ctx, "assets.personal_data.", kPersonalData, false),
                  Str(r, "personal_data").empty() ? "none" : Str(r, "personal_data"))
          .Text("secrecy", "assets.field.secrecy", Str(r, "secrecy"),
                FormInput().Hint("assets.hint.secrecy"))
          .Text("retention", "assets.field.retention", Str(r, "retention"))
          .Select("system_id", "assets.field.add_system", SystemOptions(app, ctx), "", false);
    }
    edit.Submit("common.save");
    data["edit_form"] = edit.Html();
    data["delete_form"] = AssetDeleteFormHtml(ctx, AssetKindPath(kind), r, failure);
  }
  data["history_html"] = AssetHistoryHtml(app, ctx, tree, AssetKindPath(kind), r,
                                          Has(ctx, Permission::kAssetWrite), failure);
  WritePage(out, ctx, "asset_detail", "", "assets", data, PageStatus(FailureError(failure)));
}

void UpdateAsset(App& app, RequestContext& ctx, HttpResponse& out, AssetKind kind) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "asset-edit", FieldsOf(kind, true),
      [&](const json& body) -> Result<json> {
        if (kind == AssetKind::kObjects) return app.objects.Update(*ctx.caller, id, body);
        if (kind == AssetKind::kSystems) return app.systems.Update(*ctx.caller, id, body);
        auto current = app.sets.Get(*ctx.caller, id);
        if (!current.ok()) return current.error();
        std::vector<long long> existing;
        for (const auto& s : (*current).value("system_ids", json::array()))
          existing.push_back(s.get<long long>());
        json b = body;
        // Without a new system the links stay as they are.
        if (!b.contains("system_id") || !b["system_id"].is_number_integer()) b.erase("system_id");
        return WithSystemChoice(b, existing,
                                [&](const json& x) { return app.sets.Update(*ctx.caller, id, x); });
      },
      [&](const json&) {
        out.Redirect("/assets/" + AssetKindPath(kind) + "/" + std::to_string(id) + "?notice=saved");
      },
      [&](const FormFailure& f) { ShowDetail(app, ctx, out, kind, &f); });
}

void Approve(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "set-approve", {{"version", FormField::kInt}},
      [&](const json& body) { return app.sets.Approve(*ctx.caller, id, body); },
      [&](const json&) {
        out.Redirect("/assets/information-sets/" + std::to_string(id) + "?notice=approved");
      },
      [&](const FormFailure& f) { ShowDetail(app, ctx, out, AssetKind::kSets, &f); });
}

// ---- Classification through the questionnaire ----

const json& Questionnaire() {
  static const json q = [] {
    auto asset = FindAsset("catalogue/questionnaire.json");
    return asset ? json::parse(*asset, nullptr, false) : json::object();
  }();
  return q;
}

std::string Lang(const RequestContext& ctx, const json& texts) {
  if (!texts.is_object()) return "";
  return texts.value(ctx.language, texts.value("sv", ""));
}

// The answer given to question `qid` (0-4), or nothing.
std::optional<int> Answer(const RequestContext& ctx, const std::string& qid) {
  std::string v = ctx.request.Param("q_" + qid);
  if (v.size() == 1 && v[0] >= '0' && v[0] <= '4') return v[0] - '0';
  return std::nullopt;
}

// Shows the questionnaire; with `propose`, the proposal per aspect (the highest answer) and the
// fields that confirm the level and give the motivation. `error`/`error_field` name a failure.
void ShowClassify(App& app, RequestContext& ctx, HttpResponse& out, bool propose,
                  const std::string& error, const std::string& error_field, int status = 200) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  auto set = app.sets.Get(*ctx.caller, id);
  if (!set.ok()) return WriteErrorPage(out, ctx, set.error());
  if (!May(ctx, *set, "classify", Permission::kClassify))
    return WriteErrorPage(out, ctx, Forbidden());
  const json& c = set->value("classification", json(nullptr));
  std::string base = "/assets/information-sets/" + std::to_string(id);
  json aspects = json::array();
  const int max_level = app.sets.Settings().scale.max_level;
  std::string first_unanswered;
  // After "answer every question" each unanswered question carries the error itself.
  bool mark_unanswered = error_field.rfind("q-", 0) == 0;
  for (const char* a : domain::kAspectNames) {
    const json& spec = Questionnaire()["aspects"].value(a, json::object());
    json questions = json::array();
    int proposal = 0;
    for (const auto& q : spec.value("questions", json::array())) {
      std::string qid = q.value("id", "");
      auto given = Answer(ctx, qid);
      // On a shorter scale, consequences above its top count as its top level.
      if (given) proposal = std::max(proposal, std::min(*given, max_level));
      if (!given && first_unanswered.empty()) first_unanswered = "q-" + qid + "-0";
      json answers = json::array();
      for (const auto& ans : q.value("answers", json::array())) {
        int level = ans.value("level", 0);
        answers.push_back({{"id", "q-" + qid + "-" + std::to_string(level)},
                           {"name", "q_" + qid},
                           {"value", level},
                           {"text", Lang(ctx, ans["text"])},
                           {"level", LevelText(ctx, std::min(level, max_level))},
                           {"checked", given && *given == level}});
      }
      bool unanswered = mark_unanswered && !given;
      questions.push_back({{"id", qid},
                           {"text", Lang(ctx, q["text"])},
                           {"help", Lang(ctx, q.value("help", json(nullptr)))},
                           {"answers", answers},
                           {"invalid", unanswered},
                           {"error", unanswered ? Text(ctx, "assets.question_unanswered") : ""}});
    }
    std::string chosen = ctx.request.Param(std::string("level_") + a);
    if (chosen.empty()) chosen = std::to_string(proposal);
    json levels = json::array();
    for (int l = 0; l <= max_level; ++l)
      levels.push_back(
          {{"value", l}, {"label", LevelText(ctx, l)}, {"selected", chosen == std::to_string(l)}});
    std::string motivation = ctx.request.Param(std::string("motivation_") + a);
    if (!ctx.request.HasParam(std::string("motivation_") + a) && c.is_object() &&
        c.value("motivations", json(nullptr)).is_object())
      motivation = Str(c["motivations"], a);
    bool invalid = error_field == std::string("motivation_") + a;
    bool level_invalid = error_field == std::string("level_") + a;
    aspects.push_back({{"key", a},
                       {"name", Text(ctx, std::string("assets.aspect.") + a)},
                       {"intro", Lang(ctx, spec.value("intro", json(nullptr)))},
                       {"questions", questions},
                       {"proposal", LevelText(ctx, proposal)},
                       {"levels", levels},
                       {"motivation", motivation},
                       {"invalid", invalid},
                       {"level_invalid", level_invalid},
                       {"error", invalid || level_invalid ? error : ""}});
  }
  json data = {
      {"path", base + "/classify"},
      {"title", Text(ctx, "assets.classify_title", {{"name", Str(*set, "name")}})},
      {"set_href", base},
      {"set_name", Str(*set, "name")},
      {"list_label", Text(ctx, "assets.tab.information-sets")},
      {"action", base + "/classify"},
      {"propose", propose},
      {"aspects", aspects},
      {"error", error},
      // Only fields of this form are linked (not "version" after a conflict).
      {"error_href", error_field.rfind("q-", 0) == 0 || error_field.rfind("level_", 0) == 0 ||
                             error_field.rfind("motivation_", 0) == 0
                         ? "#" + error_field
                         : ""}};
  // The classification this form replaces, carried through the steps so that saving over
  // someone else's newer classification is refused, not silent.
  std::string based_on = ctx.request.Param("based_on");
  // After a conflict the form is based on the classification now saved: sending it again
  // replaces that one knowingly.
  if ((based_on.empty() || status == 409) && c.is_object())
    based_on = std::to_string(c["version"].get<long long>());
  data["based_on"] = based_on;
  WritePage(out, ctx, "asset_classify", "", "assets", data, status);
}

void GetClassify(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowClassify(app, ctx, out, false, "", "");
}

// Step 1 ("propose"): the answers give a proposal. Step 2 ("save"): the confirmed levels and
// motivations are saved as the set's classification.
void PostClassify(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long id = PathId(ctx);
  for (const char* a : domain::kAspectNames)
    for (const auto& q : Questionnaire()["aspects"][a].value("questions", json::array()))
      if (!Answer(ctx, q.value("id", "")))
        return ShowClassify(app, ctx, out, false, Text(ctx, "assets.answer_all"),
                            "q-" + q.value("id", "") + "-0", 422);
  if (ctx.request.Param("step") != "save") return ShowClassify(app, ctx, out, true, "", "");

  json body = json::object();
  body["motivations"] = json::object();
  for (const char* a : domain::kAspectNames) {
    std::string a_text = Text(ctx, std::string("assets.aspect.") + a);
    auto level = app.sets.Settings().scale.Parse(ctx.request.Param(std::string("level_") + a));
    if (!level)
      return ShowClassify(app, ctx, out, true,
                          Text(ctx, "assets.level_missing", {{"aspect", a_text}}),
                          std::string("level_") + a, 422);
    std::string motivation = service::Trimmed(ctx.request.Param(std::string("motivation_") + a));
    if (motivation.empty())
      return ShowClassify(app, ctx, out, true,
                          Text(ctx, "assets.motivation_missing", {{"aspect", a_text}}),
                          std::string("motivation_") + a, 422);
    body[a] = *level;
    body["motivations"][a] = motivation;
  }
  std::string based_on = ctx.request.Param("based_on");
  if (!based_on.empty() && based_on.size() < 18 &&
      based_on.find_first_not_of("0123456789") == std::string::npos)
    body["version"] = std::stoll(based_on);
  auto r = app.sets.Classify(*ctx.caller, id, body);
  if (!r.ok()) {
    if (r.error().code != Code::kInvalid && r.error().code != Code::kConflict)
      return WriteErrorPage(out, ctx, r.error());
    std::string field = r.error().field;
    if (field.rfind("motivations.", 0) == 0) field = "motivation_" + field.substr(12);
    return ShowClassify(app, ctx, out, true,
                        Messages::Embedded().ErrorText(ctx.language, r.error()), field,
                        HttpStatusFor(r.error().code));
  }
  out.Redirect("/assets/information-sets/" + std::to_string(id) + "?notice=classified");
}

template <AssetKind K>
void GetRegister(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowRegister(app, ctx, out, K, nullptr);
}
template <AssetKind K>
void PostRegister(App& app, RequestContext& ctx, HttpResponse& out) {
  CreateAsset(app, ctx, out, K);
}
template <AssetKind K>
void GetDetail(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDetail(app, ctx, out, K, nullptr);
}
template <AssetKind K>
void PostDetail(App& app, RequestContext& ctx, HttpResponse& out) {
  UpdateAsset(app, ctx, out, K);
}

template <AssetKind K>
void RegisterAssetRoutes(Router& router, App& app) {
  std::string path = "/assets/" + AssetKindPath(K);
  router.Add("GET", path, Bind(app, GetRegister<K>));
  router.Add("POST", path, Bind(app, PostRegister<K>));
  router.Add("GET", path + "/{id}", Bind(app, GetDetail<K>));
  router.Add("POST", path + "/{id}", Bind(app, PostDetail<K>));
}

}  // namespace

void ShowAssetDetail(App& app, RequestContext& ctx, HttpResponse& out, const std::string& kind,
                     const FormFailure* failure) {
  ShowDetail(app, ctx, out,
             kind == "objects"   ? AssetKind::kObjects
             : kind == "systems" ? AssetKind::kSystems
                                 : AssetKind::kSets,
             failure);
}

void RegisterAssetPages(Router& router, App& app) {
  router.Add("GET", "/assets", Bind(app, GetRegister<AssetKind::kObjects>));
  router.Add("GET", "/assets/overview", Bind(app, GetOverview));
  RegisterAssetRoutes<AssetKind::kObjects>(router, app);
  RegisterAssetRoutes<AssetKind::kSystems>(router, app);
  RegisterAssetRoutes<AssetKind::kSets>(router, app);
  router.Add("GET", "/assets/information-sets/{id}/classify", Bind(app, GetClassify));
  router.Add("POST", "/assets/information-sets/{id}/classify", Bind(app, PostClassify));
  router.Add("POST", "/assets/information-sets/{id}/approve", Bind(app, Approve));
}

}  // namespace lis::http
