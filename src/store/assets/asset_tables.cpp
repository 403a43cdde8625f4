#include "store/assets/asset_tables.h"

#include <nlohmann/json.hpp>

#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "store/assets/derived_cache.h"
#include "store/records/record_table.h"

namespace lis::store {

namespace {

using nlohmann::json;

// Keep the cached derived classes current (store/assets/derived_cache.h).
void SetChanged(Tx& tx, const json&, const json& after) {
  RefreshDerivedOfSet(tx, after.at("id").get<long long>());
}

void ClassificationChanged(Tx& tx, const json&, const json& after) {
  RefreshDerivedOfSet(tx, after.at("information_set_id").get<long long>());
}

// What is derived from a system depends on its links, its object and whether it is live: a
// new system processes no set yet and changes nothing derived (an import of thousands of
// systems into one object must not recompute the object each time); a rename changes nothing
// either.
void SystemChanged(Tx& tx, const json& before, const json& after) {
  if (!before.is_object()) return;
  if (before.at("object_id") == after.at("object_id") &&
      before.value("deleted_at", json(nullptr)) == after.value("deleted_at", json(nullptr)))
    return;
  RefreshDerivedOfSystems(tx, {after.at("id").get<long long>()},
                          {before.at("object_id").get<long long>()});
}

}  // namespace

const TableSpec& ObjectTable() {
  static const TableSpec kSpec = {domain::ObjectRecord().table, domain::ObjectRecord().entity,
                                  domain::ObjectRecord().scope_field,
                                  ColumnsOf(domain::ObjectRecord())};
  return kSpec;
}

const TableSpec& SystemTable() {
  // Systems belong to their object's node; the audit trail finds it through the object.
  static const TableSpec kSpec = {domain::SystemRecord().table,
                                  domain::SystemRecord().entity,
                                  domain::SystemRecord().scope_field,
                                  ColumnsOf(domain::SystemRecord()),
                                  "SELECT o.org_unit_id FROM systems s JOIN objects o ON o.id = "
                                  "s.object_id WHERE s.id = ?",
                                  SystemChanged};
  return kSpec;
}

const TableSpec& InformationSetTable() {
  static const TableSpec kSpec = {"information_sets",
                                  "information_set",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"name", FieldType::kText},
                                   {"description", FieldType::kText},
                                   {"personal_data", FieldType::kText},
                                   {"secrecy", FieldType::kText},
                                   {"retention", FieldType::kText}},
                                  "",
                                  SetChanged};
  return kSpec;
}

const TableSpec& ClassificationTable() {
  static const TableSpec kSpec = {"classifications",
                                  "classification",
                                  "org_unit_id",
                                  {{"information_set_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"confidentiality", FieldType::kInt},
                                   {"integrity", FieldType::kInt},
                                   {"availability", FieldType::kInt},
                                   {"traceability", FieldType::kInt},
                                   {"security_class", FieldType::kInt},
                                   {"motivations", FieldType::kText},
                                   {"status", FieldType::kText},
                                   {"classified_by", FieldType::kInt},
                                   {"classified_at", FieldType::kText},
                                   {"approved_by", FieldType::kInt},
                                   {"approved_at", FieldType::kText},
                                   {"review_due", FieldType::kText}},
                                  "",
                                  ClassificationChanged};
  return kSpec;
}

const TableSpec& RequirementTable() {
  static const TableSpec kSpec = {"requirements",
                                  "requirement",
                                  "",
                                  {{"code", FieldType::kText},
                                   {"area", FieldType::kText},
                                   {"aspect", FieldType::kText},
                                   {"min_level", FieldType::kInt},
                                   {"text_sv", FieldType::kText},
                                   {"text_en", FieldType::kText},
                                   {"guidance_sv", FieldType::kText},
                                   {"guidance_en", FieldType::kText},
                                   {"controls", FieldType::kText}}};
  return kSpec;
}

const TableSpec& SystemRequirementTable() {
  static const TableSpec kSpec = {"system_requirements",
                                  "system_requirement",
                                  "",
                                  {{"system_id", FieldType::kInt},
                                   {"requirement_id", FieldType::kInt},
                                   {"status", FieldType::kText},
                                   {"how", FieldType::kText},
                                   {"motivation", FieldType::kText}},
                                  "SELECT o.org_unit_id FROM system_requirements r JOIN systems s "
                                  "ON s.id = r.system_id JOIN objects o ON o.id = s.object_id "
                                  "WHERE r.id = ?"};
  return kSpec;
}

namespace {

// The classified, live sets of live systems: joins shared by the queries below, which select
// kClassifiedSetColumns (as ClassifiedSetOf reads them).
const char* kClassifiedSetJoins =
    " FROM systems s "
    "JOIN information_set_systems l ON l.system_id = s.id "
    "JOIN information_sets i ON i.id = l.information_set_id AND i.deleted_at IS NULL "
    "JOIN classifications c ON c.information_set_id = i.id AND c.deleted_at IS NULL "
    "WHERE s.deleted_at IS NULL AND ";
const char* kClassifiedSetColumns =
    "s.id AS sid, s.name AS sname, i.id AS iid, i.name AS iname, c.confidentiality AS k, "
    "c.integrity AS r, c.availability AS t, c.traceability AS sp, s.object_id AS oid";

const std::vector<Col>& ClassifiedSetCols() {
  static const std::vector<Col> kCols = {Col::kInt, Col::kText, Col::kInt, Col::kText, Col::kInt,
                                         Col::kInt, Col::kInt,  Col::kInt, Col::kInt};
  return kCols;
}

ClassifiedSet ClassifiedSetOf(const Row& r) {
  ClassifiedSet c;
  c.system_id = r.Int(0);
  c.system_name = r.Text(1);
  c.set_id = r.Int(2);
  c.set_name = r.Text(3);
  for (int a = 0; a < 4; ++a) c.levels[a] = static_cast<int>(r.Int(4 + a));
  c.object_id = r.Int(8);
  return c;
}

std::vector<ClassifiedSet> ReadClassifiedSets(Tx& tx, const std::string& where,
                                              const std::vector<Value>& params) {
  std::vector<ClassifiedSet> out;
  for (const auto& r :
       tx.Query(std::string("SELECT ") + kClassifiedSetColumns + kClassifiedSetJoins + where +
                    " ORDER BY s.name, s.id, i.name, i.id",
                params, ClassifiedSetCols()))
    out.push_back(ClassifiedSetOf(r));
  return out;
}

// Per system of `system_ids`, the first set (in ClassifiedSetsOf* order) at its cached class.
std::map<long long, std::vector<ClassifiedSet>> ReasonSetsOfSystems(
    Tx& tx, const std::vector<long long>& system_ids) {
  std::map<long long, std::vector<ClassifiedSet>> out;
  std::vector<Value> params;
  std::string sql = std::string("SELECT sid, sname, iid, iname, k, r, t, sp, oid FROM (SELECT ") +
                    kClassifiedSetColumns +
                    ", ROW_NUMBER() OVER (PARTITION BY s.id ORDER BY i.name, i.id) AS rn" +
                    kClassifiedSetJoins + "s.id IN (" + Placeholders(system_ids, params) +
                    ") AND c.security_class = s.derived_class) x WHERE rn = 1";
  for (const auto& r : tx.Query(sql, params, ClassifiedSetCols())) {
    ClassifiedSet c = ClassifiedSetOf(r);
    out[c.system_id].push_back(std::move(c));
  }
  return out;
}

}  // namespace

std::vector<ClassifiedSet> ClassifiedSetsOfObject(Tx& tx, long long object_id) {
  return ReadClassifiedSets(tx, "s.object_id = ?", {Value(object_id)});
}

std::vector<ClassifiedSet> ClassifiedSetsOfSystem(Tx& tx, long long system_id) {
  return ReadClassifiedSets(tx, "s.id = ?", {Value(system_id)});
}

std::map<long long, std::vector<ClassifiedSet>> ReasonSetsByOwner(
    Tx& tx, bool by_object, const std::vector<long long>& ids) {
  if (ids.empty()) return {};
  if (!by_object) return ReasonSetsOfSystems(tx, ids);
  // An object's reason is that of its first system (by name) at the object's class.
  std::vector<Value> params;
  std::vector<long long> systems;
  for (const auto& r :
       tx.Query("SELECT sid FROM (SELECT s.id AS sid, ROW_NUMBER() OVER (PARTITION BY s.object_id "
                "ORDER BY s.name, s.id) AS rn FROM systems s JOIN objects o ON o.id = s.object_id "
                "WHERE s.deleted_at IS NULL AND s.object_id IN (" +
                    Placeholders(ids, params) +
                    ") AND s.derived_class = o.derived_class) x WHERE rn = 1",
                params, {Col::kInt}))
    systems.push_back(r.Int(0));
  std::map<long long, std::vector<ClassifiedSet>> out;
  if (systems.empty()) return out;
  for (auto& [system, sets] : ReasonSetsOfSystems(tx, systems))
    for (auto& c : sets) out[c.object_id].push_back(std::move(c));
  return out;
}

std::vector<long long> SystemsOfSet(Tx& tx, long long set_id) {
  std::vector<long long> out;
  for (const auto& r : tx.Query(
           "SELECT l.system_id FROM information_set_systems l JOIN systems s ON s.id = l.system_id "
           "WHERE l.information_set_id = ? AND s.deleted_at IS NULL ORDER BY l.system_id",
           {Value(set_id)}, {Col::kInt}))
    out.push_back(r.Int(0));
  return out;
}

void SetSystemsOfSet(Tx& tx, long long set_id, const std::vector<long long>& system_ids) {
  std::vector<long long> affected = system_ids;
  for (const auto& r :
       tx.Query("SELECT system_id FROM information_set_systems WHERE information_set_id = ?",
                {Value(set_id)}, {Col::kInt}))
    affected.push_back(r.Int(0));
  tx.Exec("DELETE FROM information_set_systems WHERE information_set_id = ?", {Value(set_id)});
  for (long long s : system_ids)
    tx.Exec("INSERT INTO information_set_systems (information_set_id, system_id) VALUES (?, ?)",
            {Value(set_id), Value(s)});
  std::sort(affected.begin(), affected.end());
  affected.erase(std::unique(affected.begin(), affected.end()), affected.end());
  RefreshDerivedOfSystems(tx, affected);
}

std::vector<long long> ObjectsOfSet(Tx& tx, long long set_id) {
  std::vector<long long> out;
  for (const auto& r : tx.Query(
           "SELECT DISTINCT s.object_id FROM information_set_systems l JOIN systems s ON s.id = "
           "l.system_id WHERE l.information_set_id = ? AND s.deleted_at IS NULL ORDER BY "
           "s.object_id",
           {Value(set_id)}, {Col::kInt}))
    out.push_back(r.Int(0));
  return out;
}

}  // namespace lis::store
