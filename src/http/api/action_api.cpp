// The action list over JSON: /api/v1/actions (actions_service.h), with the same shape as the
// asset collections (list, create, get, ?at=, update, delete, history).
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/crud_handlers.h"
#include "service/actions/action_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListActions(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto query = service::ReadActionListQuery(QueryParams(ctx), ctx.caller->user_id);
  if (!query.ok()) return WriteError(out, ctx, query.error());
  query->page = *page;
  auto result = app.actions.List(*ctx.caller, *query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

}  // namespace

void RegisterActionApi(Router& router, App& app) {
  // Actions are not restored (a deleted action is made anew), so the shared handlers are
  // registered one by one rather than with crud::AddCrud.
  auto& actions = app.actions;
  const std::string base = "/api/v1/actions";
  router.Add("GET", base, Bind(app, ListActions));
  router.Add("POST", base,
             [&actions](RequestContext& c, HttpResponse& o) { crud::Create(actions, c, o); });
  router.Add("GET", base + "/{id}",
             [&actions](RequestContext& c, HttpResponse& o) { crud::Get(actions, c, o); });
  router.Add("PATCH", base + "/{id}",
             [&actions](RequestContext& c, HttpResponse& o) { crud::Update(actions, c, o); });
  router.Add("DELETE", base + "/{id}",
             [&actions](RequestContext& c, HttpResponse& o) { crud::Delete(actions, c, o); });
  router.Add("GET", base + "/{id}/history",
             [&actions](RequestContext& c, HttpResponse& o) { crud::History(actions, c, o); });
}

}  // namespace lis::http
