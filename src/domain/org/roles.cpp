#include "domain/org/roles.h"

#include <algorithm>
#include <map>
#include <set>

namespace lis::domain {

namespace {
using P = Permission;
const std::map<std::string, std::set<Permission>, std::less<>>& Table() {
  static const std::map<std::string, std::set<Permission>, std::less<>> kTable = {
      {"employee", {P::kOrgRead}},
      {"contact", {P::kOrgRead, P::kUserRead}},
      {"object_owner", {P::kOrgRead}},
      {"object_owner_it", {P::kOrgRead}},
      {"object_manager", {P::kOrgRead}},
      {"technical_manager", {P::kOrgRead}},
      {"information_owner", {P::kOrgRead}},
      {"ciso", {P::kOrgRead, P::kUserRead, P::kAuditRead}},
      {"security_chief", {P::kOrgRead, P::kUserRead, P::kAuditRead}},
      {"it_security", {P::kOrgRead, P::kUserRead}},
      {"dpo", {P::kOrgRead}},
      {"board", {P::kOrgRead}},
      {"admin",
       {P::kOrgRead, P::kOrgWrite, P::kUserRead, P::kUserWrite, P::kRoleWrite, P::kAuditRead}},
  };
  return kTable;
}
}  // namespace

const std::vector<std::string>& AllRoles() {
  static const std::vector<std::string> kRoles = {"employee",
                                                  "contact",
                                                  "object_owner",
                                                  "object_owner_it",
                                                  "object_manager",
                                                  "technical_manager",
                                                  "information_owner",
                                                  "ciso",
                                                  "security_chief",
                                                  "it_security",
                                                  "dpo",
                                                  "board",
                                                  "admin"};
  return kRoles;
}

bool IsRole(std::string_view role) {
  return Table().find(role) != Table().end();
}

bool RoleGrants(std::string_view role, Permission permission) {
  auto it = Table().find(role);
  return it != Table().end() && it->second.count(permission) > 0;
}

bool ScopeCovers(const std::optional<long long>& scope, const std::vector<long long>& path) {
  if (!scope) return true;
  return std::find(path.begin(), path.end(), *scope) != path.end();
}

PermissionScopes ScopesFor(const std::vector<RoleGrant>& grants, Permission permission) {
  PermissionScopes out;
  for (const auto& g : grants) {
    if (!RoleGrants(g.role, permission)) continue;
    if (!g.scope_id) {
      out.everywhere = true;
      out.roots.clear();
      return out;
    }
    if (std::find(out.roots.begin(), out.roots.end(), *g.scope_id) == out.roots.end())
      out.roots.push_back(*g.scope_id);
  }
  return out;
}

bool Allows(const std::vector<RoleGrant>& grants, Permission permission,
            const std::vector<long long>& path) {
  for (const auto& g : grants)
    if (RoleGrants(g.role, permission) && ScopeCovers(g.scope_id, path)) return true;
  return false;
}

}  // namespace lis::domain
