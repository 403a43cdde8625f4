#include "service/incidents/incident_support.h"

#include <nlohmann/json.hpp>

#include "domain/incidents/incident_rules.h"
#include "service/incidents/incident_categories.h"
#include "service/org/user_reference.h"
#include "store/incidents/incident_tables.h"
#include "store/org/org_tables.h"

namespace lis::service::incidents {

using domain::Permission;
using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

Result<std::string> InputTime(const json& body, const std::string& field, TimePoint now) {
  if (!body.contains(field) || !body[field].is_string())
    return Invalid("error.field_not_time", field);
  auto t = ParseTime(body[field].get<std::string>());
  if (!t) return Invalid("error.field_not_time", field);
  if (*t > now + kClockSkew) return Invalid("error.incident_time_future", field);
  return FormatTime(*t);
}

Status CheckUnit(Tx& tx, long long unit, const std::string& field) {
  if (!tx.QueryOne("SELECT id FROM org_units WHERE id = ? AND deleted_at IS NULL", {Value(unit)},
                   {Col::kInt}))
    return Invalid("error.org_unit_missing", field);
  return {};
}

Status CheckSystem(Tx& tx, long long system_id, long long unit) {
  auto row = tx.QueryOne(
      "SELECT o.org_unit_id FROM systems s JOIN objects o ON o.id = s.object_id "
      "WHERE s.id = ? AND s.deleted_at IS NULL AND o.deleted_at IS NULL",
      {Value(system_id)}, {Col::kInt});
  if (!row) return Invalid("error.incident_system_unknown", "system_id");
  if (OrganisationOf(tx, row->Int(0)) != OrganisationOf(tx, unit))
    return Invalid("error.incident_system_elsewhere", "system_id");
  return {};
}

Status CheckHandler(Tx& tx, long long user_id, long long unit) {
  return CheckUserReference(tx, "handler_id", user_id, unit);
}

Error Refusal(IncidentView view) {
  return view == IncidentView::kNone ? NotFound() : Forbidden();
}

Result<json> FullyVisibleIncident(Tx& tx, const Caller& caller, long long id) {
  auto incident = store::GetRecord(tx, store::IncidentTable(), id);
  if (!incident || IncidentViewFor(tx, caller, *incident) != IncidentView::kFull) return NotFound();
  return *incident;
}

Result<json> HandledIncident(Tx& tx, const Caller& caller, long long id) {
  auto incident = store::GetRecord(tx, store::IncidentTable(), id);
  if (!incident) return NotFound();
  if (!CanHandleIncident(tx, caller, *incident))
    return Refusal(IncidentViewFor(tx, caller, *incident));
  return *incident;
}

json AppendTimelineEntry(Tx& tx, const Caller& caller, const json& incident,
                         const std::string& kind, const std::string& body,
                         const std::string& happened_at) {
  return store::InsertRecord(tx, store::IncidentTimelineTable(),
                             {{"incident_id", incident["id"]},
                              {"org_unit_id", incident["org_unit_id"]},
                              {"kind", kind},
                              {"body", body},
                              {"happened_at", happened_at},
                              {"author_id", caller.user_id},
                              {"author_name", caller.name}});
}

bool CanAddTimeline(Tx& tx, const Caller& caller, const json& incident) {
  if (CanHandleIncident(tx, caller, incident)) return true;
  bool personal =
      incident.value("personal_data", false) || incident.value("personal_data_breach", false);
  return personal &&
         domain::Allows(caller.grants, Permission::kIncidentPersonalDataRead,
                        store::OrgPath(tx, incident.at("org_unit_id").get<long long>()));
}

std::vector<store::ComputedField> IncidentNames() {
  return {
      {"org_unit", "(SELECT o.name FROM org_units o WHERE o.id = incidents.org_unit_id)", {}, true},
      {"system_name", "(SELECT s.name FROM systems s WHERE s.id = incidents.system_id)", {}, true},
      {"handler_name", "(SELECT u.name FROM users u WHERE u.id = incidents.handler_id)", {}, true},
      {"reporter_name",
       "(SELECT u.name FROM users u WHERE u.id = incidents.reporter_id)",
       {},
       true}};
}

namespace {
json NameOf(Tx& tx, const char* table, const json& id) {
  if (!id.is_number_integer()) return nullptr;
  auto row = tx.QueryOne(std::string("SELECT name FROM ") + table + " WHERE id = ?",
                         {Value(id.get<long long>())}, {Col::kText});
  return row ? json(row->Text(0)) : json(nullptr);
}

void AddNames(Tx& tx, json& i) {
  if (i.contains("org_unit")) return;
  i["org_unit"] = NameOf(tx, "org_units", i["org_unit_id"]);
  i["system_name"] = NameOf(tx, "systems", i["system_id"]);
  i["handler_name"] = NameOf(tx, "users", i["handler_id"]);
  i["reporter_name"] = NameOf(tx, "users", i["reporter_id"]);
}
}  // namespace

json FullView(Tx& tx, const json& incident, const std::string& language) {
  json i = incident;
  AddNames(tx, i);
  i["aspects"] = domain::AspectLetters(incident.value("aspects", std::string()));
  i["category_name"] = i["category"].is_string()
                           ? json(IncidentCategoryName(i["category"].get<std::string>(), language))
                           : json(nullptr);
  i["view"] = "full";
  return i;
}

json ReporterView(Tx& tx, const json& incident) {
  json full = incident;
  AddNames(tx, full);
  json out = {{"view", "reporter"}};
  for (const char* key : {"id", "title", "description", "occurred_at", "discovered_at",
                          "org_unit_id", "org_unit", "system_id", "system_name", "personal_data",
                          "ongoing", "reporter_contact", "reported_via", "status", "created_at"})
    out[key] = full[key];
  return out;
}

}  // namespace lis::service::incidents
