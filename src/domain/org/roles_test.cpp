#include "domain/org/roles.h"

#include <gtest/gtest.h>

namespace lis::domain {
namespace {

using P = Permission;

TEST(Roles, EveryRoleInTheListIsKnownToThePermissionTable) {
  for (const auto& role : AllRoles()) {
    EXPECT_TRUE(IsRole(role)) << role;
    EXPECT_TRUE(RoleGrants(role, P::kOrgRead)) << role << " should see the organisation";
  }
  EXPECT_FALSE(IsRole("root"));
  EXPECT_FALSE(RoleGrants("root", P::kOrgRead));
}

TEST(Roles, PermissionTable) {
  struct Case {
    const char* role;
    Permission permission;
    bool granted;
  };
  const Case cases[] = {
      {"admin", P::kOrgWrite, true},       {"admin", P::kUserWrite, true},
      {"admin", P::kRoleWrite, true},      {"admin", P::kAuditRead, true},
      {"ciso", P::kUserRead, true},        {"ciso", P::kAuditRead, true},
      {"ciso", P::kOrgWrite, false},       {"ciso", P::kUserWrite, false},
      {"ciso", P::kRoleWrite, false},      {"security_chief", P::kAuditRead, true},
      {"it_security", P::kUserRead, true}, {"it_security", P::kAuditRead, false},
      {"contact", P::kUserRead, true},     {"employee", P::kUserRead, false},
      {"employee", P::kOrgWrite, false},   {"board", P::kUserRead, false},
      {"dpo", P::kUserWrite, false},       {"information_owner", P::kRoleWrite, false},
  };
  for (const auto& c : cases)
    EXPECT_EQ(RoleGrants(c.role, c.permission), c.granted)
        << c.role << " permission " << static_cast<int>(c.permission);
}

// Tree used below: 1 (group) > 2 (municipality) > 5 (unit) > 7 (team); 1 > 3 (company).
const std::vector<long long> kPathTo7 = {1, 2, 5, 7};
const std::vector<long long> kPathTo3 = {1, 3};

TEST(Scope, GrantOnANodeCoversItsSubtreeOnly) {
  EXPECT_TRUE(ScopeCovers(2, kPathTo7));
  EXPECT_TRUE(ScopeCovers(7, kPathTo7));
  EXPECT_FALSE(ScopeCovers(2, kPathTo3));
  EXPECT_FALSE(ScopeCovers(5, {1, 2}));              // not upwards
  EXPECT_TRUE(ScopeCovers(std::nullopt, kPathTo3));  // installation-wide
}

TEST(Scope, AllowsNeedsRoleAndScopeInTheSameGrant) {
  std::vector<RoleGrant> grants = {{1, "ciso", 2}, {2, "admin", 3}};
  EXPECT_TRUE(Allows(grants, P::kUserRead, kPathTo7));    // ciso at 2 covers 7
  EXPECT_FALSE(Allows(grants, P::kUserWrite, kPathTo7));  // admin only at 3
  EXPECT_TRUE(Allows(grants, P::kUserWrite, kPathTo3));
  EXPECT_FALSE(Allows(grants, P::kOrgWrite, {1}));  // the group root is outside both
}

TEST(Scope, ScopesForCollectsRootsOrEverywhere) {
  std::vector<RoleGrant> grants = {{1, "ciso", 2}, {2, "security_chief", 3}, {3, "employee", 5}};
  auto read = ScopesFor(grants, P::kUserRead);
  EXPECT_FALSE(read.everywhere);
  EXPECT_EQ(read.roots, (std::vector<long long>{2, 3}));
  EXPECT_FALSE(ScopesFor(grants, P::kUserWrite).any());
  grants.push_back({4, "admin", std::nullopt});
  auto write = ScopesFor(grants, P::kUserWrite);
  EXPECT_TRUE(write.everywhere);
  EXPECT_TRUE(write.roots.empty());
}

}  // namespace
}  // namespace lis::domain

namespace lis::domain {
namespace {

TEST(ObjectGrants, ApplyToTheirObjectOnlyNeverToTheTree) {
  // An object owner of object 40 (which belongs to unit 5) and an employee at unit 5.
  std::vector<RoleGrant> grants = {{1, "object_owner", 5, 40}, {2, "employee", 5, std::nullopt}};
  const std::vector<long long> path_to_5 = {1, 2, 5};
  EXPECT_TRUE(AllowsOnObject(grants, Permission::kClassify, 40, path_to_5));
  EXPECT_FALSE(AllowsOnObject(grants, Permission::kClassify, 41, path_to_5));  // another object
  EXPECT_FALSE(Allows(grants, Permission::kClassify, path_to_5));              // not the unit
  EXPECT_FALSE(ScopesFor(grants, Permission::kAssetWrite).any());
  EXPECT_EQ(ObjectsFor(grants, Permission::kAssetWrite), (std::vector<long long>{40}));
  EXPECT_TRUE(AllowsOnObject(grants, Permission::kAssetRead, 41, path_to_5));  // via the unit
}

// Object roles reach other units' information sets through their objects; other roles do not.
TEST(ObjectGrants, ObjectRolesReachObjectsOnTheObjectOrThroughTheirNode) {
  // An object owner held on unit 5, an object manager held on object 40 of unit 6, and a
  // CISO and an information owner held on unit 7.
  std::vector<RoleGrant> grants = {{1, "object_owner", 5, std::nullopt},
                                   {2, "object_manager", 6, 40},
                                   {3, "ciso", 7, std::nullopt},
                                   {4, "information_owner", 7, std::nullopt}};
  const std::vector<long long> in_5 = {1, 5}, in_6 = {1, 6}, in_7 = {1, 7};
  struct Case {
    Permission permission;
    long long object;
    std::vector<long long> path;
    bool allowed;
  };
  const Case cases[] = {
      {P::kApprove, 50, in_5, true},      // owner held on the object's unit
      {P::kClassify, 40, in_6, true},     // manager held on the object itself
      {P::kApprove, 40, in_6, false},     // the manager does not approve
      {P::kClassify, 41, in_6, false},    // another object of the manager's unit
      {P::kAssetWrite, 70, in_7, false},  // the CISO's node grant is no object role
      {P::kApprove, 70, in_7, false},     // nor is the information owner's
  };
  for (const auto& c : cases)
    EXPECT_EQ(ObjectRolesAllowOnObject(grants, c.permission, c.object, c.path), c.allowed)
        << static_cast<int>(c.permission) << " on object " << c.object;
  auto scopes = ObjectRoleScopesFor(grants, P::kAssetRead);
  EXPECT_FALSE(scopes.everywhere);
  EXPECT_EQ(scopes.roots, (std::vector<long long>{5}));
}

TEST(ObjectGrants, OnlyObjectRolesAreObjectRoles) {
  for (const char* r : {"object_owner", "object_owner_it", "object_manager", "technical_manager"})
    EXPECT_TRUE(IsObjectRole(r)) << r;
  for (const char* r : {"ciso", "employee", "information_owner", "admin"})
    EXPECT_FALSE(IsObjectRole(r)) << r;
}

TEST(Roles, AdministratorsDoNotHandleContent) {
  for (Permission p : {Permission::kAssetRead,        Permission::kAssetWrite,
                       Permission::kClassify,         Permission::kApprove,
                       Permission::kCatalogueWrite,   Permission::kRiskRead,
                       Permission::kRiskWrite,        Permission::kRiskAccept,
                       Permission::kControlRead,      Permission::kControlWrite,
                       Permission::kSoaIssue,         Permission::kActionRead,
                       Permission::kActionWrite,      Permission::kIncidentRead,
                       Permission::kIncidentHandle,   Permission::kIncidentPersonalDataRead,
                       Permission::kIncidentStats,    Permission::kDeviationRead,
                       Permission::kDeviationHandle,  Permission::kExceptionRead,
                       Permission::kExceptionRequest, Permission::kExceptionDecide,
                       Permission::kExceptionOpinion})
    EXPECT_FALSE(RoleGrants("admin", p));
}

// Issue 5: only the information owner accepts a residual risk above the threshold; only the
// CISO issues a statement of applicability; employees see neither risks nor others' actions.
TEST(Roles, RiskControlAndActionPermissionsFollowTheIssue) {
  for (const auto& role : AllRoles()) {
    EXPECT_EQ(RoleGrants(role, Permission::kRiskAccept), role == "information_owner") << role;
    EXPECT_EQ(RoleGrants(role, Permission::kSoaIssue), role == "ciso") << role;
  }
  for (Permission p : {Permission::kRiskRead, Permission::kControlRead, Permission::kActionRead})
    EXPECT_FALSE(RoleGrants("employee", p));
  for (const char* r : {"object_owner", "object_owner_it", "object_manager", "technical_manager"})
    EXPECT_TRUE(RoleGrants(r, Permission::kRiskWrite)) << r;
}

// Issue 6: incident details go to the CISO, the security chief and IT security (and the DPO
// for personal-data incidents); handling to the CISO and IT security; statistics carry no
// details and reach the board and contact persons too.
TEST(Roles, IncidentPermissionsFollowTheIssue) {
  for (const auto& role : AllRoles()) {
    bool reads = role == "ciso" || role == "security_chief" || role == "it_security";
    EXPECT_EQ(RoleGrants(role, Permission::kIncidentRead), reads) << role;
    EXPECT_EQ(RoleGrants(role, Permission::kIncidentHandle),
              role == "ciso" || role == "it_security")
        << role;
    EXPECT_EQ(RoleGrants(role, Permission::kIncidentPersonalDataRead), role == "dpo") << role;
    bool stats = reads || role == "dpo" || role == "board" || role == "contact";
    EXPECT_EQ(RoleGrants(role, Permission::kIncidentStats), stats) << role;
  }
}

// Issue 28: the CISO and the unit's contact person handle deviations; the security chief and
// the board read them; everyone else sees only what it reported (a service rule).
TEST(Roles, DeviationPermissionsFollowTheIssue) {
  for (const auto& role : AllRoles()) {
    bool handles = role == "ciso" || role == "contact";
    EXPECT_EQ(RoleGrants(role, Permission::kDeviationHandle), handles) << role;
    EXPECT_EQ(RoleGrants(role, Permission::kDeviationRead),
              handles || role == "security_chief" || role == "board")
        << role;
  }
}

// Issue 28: object roles and the CISO request exceptions; only the information owner decides
// them; the board and the security chief read them.
TEST(Roles, ExceptionPermissionsFollowTheIssue) {
  for (const auto& role : AllRoles()) {
    bool requests = IsObjectRole(role) || role == "ciso";
    EXPECT_EQ(RoleGrants(role, Permission::kExceptionRequest), requests) << role;
    EXPECT_EQ(RoleGrants(role, Permission::kExceptionDecide), role == "information_owner") << role;
    EXPECT_EQ(RoleGrants(role, Permission::kExceptionOpinion), role == "ciso") << role;
    bool reads = requests || role == "information_owner" || role == "security_chief" ||
                 role == "board" || role == "contact";
    EXPECT_EQ(RoleGrants(role, Permission::kExceptionRead), reads) << role;
  }
}

}  // namespace
}  // namespace lis::domain
