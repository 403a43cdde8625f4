// Reading the action list's filters and sort from request parameters, and turning them into
// SQL (columns and order written here, never taken from input).
#include "service/actions/action_query.h"

#include "core/clock.h"
#include "domain/actions/action_rules.h"
#include "service/input.h"
#include "store/org/org_tables.h"

namespace lis::service {

using store::Value;

namespace {

const std::vector<std::string> kSortKeys = {"due_date", "priority", "updated_at", "title"};

Status ReadOwner(const ParamLookup& param, long long caller_id, ActionListQuery& q) {
  auto mine = ReadChoiceParam(param, "mine", {"true", "false"});
  if (!mine.ok()) return mine.error();
  if (*mine == "true") q.owner_id = caller_id;
  if (param("owner_id").value_or("") == "me") {
    q.owner_id = caller_id;
    return {};
  }
  auto owner = ReadIdParam(param, "owner_id");
  if (!owner.ok()) return owner.error();
  if (*owner) q.owner_id = *owner;
  return {};
}

Status ReadSort(const ParamLookup& param, ActionListQuery& q) {
  std::string sort = param("sort").value_or("");
  std::string key = !sort.empty() && sort[0] == '-' ? sort.substr(1) : sort;
  if (!sort.empty() && !domain::IsOneOf(key, kSortKeys)) {
    std::vector<std::string> all;
    for (const auto& k : kSortKeys) all.insert(all.end(), {k, "-" + k});
    return BadParamValue("sort", JoinedList(all));
  }
  q.sort = sort;
  return {};
}

}  // namespace

const std::vector<std::string>& ActionSortKeys() {
  return kSortKeys;
}

Result<ActionListQuery> ReadActionListQuery(const ParamLookup& param, long long caller_id) {
  ActionListQuery q;
  std::vector<std::string> statuses = domain::ActionStatuses();
  statuses.push_back("open");
  auto status = ReadChoiceParam(param, "status", statuses);
  if (!status.ok()) return status.error();
  q.status = *status;
  Status s = ReadOwner(param, caller_id, q);
  if (!s.ok()) return s.error();
  for (auto [name, target] :
       {std::pair{"org_unit_id", &q.org_unit_id}, std::pair{"origin_id", &q.origin_id}}) {
    auto id = ReadIdParam(param, name);
    if (!id.ok()) return id.error();
    *target = *id;
  }
  auto origin = ReadChoiceParam(param, "origin", domain::ActionOriginKinds());
  if (!origin.ok()) return origin.error();
  q.origin = *origin;
  q.origin_ref = Trimmed(param("origin_ref").value_or(""));
  auto priority = ReadChoiceParam(param, "priority", domain::ActionPriorities());
  if (!priority.ok()) return priority.error();
  q.priority = *priority;
  auto overdue = ReadChoiceParam(param, "overdue", {"true", "false"});
  if (!overdue.ok()) return overdue.error();
  q.overdue = *overdue == "true";
  q.due_before = param("due_before").value_or("");
  if (!q.due_before.empty() && !IsDate(q.due_before))
    return BadParamValue("due_before", "YYYY-MM-DD");
  q.search = Trimmed(param("q").value_or(""));
  s = ReadSort(param, q);
  if (!s.ok()) return s.error();
  return q;
}

void ApplyActionFilter(store::Filter& where, const ActionListQuery& q) {
  if (q.status == "open")
    where.And("actions.status IN ('planned', 'in_progress')");
  else if (!q.status.empty())
    where.And("actions.status = ?", {Value(q.status)});
  if (q.owner_id) where.And("actions.owner_id = ?", {Value(*q.owner_id)});
  if (q.org_unit_id) {
    domain::PermissionScopes subtree;
    subtree.roots = {*q.org_unit_id};
    store::FilterToSubtrees(where, "actions.org_unit_id", subtree);
  }
  if (!q.origin.empty()) where.And("actions.origin = ?", {Value(q.origin)});
  if (q.origin_id) where.And("actions.origin_id = ?", {Value(*q.origin_id)});
  if (!q.origin_ref.empty()) where.And("actions.origin_ref = ?", {Value(q.origin_ref)});
  if (!q.priority.empty()) where.And("actions.priority = ?", {Value(q.priority)});
  if (q.overdue)
    where.And("actions.status IN ('planned', 'in_progress') AND actions.due_date < ?",
              {Value(Today())});
  if (!q.due_before.empty()) where.And("actions.due_date < ?", {Value(q.due_before)});
  if (!q.search.empty())
    where.And("LOWER(actions.title) LIKE LOWER(?) ESCAPE '!'",
              {Value("%" + store::EscapeLike(q.search) + "%")});
}

std::string ActionOrder(const std::string& sort) {
  bool desc = !sort.empty() && sort[0] == '-';
  std::string key = desc ? sort.substr(1) : sort;
  // The same expression as the index actions_priority_order (migration 5).
  const std::string rank =
      "CASE actions.priority WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 "
      "ELSE 1 END";
  std::vector<std::string> columns = {"actions.due_date", "actions.id"};
  if (key == "priority") columns = {rank, "actions.due_date", "actions.id"};
  if (key == "updated_at") columns = {"actions.updated_at", "actions.id"};
  if (key == "title") columns = {"actions.title", "actions.id"};
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c + (desc ? " DESC" : "");
  return out;
}

}  // namespace lis::service
