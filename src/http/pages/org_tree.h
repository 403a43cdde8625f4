// The organisation nodes a caller may read, as a tree, for the pages that show or choose
// nodes (the tree itself, parent and scope choices, unit names in lists).
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/org/roles.h"
#include "http/app.h"
#include "http/pages/form.h"

namespace lis::http {

class OrgTree {
 public:
  struct Node {
    nlohmann::json record;  // as the service returns it
    long long id = 0;
    std::optional<long long> parent_id;  // nothing for a root of the caller's view
    std::string name;
    int depth = 0;                 // 0 for a root of the caller's view
    std::string path_label;        // "Group / Municipality / Unit"
    std::vector<size_t> children;  // indexes into Nodes(), ordered by name
  };

  // Every node the caller may read (kForbidden when it may read none).
  static Result<OrgTree> Load(App& app, const service::Caller& caller);

  // Depth first, siblings by name.
  const std::vector<Node>& Nodes() const { return nodes_; }
  const std::vector<size_t>& Roots() const { return roots_; }
  const Node* Find(long long id) const;
  // The name of a node, the label given for a deleted one, or "#id" for one outside the
  // caller's view.
  std::string NameOf(long long id) const;
  // How NameOf names deleted node `id` (the tree itself holds only live nodes).
  void AddDeletedName(long long id, std::string label);
  // Ids from the top of the caller's view down to `id` (empty for nothing), for
  // domain::Allows. A grant is held on a node the caller can read, so the path is enough to
  // decide whether a grant covers the node.
  std::vector<long long> PathOf(std::optional<long long> id) const;
  // Whether `id` is `ancestor` or lies below it.
  bool InSubtree(long long id, long long ancestor) const;
  // Every node as a choice, labelled by its path, in tree order; `skip_subtree_of` leaves a
  // node and everything below it out (a node cannot move below itself).
  std::vector<SelectOption> Options(std::optional<long long> skip_subtree_of = {}) const;

 private:
  std::vector<Node> nodes_;
  std::vector<size_t> roots_;
  std::map<long long, size_t> index_;
  std::map<long long, std::string> deleted_names_;
};

// Every node the caller may read; an empty tree when it may read none.
OrgTree LoadOrgTree(App& app, const RequestContext& ctx);

// Whether the caller's grants give `permission` on node `id` (nothing: installation-wide).
bool CallerMay(const service::Caller& caller, const OrgTree& tree, domain::Permission permission,
               std::optional<long long> id);

}  // namespace lis::http
