// Roles (DESIGN.md) and the one permission table. A role is held in a scope: an organisation
// node, applying to it and everything below it, or the whole installation (no node).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

enum class Permission {
  kOrgRead,         // see organisation nodes
  kOrgWrite,        // add, rename, move, delete organisation nodes
  kUserRead,        // see users and their roles
  kUserWrite,       // add, change, deactivate users
  kRoleWrite,       // assign and remove roles
  kAuditRead,       // read the audit trail
  kAssetRead,       // see objects, systems, information sets and their classification
  kSecrecyRead,     // see secrecy-marked details of information sets
  kAssetWrite,      // add and change objects, systems and information sets
  kClassify,        // classify information sets (as a draft)
  kApprove,         // approve a classification
  kCatalogueWrite,  // edit the protection-requirement catalogue and the framework library
  kRiskRead,        // see risk analyses, risks and the risk matrix
  kRiskWrite,       // run risk analyses: add and change analyses and risks
  kRiskAccept,      // accept a residual risk above the organisation's threshold
  kControlRead,     // see the statement of applicability and its evidence
  kControlWrite,    // change the statement of applicability and add evidence
  kSoaIssue,        // issue (approve and freeze) a version of the statement of applicability
  kActionRead,      // see the actions of a scope (everyone sees the actions they own)
  kActionWrite,     // add and change the actions of a scope
  kIncidentRead,    // see the incidents of a scope in full (everyone sees its own reports)
  kIncidentHandle,  // triage and handle the incidents of a scope (assigned handlers may too)
  kIncidentPersonalDataRead,  // see the incidents of a scope that may involve personal data
  kIncidentStats,             // see incident statistics of a scope (counts, no details)
  kDeviationRead,             // see the deviations of a scope (everyone sees what it reported)
  kDeviationHandle,           // analyse, plan, verify and close the deviations of a scope
  kExceptionRead,             // see the exceptions of a scope (everyone sees what it requested)
  kExceptionRequest,          // request exceptions in a scope (object roles: for their objects)
  kExceptionDecide,           // approve or reject the exceptions of a scope (the information owner)
  kExceptionOpinion,  // give the CISO's opinion on exceptions of a scope, revoke and remove them
};

// Roles that can be held on one object (förvaltningsobjekt) rather than on a node.
bool IsObjectRole(std::string_view role);

// Roles that read the security content of their scope (risks, incidents, the statement of
// applicability, audit values): an administrator may not give one to itself; another
// administrator or the command line does (separation of duties).
bool IsContentRole(std::string_view role);

const std::vector<std::string>& AllRoles();
bool IsRole(std::string_view role);
bool RoleGrants(std::string_view role, Permission permission);

struct RoleGrant {
  long long id = 0;
  std::string role;
  std::optional<long long> scope_id;   // nothing: the whole installation
  std::optional<long long> object_id;  // set for a role held on one object only
};

// Whether a grant held at `scope` covers a node whose path from the root is `path` (root
// first, the node itself last). A scope of nothing covers every node.
bool ScopeCovers(const std::optional<long long>& scope, const std::vector<long long>& path);

// Grants held on one object apply to that object only: ScopesFor and Allows ignore them, and
// AllowsOnObject adds them.

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
// Whether `grants` give `permission` on object `object_id`, which belongs to the node with
// root-first `path`: by a grant on the object itself or on a node covering it.
bool AllowsOnObject(const std::vector<RoleGrant>& grants, Permission permission,
                    long long object_id, const std::vector<long long>& path);
// The objects on which `grants` give `permission` through object grants.
std::vector<long long> ObjectsFor(const std::vector<RoleGrant>& grants, Permission permission);

// Object roles reach, besides the records of their scope, the information sets that the
// systems of their objects process (also sets owned by another unit). An object role held on
// a node counts for every object of that node's subtree, one held on an object for that
// object. The scopes in which node-held object roles give `permission`:
PermissionScopes ObjectRoleScopesFor(const std::vector<RoleGrant>& grants, Permission permission);
// Whether object roles in `grants` give `permission` on object `object_id`, which belongs to
// the node with root-first `path` (held on the object or on a node covering it).
bool ObjectRolesAllowOnObject(const std::vector<RoleGrant>& grants, Permission permission,
                              long long object_id, const std::vector<long long>& path);

}  // namespace lis::domain
