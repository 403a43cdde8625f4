// The bell's page: /notifications lists the caller's notifications (unread first, newest
// first, paged); following an unread one marks it read (a POST form, then on to its target);
// "Markera som läst" and "Markera alla som lästa" mark without leaving.
#include <nlohmann/json.hpp>

#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/notifications/notification_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// A link inside LIS (one slash, then a path), never another site.
bool LocalPath(const std::string& link) {
  return link.size() > 1 && link[0] == '/' && link[1] != '/' && link[1] != '\\';
}

json Row(const RequestContext& ctx, const json& n) {
  const bool unread = n["read_at"].is_null();
  return {{"id", n["id"]},
          {"text", n["text"]},
          {"link", LocalPath(Str(n, "link")) ? Str(n, "link") : "/notifications"},
          {"unread", unread},
          {"state", Text(ctx, unread ? "notifications.unread" : "notifications.read")},
          {"created", LocalTimeText(Str(n, "created_at"))}};
}

void ListPage(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  long long page = PageNumberParam(ctx);
  service::NotificationListQuery query{{kPageSize, (page - 1) * kPageSize}, false, ctx.language};
  auto result = app.notifications.List(*ctx.caller, query);
  if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
  auto unread = app.notifications.UnreadCount(*ctx.caller);
  if (!unread.ok()) return WriteErrorPage(out, ctx, unread.error());
  json rows = json::array();
  for (const auto& n : result->items) rows.push_back(Row(ctx, n));
  const long long first = (page - 1) * kPageSize;
  json data = {
      {"rows", rows},
      {"has_rows", !rows.empty()},
      {"any_unread", *unread > 0},
      {"summary",
       Text(ctx, "notifications.summary",
            {{"unread", std::to_string(*unread)}, {"total", std::to_string(result->total)}})},
      {"prev_href", page > 1 ? "/notifications?page=" + std::to_string(page - 1) : ""},
      {"next_href",
       first + kPageSize < result->total ? "/notifications?page=" + std::to_string(page + 1) : ""}};
  data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                      !data["next_href"].get<std::string>().empty();
  WritePage(out, ctx, "notifications", "page.notifications.title", "", data);
}

// Marks notification {id} read, then goes on to `next(record)`; 404 page for another's.
template <class Next>
void MarkAndGo(App& app, RequestContext& ctx, HttpResponse& out, Next next) {
  if (!RequirePageCaller(ctx, out)) return;
  auto id = Digits(ctx.request.path_params["id"]);
  auto marked = app.notifications.MarkRead(*ctx.caller, id.value_or(0), ctx.language);
  if (!marked.ok()) return WriteErrorPage(out, ctx, marked.error());
  out.Redirect(next(*marked));
}

void Open(App& app, RequestContext& ctx, HttpResponse& out) {
  MarkAndGo(app, ctx, out, [](const json& n) {
    return LocalPath(Str(n, "link")) ? Str(n, "link") : std::string("/notifications");
  });
}

void MarkRead(App& app, RequestContext& ctx, HttpResponse& out) {
  MarkAndGo(app, ctx, out,
            [](const json&) { return std::string("/notifications?notice=notification_read"); });
}

void MarkAllRead(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto marked = app.notifications.MarkAllRead(*ctx.caller);
  if (!marked.ok()) return WriteErrorPage(out, ctx, marked.error());
  out.Redirect("/notifications?notice=notifications_read");
}

}  // namespace

void RegisterNotificationPages(Router& router, App& app) {
  router.Add("GET", "/notifications", Bind(app, ListPage));
  router.Add("POST", "/notifications/read-all", Bind(app, MarkAllRead));
  router.Add("POST", "/notifications/{id}/open", Bind(app, Open));
  router.Add("POST", "/notifications/{id}/read", Bind(app, MarkRead));
}

}  // namespace lis::http
