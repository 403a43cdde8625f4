#include "service/risk/risk_settings_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "service/authorizer.h"
#include "service/input.h"
#include "store/org/org_tables.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

bool IsOrganisationKind(const std::string& kind) {
  return kind == "municipality" || kind == "company";
}

std::string KindOf(Tx& tx, long long id) {
  auto row = tx.QueryOne("SELECT kind FROM org_units WHERE id = ? AND deleted_at IS NULL",
                         {Value(id)}, {store::Col::kText});
  return row ? row->Text(0) : "";
}

std::optional<json> StoredSettings(Tx& tx, long long organisation_id) {
  store::Filter f;
  f.And("org_unit_id = ?", {Value(organisation_id)});
  auto page = store::ListRecords(tx, store::RiskSettingsTable(), f, "id", 1, 0);
  if (page.items.empty()) return std::nullopt;
  return page.items.front();
}

domain::RiskSettings FromRecord(const json& r) {
  return {r["threshold"].get<int>(), r["yellow_from"].get<int>(), r["orange_from"].get<int>(),
          r["red_from"].get<int>()};
}

const std::vector<InputField>& RiskSettingsFields() {
  static const std::vector<InputField> kFields = {
      {"threshold", InputType::kInt, true},   {"yellow_from", InputType::kInt, true},
      {"orange_from", InputType::kInt, true}, {"red_from", InputType::kInt, true},
      {"version", InputType::kInt},
  };
  return kFields;
}

// kRiskWrite on the node through a role that is not an object role.
bool MayEditSettings(Tx& tx, const Caller& caller, long long org_unit_id) {
  std::vector<domain::RoleGrant> grants;
  for (const auto& g : caller.grants)
    if (!domain::IsObjectRole(g.role)) grants.push_back(g);
  return domain::Allows(grants, Permission::kRiskWrite, store::OrgPath(tx, org_unit_id));
}

json SettingsJson(long long org_unit_id, const ResolvedRiskSettings& r, bool can_edit) {
  return {{"org_unit_id", org_unit_id},
          {"organisation_id", r.organisation_id ? json(*r.organisation_id) : json(nullptr)},
          {"threshold", r.settings.threshold},
          {"yellow_from", r.settings.yellow_from},
          {"orange_from", r.settings.orange_from},
          {"red_from", r.settings.red_from},
          {"version", r.version ? json(*r.version) : json(nullptr)},
          {"can_edit", can_edit}};
}

}  // namespace

ResolvedRiskSettings RiskSettingsOf(Tx& tx, long long org_unit_id) {
  ResolvedRiskSettings out;
  auto path = store::OrgPath(tx, org_unit_id);
  for (auto it = path.rbegin(); it != path.rend(); ++it) {
    if (!IsOrganisationKind(KindOf(tx, *it))) continue;
    out.organisation_id = *it;
    if (auto stored = StoredSettings(tx, *it)) {
      out.settings = FromRecord(*stored);
      out.version = (*stored)["version"].get<long long>();
    }
    break;
  }
  return out;
}

void FilterByThreshold(Tx& tx, store::Filter& filter, const std::string& unit_column,
                       const std::string& score_sql, bool above) {
  const std::string cmp = above ? " > ?" : " <= ?";
  std::string sql = "(";
  std::vector<Value> params;
  std::vector<long long> with_settings;
  for (const auto& r : tx.Query("SELECT s.org_unit_id, s.threshold FROM risk_settings s JOIN "
                                "org_units o ON o.id = s.org_unit_id WHERE s.deleted_at IS NULL "
                                "AND o.deleted_at IS NULL ORDER BY s.org_unit_id",
                                {}, {store::Col::kInt, store::Col::kInt})) {
    store::Filter in;
    store::FilterToSubtrees(in, unit_column, {false, {r.Int(0)}});
    sql += "(" + in.sql + " AND " + score_sql + cmp + ") OR ";
    params.insert(params.end(), in.params.begin(), in.params.end());
    params.emplace_back(r.Int(1));
    with_settings.push_back(r.Int(0));
  }
  // Everything else uses the default threshold.
  std::string rest = score_sql + cmp;
  if (!with_settings.empty()) {
    store::Filter in;
    store::FilterToSubtrees(in, unit_column, {false, with_settings});
    rest = "(NOT " + in.sql + " AND " + rest + ")";
    params.insert(params.end(), in.params.begin(), in.params.end());
  }
  params.emplace_back(static_cast<long long>(domain::RiskSettings{}.threshold));
  filter.And(sql + rest + ")", std::move(params));
}

Result<json> RiskSettingsService::Get(const Caller& caller, long long org_unit_id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto path = store::OrgPath(tx, org_unit_id);
    if (path.empty() || !domain::Allows(caller.grants, Permission::kRiskRead, path))
      return NotFound();
    auto resolved = RiskSettingsOf(tx, org_unit_id);
    bool can_edit =
        resolved.organisation_id && MayEditSettings(tx, caller, *resolved.organisation_id);
    return SettingsJson(org_unit_id, resolved, can_edit);
  });
}

Result<json> RiskSettingsService::Put(const Caller& caller, long long org_unit_id,
                                      const json& body) {
  Status s = CheckInput(body, RiskSettingsFields(), false);
  if (!s.ok()) return s.error();
  // Out-of-range integers stay out of range as ints.
  auto step = [&](const char* f) {
    return static_cast<int>(std::clamp(body[f].get<long long>(), -1LL, 1000LL));
  };
  domain::RiskSettings wanted{step("threshold"), step("yellow_from"), step("orange_from"),
                              step("red_from")};
  if (auto field = domain::InvalidRiskSetting(wanted))
    return Invalid("error.risk_setting_range", *field);
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto path = store::OrgPath(tx, org_unit_id);
    if (path.empty() || !domain::Allows(caller.grants, Permission::kRiskRead, path))
      return NotFound();
    if (!MayEditSettings(tx, caller, org_unit_id)) return Forbidden();
    if (!IsOrganisationKind(KindOf(tx, org_unit_id)))
      return Invalid("error.risk_settings_organisation", "org_unit_id");
    json values = {{"org_unit_id", org_unit_id},
                   {"threshold", wanted.threshold},
                   {"yellow_from", wanted.yellow_from},
                   {"orange_from", wanted.orange_from},
                   {"red_from", wanted.red_from}};
    auto stored = StoredSettings(tx, org_unit_id);
    if (!stored) {
      store::InsertRecord(tx, store::RiskSettingsTable(), values);
    } else {
      if (!body.contains("version")) return Invalid("error.version_required", "version");
      auto updated =
          store::UpdateRecord(tx, store::RiskSettingsTable(), (*stored)["id"].get<long long>(),
                              body["version"].get<long long>(), values);
      if (!updated.ok()) return updated.error();
    }
    return SettingsJson(org_unit_id, RiskSettingsOf(tx, org_unit_id), true);
  });
}

}  // namespace lis::service
