// "My account": my details and roles, changing my password and language, my API tokens.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/form.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/session_cookie.h"
#include "service/auth/auth_service.h"
#include "service/org/org_service.h"
#include "service/org/user_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The name of an organisation node, "#id" if the caller cannot read it.
std::string UnitName(App& app, const RequestContext& ctx, long long id) {
  auto node = app.org.Get(*ctx.caller, id);
  return node.ok() ? (*node)["name"].get<std::string>() : "#" + std::to_string(id);
}

// The account page; `created` is a token made by this request, shown this once.
void ShowAccount(App& app, RequestContext& ctx, HttpResponse& out, const FormFailure* failure,
                 const service::CreatedToken* created = nullptr) {
  if (!RequirePageCaller(ctx, out)) return;
  const service::Caller& me = *ctx.caller;
  auto user = app.users.Get(me, me.user_id);
  if (!user.ok()) return WriteErrorPage(out, ctx, user.error());
  const json& u = *user;
  std::string language = u["language"].get<std::string>();

  json roles = json::array();
  for (const auto& g : me.grants) {
    roles.push_back(
        {{"role", Text(ctx, "role." + g.role)},
         {"scope", g.scope_id ? UnitName(app, ctx, *g.scope_id) : Text(ctx, "scope.everywhere")}});
  }

  json tokens = json::array();
  auto listed = app.auth.ListTokens(me);
  if (!listed.ok()) return WriteErrorPage(out, ctx, listed.error());
  for (const auto& tk : listed->items) {
    std::string id = std::to_string(tk["id"].get<long long>());
    std::string name = tk["name"].get<std::string>();
    Form revoke(ctx, "token-revoke-" + id, "/account/tokens/" + id + "/revoke", failure);
    revoke.Inline()
        .Confirm(Text(ctx, "account.token_revoke_confirm", {{"name", name}}))
        .Submit("account.token_revoke", "secondary", name);
    tokens.push_back({{"name", name},
                      {"created", LocalTimeText(tk.value("created_at", ""))},
                      {"last_used", tk["last_used_at"].is_string()
                                        ? LocalTimeText(tk["last_used_at"].get<std::string>())
                                        : Text(ctx, "account.token_never_used")},
                      {"revoke", revoke.Html()}});
  }

  Form password(ctx, "password", "/account/password", failure);
  password.Password("current_password", "account.field.current_password", "current-password")
      .Password("new_password", "account.field.new_password", "new-password", "users.hint.password")
      .Password("new_password_confirm", "account.field.new_password_confirm", "new-password")
      .Submit("account.password_submit");

  Form lang(ctx, "language", "/account/language", failure);
  lang.Hidden("version", std::to_string(u["version"].get<long long>()))
      .Select("language", "account.field.language",
              {{"sv", Text(ctx, "language.sv")}, {"en", Text(ctx, "language.en")}}, language)
      .Submit("account.language_submit");

  Form token(ctx, "token-create", "/account/tokens", failure);
  token
      .Text("name", "account.field.token_name", "",
            FormInput().Required().Hint("account.hint.token_name"))
      .Submit("account.token_create");

  json data = {{"path", "/account"},
               {"me",
                {{"name", u["name"]},
                 {"username", u["username"]},
                 {"email", u["email"]},
                 {"unit", u["org_unit_id"].is_number_integer()
                              ? UnitName(app, ctx, u["org_unit_id"].get<long long>())
                              : Text(ctx, "users.no_unit")},
                 {"language", Text(ctx, "language." + language)}}},
               {"roles", roles},
               {"has_roles", !roles.empty()},
               {"tokens", tokens},
               {"has_tokens", !tokens.empty()},
               {"new_token", ""},
               {"password_form", password.Html()},
               {"language_form", lang.Html()},
               {"token_form", token.Html()}};
  if (created) data["new_token"] = {{"name", created->name}, {"value", created->token}};
  WritePage(out, ctx, "account", "page.account.title", "account", data,
            PageStatus(FailureError(failure)));
}

void GetAccount(App& app, RequestContext& ctx, HttpResponse& out) {
  ShowAccount(app, ctx, out, nullptr);
}

void ChangePassword(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "password", {{"current_password"}, {"new_password"}},
      [&](const json& body) -> Result<json> {
        if (ctx.request.Param("new_password_confirm") != body.value("new_password", ""))
          return Invalid("error.password_mismatch", "new_password_confirm");
        Status s = app.auth.ChangeOwnPassword(*ctx.caller, body);
        if (!s.ok()) return s.error();
        return json::object();
      },
      [&](const json&) { out.Redirect("/account?notice=password_changed"); },
      [&](const FormFailure& f) { ShowAccount(app, ctx, out, &f); });
}

void SetLanguage(App& app, RequestContext& ctx, HttpResponse& out) {
  HandleForm(
      ctx, out, "language", {{"version", FormField::kInt}, {"language"}},
      [&](const json& body) { return app.auth.SetOwnLanguage(*ctx.caller, body); },
      [&](const json& user) {
        // The lis_lang cookie outranks the user setting, so it changes too: the choice
        // takes effect at once.
        SetLanguageCookie(out, ctx.request, user["language"].get<std::string>());
        out.Redirect("/account?notice=language_saved");
      },
      [&](const FormFailure& f) { ShowAccount(app, ctx, out, &f); });
}

void CreateToken(App& app, RequestContext& ctx, HttpResponse& out) {
  service::CreatedToken created;
  HandleForm(
      ctx, out, "token-create", {{"name"}},
      [&](const json& body) -> Result<json> {
        auto r = app.auth.CreateToken(*ctx.caller, body);
        if (!r.ok()) return r.error();
        created = std::move(*r);
        return json::object();
      },
      // Not a redirect: the token is shown once, in this answer, and never put in a URL.
      [&](const json&) { ShowAccount(app, ctx, out, nullptr, &created); },
      [&](const FormFailure& f) { ShowAccount(app, ctx, out, &f); });
}

void RevokeToken(App& app, RequestContext& ctx, HttpResponse& out) {
  long long id = PathId(ctx);
  HandleForm(
      ctx, out, "token-revoke-" + std::to_string(id), {},
      [&](const json&) { return app.auth.RevokeToken(*ctx.caller, id); },
      [&](const json&) { out.Redirect("/account?notice=token_revoked"); },
      [&](const FormFailure& f) { ShowAccount(app, ctx, out, &f); });
}

}  // namespace

void RegisterAccountPages(Router& router, App& app) {
  router.Add("GET", "/account", Bind(app, GetAccount));
  router.Add("POST", "/account/password", Bind(app, ChangePassword));
  router.Add("POST", "/account/language", Bind(app, SetLanguage));
  router.Add("POST", "/account/tokens", Bind(app, CreateToken));
  router.Add("POST", "/account/tokens/{id}/revoke", Bind(app, RevokeToken));
}

}  // namespace lis::http
