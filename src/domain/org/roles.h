// Roles (DESIGN.md) and the one permission table. A role is held in a scope: an organisation
// node, applying to it and everything below it, or the whole installation (no node).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

enum class Permission {
  kOrgRead,    // see organisation nodes
  kOrgWrite,   // add, rename, move, delete organisation nodes
  kUserRead,   // see users and their roles
  kUserWrite,  // add, change, deactivate users
  kRoleWrite,  // assign and remove roles
  kAuditRead,  // read the audit trail
};

const std::vector<std::string>& AllRoles();
bool IsRole(std::string_view role);
bool RoleGrants(std::string_view role, Permission permission);

struct RoleGrant {
  long long id = 0;
  std::string role;
  std::optional<long long> scope_id;  // nothing: the whole installation
};

// Whether a grant held at `scope` covers a node whose path from the root is `path` (root
// first, the node itself last). A scope of nothing covers every node.
bool ScopeCovers(const std::optional<long long>& scope, const std::vector<long long>& path);

// The scopes in which `grants` give `permission`. `everywhere` is set when one of them is
// installation-wide, and `roots` then is empty.
struct PermissionScopes {
  bool everywhere = false;
  std::vector<long long> roots;
  bool any() const { return everywhere || !roots.empty(); }
};
PermissionScopes ScopesFor(const std::vector<RoleGrant>& grants, Permission permission);

// Whether `grants` give `permission` on the node with root-first `path`.
bool Allows(const std::vector<RoleGrant>& grants, Permission permission,
            const std::vector<long long>& path);

}  // namespace lis::domain
