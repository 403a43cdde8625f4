#include "store/deviations/exception_queries.h"

#include <nlohmann/json.hpp>

#include "domain/deviations/exception_record.h"
#include "store/deviations/deviation_queries.h"
#include "store/org/org_tables.h"
#include "store/records/text_search.h"

namespace lis::store {

std::vector<long long> SystemsOfException(Tx& tx, long long id) {
  std::vector<long long> out;
  for (const auto& r :
       tx.Query("SELECT l.system_id FROM exception_systems l JOIN systems s ON s.id = l.system_id "
                "WHERE l.exception_id = ? AND s.deleted_at IS NULL ORDER BY l.system_id",
                {Value(id)}, {Col::kInt}))
    out.push_back(r.Int(0));
  return out;
}

std::map<long long, std::vector<long long>> SystemsOfExceptions(Tx& tx,
                                                                const std::vector<long long>& ids) {
  std::map<long long, std::vector<long long>> out;
  if (ids.empty()) return out;
  std::vector<Value> params;
  std::string in = Placeholders(ids, params);
  for (const auto& r : tx.Query(
           "SELECT l.exception_id, l.system_id FROM exception_systems l JOIN systems s ON s.id = "
           "l.system_id WHERE l.exception_id IN (" +
               in + ") AND s.deleted_at IS NULL ORDER BY l.exception_id, l.system_id",
           params, {Col::kInt, Col::kInt}))
    out[r.Int(0)].push_back(r.Int(1));
  return out;
}

void SetSystemsOfException(Tx& tx, long long id, const std::vector<long long>& system_ids) {
  tx.Exec("DELETE FROM exception_systems WHERE exception_id = ?", {Value(id)});
  for (long long s : system_ids)
    tx.Exec("INSERT INTO exception_systems (exception_id, system_id) VALUES (?, ?)",
            {Value(id), Value(s)});
}

void AndExceptionsSeenBy(Filter& f, const domain::PermissionScopes& scopes, long long user_id,
                         const std::vector<long long>& objects) {
  if (scopes.everywhere) return;
  Filter unit;
  FilterToSubtrees(unit, "exceptions.org_unit_id", scopes);
  std::vector<Value> params = unit.params;
  params.emplace_back(user_id);
  std::string sql = "(" + unit.sql + " OR exceptions.requested_by = ?";
  if (!objects.empty())
    sql +=
        " OR EXISTS (SELECT 1 FROM exception_systems l JOIN systems s ON s.id = l.system_id "
        "WHERE l.exception_id = exceptions.id AND s.object_id IN (" +
        Placeholders(objects, params) + "))";
  f.And(sql + ")", std::move(params));
}

void AndExceptionFields(Filter& f, const ExceptionWhere& w, Dialect dialect) {
  if (w.org_unit_id) {
    domain::PermissionScopes under;
    under.roots = {*w.org_unit_id};
    FilterToSubtrees(f, "exceptions.org_unit_id", under);
  }
  if (w.under) FilterToSubtrees(f, "exceptions.org_unit_id", *w.under);
  if (!w.status.empty()) f.And("exceptions.status = ?", {Value(w.status)});
  if (!w.requirement_code.empty())
    f.And("exceptions.requirement_code = ?", {Value(w.requirement_code)});
  if (w.system_id)
    f.And(
        "EXISTS (SELECT 1 FROM exception_systems l WHERE l.exception_id = exceptions.id AND "
        "l.system_id = ?)",
        {Value(*w.system_id)});
  if (w.requested_by) f.And("exceptions.requested_by = ?", {Value(*w.requested_by)});
  if (!w.expiring_before.empty())
    f.And("exceptions.status = 'approved' AND exceptions.valid_until < ?",
          {Value(w.expiring_before)});
  if (!w.search.empty()) AndTextSearch(f, dialect, domain::ExceptionRecord(), w.search);
}

std::string ExceptionOrder(const std::string& sort) {
  if (sort.empty()) return "exceptions.valid_until ASC, exceptions.id ASC";
  bool desc = sort[0] == '-';
  std::string key = desc ? sort.substr(1) : sort;
  std::string dir = desc ? " DESC" : " ASC";
  if (key == "title") return "LOWER(exceptions.title)" + dir + ", exceptions.id" + dir;
  return "exceptions." + key + dir + ", exceptions.id" + dir;
}

std::vector<long long> RunOutExceptions(Tx& tx, const std::string& today) {
  std::vector<long long> out;
  for (const auto& r :
       tx.Query("SELECT id FROM exceptions WHERE status = 'approved' AND valid_until < ? AND "
                "deleted_at IS NULL ORDER BY id",
                {Value(today)}, {Col::kInt}))
    out.push_back(r.Int(0));
  return out;
}

std::vector<ControlException> ExceptionsInForceOfControls(Tx& tx, long long org_unit_id,
                                                          long long framework_id,
                                                          const std::string& today) {
  std::vector<ControlException> out;
  for (const auto& r : tx.Query(
           "SELECT id, control_ref, valid_until FROM exceptions WHERE org_unit_id = ? AND "
           "framework_id = ? AND control_ref IS NOT NULL AND status = 'approved' AND valid_from "
           "<= ? AND valid_until >= ? AND deleted_at IS NULL ORDER BY valid_until DESC, id",
           {Value(org_unit_id), Value(framework_id), Value(today), Value(today)},
           {Col::kInt, Col::kText, Col::kText}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2)});
  return out;
}

std::vector<nlohmann::json> ExceptionsEnding(Tx& tx, const std::string& today,
                                             const std::string& until) {
  std::vector<nlohmann::json> out;
  for (const auto& r : tx.Query(
           "SELECT id, title, org_unit_id, requested_by, valid_until FROM exceptions WHERE status "
           "= 'approved' AND valid_until >= ? AND valid_until <= ? AND deleted_at IS NULL ORDER "
           "BY id",
           {Value(today), Value(until)}, {Col::kInt, Col::kText, Col::kInt, Col::kInt, Col::kText}))
    out.push_back({{"id", r.Int(0)},
                   {"title", r.Text(1)},
                   {"org_unit_id", r.Int(2)},
                   {"requested_by", r.OptInt(3) ? nlohmann::json(*r.OptInt(3)) : nullptr},
                   {"valid_until", r.Text(4)}});
  return out;
}

std::map<std::string, std::pair<long long, std::string>> ExceptionsInForceOfSystem(
    Tx& tx, long long system_id, const std::string& today) {
  std::map<std::string, std::pair<long long, std::string>> out;
  for (const auto& r : tx.Query(
           "SELECT e.requirement_code, e.id, e.valid_until FROM exceptions e JOIN "
           "exception_systems l ON l.exception_id = e.id WHERE l.system_id = ? AND "
           "e.requirement_code IS NOT NULL AND e.status = 'approved' AND e.valid_from <= ? AND "
           "e.valid_until >= ? AND e.deleted_at IS NULL ORDER BY e.valid_until, e.id",
           {Value(system_id), Value(today), Value(today)}, {Col::kText, Col::kInt, Col::kText}))
    out[r.Text(0)] = {r.Int(1), r.Text(2)};  // the longest valid comes last
  return out;
}

}  // namespace lis::store
