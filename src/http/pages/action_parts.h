// Pieces of the action pages shared with other pages: a listed action as a table row (the
// action list, the start page) and the gap column of a system's requirement table.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "http/app.h"
#include "http/http_types.h"
#include "http/pages/form.h"

namespace lis::http {

// The users the caller may name as owner or responsible: itself first, then the active users
// it may list.
std::vector<SelectOption> UserOptions(App& app, const RequestContext& ctx);

// {href, title, owner, org_unit, due_date, priority, status, overdue, overdue_text, updated}
// of an action as the service lists it.
nlohmann::json ActionRow(const RequestContext& ctx, const nlohmann::json& action);
// The details of one action as rows {label, value, href}.
nlohmann::json ActionDetails(const RequestContext& ctx, const nlohmann::json& action);

// Adds to each requirement row of system `system_id` (RequirementStatusRows) that is a gap
// "action_html": a link to its open action when there is one, else, for callers who may
// create actions at node `org_unit_id`, the one-click form that creates it.
void AddGapActions(App& app, const RequestContext& ctx, long long system_id, long long org_unit_id,
                   nlohmann::json& rows);

// The actions of one origin on its page (a risk, a SoA entry): every action of the origin the
// caller reads, any status, and — when `may_create_here` and the caller may create actions at
// node `org_unit_id` — the one-click form posting to `create_path`. Rendered HTML.
struct OriginActions {
  std::string origin;
  long long origin_id = 0;
  long long org_unit_id = 0;
  std::string create_path;
  std::string form_id;
  bool may_create_here = true;  // false when the origin is no longer something to act on
};
std::string OriginActionsHtml(App& app, const RequestContext& ctx, const OriginActions& o);

// Handles the one-click form `form_id` that makes an action of an origin with `create`: to the
// new action's page on success, else the error page saying why it could not be made.
void CreateActionFromOrigin(RequestContext& ctx, HttpResponse& out, const std::string& form_id,
                            const std::function<Result<nlohmann::json>()>& create);

// The start page's part of the action list: {"rows", "has_rows", "more", "href"} of the
// caller's open actions (overdue first, then by due date); for callers with kActionRead it
// adds cards {title, href, count} of open, overdue and soon due actions in their scope.
nlohmann::json MyActionsWork(App& app, const RequestContext& ctx, nlohmann::json& cards);

}  // namespace lis::http
