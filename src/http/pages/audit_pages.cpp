// The audit log: every recorded change and security event the caller may read (CISO, head of
// security, administrator, within their scopes), filtered and paged, newest first, each with
// its fields before and after.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/api_support.h"
#include "http/pages/history_view.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/audit/audit_checkpoints.h"
#include "service/audit/audit_service.h"
#include "service/input.h"

namespace lis::http {

using nlohmann::json;

namespace {

const std::vector<std::string>& Entities() {
  static const std::vector<std::string> kEntities = {"org_unit", "user", "role_assignment",
                                                     "api_token"};
  return kEntities;
}

const std::vector<std::string>& Actions() {
  static const std::vector<std::string> kActions = {
      "create",  "update",       "delete", "restore",           "login",        "login_failed",
      "lockout", "login_locked", "logout", "permission_denied", "password_set", "password_change"};
  return kActions;
}

// Options for a select: "all" first, then each value with its translated label.
json Options(const RequestContext& ctx, const std::vector<std::string>& values,
             const std::string& prefix, const std::string& selected) {
  json out = json::array();
  out.push_back({{"value", ""}, {"label", Text(ctx, "audit.all")}, {"selected", selected.empty()}});
  for (const auto& v : values)
    out.push_back({{"value", v}, {"label", Text(ctx, prefix + v)}, {"selected", v == selected}});
  return out;
}

// A value of `allowed`, or "" for anything else.
std::string OneOf(const std::string& value, const std::vector<std::string>& allowed) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end() ? value : "";
}

std::optional<long long> IdOf(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_number_integer()) return std::nullopt;
  return j[key].get<long long>();
}

std::string TextOf(const json& j, const char* key) {
  if (!j.is_object() || !j.contains(key) || !j[key].is_string()) return "";
  return j[key].get<std::string>();
}

// The record an event is about, in words, and the page that shows it (if any).
json RecordData(const RequestContext& ctx, const OrgTree& tree, const json& e) {
  std::string entity = e["entity"].get<std::string>();
  std::optional<long long> id;
  if (e["entity_id"].is_number_integer()) id = e["entity_id"].get<long long>();
  const json& state = e["after"].is_object() ? e["after"] : e["before"];
  std::string id_text = id ? "#" + std::to_string(*id) : "";
  std::string name = TextOf(state, "name");
  std::string href;
  if (entity == "org_unit") {
    if (name.empty() && id) name = tree.NameOf(*id);
    if (id && tree.Find(*id)) href = "/org/" + std::to_string(*id);
  } else if (entity == "user") {
    // A security event about the actor itself (login, logout, refusal): the actor's name.
    if (name.empty() && id && e["action"] != "password_set" &&
        (e["actor_id"].is_null() || e["actor_id"] == e["entity_id"]))
      name = e["actor"].get<std::string>();
    if (name.empty()) name = TextOf(state, "username");
    if (id) href = "/users/" + std::to_string(*id);
  } else if (entity == "role_assignment") {
    std::string role = TextOf(state, "role");
    auto scope = IdOf(state, "scope_id");
    if (!role.empty())
      name = Text(ctx, "audit.role_in",
                  {{"role", Text(ctx, "role." + role)},
                   {"scope", scope ? tree.NameOf(*scope) : Text(ctx, "scope.everywhere")}});
    if (auto user = IdOf(state, "user_id")) href = "/users/" + std::to_string(*user);
  } else if (entity == "api_token") {
    if (auto user = IdOf(state, "user_id")) href = "/users/" + std::to_string(*user);
  }
  if (name.empty()) name = id_text;
  std::string kind = entity.empty() ? "" : Text(ctx, "audit.entity." + entity);
  if (kind == "audit.entity." + entity) kind = entity;
  return {{"kind", kind}, {"name", name}, {"href", href}};
}

json EventRow(const RequestContext& ctx, const OrgTree& tree, const json& e) {
  std::string action = e["action"].get<std::string>();
  std::string entity = e["entity"].is_string() ? e["entity"].get<std::string>() : "";
  json changes = ChangeRows(ctx, tree, e["before"], e["after"], entity);
  std::string summary;
  if (action == "update" || action == "restore") {
    for (const auto& c : changes)
      summary += (summary.empty() ? "" : ", ") + c["label"].get<std::string>();
    if (summary.empty()) summary = Text(ctx, "history.no_changes");
  }
  if (e["after"].is_object() && e["after"].contains("repeats"))  // a tallied minute's close
    summary = Text(ctx, "audit.repeats", {{"count", e["after"]["repeats"].dump()}});
  if (e.contains("redacted_fields")) {  // content the reader may not read: which fields only
    summary.clear();
    for (const auto& f : e["redacted_fields"])
      summary += (summary.empty() ? "" : ", ") + FieldLabel(ctx, f.get<std::string>(), entity);
    summary += (summary.empty() ? "" : " – ") + Text(ctx, "audit.content_hidden");
    changes = json::array();
  }
  std::string comment = e["comment"].is_string() ? e["comment"].get<std::string>() : "";
  std::string address = e["address"].is_string() ? e["address"].get<std::string>() : "";
  return {{"seq", e["seq"]},
          {"at_utc", e["at"]},
          {"at", LocalTimeText(e["at"].get<std::string>())},
          {"actor", e["actor"]},
          {"action", ActionLabel(ctx, action)},
          {"record", RecordData(ctx, tree, e)},
          {"summary", summary},
          {"changes", changes},
          {"has_changes", !changes.empty()},
          {"comment", comment},
          {"address", address}};
}

// The newest signed checkpoint and whether the trail still matches it, in words (for those who
// read the whole installation's log).
json CheckpointData(App& app, const RequestContext& ctx) {
  auto status = service::LatestCheckpointStatus(app.db, app.config);
  if (!status) return {{"text", Text(ctx, "audit.checkpoint_none")}, {"ok", false}};
  const auto& c = status->checkpoint;
  std::map<std::string, std::string> args = {{"seq", std::to_string(c.seq)},
                                             {"time", LocalTimeText(c.at)},
                                             {"head", std::to_string(status->head)}};
  std::string problem;
  if (!status->signed_by_key)
    problem = Text(ctx, "audit.checkpoint_not_signed");
  else if (!status->event_found)
    problem = Text(ctx, "audit.checkpoint_event_missing", args);
  else if (!status->event_matches)
    problem = Text(ctx, "audit.checkpoint_event_changed", args);
  if (!problem.empty()) {
    args["problem"] = problem;
    return {{"text", Text(ctx, "audit.checkpoint_bad", args)}, {"ok", false}, {"bad", true}};
  }
  return {{"text", Text(ctx, "audit.checkpoint_ok", args)}, {"ok", true}};
}

void GetAudit(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  if (!domain::ScopesFor(ctx.caller->grants, domain::Permission::kAuditRead).any())
    return WriteErrorPage(out, ctx, Forbidden());
  const HttpRequest& req = ctx.request;
  long long page = PageNumberParam(ctx);
  std::string entity = OneOf(req.Param("entity"), Entities());
  std::string action = OneOf(req.Param("action"), Actions());
  std::string id = service::Trimmed(req.Param("id"));
  std::string actor = service::Trimmed(req.Param("actor"));
  std::string from = service::Trimmed(req.Param("from"));
  std::string to = service::Trimmed(req.Param("to"));

  service::AuditQuery q;
  q.page = {kPageSize, (page - 1) * kPageSize};
  q.entity = entity;
  q.action = action;
  q.actor = actor.substr(0, 200);
  // The first wrong filter field, shown at its field; the log is then not searched.
  std::string error_field, error_message;
  if (!id.empty()) {
    if (id.size() > 18 || id.find_first_not_of("0123456789") != std::string::npos) {
      error_field = "id";
      error_message = Text(ctx, "audit.error_id");
    } else {
      q.id = std::stoll(id);
    }
  }
  if (!from.empty()) {
    if (auto t = LocalDayStartUtc(from)) {
      q.from = *t;
    } else if (error_field.empty()) {
      error_field = "from";
      error_message = Text(ctx, "audit.error_date");
    }
  }
  if (!to.empty()) {
    if (auto t = LocalDayStartUtc(to, 1)) {
      q.to = *t;
    } else if (error_field.empty()) {
      error_field = "to";
      error_message = Text(ctx, "audit.error_date");
    }
  }

  json data = {{"path", "/audit"},
               {"entity_options", Options(ctx, Entities(), "audit.entity.", entity)},
               {"action_options", Options(ctx, Actions(), "audit.action.", action)},
               {"id", id},
               {"actor", actor},
               {"from", from},
               {"to", to},
               {"rows", json::array()},
               {"has_rows", false},
               {"showing", ""},
               {"has_pager", false},
               {"error", ""}};
  int status = 200;
  if (!error_field.empty()) {
    data["error"] = {{"message", error_message}, {"href", "#audit-" + error_field}};
    data["invalid_" + error_field] = true;
    status = 400;
  } else {
    auto result = app.audit.Query(*ctx.caller, q);
    if (!result.ok()) return WriteErrorPage(out, ctx, result.error());
    auto loaded = OrgTree::Load(app, *ctx.caller);
    OrgTree tree = loaded.ok() ? std::move(*loaded) : OrgTree();
    AddDeletedNodeNames(app, ctx, tree);
    json rows = json::array();
    for (const auto& e : result->items) rows.push_back(EventRow(ctx, tree, e));
    long long total = result->total;
    long long first = (page - 1) * kPageSize;
    std::string query;
    for (const auto& [name, value] :
         std::vector<std::pair<std::string, std::string>>{{"entity", entity},
                                                          {"id", id},
                                                          {"actor", actor},
                                                          {"action", action},
                                                          {"from", from},
                                                          {"to", to}})
      if (!value.empty()) query += "&" + name + "=" + UrlEncode(value);
    data["has_rows"] = !rows.empty();
    data["rows"] = rows;
    data["showing"] = rows.empty() ? Text(ctx, "audit.none_found")
                                   : Text(ctx, "audit.showing",
                                          {{"from", std::to_string(first + 1)},
                                           {"to", std::to_string(first + rows.size())},
                                           {"total", std::to_string(total)}});
    data["prev_href"] = page > 1 ? "/audit?page=" + std::to_string(page - 1) + query : "";
    data["next_href"] =
        first + kPageSize < total ? "/audit?page=" + std::to_string(page + 1) + query : "";
    data["has_pager"] = !data["prev_href"].get<std::string>().empty() ||
                        !data["next_href"].get<std::string>().empty();
  }
  if (domain::ScopesFor(ctx.caller->grants, domain::Permission::kAuditRead).everywhere)
    data["checkpoint"] = CheckpointData(app, ctx);
  WritePage(out, ctx, "audit_list", "page.audit.title", "audit", data, status);
}

}  // namespace

void RegisterAuditPages(Router& router, App& app) {
  router.Add("GET", "/audit", Bind(app, GetAudit));
}

}  // namespace lis::http
