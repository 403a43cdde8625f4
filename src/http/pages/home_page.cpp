#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_routes.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"

namespace lis::http {

using nlohmann::json;

namespace {

// Names of the organisation nodes the caller's roles are held in.
std::map<long long, std::string> ScopeNames(App& app, const service::Caller& caller) {
  std::map<long long, std::string> names;
  for (const auto& g : caller.grants) {
    if (!g.scope_id || names.count(*g.scope_id)) continue;
    auto node = app.org.Get(caller, *g.scope_id);
    names[*g.scope_id] =
        node.ok() ? (*node)["name"].get<std::string>() : "#" + std::to_string(*g.scope_id);
  }
  return names;
}

void Home(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  const Messages& msg = Messages::Embedded();
  auto names = ScopeNames(app, *ctx.caller);
  json roles = json::array();
  for (const auto& g : ctx.caller->grants) {
    roles.push_back(
        {{"role", msg.Text(ctx.language, "role." + g.role)},
         {"scope", g.scope_id ? names[*g.scope_id] : msg.Text(ctx.language, "scope.everywhere")}});
  }
  json cards = json::array();
  auto card = [&](const char* key, const char* href, long long count) {
    cards.push_back({{"title", msg.Text(ctx.language, std::string("home.card.") + key)},
                     {"href", href},
                     {"count", count}});
  };
  service::OrgListQuery org_query;
  org_query.page = {1, 0};
  if (auto org = app.org.List(*ctx.caller, org_query); org.ok()) card("org", "/org", org->total);
  service::UserListQuery user_query;
  user_query.page = {1, 0};
  if (auto users = app.users.List(*ctx.caller, user_query); users.ok())
    card("users", "/users", users->total);
  WritePage(out, ctx, "home", "page.home.title", "home",
            {{"roles", roles}, {"has_roles", !roles.empty()}, {"cards", cards}});
}

}  // namespace

void RegisterHomePage(Router& router, App& app) {
  router.Add("GET", "/", Bind(app, Home));
}

}  // namespace lis::http
