#include "service/org/user_reference.h"

#include "domain/org/roles.h"
#include "store/org/org_tables.h"

namespace lis::service {

using store::Col;
using store::Value;

long long OrganisationOf(store::Tx& tx, long long unit) {
  auto path = store::OrgPath(tx, unit);
  if (path.empty()) return 0;
  for (long long id : path) {
    auto row = tx.QueryOne("SELECT kind FROM org_units WHERE id = ?", {Value(id)}, {Col::kText});
    if (row && (row->Text(0) == "municipality" || row->Text(0) == "company")) return id;
  }
  return path.front();
}

Status CheckUserReference(store::Tx& tx, const std::string& field, long long user_id,
                          long long unit) {
  Error refused = Invalid("error.user_reference", field);
  auto row = tx.QueryOne("SELECT active FROM users WHERE id = ? AND deleted_at IS NULL",
                         {Value(user_id)}, {Col::kInt});
  if (!row || row->Int(0) == 0) return refused;
  long long organisation = OrganisationOf(tx, unit);
  if (organisation == 0) return refused;
  auto home = store::UserOrgUnit(tx, user_id);
  if (home && OrganisationOf(tx, *home) == organisation) return {};
  std::vector<long long> organisation_path = store::OrgPath(tx, organisation);
  for (const auto& grant : store::LoadGrants(tx, user_id)) {
    if (domain::ScopeCovers(grant.scope_id, organisation_path)) return {};
    if (grant.scope_id && OrganisationOf(tx, *grant.scope_id) == organisation) return {};
  }
  return refused;
}

}  // namespace lis::service
