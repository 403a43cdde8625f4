#include "service/incidents/incident_summary.h"

#include <nlohmann/json.hpp>

#include "service/incidents/incident_categories.h"
#include "service/incidents/incident_deadlines.h"
#include "service/incidents/incident_review_service.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

namespace {

json UserName(Tx& tx, const json& id, const char* column = "name") {
  if (!id.is_number_integer()) return nullptr;
  auto row = tx.QueryOne(std::string("SELECT ") + column + " FROM users WHERE id = ?",
                         {Value(id.get<long long>())}, {Col::kText});
  return row ? json(row->Text(0)) : json(nullptr);
}

// The nearest municipality or company at or above the unit (else the root of its path).
json Controller(Tx& tx, const std::vector<long long>& path) {
  json fallback = nullptr;
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    auto row = tx.QueryOne("SELECT name, org_number, kind FROM org_units WHERE id = ?",
                           {Value(*it)}, {Col::kText, Col::kText, Col::kText});
    if (!row) continue;
    json c = {{"name", row->Text(0)}, {"org_number", row->Text(1)}};
    if (row->Text(2) == "municipality" || row->Text(2) == "company") return c;
    fallback = c;
  }
  return fallback;
}

json Dpos(Tx& tx, const std::vector<long long>& path) {
  std::vector<Value> params;
  std::string in = store::Placeholders(path, params);
  json out = json::array();
  for (const auto& row : tx.Query(
           "SELECT DISTINCT users.name, users.email FROM role_assignments JOIN users ON users.id "
           "= role_assignments.user_id WHERE role_assignments.role = 'dpo' AND "
           "role_assignments.deleted_at IS NULL AND users.active = 1 AND users.deleted_at IS "
           "NULL AND (role_assignments.scope_id IS NULL OR role_assignments.scope_id IN (" +
               in + ")) ORDER BY users.name",
           params, {Col::kText, Col::kText}))
    out.push_back({{"name", row.Text(0)}, {"email", row.Text(1)}});
  return out;
}

json Reports(Tx& tx, long long id) {
  json out = json::array();
  for (const auto& row : tx.Query(
           "SELECT kind, outcome, made_at, reference, recipient, reason, late_reason FROM "
           "incident_reports WHERE incident_id = ? AND deleted_at IS NULL ORDER BY made_at, id",
           {Value(id)}, std::vector<Col>(7, Col::kText)))
    out.push_back({{"kind", row.Text(0)},
                   {"outcome", row.Text(1)},
                   {"made_at", row.Text(2)},
                   {"reference", row.Text(3)},
                   {"recipient", row.Text(4)},
                   {"reason", row.Text(5)},
                   {"late_reason", row.Text(6)}});
  return out;
}

json Timeline(Tx& tx, long long id) {
  json out = json::array();
  for (const auto& row :
       tx.Query("SELECT happened_at, kind, body, author_name FROM incident_timeline WHERE "
                "incident_id = ? AND deleted_at IS NULL ORDER BY happened_at, id",
                {Value(id)}, std::vector<Col>(4, Col::kText)))
    out.push_back({{"happened_at", row.Text(0)},
                   {"kind", row.Text(1)},
                   {"body", row.Text(2)},
                   {"author_name", row.Text(3)}});
  return out;
}

json Review(Tx& tx, long long id) {
  auto row = tx.QueryOne(
      "SELECT cause, what_worked, to_improve FROM incident_reviews WHERE incident_id = ? AND "
      "deleted_at IS NULL",
      {Value(id)}, std::vector<Col>(3, Col::kText));
  if (!row) return nullptr;
  return {{"cause", row->Text(0)}, {"what_worked", row->Text(1)}, {"to_improve", row->Text(2)}};
}

}  // namespace

Result<json> IncidentSummaryService::Summary(const Caller& caller, long long incident_id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto incident = FullIncident(tx, caller, incident_id);
    if (!incident) return NotFound();
    const json& i = *incident;
    auto path = store::OrgPath(tx, i["org_unit_id"].get<long long>());
    auto unit = tx.QueryOne("SELECT name FROM org_units WHERE id = ?",
                            {Value(i["org_unit_id"].get<long long>())}, {Col::kText});
    return json{{"incident", i},
                {"org_unit", unit ? unit->Text(0) : ""},
                {"category_name", i["category"].is_string()
                                      ? json(IncidentCategoryName(i["category"], caller.language))
                                      : json(nullptr)},
                {"controller", Controller(tx, path)},
                {"dpo", Dpos(tx, path)},
                {"reporter_name", UserName(tx, i["reporter_id"])},
                {"handler_name", UserName(tx, i["handler_id"])},
                {"handler_email", UserName(tx, i["handler_id"], "email")},
                {"deadlines",
                 DeadlinesJson(tx, i, ClockPeriodsFrom(config_), std::chrono::system_clock::now())},
                {"reports", Reports(tx, incident_id)},
                {"timeline", Timeline(tx, incident_id)},
                {"review", Review(tx, incident_id)}};
  });
}

Result<std::vector<json>> IncidentSummaryService::ExportList(const Caller& caller,
                                                             IncidentService& incidents,
                                                             IncidentListQuery query) {
  constexpr long long kPage = 500;
  std::vector<json> out;
  for (long long offset = 0; offset < kMaxExportRows; offset += kPage) {
    query.page = {kPage, offset};
    auto page = incidents.List(caller, query);
    if (!page.ok()) return page.error();
    for (auto& item : page->items) out.push_back(std::move(item));
    if (page->items.empty() || static_cast<long long>(out.size()) >= page->total) break;
  }
  const auto periods = ClockPeriodsFrom(config_);
  const auto now = std::chrono::system_clock::now();
  Status s = db_.Read([&](Tx& tx) {
    for (auto& i : out) i["deadlines"] = DeadlinesJson(tx, i, periods, now);
    return Status();
  });
  if (!s.ok()) return s.error();
  return out;
}

}  // namespace lis::service
