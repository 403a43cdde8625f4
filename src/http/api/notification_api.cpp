// The bell over JSON: /api/v1/notifications (notification_service.h). A caller reaches only
// its own notifications; another user's is 404.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "service/notifications/notification_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

void ListNotifications(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto page = ReadPage(ctx);
  if (!page.ok()) return WriteError(out, ctx, page.error());
  auto unread = service::ReadChoiceParam(QueryParams(ctx), "unread", {"true", "false"});
  if (!unread.ok()) return WriteError(out, ctx, unread.error());
  service::NotificationListQuery query{*page, *unread == "true", ctx.language};
  auto result = app.notifications.List(*ctx.caller, query);
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, ListBody(*result, *page));
}

void UnreadCount(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto count = app.notifications.UnreadCount(*ctx.caller);
  if (!count.ok()) return WriteError(out, ctx, count.error());
  WriteJson(out, 200, {{"unread", *count}});
}

void MarkRead(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  Reply(out, ctx, app.notifications.MarkRead(*ctx.caller, PathId(ctx), ctx.language));
}

void MarkAllRead(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto marked = app.notifications.MarkAllRead(*ctx.caller);
  if (!marked.ok()) return WriteError(out, ctx, marked.error());
  WriteJson(out, 200, {{"marked", *marked}});
}

}  // namespace

void RegisterNotificationApi(Router& router, App& app) {
  const std::string base = "/api/v1/notifications";
  router.Add("GET", base, Bind(app, ListNotifications));
  router.Add("GET", base + "/unread-count", Bind(app, UnreadCount));
  router.Add("POST", base + "/read-all", Bind(app, MarkAllRead));
  router.Add("POST", base + "/{id}/read", Bind(app, MarkRead));
}

}  // namespace lis::http
