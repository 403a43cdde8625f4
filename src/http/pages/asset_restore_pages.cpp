// Asset pages beside the registers: deleted objects, systems and information sets with their
// restore forms, restoring and deleting from the detail pages, recording a system's
// requirement status and setting the systems that process an information set.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/asset_parts.h"
#include "http/pages/history_view.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/requirement_service.h"
#include "service/assets/system_service.h"

namespace lis::http {

using domain::Permission;
using nlohmann::json;

namespace {

Result<store::Page> ListDeleted(App& app, const RequestContext& ctx, AssetKind kind) {
  service::PageRequest page{500, 0};
  if (kind == AssetKind::kObjects) return app.objects.ListDeleted(*ctx.caller, page);
  if (kind == AssetKind::kSystems) return app.systems.ListDeleted(*ctx.caller, page);
  return app.sets.ListDeleted(*ctx.caller, page);
}

Result<std::vector<json>> History(App& app, const RequestContext& ctx, AssetKind kind,
                                  long long id) {
  if (kind == AssetKind::kObjects) return app.objects.History(*ctx.caller, id);
  if (kind == AssetKind::kSystems) return app.systems.History(*ctx.caller, id);
  return app.sets.History(*ctx.caller, id);
}

// Where a deleted record goes back to: its name, and the name of what has to be restored first
// ("" when nothing).
std::pair<std::string, std::string> PlaceOf(App& app, const RequestContext& ctx,
                                            const OrgTree& tree, AssetKind kind, const json& r) {
  if (kind == AssetKind::kSystems) {
    long long object = r["object_id"].get<long long>();
    auto live = app.objects.Get(*ctx.caller, object);
    if (live.ok()) return {Str(*live, "name"), ""};
    std::string name = "#" + std::to_string(object);
    auto entries = app.objects.History(*ctx.caller, object);
    if (entries.ok() && !entries->empty())
      if (auto last = RecordAtVersion(*entries, entries->back().value("version", 0LL)))
        name = Str(*last, "name");
    return {name, name};
  }
  long long unit = r["org_unit_id"].get<long long>();
  std::string name = tree.NameOf(unit);
  return {name, tree.Find(unit) ? "" : name};
}

// The deleted records of one register, most recently deleted first, each with who deleted it
// and, for callers who may change assets, a restore form bringing back the version before
// the deletion (or why it cannot come back yet).
void ShowDeleted(App& app, RequestContext& ctx, HttpResponse& out, AssetKind kind,
                 const FormFailure* failure) {
  if (!RequirePageCaller(ctx, out)) return;
  auto deleted = ListDeleted(app, ctx, kind);
  if (!deleted.ok()) return WriteErrorPage(out, ctx, deleted.error());
  auto loaded = OrgTree::Load(app, *ctx.caller);
  OrgTree tree = loaded.ok() ? std::move(*loaded) : OrgTree();
  bool writer = HoldsOnANode(ctx, Permission::kAssetWrite);
  json rows = json::array();
  for (const auto& r : deleted->items) {
    long long id = r["id"].get<long long>();
    std::string name = Str(r, "name");
    auto history = History(app, ctx, kind, id);
    if (!history.ok()) return WriteErrorPage(out, ctx, history.error());
    std::string by;
    for (const auto& e : *history)
      if (e.value("action", "") == "delete") by = e.value("actor", "");
    auto [place, blocked] = PlaceOf(app, ctx, tree, kind, r);
    std::string restore;
    auto target = VersionBeforeDelete(*history);
    std::string id_text = std::to_string(id);
    if (writer && target && blocked.empty())
      restore =
          RestoreFormHtml(ctx,
                          HistoryOptions{.base = "/assets/" + AssetKindPath(kind) + "/" + id_text,
                                         .form_prefix = "asset-undelete-" + id_text,
                                         .record_name = name,
                                         .can_restore = true,
                                         .from = "deleted"},
                          *target, failure, false);
    rows.push_back({{"name", name},
                    {"place", place},
                    {"deleted", LocalTimeText(Str(r, "deleted_at"))},
                    {"by", by},
                    {"restore", restore},
                    {"blocked", writer && !blocked.empty()
                                    ? Text(ctx, "assets.deleted_place_gone", {{"name", blocked}})
                                    : ""}});
  }
  std::string kind_label = Text(ctx, "assets.tab." + AssetKindPath(kind));
  json data = {{"path", "/assets/" + AssetKindPath(kind) + "/deleted"},
               {"title", Text(ctx, "assets.deleted_title", {{"kind", kind_label}})},
               {"list_href", "/assets/" + AssetKindPath(kind)},
               {"list_label", kind_label},
               {"place_heading", Text(ctx, kind == AssetKind::kSystems ? "assets.field.object"
                                                                       : "assets.field.org_unit")},
               {"rows", rows},
               {"has_rows", !rows.empty()},
               {"writer", writer}};
  WritePage(out, ctx, "asset_deleted", "", "assets", data, PageStatus(FailureError(failure)));
}

template <AssetKind K>
void GetDeleted(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowDeleted(app, ctx, out, K, nullptr);
}

// POST /assets/{kind}/{id}/restore, from the deleted register or the history on the detail
// page ("from").
template <AssetKind K>
void PostRestore(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  bool from_deleted = ctx.request.Param("from") == "deleted";
  std::string prefix = from_deleted ? "asset-undelete-" + std::to_string(id) : "asset-restore";
  HandleRestore(
      ctx, out, prefix,
      [&](const json& body) -> Result<json> {
        if (K == AssetKind::kObjects) return app.objects.Restore(*ctx.caller, id, body);
        if (K == AssetKind::kSystems) return app.systems.Restore(*ctx.caller, id, body);
        return app.sets.Restore(*ctx.caller, id, body);
      },
      "/assets/" + AssetKindPath(K) + "/" + std::to_string(id),
      [&](const FormFailure& f) {
        if (from_deleted) return ShowDeleted(app, ctx, out, K, &f);
        ShowAssetDetail(app, ctx, out, AssetKindPath(K), &f);
      });
}

template <AssetKind K>
void PostDelete(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "asset-delete", {{"version", FormField::kInt}},
      [&](const json& body) -> Result<json> {
        std::optional<long long> version;
        if (body.value("version", json(nullptr)).is_number_integer())
          version = body["version"].get<long long>();
        if (K == AssetKind::kObjects) return app.objects.Delete(*ctx.caller, id, version);
        if (K == AssetKind::kSystems) return app.systems.Delete(*ctx.caller, id, version);
        return app.sets.Delete(*ctx.caller, id, version);
      },
      [&](const json&) { out.Redirect("/assets/" + AssetKindPath(K) + "?notice=deleted"); },
      [&](const FormFailure& f) { ShowAssetDetail(app, ctx, out, AssetKindPath(K), &f); });
}

void PostRequirementStatus(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  std::string code = ctx.request.path_params["code"];
  HandleForm(
      ctx, out, "req-" + code, {{"status"}, {"how"}, {"motivation"}, {"version", FormField::kInt}},
      [&](json body) -> Result<json> {
        if (!body.value("version", json(nullptr)).is_number_integer()) body.erase("version");
        for (const char* f : {"how", "motivation"})
          if (body.value(f, json(nullptr)).is_null()) body.erase(f);
        return app.requirements.SetStatus(*ctx.caller, id, code, body);
      },
      [&](const json&) {
        out.Redirect("/assets/systems/" + std::to_string(id) + "?notice=status_saved#req-row-" +
                     code);
      },
      [&](const FormFailure& f) { ShowAssetDetail(app, ctx, out, "systems", &f); });
}

// The systems that process an information set: every checked system, none when none is.
void PostSystemLinks(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "set-links", {{"version", FormField::kInt}},
      [&](json body) -> Result<json> {
        json ids = json::array();
        auto range = ctx.request.params.equal_range("system_ids");
        for (auto it = range.first; it != range.second; ++it) {
          const std::string& v = it->second;
          if (v.empty() || v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
            return Invalid("error.field_not_integer_list", "system_ids");
          ids.push_back(std::stoll(v));
        }
        body["system_ids"] = ids;
        return app.sets.Update(*ctx.caller, id, body);
      },
      [&](const json&) {
        out.Redirect("/assets/information-sets/" + std::to_string(id) +
                     "?notice=links_saved#links-heading");
      },
      [&](const FormFailure& f) { ShowAssetDetail(app, ctx, out, "information-sets", &f); });
}

template <AssetKind K>
void RegisterRestoreRoutes(Router& router, App& app) {
  std::string base = "/assets/" + AssetKindPath(K);
  router.Add("GET", base + "/deleted", Bind(app, GetDeleted<K>));
  router.Add("POST", base + "/{id}/restore", Bind(app, PostRestore<K>));
  router.Add("POST", base + "/{id}/delete", Bind(app, PostDelete<K>));
}

}  // namespace

void RegisterAssetRestorePages(Router& router, App& app) {
  RegisterRestoreRoutes<AssetKind::kObjects>(router, app);
  RegisterRestoreRoutes<AssetKind::kSystems>(router, app);
  RegisterRestoreRoutes<AssetKind::kSets>(router, app);
  router.Add("POST", "/assets/systems/{id}/requirements/{code}", Bind(app, PostRequirementStatus));
  router.Add("POST", "/assets/information-sets/{id}/systems", Bind(app, PostSystemLinks));
}

}  // namespace lis::http
