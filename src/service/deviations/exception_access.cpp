#include "service/deviations/exception_access.h"

#include <nlohmann/json.hpp>

#include "domain/deviations/exception_rules.h"
#include "service/assets/asset_access.h"
#include "service/authorizer.h"
#include "store/assets/asset_tables.h"
#include "store/deviations/deviation_tables.h"
#include "store/deviations/exception_queries.h"
#include "store/org/org_tables.h"

namespace lis::service {

using domain::ExceptionState;
using domain::Permission;
using nlohmann::json;

namespace {

// Whether the caller holds `permission` on the object of system `system_id` (live or not).
bool OnObjectOfSystem(store::Tx& tx, const Caller& caller, Permission permission,
                      long long system_id) {
  auto system = store::GetRecord(tx, store::SystemTable(), system_id, true);
  if (!system) return false;
  auto object =
      store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>(), true);
  return object && CanOnObject(tx, caller, permission, *object);
}

std::vector<long long> LinkedSystemsOf(const json& e) {
  std::vector<long long> ids;
  for (const auto& id : e.value("system_ids", json::array())) ids.push_back(id.get<long long>());
  return ids;
}

ExceptionState ExceptionStateOf(const json& r) {
  return *domain::ParseExceptionState(r["status"].get<std::string>());
}

}  // namespace

bool CanOnException(store::Tx& tx, const Caller& caller, Permission permission,
                    const json& exception) {
  return Can(tx, caller, permission, exception.at("org_unit_id").get<long long>());
}

bool SeesException(store::Tx& tx, const Caller& caller, const json& exception,
                   const std::vector<long long>& systems) {
  if (exception.value("requested_by", json(nullptr)) == json(caller.user_id)) return true;
  if (CanOnException(tx, caller, Permission::kExceptionRead, exception)) return true;
  for (long long s : systems)
    if (OnObjectOfSystem(tx, caller, Permission::kExceptionRead, s)) return true;
  return false;
}

bool MayRequestException(store::Tx& tx, const Caller& caller, long long unit,
                         const std::vector<long long>& systems) {
  if (systems.empty()) return Can(tx, caller, Permission::kExceptionRequest, unit);
  for (long long s : systems)
    if (!OnObjectOfSystem(tx, caller, Permission::kExceptionRequest, s)) return false;
  return true;
}

Result<json> SeenException(store::Tx& tx, const Caller& caller, long long id, bool deleted) {
  auto e = store::GetRecord(tx, store::ExceptionTable(), id, deleted);
  if (!e) return NotFound();
  std::vector<long long> systems = store::SystemsOfException(tx, id);
  if (!SeesException(tx, caller, *e, systems)) return NotFound();
  (*e)["system_ids"] = systems;
  return *e;
}

json ShownException(Tx& tx, const Caller& caller, json e) {
  bool requested = e["status"] == "requested";
  bool mine = e.value("requested_by", json(nullptr)) == json(caller.user_id);
  bool may_request =
      MayRequestException(tx, caller, e["org_unit_id"].get<long long>(), LinkedSystemsOf(e));
  bool opinion = CanOnException(tx, caller, Permission::kExceptionOpinion, e);
  e["can"] = {
      {"edit", requested && (mine || may_request)},
      {"decide", requested && CanOnException(tx, caller, Permission::kExceptionDecide, e)},
      {"revoke", e["status"] == "approved" &&
                     (opinion || CanOnException(tx, caller, Permission::kExceptionDecide, e))},
      {"delete", opinion || (requested && (mine || may_request))}};
  e["in_force"] = domain::ExceptionInForce(ExceptionStateOf(e), e["valid_until"],
                                           std::chrono::system_clock::now());
  for (const char* field : {"requested_by", "decided_by"}) {
    e[std::string(field) + "_name"] = "";
    if (e[field].is_number_integer())
      if (auto user = store::GetRecord(tx, store::UserTable(), e[field].get<long long>(), true))
        e[std::string(field) + "_name"] = (*user)["name"];
  }
  return e;
}

}  // namespace lis::service
