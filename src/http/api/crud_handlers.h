// The JSON handlers of a collection backed by one service with the usual shape (Get, GetAt,
// History, Create, Update, Delete, Restore), shared by the areas' API files.
#pragma once

#include <string>

#include "http/api/api_support.h"
#include "http/router.h"

namespace lis::http::crud {

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

template <class Service>
void Restore(Service& s, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  Reply(out, ctx, s.Restore(*ctx.caller, PathId(ctx), *body));
}

// POST, GET (also ?at=), PATCH, DELETE, history and restore of one collection backed by
// `service`.
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
  router.Add("POST", base + "/{id}/restore",
             [&service](RequestContext& c, HttpResponse& o) { Restore(service, c, o); });
}

}  // namespace lis::http::crud
