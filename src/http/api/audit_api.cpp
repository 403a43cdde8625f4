#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/audit/audit_service.h"

namespace lis::http {

namespace {

// GET /api/v1/audit?entity=&id=&actor=&action=&from=&to=&limit=&offset=
void ListAuditEvents(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto id = OptionalIntParam(ctx, "id");
  if (!id.ok()) return WriteError(out, ctx, id.error());
  service::AuditQuery q;
  q.page = *page;
  q.id = *id;
  q.entity = ctx.request.Param("entity");
  q.actor = ctx.request.Param("actor");
  q.action = ctx.request.Param("action");
  q.from = ctx.request.Param("from");
  q.to = ctx.request.Param("to");
  auto result = app.audit.Query(*ctx.caller, q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

}  // namespace

void RegisterAuditApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/audit", Bind(app, ListAuditEvents));
}

}  // namespace lis::http
