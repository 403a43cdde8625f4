#include "http/pages/org_tree.h"
#include "service/org/org_service.h"

#include <algorithm>
#include <functional>

namespace lis::http {

using nlohmann::json;

Result<OrgTree> OrgTree::Load(App& app, const service::Caller& caller) {
  std::vector<json> records;
  service::OrgListQuery query;
  query.page = {500, 0};
  for (;;) {
    auto page = app.org.List(caller, query);
    if (!page.ok()) return page.error();
    for (auto& item : page->items) records.push_back(std::move(item));
    if (page->items.empty() || static_cast<long long>(records.size()) >= page->total) break;
    query.page.offset = static_cast<long long>(records.size());
  }

  // Records come ordered by name; build the tree from them, then lay it out depth first.
  std::map<long long, size_t> by_id;
  for (size_t i = 0; i < records.size(); ++i) by_id[records[i]["id"].get<long long>()] = i;
  std::vector<std::vector<size_t>> children(records.size());
  std::vector<size_t> roots;
  for (size_t i = 0; i < records.size(); ++i) {
    const json& parent = records[i]["parent_id"];
    if (parent.is_number_integer() && by_id.count(parent.get<long long>()))
      children[by_id[parent.get<long long>()]].push_back(i);
    else
      roots.push_back(i);
  }

  OrgTree tree;
  std::function<size_t(size_t, int, const std::string&)> place = [&](size_t i, int depth,
                                                                     const std::string& prefix) {
    Node node;
    node.record = records[i];
    node.id = records[i]["id"].get<long long>();
    if (depth > 0) node.parent_id = records[i]["parent_id"].get<long long>();
    node.name = records[i]["name"].get<std::string>();
    node.depth = depth;
    node.path_label = prefix.empty() ? node.name : prefix + " / " + node.name;
    size_t at = tree.nodes_.size();
    tree.nodes_.push_back(node);
    tree.index_[node.id] = at;
    std::string label = node.path_label;
    for (size_t c : children[i]) {
      size_t child_at = place(c, depth + 1, label);
      tree.nodes_[at].children.push_back(child_at);
    }
    return at;
  };
  for (size_t r : roots) tree.roots_.push_back(place(r, 0, ""));
  return tree;
}

const OrgTree::Node* OrgTree::Find(long long id) const {
  auto it = index_.find(id);
  return it == index_.end() ? nullptr : &nodes_[it->second];
}

std::string OrgTree::NameOf(long long id) const {
  const Node* n = Find(id);
  if (n) return n->name;
  auto d = deleted_names_.find(id);
  return d != deleted_names_.end() ? d->second : "#" + std::to_string(id);
}

void OrgTree::AddDeletedName(long long id, std::string label) {
  if (!Find(id)) deleted_names_[id] = std::move(label);
}

std::vector<long long> OrgTree::PathOf(std::optional<long long> id) const {
  std::vector<long long> path;
  const Node* n = id ? Find(*id) : nullptr;
  while (n) {
    path.push_back(n->id);
    n = n->parent_id ? Find(*n->parent_id) : nullptr;
  }
  if (id && path.empty()) path.push_back(*id);
  std::reverse(path.begin(), path.end());
  return path;
}

bool OrgTree::InSubtree(long long id, long long ancestor) const {
  auto path = PathOf(id);
  return std::find(path.begin(), path.end(), ancestor) != path.end();
}

std::vector<SelectOption> OrgTree::Options(std::optional<long long> skip_subtree_of) const {
  std::vector<SelectOption> out;
  for (const auto& n : nodes_) {
    if (skip_subtree_of && InSubtree(n.id, *skip_subtree_of)) continue;
    out.push_back({std::to_string(n.id), n.path_label});
  }
  return out;
}

OrgTree LoadOrgTree(App& app, const RequestContext& ctx) {
  auto tree = OrgTree::Load(app, *ctx.caller);
  return tree.ok() ? std::move(*tree) : OrgTree();
}

bool CallerMay(const service::Caller& caller, const OrgTree& tree, domain::Permission permission,
               std::optional<long long> id) {
  if (!id) return domain::ScopesFor(caller.grants, permission).everywhere;
  return domain::Allows(caller.grants, permission, tree.PathOf(id));
}

}  // namespace lis::http
