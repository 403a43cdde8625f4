#include "service/controls/soa_access.h"

#include <map>

#include "service/authorizer.h"
#include "store/controls/control_tables.h"
#include "store/controls/soa_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

bool IsOrganisation(const json& org) {
  return org["kind"] == "municipality" || org["kind"] == "company";
}

json Filtered(Tx& tx, const store::TableSpec& spec, const SoaTarget& target) {
  store::Filter f;
  f.And("org_unit_id = ? AND framework_id = ?",
        {Value(target.org["id"].get<long long>()), Value(target.framework["id"].get<long long>())});
  return store::ListRecords(tx, spec, f, "id", 1000000, 0).items;
}

std::map<long long, std::string> UserNames(Tx& tx, const json& entries) {
  std::vector<long long> ids;
  for (const auto& e : entries)
    if (e["responsible_id"].is_number_integer())
      ids.push_back(e["responsible_id"].get<long long>());
  std::map<long long, std::string> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  std::string in = store::Placeholders(ids, params);
  for (const auto& row : tx.Query("SELECT id, name FROM users WHERE id IN (" + in + ")", params,
                                  {store::Col::kInt, store::Col::kText}))
    out[row.Int(0)] = row.Text(1);
  return out;
}

json EvidenceItem(const json& e) {
  json out;
  for (const char* f : {"id", "version", "kind", "title", "url", "file_name", "file_type", "size",
                        "sha256", "created_at"})
    out[f] = e[f];
  return out;
}

json Item(const json& control, const json* entry, const std::map<long long, std::string>& names,
          json evidence) {
  json item = {{"control_ref", control["ref"]},
               {"control_id", control["id"]},
               {"entry_id", nullptr},
               {"theme", control["theme"]},
               {"title_sv", control["title_sv"]},
               {"title_en", control["title_en"]},
               {"applicable", nullptr},
               {"justification", ""},
               {"status", "not_started"},
               {"responsible_id", nullptr},
               {"responsible_name", nullptr},
               {"implementation", ""},
               {"last_reviewed", nullptr},
               {"version", 0},
               {"updated_at", nullptr},
               {"evidence", std::move(evidence)}};
  if (!entry) return item;
  item["entry_id"] = (*entry)["id"];
  for (const char* f : {"applicable", "justification", "status", "responsible_id", "implementation",
                        "last_reviewed", "version", "updated_at"})
    item[f] = (*entry)[f];
  if (item["responsible_id"].is_number_integer()) {
    auto it = names.find(item["responsible_id"].get<long long>());
    if (it != names.end()) item["responsible_name"] = it->second;
  }
  return item;
}

json Themes(const json& framework) {
  json out = json::array();
  for (const auto& t : json::parse(framework["themes"].get<std::string>()))
    out.push_back(
        {{"code", t["code"]}, {"name_sv", t["name"]["sv"]}, {"name_en", t["name"]["en"]}});
  return out;
}

}  // namespace

Result<json> ReachOrganisation(Tx& tx, const Caller& caller, long long org_unit_id,
                               domain::Permission permission) {
  auto org = store::GetRecord(tx, store::OrgUnitTable(), org_unit_id);
  if (!org || !Can(tx, caller, domain::Permission::kControlRead, org_unit_id)) return NotFound();
  if (!IsOrganisation(*org)) return Invalid("error.soa_not_organisation", "org_unit_id");
  if (!Can(tx, caller, permission, org_unit_id)) return Forbidden();
  return *org;
}

Result<SoaTarget> ReachSoa(Tx& tx, const Caller& caller, const SoaKey& key,
                           domain::Permission permission) {
  auto org = ReachOrganisation(tx, caller, key.org_unit_id, permission);
  if (!org.ok()) return org.error();
  auto framework = store::GetRecord(tx, store::FrameworkTable(), key.framework_id);
  if (!framework) return Invalid("error.soa_framework", "framework_id");
  return SoaTarget{std::move(*org), std::move(*framework)};
}

Result<long long> ControlIdByRef(Tx& tx, long long framework_id, const std::string& ref) {
  auto row = tx.QueryOne(
      "SELECT id FROM framework_controls WHERE framework_id = ? AND ref = ? AND deleted_at IS NULL",
      {Value(framework_id), Value(ref)}, {store::Col::kInt});
  if (!row) return NotFound();
  return row->Int(0);
}

json BuildSoa(Tx& tx, const SoaTarget& target) {
  store::Filter f;
  f.And("framework_id = ?", {Value(target.framework["id"].get<long long>())});
  auto controls =
      store::ListRecords(tx, store::FrameworkControlTable(), f, "sort_order, id", 1000000, 0);
  std::map<long long, json> entries;
  json entry_list = Filtered(tx, store::SoaEntryTable(), target);
  for (auto& e : entry_list) entries[e["control_id"].get<long long>()] = e;
  std::map<long long, json> evidence;
  for (auto& e : Filtered(tx, store::SoaEvidenceTable(), target)) {
    json& list = evidence[e["control_id"].get<long long>()];
    if (list.is_null()) list = json::array();
    list.push_back(EvidenceItem(e));
  }
  auto names = UserNames(tx, entry_list);
  json items = json::array();
  for (const auto& c : controls.items) {
    long long id = c["id"].get<long long>();
    auto entry = entries.find(id);
    auto ev = evidence.find(id);
    items.push_back(Item(c, entry == entries.end() ? nullptr : &entry->second, names,
                         ev == evidence.end() ? json::array() : ev->second));
  }
  const json& fw = target.framework;
  return {{"org_unit_id", target.org["id"]},
          {"org_unit", target.org["name"]},
          {"framework_id", fw["id"]},
          {"framework_ref", fw["ref"]},
          {"framework_name_sv", fw["name_sv"]},
          {"framework_name_en", fw["name_en"]},
          {"themes", Themes(fw)},
          {"items", std::move(items)}};
}

}  // namespace lis::service
