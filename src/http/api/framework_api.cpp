// The control framework library: list, one framework, its controls, export and import.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/controls/framework_service.h"
#include "service/input.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListFrameworks(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto r = app.frameworks.List(*ctx.caller);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  WriteJson(out, 200, {{"items", r->items}, {"total", r->total}});
}

void GetFramework(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.frameworks.Get(*ctx.caller, PathId(ctx)));
}

void Controls(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx, 500);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto r = app.frameworks.Controls(*ctx.caller, PathId(ctx), ctx.request.Param("theme"),
                                   ctx.request.Param("q"), *page);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  WriteJson(out, 200, ListBody(*r, *page));
}

void Export(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto r = app.frameworks.Export(*ctx.caller, PathId(ctx));
  if (!r.ok()) return WriteError(out, ctx, r.error());
  WriteJson(out, 200, *r);
  out.SetHeader("Content-Disposition",
                "attachment; filename=\"" + (*r)["ref"].get<std::string>() + ".json\"");
}

void Import(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  std::string dry = ctx.request.Param("dry_run");
  if (!dry.empty() && dry != "true" && dry != "false")
    return WriteError(out, ctx, service::BadParamValue("dry_run", "true, false"));
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.frameworks.Import(*ctx.caller, *body, dry == "true"));
}

}  // namespace

void RegisterFrameworkApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/frameworks", Bind(app, ListFrameworks));
  router.Add("POST", "/api/v1/frameworks/import", Bind(app, Import));
  router.Add("GET", "/api/v1/frameworks/{id}", Bind(app, GetFramework));
  router.Add("GET", "/api/v1/frameworks/{id}/controls", Bind(app, Controls));
  router.Add("GET", "/api/v1/frameworks/{id}/export", Bind(app, Export));
}

}  // namespace lis::http
