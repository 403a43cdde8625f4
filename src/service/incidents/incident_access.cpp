#include "service/incidents/incident_access.h"

#include <nlohmann/json.hpp>

#include "domain/org/roles.h"
#include "service/authorizer.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Value;

namespace {

bool IsHandler(const Caller& caller, const json& incident) {
  return incident.value("handler_id", json(nullptr)) == json(caller.user_id);
}

bool MayInvolvePersonalData(const json& incident) {
  return incident.value("personal_data", false) || incident.value("personal_data_breach", false);
}

// "incidents.org_unit_id in the subtrees where the caller holds `permission`" as SQL; empty
// when it holds it everywhere, "1 = 0" when nowhere.
store::Filter UnitsWith(const Caller& caller, Permission permission) {
  store::Filter f;
  store::FilterToSubtrees(f, "incidents.org_unit_id", ScopesOf(caller, permission));
  return f;
}

std::string OrTrue(const store::Filter& f) {
  return f.sql.empty() ? std::string("1 = 1") : f.sql;
}

}  // namespace

IncidentView IncidentViewFor(store::Tx& tx, const Caller& caller, const json& incident) {
  if (IsHandler(caller, incident)) return IncidentView::kFull;
  auto path = store::OrgPath(tx, incident.at("org_unit_id").get<long long>());
  if (domain::Allows(caller.grants, Permission::kIncidentRead, path)) return IncidentView::kFull;
  if (MayInvolvePersonalData(incident) &&
      domain::Allows(caller.grants, Permission::kIncidentPersonalDataRead, path))
    return IncidentView::kFull;
  if (incident.value("reporter_id", json(nullptr)) == json(caller.user_id))
    return IncidentView::kReporter;
  return IncidentView::kNone;
}

bool CanHandleIncident(store::Tx& tx, const Caller& caller, const json& incident) {
  if (IsHandler(caller, incident)) return true;
  return domain::Allows(caller.grants, Permission::kIncidentHandle,
                        store::OrgPath(tx, incident.at("org_unit_id").get<long long>()));
}

void FilterFullIncidents(store::Filter& filter, const Caller& caller) {
  store::Filter read = UnitsWith(caller, Permission::kIncidentRead);
  if (read.sql.empty()) return;  // reads every incident
  store::Filter personal = UnitsWith(caller, Permission::kIncidentPersonalDataRead);
  std::vector<Value> params = read.params;
  params.insert(params.end(), personal.params.begin(), personal.params.end());
  params.emplace_back(caller.user_id);
  filter.And("(" + read.sql +
                 " OR ((incidents.personal_data = 1 OR "
                 "incidents.personal_data_breach = 1) AND " +
                 OrTrue(personal) + ") OR incidents.handler_id = ?)",
             std::move(params));
}

void FilterHandledIncidents(store::Filter& filter, const Caller& caller) {
  store::Filter handle = UnitsWith(caller, Permission::kIncidentHandle);
  if (handle.sql.empty()) return;
  std::vector<Value> params = handle.params;
  params.emplace_back(caller.user_id);
  filter.And("(" + handle.sql + " OR incidents.handler_id = ?)", std::move(params));
}

bool ReadsIncidentsByRole(const Caller& caller) {
  return ScopesOf(caller, Permission::kIncidentRead).any() ||
         ScopesOf(caller, Permission::kIncidentPersonalDataRead).any();
}

bool HandlesIncidentsByRole(const Caller& caller) {
  return ScopesOf(caller, Permission::kIncidentHandle).any();
}

}  // namespace lis::service
