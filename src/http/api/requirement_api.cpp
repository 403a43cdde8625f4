// Editing the protection-requirement catalogue: create, update, retire, export, import.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/download.h"
#include "service/assets/requirement_service.h"

namespace lis::http {

namespace {

void CreateRequirement(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.requirements.Create(*ctx.caller, *body), 201);
}

void GetRequirement(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.requirements.Get(*ctx.caller, PathId(ctx)));
}

void UpdateRequirement(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.requirements.Update(*ctx.caller, PathId(ctx), *body));
}

void DeleteRequirement(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto version = OptionalIntParam(ctx, "version");
  if (!version.ok()) return WriteError(out, ctx, version.error());
  auto r = app.requirements.Delete(*ctx.caller, PathId(ctx), *version);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

void Export(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto r = app.requirements.Export(*ctx.caller);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  WriteJson(out, 200, *r);
  out.SetHeader("Content-Disposition", AttachmentDisposition("requirements.json"));
}

void Import(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.requirements.Import(*ctx.caller, *body));
}

}  // namespace

void RegisterRequirementApi(Router& router, App& app) {
  router.Add("POST", "/api/v1/requirements", Bind(app, CreateRequirement));
  router.Add("GET", "/api/v1/requirements/export", Bind(app, Export));
  router.Add("POST", "/api/v1/requirements/import", Bind(app, Import));
  router.Add("GET", "/api/v1/requirements/{id}", Bind(app, GetRequirement));
  router.Add("PATCH", "/api/v1/requirements/{id}", Bind(app, UpdateRequirement));
  router.Add("DELETE", "/api/v1/requirements/{id}", Bind(app, DeleteRequirement));
}

}  // namespace lis::http
