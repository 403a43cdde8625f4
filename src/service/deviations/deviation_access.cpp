#include "service/deviations/deviation_access.h"

#include <nlohmann/json.hpp>

#include "domain/deviations/deviation_rules.h"
#include "service/authorizer.h"
#include "service/org/user_reference.h"
#include "store/deviations/deviation_queries.h"
#include "store/deviations/deviation_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;

namespace {

bool Names(const json& deviation, const char* field, long long user_id) {
  return deviation.value(field, json(nullptr)) == json(user_id);
}

long long UnitOf(const json& deviation) {
  return deviation.at("org_unit_id").get<long long>();
}

}  // namespace

bool SeesDeviation(store::Tx& tx, const Caller& caller, const json& deviation) {
  if (Names(deviation, "reported_by", caller.user_id) ||
      Names(deviation, "responsible_id", caller.user_id))
    return true;
  return Can(tx, caller, Permission::kDeviationRead, UnitOf(deviation));
}

bool HandlesDeviation(store::Tx& tx, const Caller& caller, const json& deviation) {
  return Can(tx, caller, Permission::kDeviationHandle, UnitOf(deviation));
}

Result<json> SeenDeviation(store::Tx& tx, const Caller& caller, long long id, bool deleted) {
  auto d = store::GetRecord(tx, store::DeviationTable(), id, deleted);
  if (!d || !SeesDeviation(tx, caller, *d)) return NotFound();
  return *d;
}

Result<json> HandledDeviation(store::Tx& tx, const Caller& caller, long long id, bool deleted) {
  auto d = SeenDeviation(tx, caller, id, deleted);
  if (d.ok() && !HandlesDeviation(tx, caller, *d)) return Forbidden();
  return d;
}

json ShownDeviation(store::Tx& tx, const Caller& caller, json d) {
  auto actions = store::ActionsOfDeviation(tx, d["id"].get<long long>(), caller.user_id);
  bool handles = HandlesDeviation(tx, caller, d);
  std::string status = d["status"];
  bool open = domain::DeviationOpen(*domain::ParseDeviationState(status));
  d["can"] = {{"edit", handles && open},
              {"move", handles && open && status != "verifying"},
              {"verdict", handles && status == "verifying" && !actions.owned_by_user},
              {"delete", handles}};
  d["actions"] = {{"open", actions.open}, {"done", actions.done}};
  store::AddDeviationPeople(tx, d);
  return d;
}

Status CheckDeviationUnit(store::Tx& tx, const Caller& caller, long long unit) {
  auto node = store::GetRecord(tx, store::OrgUnitTable(), unit);
  if (!node) return Invalid("error.org_unit_missing", "org_unit_id");
  if (Can(tx, caller, Permission::kDeviationRead, unit)) return {};
  auto own = store::UserOrgUnit(tx, caller.user_id);
  if (own && OrganisationOf(tx, *own) == OrganisationOf(tx, unit)) return {};
  return Invalid("error.org_unit_missing", "org_unit_id");
}

}  // namespace lis::service
