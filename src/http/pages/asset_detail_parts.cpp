#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/messages.h"
#include "http/pages/asset_parts.h"
#include "http/pages/history_view.h"
#include "http/pages/page_support.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

const std::vector<std::string> kStatuses = {"open", "met", "partly_met", "not_met",
                                            "not_applicable"};

// A requirement not met or partly met, without an exception in force: a gap.
bool IsGap(const json& requirement) {
  std::string s = Str(requirement, "status");
  return (s == "not_met" || s == "partly_met") &&
         !requirement.value("exception", json(nullptr)).is_object();
}

}  // namespace

json RequirementStatusRows(const RequestContext& ctx, long long system_id,
                           const store::Page& requirements, bool can_write,
                           const FormFailure* failure) {
  json rows = json::array();
  std::string base = "/assets/systems/" + std::to_string(system_id) + "/requirements/";
  for (const auto& r : requirements.items) {
    std::string code = Str(r, "code");
    std::string status = Str(r, "status");
    json row = {{"code", code},
                {"text", Str(r, ctx.language == "en" ? "text_en" : "text_sv")},
                {"aspect", Text(ctx, "assets.aspect." + Str(r, "aspect"))},
                {"level", Text(ctx, "assets.level." + std::to_string(r.value("min_level", 0))) +
                              " (" + std::to_string(r.value("min_level", 0)) + ")"},
                {"status", status.empty() ? "" : Text(ctx, "assets.req_status." + status)},
                {"gap", IsGap(r)},
                {"how", Str(r, "how")},
                {"motivation", Str(r, "motivation")},
                {"form", ""},
                {"open", false}};
    if (const json& e = r.value("exception", json(nullptr)); e.is_object()) {
      row["exception_text"] =
          Text(ctx, "exceptions.in_force_until", {{"date", Str(e, "valid_until")}});
      row["exception_href"] = "/exceptions/" + std::to_string(e["id"].get<long long>());
    } else if (IsGap(r) && can_write) {
      row["exception_request_href"] = "/exceptions/new?system_id=" + std::to_string(system_id) +
                                      "&requirement_code=" + UrlEncode(code);
      Form deviation(ctx, "gap-deviation-" + code, base + code + "/deviation", nullptr);
      deviation.Inline().Submit("deviations.from_origin_submit", "secondary",
                                Text(ctx, "deviations.from_gap_hidden", {{"code", code}}));
      row["deviation_form"] = deviation.Html();
    }
    if (can_write) {
      std::vector<SelectOption> options;
      for (const auto& s : kStatuses) options.push_back({s, Text(ctx, "assets.req_status." + s)});
      Form form(ctx, "req-" + code, base + code, failure);
      if (r.value("status_version", json(nullptr)).is_number_integer())
        form.Hidden("version", std::to_string(r["status_version"].get<long long>()));
      form.Select("status", "assets.req.field.status", options, status)
          .Text("how", "assets.req.field.how", Str(r, "how"))
          .Text("motivation", "assets.req.field.motivation", Str(r, "motivation"),
                FormInput().Hint("assets.req.hint.motivation"))
          .Submit("assets.req.submit", "secondary",
                  Text(ctx, "assets.req.submit_hidden", {{"code", code}}));
      row["form"] = form.Html();
      row["open"] = form.Failed();
      row["summary_hidden"] = code;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::string RequirementGapText(const RequestContext& ctx, const store::Page& requirements) {
  if (requirements.items.empty()) return "";
  long long gap = 0;
  for (const auto& r : requirements.items)
    if (IsGap(r)) ++gap;
  return Text(
      ctx, "assets.req.gap",
      {{"count", std::to_string(gap)}, {"total", std::to_string(requirements.items.size())}});
}

std::string SystemLinksFormHtml(App& app, const RequestContext& ctx, const json& set,
                                const FormFailure* failure) {
  service::SystemListQuery q;
  q.page = {500, 0};
  q.class_reasons = false;
  auto systems = app.systems.List(*ctx.caller, q);
  if (!systems.ok()) return "";
  std::set<long long> linked;
  for (const auto& id : set.value("system_ids", json::array())) linked.insert(id.get<long long>());
  // Grouped by object, objects by name.
  std::map<std::pair<std::string, long long>, json> groups;
  std::map<long long, std::string> object_names;
  for (const auto& s : systems->items) {
    long long object = s["object_id"].get<long long>();
    if (!object_names.count(object)) {
      auto o = app.objects.Get(*ctx.caller, object);
      object_names[object] = o.ok() ? Str(*o, "name") : "#" + std::to_string(object);
    }
    long long id = s["id"].get<long long>();
    auto& group = groups[{object_names[object], object}];
    if (group.is_null()) group = json::array();
    group.push_back({{"id", "set-links-" + std::to_string(id)},
                     {"value", id},
                     {"name", Str(s, "name")},
                     {"checked", linked.count(id) > 0}});
  }
  json fieldsets = json::array();
  for (auto& [key, items] : groups)
    fieldsets.push_back({{"legend", key.first}, {"systems", items}});
  bool failed = failure && failure->form == "set-links";
  json data = {
      {"t", Messages::Embedded().Tree(ctx.language)},
      {"csrf", ctx.csrf_token},
      {"action",
       "/assets/information-sets/" + std::to_string(set["id"].get<long long>()) + "/systems"},
      {"version", set["version"].get<long long>()},
      {"groups", fieldsets},
      {"has_groups", !fieldsets.empty()},
      {"error", failed ? Messages::Embedded().ErrorText(ctx.language, failure->error) : ""}};
  return RenderTemplate("asset_links", data);
}

std::string AssetHistoryHtml(App& app, const RequestContext& ctx, const OrgTree& tree,
                             const std::string& kind, const json& record, bool can_write,
                             const FormFailure* failure) {
  long long id = record["id"].get<long long>();
  auto entries = kind == "objects"   ? app.objects.History(*ctx.caller, id)
                 : kind == "systems" ? app.systems.History(*ctx.caller, id)
                                     : app.sets.History(*ctx.caller, id);
  if (!entries.ok()) return "";
  // A system's object by its name (as far as the caller may read it), each read once.
  std::map<long long, std::string> names;
  auto object_name = [&](const std::string& field, long long object) -> std::string {
    if (field != "object_id") return "";
    auto known = names.find(object);
    if (known != names.end()) return known->second;
    auto o = app.objects.Get(*ctx.caller, object);
    return names[object] = o.ok() ? Str(*o, "name") : "";
  };
  return HistoryHtml(ctx, tree, *entries,
                     HistoryOptions{.base = "/assets/" + kind + "/" + std::to_string(id),
                                    .form_prefix = "asset-restore",
                                    .record_name = Str(record, "name"),
                                    .can_restore = can_write,
                                    .version_pages = false,
                                    .reference_names = object_name},
                     failure);
}

std::string AssetDeleteFormHtml(const RequestContext& ctx, const std::string& kind,
                                const json& record, const FormFailure* failure) {
  std::string base = "/assets/" + kind + "/" + std::to_string(record["id"].get<long long>());
  Form form(ctx, "asset-delete", base + "/delete", failure);
  form.Hidden("version", std::to_string(record["version"].get<long long>()))
      .Confirm(Text(ctx, "assets.delete_confirm", {{"name", Str(record, "name")}}))
      .Submit("assets.delete_submit", "danger");
  return form.Html();
}

std::string AssetKindPath(AssetKind kind) {
  switch (kind) {
    case AssetKind::kObjects:
      return "objects";
    case AssetKind::kSystems:
      return "systems";
    default:
      return "information-sets";
  }
}

}  // namespace lis::http
