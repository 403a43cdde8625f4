#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/messages.h"
#include "http/api/api_routes.h"
#include "http/pages/action_parts.h"
#include "http/pages/incident_clock_parts.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/assets/asset_work_service.h"
#include "service/deviations/deviation_service.h"
#include "service/deviations/exception_service.h"
#include "service/org/org_service.h"
#include "service/org/user_service.h"
#include "service/risk/risk_service.h"

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

constexpr long long kWorkRows = 10;  // rows of each work list on the start page

std::string ClassText(const RequestContext& ctx, const json& item) {
  if (!item.contains("security_class") || !item["security_class"].is_number_integer())
    return Text(ctx, "assets.unclassified");
  std::string level = std::to_string(item["security_class"].get<long long>());
  return Text(ctx, "assets.level." + level) + " (" + level + ")";
}

bool Holds(const service::Caller& caller, bool (*test)(std::string_view)) {
  for (const auto& g : caller.grants)
    if (test(g.role)) return true;
  return false;
}

bool HoldsAny(const service::Caller& caller, domain::Permission p) {
  return domain::ScopesFor(caller.grants, p).any() ||
         domain::ObjectRoleScopesFor(caller.grants, p).any() ||
         !domain::ObjectsFor(caller.grants, p).empty();
}

// One work list of the start page: {"rows": [...], "more": "10 of 12 shown"} from `page`.
json WorkList(const RequestContext& ctx, const Result<store::Page>& page,
              const std::function<json(const json&)>& row) {
  json rows = json::array();
  if (!page.ok()) return {{"rows", rows}, {"has_rows", false}, {"more", ""}};
  const store::Page& p = page.value();
  for (const auto& item : p.items) rows.push_back(row(item));
  std::string more;
  if (p.total > static_cast<long long>(rows.size()))
    more = Text(ctx, "home.more",
                {{"shown", std::to_string(rows.size())}, {"total", std::to_string(p.total)}});
  return {{"rows", rows}, {"has_rows", !rows.empty()}, {"more", more}};
}

// The risk work on the start page: the risks awaiting the caller's re-assessment as their
// owner (when there are any), and for information owners the risks awaiting their acceptance
// decision (above the threshold, or with an expired acceptance).
void RiskWork(App& app, const RequestContext& ctx, json& data) {
  auto row = [&](const json& r) {
    std::string band = r["residual_band"].is_string() ? r["residual_band"].get<std::string>()
                                                      : r["band"].get<std::string>();
    json score = r["residual_score"].is_number_integer() ? r["residual_score"] : r["score"];
    return json{{"name", r["title"]},
                {"href", "/risks/" + std::to_string(r["id"].get<long long>())},
                {"score", std::to_string(score.get<long long>()) + " (" +
                              Text(ctx, "risk.band." + band) + ")"},
                {"state", Text(ctx, "risk.state." + r["state"].get<std::string>())}};
  };
  service::RiskListQuery mine;
  mine.page = {kWorkRows, 0};
  mine.owner_id = ctx.caller->user_id;
  mine.awaiting_reassessment = true;
  json reassess = WorkList(ctx, app.risks.List(*ctx.caller, mine), row);
  if (reassess["has_rows"].get<bool>()) data["risk_reassess"] = reassess;
  if (!domain::ScopesFor(ctx.caller->grants, domain::Permission::kRiskAccept).any()) return;
  service::RiskListQuery to_accept;
  to_accept.page = {kWorkRows, 0};
  to_accept.state = "needs_decision";
  to_accept.acceptable_by_me = true;
  data["risk_accept"] = WorkList(ctx, app.risks.List(*ctx.caller, to_accept), row);
}

// The asset work on the start page: the caller's objects, the classifications waiting for
// its approval, the reviews due, and for the CISO the counts in its scope.
json AssetWork(App& app, const RequestContext& ctx, json& cards) {
  const service::Caller& caller = *ctx.caller;
  service::AssetWorkService work(app.db);
  const service::PageRequest first{kWorkRows, 0};
  auto set_row = [&](const json& set) {
    return json{{"name", set["name"]},
                {"href", "/assets/information-sets/" + std::to_string(set["id"].get<long long>())},
                {"class", ClassText(ctx, set)}};
  };
  json data = json::object();
  if (Holds(caller, domain::IsObjectRole))
    data["objects"] = WorkList(ctx, work.MyObjects(caller, first), [&](const json& o) {
      return json{{"name", o["name"]},
                  {"href", "/assets/objects/" + std::to_string(o["id"].get<long long>())},
                  {"class", ClassText(ctx, o)}};
    });
  if (HoldsAny(caller, domain::Permission::kApprove))
    data["approval"] = WorkList(ctx, work.AwaitingApproval(caller, first), [&](const json& s) {
      json row = set_row(s);
      row["classified_at"] = LocalTimeText(s.value("classified_at", std::string()));
      return row;
    });
  if (HoldsAny(caller, domain::Permission::kApprove) ||
      HoldsAny(caller, domain::Permission::kClassify))
    data["review"] = WorkList(ctx, work.ReviewDue(caller, first), [&](const json& s) {
      json row = set_row(s);
      row["review_due"] = s["review_due"];
      row["state"] =
          Text(ctx, s.value("overdue", false) ? "home.review_overdue" : "home.review_soon");
      return row;
    });
  bool ciso = Holds(caller, [](std::string_view role) { return role == "ciso"; });
  if (ciso) {
    if (auto counts = work.Counts(caller); counts.ok()) {
      auto card = [&](const char* key, const std::string& href, long long count) {
        cards.push_back({{"title", Text(ctx, std::string("home.card.") + key)},
                         {"href", href},
                         {"count", count}});
      };
      card("unclassified", "/assets/information-sets?unclassified=on", counts->unclassified);
      card("awaiting_approval", "#approval-heading", counts->awaiting_approval);
      card("review_overdue", "#review-heading", counts->review_overdue);
      card("review_soon", "#review-heading", counts->review_soon);
    }
  }
  RiskWork(app, ctx, data);
  return data;
}

// The deviation and exception work on the start page: the caller's open deviations, those
// awaiting a verdict for handlers, the exceptions the caller may decide and those ending within
// 30 days for those who read exceptions.
void DeviationWork(App& app, const RequestContext& ctx, json& data) {
  const service::Caller& caller = *ctx.caller;
  auto deviation_row = [&](const json& d) {
    return json{{"name", d["title"]},
                {"href", "/deviations/" + std::to_string(d["id"].get<long long>())},
                {"state", Text(ctx, "deviations.status." + d["status"].get<std::string>())},
                {"date", d["detected_on"]}};
  };
  auto exception_row = [&](const json& e) {
    return json{{"name", e["title"]},
                {"href", "/exceptions/" + std::to_string(e["id"].get<long long>())},
                {"state", Text(ctx, "exceptions.status." + e["status"].get<std::string>())},
                {"date", e["valid_until"]}};
  };
  service::DeviationListQuery mine;
  mine.page = {kWorkRows, 0};
  mine.reported_by = caller.user_id;
  mine.status = "open";
  json own = WorkList(ctx, app.deviations.List(caller, mine), deviation_row);
  if (own["has_rows"].get<bool>()) data["deviations_mine"] = own;
  if (service::DeviationService::HandlesByRole(caller)) {
    service::DeviationListQuery verifying;
    verifying.page = {kWorkRows, 0};
    verifying.status = "verifying";
    data["deviations_verdict"] =
        WorkList(ctx, app.deviations.List(caller, verifying), deviation_row);
  }
  if (domain::ScopesFor(caller.grants, domain::Permission::kExceptionDecide).any()) {
    service::ExceptionListQuery to_decide;
    to_decide.page = {kWorkRows, 0};
    to_decide.status = "requested";
    to_decide.under = domain::ScopesFor(caller.grants, domain::Permission::kExceptionDecide);
    data["exceptions_decide"] =
        WorkList(ctx, app.exceptions.List(caller, to_decide), exception_row);
  }
  if (HoldsAny(caller, domain::Permission::kExceptionRead)) {
    service::ExceptionListQuery ending;
    ending.page = {kWorkRows, 0};
    ending.expiring_before = *AddDays(service::Today(), 31);
    json rows = WorkList(ctx, app.exceptions.List(caller, ending), exception_row);
    if (rows["has_rows"].get<bool>()) data["exceptions_ending"] = rows;
  }
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
  json work = AssetWork(app, ctx, cards);
  work["actions"] = MyActionsWork(app, ctx, cards);
  if (json clocks = RunningClocksWork(app, ctx); !clocks.is_null()) work["clocks"] = clocks;
  DeviationWork(app, ctx, work);
  WritePage(out, ctx, "home", "page.home.title", "home",
            {{"roles", roles},
             {"has_roles", !roles.empty()},
             {"cards", cards},
             {"has_cards", !cards.empty()},
             {"work", work}});
}

}  // namespace

void RegisterHomePage(Router& router, App& app) {
  router.Add("GET", "/", Bind(app, Home));
}

}  // namespace lis::http
