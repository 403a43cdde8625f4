#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/asset_queries.h"

namespace lis::http {

Result<service::ObjectListQuery> ReadObjectQuery(const RequestContext& ctx) {
  auto page = ReadPage(ctx);
  auto unit = OptionalIntParam(ctx, "org_unit_id");
  if (!page.ok()) return page.error();
  if (!unit.ok()) return unit.error();
  return service::ObjectListQuery{*page, *unit, ctx.request.Param("q")};
}

Result<service::SystemListQuery> ReadSystemQuery(const RequestContext& ctx) {
  auto page = ReadPage(ctx);
  auto object = OptionalIntParam(ctx, "object_id");
  if (!page.ok()) return page.error();
  if (!object.ok()) return object.error();
  return service::SystemListQuery{*page, *object, ctx.request.Param("q")};
}

Result<service::InformationSetListQuery> ReadSetQuery(const RequestContext& ctx) {
  auto page = ReadPage(ctx);
  if (!page.ok()) return page.error();
  service::InformationSetListQuery q;
  q.page = *page;
  q.search = ctx.request.Param("q");
  q.unclassified = ctx.request.Param("unclassified") == "true";
  for (auto [name, target] :
       {std::pair{"org_unit_id", &q.org_unit_id}, {"system_id", &q.system_id}}) {
    auto v = OptionalIntParam(ctx, name);
    if (!v.ok()) return v.error();
    *target = *v;
  }
  auto cls = OptionalIntParam(ctx, "security_class");
  if (!cls.ok()) return cls.error();
  if (*cls) q.security_class = static_cast<int>(**cls);
  return q;
}

namespace {

// The handlers of objects, systems and information sets share their shape; each list reads
// its own filters (in one function per kind, shared with the exports).

void ListObjects(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto q = ReadObjectQuery(ctx);
  if (!q.ok()) return WriteError(out, ctx, q.error());
  auto result = app.objects.List(*ctx.caller, *q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, q->page));
}

void ListSystems(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto q = ReadSystemQuery(ctx);
  if (!q.ok()) return WriteError(out, ctx, q.error());
  auto result = app.systems.List(*ctx.caller, *q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, q->page));
}

void ListSets(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto q = ReadSetQuery(ctx);
  if (!q.ok()) return WriteError(out, ctx, q.error());
  auto result = app.sets.List(*ctx.caller, *q);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, q->page));
}

template <class Service>
void Get(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ctx.request.HasParam("at"))
    return Reply(out, ctx, s.GetAt(*ctx.caller, PathId(ctx), ctx.request.Param("at")));
  Reply(out, ctx, s.Get(*ctx.caller, PathId(ctx)));
}

template <class Service>
void History(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  ReplyHistory(out, ctx, s.History(*ctx.caller, PathId(ctx)));
}

template <class Service>
void Create(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, s.Create(*ctx.caller, *body), 201);
}

template <class Service>
void Update(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, s.Update(*ctx.caller, PathId(ctx), *body));
}

template <class Service>
void Delete(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto version = OptionalIntParam(ctx, "version");
  if (!version.ok()) return WriteError(out, ctx, version.error());
  auto r = s.Delete(*ctx.caller, PathId(ctx), *version);
  if (!r.ok()) return WriteError(out, ctx, r.error());
  out.status = 204;
}

// POST, GET (also ?at=), PATCH, DELETE and history of one collection backed by `service`.
template <class Service>
void AddCrud(Router& router, const std::string& collection, Service& service) {
  const std::string base = "/api/v1/" + collection;
  router.Add("POST", base,
             [&service](RequestContext& c, HttpResponse& o) { Create(service, c, o); });
  router.Add("GET", base + "/{id}",
             [&service](RequestContext& c, HttpResponse& o) { Get(service, c, o); });
  router.Add("PATCH", base + "/{id}",
             [&service](RequestContext& c, HttpResponse& o) { Update(service, c, o); });
  router.Add("DELETE", base + "/{id}",
             [&service](RequestContext& c, HttpResponse& o) { Delete(service, c, o); });
  router.Add("GET", base + "/{id}/history",
             [&service](RequestContext& c, HttpResponse& o) { History(service, c, o); });
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
  auto result = app.requirements.List(*ctx.caller, *page);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

}  // namespace

void RegisterAssetApi(Router& router, App& app) {
  router.Add("GET", "/api/v1/objects", Bind(app, ListObjects));
  AddCrud(router, "objects", app.objects);
  router.Add("GET", "/api/v1/systems", Bind(app, ListSystems));
  AddCrud(router, "systems", app.systems);
  router.Add("GET", "/api/v1/systems/{id}/requirements", Bind(app, SystemRequirements));
  router.Add("PUT", "/api/v1/systems/{id}/requirements/{code}", Bind(app, SetRequirementStatus));
  router.Add("GET", "/api/v1/information-sets", Bind(app, ListSets));
  AddCrud(router, "information-sets", app.sets);
  router.Add("PUT", "/api/v1/information-sets/{id}/classification", Bind(app, Classify));
  router.Add("POST", "/api/v1/information-sets/{id}/classification/approve", Bind(app, Approve));
  router.Add("GET", "/api/v1/requirements", Bind(app, Catalogue));
}

}  // namespace lis::http
