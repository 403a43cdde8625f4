#include "service/incidents/incident_query.h"

#include "domain/actions/action_rules.h"
#include "domain/incidents/incident_rules.h"
#include "service/incidents/incident_categories.h"
#include "service/input.h"
#include "store/org/org_tables.h"
#include "store/records/text_search.h"

namespace lis::service {

using store::Value;

namespace {

Status ReadHandler(const ParamLookup& param, long long caller_id, IncidentListQuery& q) {
  if (param("handler_id").value_or("") == "me") {
    q.handler_id = caller_id;
    return {};
  }
  auto handler = ReadIdParam(param, "handler_id");
  if (!handler.ok()) return handler.error();
  q.handler_id = *handler;
  return {};
}

Status ReadSeverity(const ParamLookup& param, IncidentListQuery& q) {
  auto text = param("severity");
  if (!text) return {};
  if (text->size() != 1 || (*text)[0] < '0' + domain::kMinIncidentSeverity ||
      (*text)[0] > '0' + domain::kMaxIncidentSeverity)
    return BadParamValue("severity", "1–4");
  q.severity = (*text)[0] - '0';
  return {};
}

Status ReadFlags(const ParamLookup& param, IncidentListQuery& q) {
  for (auto [name, target] : {std::pair{"personal_data_breach", &q.personal_data_breach},
                              std::pair{"significant", &q.significant}}) {
    auto flag = ReadChoiceParam(param, name, {"true", "false"});
    if (!flag.ok()) return flag.error();
    if (!flag->empty()) *target = *flag == "true";
  }
  return {};
}

Status ReadSort(const ParamLookup& param, IncidentListQuery& q) {
  std::string sort = param("sort").value_or("");
  std::string key = !sort.empty() && sort[0] == '-' ? sort.substr(1) : sort;
  if (!sort.empty() && !domain::IsOneOf(key, IncidentSortKeys())) {
    std::vector<std::string> all;
    for (const auto& k : IncidentSortKeys()) all.insert(all.end(), {k, "-" + k});
    return BadParamValue("sort", JoinedList(all));
  }
  q.sort = sort;
  return {};
}

}  // namespace

const std::vector<std::string>& IncidentSortKeys() {
  static const std::vector<std::string> kKeys = {"created_at", "occurred_at", "severity", "status",
                                                 "title"};
  return kKeys;
}

Result<IncidentListQuery> ReadIncidentListQuery(const ParamLookup& param, long long caller_id) {
  IncidentListQuery q;
  std::vector<std::string> statuses = domain::IncidentStatuses();
  statuses.push_back("open");
  auto status = ReadChoiceParam(param, "status", statuses);
  if (!status.ok()) return status.error();
  q.status = *status;
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  q.org_unit_id = *unit;
  for (Status s : {ReadHandler(param, caller_id, q), ReadSeverity(param, q), ReadFlags(param, q),
                   ReadSort(param, q)})
    if (!s.ok()) return s.error();
  q.category = param("category").value_or("");
  if (!q.category.empty() && !IsIncidentCategory(q.category))
    return BadParamValue("category", "/api/v1/incident-categories");
  q.search = Trimmed(param("q").value_or(""));
  return q;
}

void ApplyIncidentFilter(store::Filter& where, store::Dialect dialect, const IncidentListQuery& q) {
  if (q.status == "open")
    where.And("incidents.status NOT IN ('resolved', 'closed')");
  else if (!q.status.empty())
    where.And("incidents.status = ?", {Value(q.status)});
  if (q.org_unit_id) {
    domain::PermissionScopes subtree;
    subtree.roots = {*q.org_unit_id};
    store::FilterToSubtrees(where, "incidents.org_unit_id", subtree);
  }
  if (q.handler_id) where.And("incidents.handler_id = ?", {Value(*q.handler_id)});
  if (q.severity) where.And("incidents.severity = ?", {Value(static_cast<long long>(*q.severity))});
  if (!q.category.empty()) where.And("incidents.category = ?", {Value(q.category)});
  if (q.personal_data_breach)
    where.And("incidents.personal_data_breach = ?",
              {Value(static_cast<long long>(*q.personal_data_breach ? 1 : 0))});
  if (q.significant)
    where.And("incidents.significant = ?", {Value(static_cast<long long>(*q.significant ? 1 : 0))});
  if (!q.search.empty()) store::AndTextSearch(where, dialect, "incidents", {"title"}, q.search);
}

std::string IncidentOrder(const std::string& sort) {
  bool desc = sort.empty() || sort[0] == '-';
  std::string key = sort.empty() ? "created_at" : (sort[0] == '-' ? sort.substr(1) : sort);
  // Statuses in the order of handling, not alphabetically.
  const std::string status_rank =
      "CASE incidents.status WHEN 'new' THEN 1 WHEN 'triage' THEN 2 WHEN 'investigating' THEN 3 "
      "WHEN 'contained' THEN 4 WHEN 'resolved' THEN 5 ELSE 6 END";
  std::vector<std::string> columns = {"incidents.created_at", "incidents.id"};
  if (key == "occurred_at") columns = {"incidents.occurred_at", "incidents.id"};
  if (key == "severity") columns = {"COALESCE(incidents.severity, 0)", "incidents.id"};
  if (key == "status") columns = {status_rank, "incidents.id"};
  if (key == "title") columns = {"incidents.title", "incidents.id"};
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c + (desc ? " DESC" : "");
  return out;
}

}  // namespace lis::service
