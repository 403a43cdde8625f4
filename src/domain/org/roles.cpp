#include "domain/org/roles.h"

#include <algorithm>
#include <map>
#include <set>

namespace lis::domain {

namespace {
using P = Permission;
const std::map<std::string, std::set<Permission>, std::less<>>& Table() {
  static const std::map<std::string, std::set<Permission>, std::less<>> kTable = {
      {"employee", {P::kOrgRead, P::kAssetRead}},
      {"contact",
       {P::kOrgRead, P::kUserRead, P::kAssetRead, P::kSecrecyRead, P::kRiskRead, P::kControlRead,
        P::kActionRead, P::kActionWrite, P::kIncidentStats, P::kDeviationRead, P::kDeviationHandle,
        P::kExceptionRead}},
      {"object_owner",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kAssetWrite, P::kClassify, P::kApprove,
        P::kRiskRead, P::kRiskWrite, P::kControlRead, P::kActionRead, P::kActionWrite,
        P::kExceptionRead, P::kExceptionRequest}},
      {"object_owner_it",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kAssetWrite, P::kClassify, P::kRiskRead,
        P::kRiskWrite, P::kControlRead, P::kActionRead, P::kActionWrite, P::kExceptionRead,
        P::kExceptionRequest}},
      {"object_manager",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kAssetWrite, P::kClassify, P::kRiskRead,
        P::kRiskWrite, P::kControlRead, P::kActionRead, P::kActionWrite, P::kExceptionRead,
        P::kExceptionRequest}},
      {"technical_manager",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kAssetWrite, P::kRiskRead, P::kRiskWrite,
        P::kControlRead, P::kActionRead, P::kActionWrite, P::kExceptionRead, P::kExceptionRequest}},
      {"information_owner",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kApprove, P::kRiskRead, P::kRiskAccept,
        P::kControlRead, P::kActionRead, P::kExceptionRead, P::kExceptionDecide}},
      {"ciso",
       {P::kOrgRead,         P::kUserRead,       P::kAuditRead,        P::kAssetRead,
        P::kSecrecyRead,     P::kAssetWrite,     P::kClassify,         P::kApprove,
        P::kCatalogueWrite,  P::kRiskRead,       P::kRiskWrite,        P::kControlRead,
        P::kControlWrite,    P::kSoaIssue,       P::kActionRead,       P::kActionWrite,
        P::kIncidentRead,    P::kIncidentHandle, P::kIncidentStats,    P::kDeviationRead,
        P::kDeviationHandle, P::kExceptionRead,  P::kExceptionRequest, P::kExceptionOpinion}},
      {"security_chief",
       {P::kOrgRead, P::kUserRead, P::kAuditRead, P::kAssetRead, P::kSecrecyRead, P::kRiskRead,
        P::kControlRead, P::kActionRead, P::kIncidentRead, P::kIncidentStats, P::kDeviationRead,
        P::kExceptionRead}},
      {"it_security",
       {P::kOrgRead, P::kUserRead, P::kAssetRead, P::kSecrecyRead, P::kRiskRead, P::kControlRead,
        P::kControlWrite, P::kActionRead, P::kActionWrite, P::kIncidentRead, P::kIncidentHandle,
        P::kIncidentStats}},
      {"dpo",
       {P::kOrgRead, P::kAssetRead, P::kSecrecyRead, P::kRiskRead, P::kControlRead, P::kActionRead,
        P::kIncidentPersonalDataRead, P::kIncidentStats}},
      {"board",
       {P::kOrgRead, P::kAssetRead, P::kRiskRead, P::kControlRead, P::kActionRead,
        P::kIncidentStats, P::kDeviationRead, P::kExceptionRead}},
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

bool IsContentRole(std::string_view role) {
  return role == "ciso" || role == "security_chief" || role == "dpo" || role == "it_security";
}

bool IsRole(std::string_view role) {
  return Table().find(role) != Table().end();
}

bool RoleGrants(std::string_view role, Permission permission) {
  auto it = Table().find(role);
  return it != Table().end() && it->second.count(permission) > 0;
}

bool IsObjectRole(std::string_view role) {
  return role == "object_owner" || role == "object_owner_it" || role == "object_manager" ||
         role == "technical_manager";
}

bool ScopeCovers(const std::optional<long long>& scope, const std::vector<long long>& path) {
  if (!scope) return true;
  return std::find(path.begin(), path.end(), *scope) != path.end();
}

PermissionScopes ScopesFor(const std::vector<RoleGrant>& grants, Permission permission) {
  PermissionScopes out;
  for (const auto& g : grants) {
    if (g.object_id || !RoleGrants(g.role, permission)) continue;
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
    if (!g.object_id && RoleGrants(g.role, permission) && ScopeCovers(g.scope_id, path))
      return true;
  return false;
}

bool AllowsOnObject(const std::vector<RoleGrant>& grants, Permission permission,
                    long long object_id, const std::vector<long long>& path) {
  for (const auto& g : grants)
    if (g.object_id == object_id && RoleGrants(g.role, permission)) return true;
  return Allows(grants, permission, path);
}

std::vector<long long> ObjectsFor(const std::vector<RoleGrant>& grants, Permission permission) {
  std::vector<long long> out;
  for (const auto& g : grants)
    if (g.object_id && RoleGrants(g.role, permission) &&
        std::find(out.begin(), out.end(), *g.object_id) == out.end())
      out.push_back(*g.object_id);
  return out;
}

PermissionScopes ObjectRoleScopesFor(const std::vector<RoleGrant>& grants, Permission permission) {
  std::vector<RoleGrant> node_held;
  for (const auto& g : grants)
    if (IsObjectRole(g.role) && !g.object_id) node_held.push_back(g);
  return ScopesFor(node_held, permission);
}

bool ObjectRolesAllowOnObject(const std::vector<RoleGrant>& grants, Permission permission,
                              long long object_id, const std::vector<long long>& path) {
  for (const auto& g : grants) {
    if (!IsObjectRole(g.role) || !RoleGrants(g.role, permission)) continue;
    if (g.object_id ? *g.object_id == object_id : ScopeCovers(g.scope_id, path)) return true;
  }
  return false;
}

}  // namespace lis::domain
