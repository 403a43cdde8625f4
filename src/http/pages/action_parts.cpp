#include "http/pages/action_parts.h"

#include "core/messages.h"
#include "http/pages/form.h"
#include "http/pages/page_support.h"
#include "service/actions/action_service.h"
#include "service/org/user_service.h"

namespace lis::http {

using nlohmann::json;

namespace {}  // namespace

std::vector<SelectOption> UserOptions(App& app, const RequestContext& ctx) {
  std::vector<SelectOption> out = {{std::to_string(ctx.caller->user_id), ctx.caller->name}};
  service::UserListQuery q;
  q.page = {500, 0};
  if (auto users = app.users.List(*ctx.caller, q); users.ok())
    for (const auto& u : users->items)
      if (u["id"].get<long long>() != ctx.caller->user_id && u.value("active", true))
        out.push_back({std::to_string(u["id"].get<long long>()), Str(u, "name")});
  return out;
}

json ActionRow(const RequestContext& ctx, const json& a) {
  bool overdue = a.value("overdue", false);
  return {{"href", "/actions/" + std::to_string(a["id"].get<long long>())},
          {"title", Str(a, "title")},
          {"owner", Str(a, "owner_name")},
          {"org_unit", Str(a, "org_unit")},
          {"due_date", Str(a, "due_date")},
          {"priority", Text(ctx, "actions.priority." + Str(a, "priority"))},
          {"status", Text(ctx, "actions.status." + Str(a, "status"))},
          {"overdue", overdue},
          {"overdue_text", overdue ? Text(ctx, "actions.overdue_mark") : ""},
          {"updated", LocalTimeText(Str(a, "updated_at")).substr(0, 10)}};
}

json ActionDetails(const RequestContext& ctx, const json& a) {
  json rows = json::array();
  auto add = [&](const std::string& key, const std::string& value, const std::string& href = "") {
    rows.push_back({{"label", Text(ctx, key)},
                    {"value", value.empty() ? Text(ctx, "common.none") : value},
                    {"href", href}});
  };
  std::string status = Text(ctx, "actions.status." + Str(a, "status"));
  if (a.value("overdue", false)) status += " – " + Text(ctx, "actions.overdue_mark");
  add("actions.field.status", status);
  add("actions.field.priority", Text(ctx, "actions.priority." + Str(a, "priority")));
  add("actions.field.due_date", Str(a, "due_date"));
  add("actions.field.owner", Str(a, "owner_name"));
  add("actions.field.org_unit", Str(a, "org_unit"));
  std::string origin = Text(ctx, "actions.origin." + Str(a, "origin"));
  if (!Str(a, "origin_label").empty()) origin += ": " + Str(a, "origin_label");
  add("actions.field.origin", origin, Str(a, "origin_url"));
  add("actions.field.description", Str(a, "description"));
  add("actions.field.progress_note", Str(a, "progress_note"));
  if (!Str(a, "completed_at").empty())
    add("actions.field.completed_at", LocalTimeText(Str(a, "completed_at")));
  return rows;
}

void AddGapActions(App& app, const RequestContext& ctx, long long system_id, long long org_unit_id,
                   json& rows) {
  auto open = app.actions.OpenByOriginRef(*ctx.caller, "requirement_gap", system_id);
  bool may_create = app.actions.MayCreate(*ctx.caller, org_unit_id);
  std::string base = "/assets/systems/" + std::to_string(system_id) + "/requirements/";
  for (auto& row : rows) {
    if (!row.value("gap", false)) continue;
    std::string code = Str(row, "code");
    if (open.ok() && open->count(code)) {
      row["action_href"] = "/actions/" + std::to_string((*open)[code]["id"].get<long long>());
      row["action_hidden"] = Text(ctx, "actions.open_action_hidden", {{"code", code}});
      continue;
    }
    if (!may_create) continue;
    Form form(ctx, "gap-action-" + code, base + code + "/action", nullptr);
    form.Inline().Submit("actions.from_gap", "secondary",
                         Text(ctx, "actions.from_gap_hidden", {{"code", code}}));
    row["action_form"] = form.Html();
  }
}

std::string OriginActionsHtml(App& app, const RequestContext& ctx, const OriginActions& o) {
  service::ActionListQuery q;
  q.page = {200, 0};
  q.origin = o.origin;
  q.origin_id = o.origin_id;
  json rows = json::array();
  if (auto page = app.actions.List(*ctx.caller, q); page.ok())
    for (const auto& a : page->items) rows.push_back(ActionRow(ctx, a));
  json data = {{"form_id", o.form_id},
               {"heading", Text(ctx, "actions.origin_heading")},
               {"caption", Text(ctx, "actions.origin_caption")},
               {"t_action", Text(ctx, "actions.field.title")},
               {"t_owner", Text(ctx, "actions.field.owner")},
               {"t_due", Text(ctx, "actions.field.due_date")},
               {"t_status", Text(ctx, "actions.field.status")},
               {"none", Text(ctx, "actions.origin_none")},
               {"has_rows", !rows.empty()},
               {"rows", rows}};
  if (o.may_create_here && app.actions.MayCreate(*ctx.caller, o.org_unit_id)) {
    Form form(ctx, o.form_id, o.create_path, nullptr);
    form.Inline().Submit("actions.from_gap", "secondary");
    data["form"] = form.Html();
  }
  return RenderTemplate("origin_actions", data);
}

json MyActionsWork(App& app, const RequestContext& ctx, json& cards) {
  constexpr long long kRows = 10;
  service::ActionListQuery q;
  q.page = {kRows, 0};
  q.owner_id = ctx.caller->user_id;
  q.status = "open";
  json rows = json::array();
  std::string more;
  if (auto mine = app.actions.List(*ctx.caller, q); mine.ok()) {
    for (const auto& a : mine->items) rows.push_back(ActionRow(ctx, a));
    if (mine->total > static_cast<long long>(rows.size()))
      more = Text(ctx, "home.more",
                  {{"shown", std::to_string(rows.size())}, {"total", std::to_string(mine->total)}});
  }
  if (auto counts = app.actions.Counts(*ctx.caller); counts.ok()) {
    auto card = [&](const char* key, const std::string& href, long long count) {
      cards.push_back({{"title", Text(ctx, std::string("home.card.") + key)},
                       {"href", href},
                       {"count", count}});
    };
    card("actions_open", "/actions?status=open", counts->open);
    card("actions_overdue", "/actions/overdue", counts->overdue);
    card("actions_due_soon", "/actions?status=open&sort=due_date", counts->due_soon);
  }
  return {{"rows", rows}, {"has_rows", !rows.empty()}, {"more", more}, {"href", "/actions/mine"}};
}

void CreateActionFromOrigin(RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                            const std::function<Result<json>()>& create) {
  HandleForm(
      ctx, out, form_id, {}, [&](const json&) { return create(); },
      [&](const json& r) {
        out.Redirect("/actions/" + std::to_string(r["id"].get<long long>()) +
                     "?notice=action_created");
      },
      [&](const FormFailure& f) { WriteErrorPage(out, ctx, f.error); });
}

}  // namespace lis::http
