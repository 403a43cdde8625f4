#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/asset_queries.h"
#include "http/api/crud_handlers.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/requirement_service.h"
#include "service/assets/system_service.h"

namespace lis::http {

using nlohmann::json;

// A register query: the filter and sort read by `read`, the page from limit/offset.
template <class Query>
Result<Query> ReadRegisterQuery(Result<Query> (*read)(const service::ParamLookup&),
                                const RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return page.error();
  auto query = read(QueryParams(ctx));
  if (!query.ok()) return query.error();
  query->page = *page;
  return query;
}

Result<service::ObjectListQuery> ReadObjectQuery(const RequestContext& ctx) {
  return ReadRegisterQuery(service::ReadObjectListQuery, ctx);
}

Result<service::SystemListQuery> ReadSystemQuery(const RequestContext& ctx) {
  return ReadRegisterQuery(service::ReadSystemListQuery, ctx);
}

Result<service::InformationSetListQuery> ReadSetQuery(const RequestContext& ctx) {
  return ReadRegisterQuery(service::ReadSetListQuery, ctx);
}

namespace {

// The handlers of objects, systems and information sets share their shape; each list reads
// its own filters.

// ?deleted=true: the soft-deleted records instead of the live ones (no other filters).
template <class Service>
bool ListedDeleted(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (ctx.request.Param("deleted") != "true") return false;
  auto page = ReadPage(ctx);
  if (!page.ok()) {
    WriteError(out, ctx, page.error());
    return true;
  }
  auto result = s.ListDeleted(*ctx.caller, *page);
  if (!result.ok())
    WriteError(out, ctx, result.error());
  else
    WriteJson(out, 200, ListBody(*result, *page));
  return true;
}

// A register list, its query read by `read` (shared with the exports).
template <class Query, class Service>
void ListRegister(Service& service, Result<Query> (*read)(const RequestContext&),
                  RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ListedDeleted(service, ctx, out)) return;
  auto query = read(ctx);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  auto result = service.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, query->page));
}

void ListObjects(App& app, RequestContext& ctx, HttpResponse& out) {
  ListRegister(app.objects, ReadObjectQuery, ctx, out);
}

void ListSystems(App& app, RequestContext& ctx, HttpResponse& out) {
  ListRegister(app.systems, ReadSystemQuery, ctx, out);
}

void ListSets(App& app, RequestContext& ctx, HttpResponse& out) {
  ListRegister(app.sets, ReadSetQuery, ctx, out);
}

json CountsJson(const service::SetCounts& c) {
  return {{"total", c.total},
          {"unclassified", c.unclassified},
          {"draft", c.draft},
          {"approved", c.approved},
          {"review_overdue", c.review_overdue}};
}

// {"items": [{"org_unit_id", "org_unit", "depth", "total", "unclassified", "draft",
// "approved", "review_overdue"}], "totals": {...}}
void SetOverview(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto overview = app.sets.Overview(*ctx.caller);
  if (!overview.ok()) return WriteError(out, ctx, overview.error());
  json items = json::array();
  for (const auto& r : overview->rows) {
    json item = CountsJson(r.counts);
    item["org_unit_id"] = r.org_unit_id;
    item["org_unit"] = r.name;
    item["depth"] = r.depth;
    items.push_back(item);
  }
  WriteJson(out, 200, {{"items", items}, {"totals", CountsJson(overview->totals)}});
}

void Classify(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.sets.Classify(*ctx.caller, PathId(ctx), *body));
}

void Approve(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, app.sets.Approve(*ctx.caller, PathId(ctx), *body));
}

void SystemRequirements(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto result = app.requirements.ForSystem(*ctx.caller, PathId(ctx));
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, {result->total, 0}));
}

void SetRequirementStatus(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx,
        app.requirements.SetStatus(*ctx.caller, PathId(ctx), ctx.request.path_params.at("code"),
                                   *body));
}

void Catalogue(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx, 500);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto level = OptionalIntParam(ctx, "min_level");
  if (!level.ok()) return WriteError(out, ctx, level.error());
  std::optional<int> min_level;
  if (*level) min_level = static_cast<int>(std::clamp(**level, -1LL, 1000LL));
  auto result = app.requirements.List(*ctx.caller, *page, ctx.request.Param("aspect"), min_level);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

}  // namespace

void RegisterAssetApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/objects", Bind(app, ListObjects));
  crud::AddCrud(router, "objects", app.objects);
  router.Add("GET", "/api/v1/systems", Bind(app, ListSystems));
  crud::AddCrud(router, "systems", app.systems);
  router.Add("GET", "/api/v1/systems/{id}/requirements", Bind(app, SystemRequirements));
  router.Add("PUT", "/api/v1/systems/{id}/requirements/{code}", Bind(app, SetRequirementStatus));
  router.Add("GET", "/api/v1/information-sets", Bind(app, ListSets));
  router.Add("GET", "/api/v1/information-sets/overview", Bind(app, SetOverview));
  crud::AddCrud(router, "information-sets", app.sets);
  router.Add("PUT", "/api/v1/information-sets/{id}/classification", Bind(app, Classify));
  router.Add("POST", "/api/v1/information-sets/{id}/classification/approve", Bind(app, Approve));
  router.Add("GET", "/api/v1/requirements", Bind(app, Catalogue));
}

}  // namespace lis::http
