// The import page (/assets/import): a spreadsheet of systems or information sets uploaded as
// multipart/form-data, checked and imported all or nothing through the same path as the API.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/asset_transfer.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/assets/asset_access.h"

namespace lis::http {

using nlohmann::json;

namespace {

void Show(RequestContext& ctx, HttpResponse& out, json data, int status = 200) {
  WritePage(out, ctx, "asset_import", "asset_import.title", "assets", std::move(data), status);
}

void GetImport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!service::CanWriteAnyAsset(*ctx.caller)) return WriteErrorPage(out, ctx, Forbidden());
  Show(ctx, out, {{"is_sets", ctx.request.Param("kind") == "information-sets"}});
}

void PostImport(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!service::CanWriteAnyAsset(*ctx.caller)) return WriteErrorPage(out, ctx, Forbidden());
  const auto& messages = Messages::Embedded();
  bool sets = ctx.request.Param("kind") == "information-sets";
  bool dry_run = ctx.request.Param("dry_run") == "true";
  json data = {{"is_sets", sets}, {"dry_run", dry_run}};
  auto file = ctx.request.files.find("file");
  if (file == ctx.request.files.end() || file->second.content.empty()) {
    data["result"] = {{"ok", false},
                      {"message", messages.Text(ctx.language, "asset_import.no_file")}};
    return Show(ctx, out, data, 400);
  }
  auto kind = sets ? service::ImportKind::kInformationSets : service::ImportKind::kSystems;
  const auto& f = file->second;
  auto answer =
      RunImport(app, ctx, kind, f.content, UploadFormat(f.content_type, f.content), dry_run);
  if (!answer.ok()) return WriteErrorPage(out, ctx, answer.error());
  if (answer->status == 200) {
    std::string count = std::to_string(answer->body["created"].get<long long>());
    std::string register_path = sets ? "/assets/information-sets" : "/assets/systems";
    data["result"] = {
        {"ok", true},
        {"message",
         messages.Text(ctx.language, dry_run ? "asset_import.valid" : "asset_import.created",
                       {{"count", count}})},
        {"register_href", dry_run ? "" : register_path},
        {"register_label",
         messages.Text(ctx.language, sets ? "assets.tab.information-sets" : "assets.tab.systems")}};
    return Show(ctx, out, data);
  }
  json errors = json::array();
  for (const auto& e : answer->body["errors"])
    errors.push_back({{"row", e["row"].is_null() ? "" : std::to_string(e["row"].get<long long>())},
                      {"column", e["column"].is_null() ? "" : e["column"].get<std::string>()},
                      {"message", e["message"]}});
  data["result"] = {{"ok", false}, {"message", messages.Text(ctx.language, "asset_import.failed")}};
  data["errors"] = errors;
  data["has_errors"] = true;
  Show(ctx, out, data, answer->status);
}

}  // namespace

void RegisterAssetImportPage(Router& router, App& app) {
  router.Add("GET", "/assets/import", Bind(app, GetImport));
  router.Add("POST", "/assets/import", Bind(app, PostImport));
}

}  // namespace lis::http
