#include "service/incidents/incident_page_support.h"

#include <map>
#include <nlohmann/json.hpp>

#include "store/org/org_tables.h"
#include "store/records.h"

namespace lis::service {

namespace {

using nlohmann::json;
using store::Col;

struct Node {
  long long id;
  std::string name;
  std::vector<const Node*> children;
};

void AddDepthFirst(const Node& node, const std::string& prefix,
                   std::vector<ReportFormChoices::Unit>& out) {
  std::string label = prefix.empty() ? node.name : prefix + " / " + node.name;
  out.push_back({node.id, label});
  for (const Node* child : node.children) AddDepthFirst(*child, label, out);
}

// Every live unit labelled by its path; a unit whose parent is gone counts as a root.
std::vector<ReportFormChoices::Unit> UnitsInTreeOrder(const std::vector<json>& records) {
  std::map<long long, Node> nodes;
  for (const auto& r : records)
    nodes[r["id"].get<long long>()] = {r["id"].get<long long>(), r.value("name", ""), {}};
  std::vector<const Node*> roots;
  for (const auto& r : records) {  // records come ordered by name: children stay so
    const Node* node = &nodes[r["id"].get<long long>()];
    auto parent = r["parent_id"].is_number_integer() ? nodes.find(r["parent_id"].get<long long>())
                                                     : nodes.end();
    if (parent == nodes.end())
      roots.push_back(node);
    else
      parent->second.children.push_back(node);
  }
  std::vector<ReportFormChoices::Unit> out;
  for (const Node* root : roots) AddDepthFirst(*root, "", out);
  return out;
}

}  // namespace

ReportFormChoices LoadReportFormChoices(store::Database& db, const Caller& caller) {
  ReportFormChoices out;
  db.Read([&](store::Tx& tx) {
    store::Page units = store::ListRecords(tx, store::OrgUnitTable(), {}, "name, id", 100000, 0);
    out.units = UnitsInTreeOrder(units.items);
    out.own_unit_id = store::UserOrgUnit(tx, caller.user_id);
    if (auto user = store::GetRecord(tx, store::UserTable(), caller.user_id))
      out.email = user->value("email", "");
    return Status();
  });
  return out;
}

bool HandlesAssignedIncidents(store::Database& db, const Caller& caller) {
  bool handles = false;
  db.Read([&](store::Tx& tx) {
    handles = tx.QueryOne(
                    "SELECT id FROM incidents WHERE handler_id = ? AND deleted_at IS NULL "
                    "LIMIT 1",
                    {caller.user_id}, {Col::kInt})
                  .has_value();
    return Status();
  });
  return handles;
}

}  // namespace lis::service
