#include "service/risk/risk_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/assets/classification.h"
#include "domain/risk/risk.h"
#include "service/assets/asset_access.h"
#include "service/audit/audit_service.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "service/org/user_reference.h"
#include "service/risk/risk_access.h"
#include "service/risk/risk_settings_service.h"
#include "store/assets/asset_tables.h"
#include "store/org/org_tables.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

// What an acceptance decision was based on: changing any of these voids it.
const char* const kAssessment[] = {"likelihood", "consequence", "residual_likelihood",
                                   "residual_consequence", "treatment"};
const char* const kUnitOfRisk =
    "(SELECT a.org_unit_id FROM risk_analyses a WHERE a.id = risks.analysis_id)";
const char* const kEffectiveScore = "COALESCE(risks.residual_score, risks.score)";

const std::vector<InputField>& RiskFields() {
  static const std::vector<InputField> kFields = {
      {"analysis_id", InputType::kInt, true},
      {"title", InputType::kText, true, false, 200},
      {"threat", InputType::kLongText, false, false, 4000},
      {"vulnerability", InputType::kLongText, false, false, 4000},
      {"information_set_ids", InputType::kIntList, false, false, 100},
      {"system_ids", InputType::kIntList, false, false, 100},
      {"confidentiality", InputType::kBool},
      {"integrity", InputType::kBool},
      {"availability", InputType::kBool},
      {"traceability", InputType::kBool},
      {"likelihood", InputType::kInt, true},
      {"consequence", InputType::kInt, true},
      {"existing_controls", InputType::kLongText, false, false, 4000},
      {"treatment", InputType::kText, false, true},
      {"planned_actions", InputType::kLongText, false, false, 4000},
      {"residual_likelihood", InputType::kInt, false, true},
      {"residual_consequence", InputType::kInt, false, true},
      {"owner_id", InputType::kInt, false, true},
  };
  return kFields;
}

const std::vector<InputField>& AcceptFields() {
  static const std::vector<InputField> kFields = {
      {"motivation", InputType::kLongText, true, false, 4000},
      {"valid_until", InputType::kText, true, false, 10},
  };
  return kFields;
}

std::optional<json> LiveAnalysis(Tx& tx, const json& risk) {
  return store::GetRecord(tx, store::RiskAnalysisTable(), risk["analysis_id"].get<long long>());
}

// Sorted, without repeats, as stored text.
std::string IdsText(const json& ids) {
  std::vector<long long> v;
  for (const auto& id : ids) v.push_back(id.get<long long>());
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return json(v).dump();
}

Status CheckLinks(Tx& tx, const Caller& caller, const json& body) {
  for (const auto& id : body.value("information_set_ids", json::array())) {
    auto set = store::GetRecord(tx, store::InformationSetTable(), id.get<long long>());
    if (!set || !CanOnSet(tx, caller, Permission::kAssetRead, *set))
      return Invalid("error.risk_set_unknown", "information_set_ids");
  }
  for (const auto& id : body.value("system_ids", json::array())) {
    auto system = store::GetRecord(tx, store::SystemTable(), id.get<long long>());
    auto object =
        system ? store::GetRecord(tx, store::ObjectTable(), (*system)["object_id"].get<long long>())
               : std::nullopt;
    if (!object || !CanOnObject(tx, caller, Permission::kAssetRead, *object))
      return Invalid("error.risk_system_unknown", "system_ids");
  }
  return {};
}

Status CheckLevel(const json& record, const char* field) {
  const json& v = record[field];
  if (v.is_null() || !domain::IsRiskLevel(v.get<long long>()))
    return Invalid("error.risk_level", field);
  return {};
}

// Checks `record` (the merged risk of analysis `analysis`; `before` the risk it replaces,
// or null) and fills its derived scores.
Status CheckRisk(Tx& tx, json& record, const json& analysis, const json& before) {
  record["title"] = Trimmed(record["title"].get<std::string>());
  if (record["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  for (const char* f : {"likelihood", "consequence"})
    if (Status s = CheckLevel(record, f); !s.ok()) return s;
  const bool rl = !record["residual_likelihood"].is_null();
  const bool rc = !record["residual_consequence"].is_null();
  if (rl != rc)
    return Invalid("error.risk_residual_pair", rl ? "residual_consequence" : "residual_likelihood");
  if (rl)
    for (const char* f : {"residual_likelihood", "residual_consequence"})
      if (Status s = CheckLevel(record, f); !s.ok()) return s;
  if (!record["treatment"].is_null() &&
      !domain::IsRiskTreatment(record["treatment"].get<std::string>()))
    return Invalid("error.risk_treatment", "treatment");
  bool new_owner = before.is_null() || before["owner_id"] != record["owner_id"];
  if (new_owner && record["owner_id"].is_number_integer()) {
    Status s = CheckUserReference(tx, "owner_id", record["owner_id"].get<long long>(),
                                  analysis["org_unit_id"].get<long long>());
    if (!s.ok()) return s;
  }
  record["score"] =
      domain::RiskScore(record["likelihood"].get<int>(), record["consequence"].get<int>());
  record["residual_score"] = rl ? json(domain::RiskScore(record["residual_likelihood"].get<int>(),
                                                         record["residual_consequence"].get<int>()))
                                : json(nullptr);
  return {};
}

json NewRisk(const json& body) {
  json r = json::object();
  for (const auto& f : store::RiskTable().fields) r[f.name] = nullptr;
  for (const char* f : {"threat", "vulnerability", "existing_controls", "planned_actions"})
    r[f] = body.value(f, "");
  for (const char* a : domain::kAspectNames) r[a] = body.value(a, false);
  for (const char* f : {"analysis_id", "title", "likelihood", "consequence", "treatment",
                        "residual_likelihood", "residual_consequence", "owner_id"})
    if (body.contains(f)) r[f] = body[f];
  r["information_set_ids"] = IdsText(body.value("information_set_ids", json::array()));
  r["system_ids"] = IdsText(body.value("system_ids", json::array()));
  return r;
}

std::optional<std::string> UserName(Tx& tx, const json& id) {
  if (!id.is_number_integer()) return std::nullopt;
  auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?", {Value(id.get<long long>())},
                         {store::Col::kText});
  return row ? std::optional<std::string>(row->Text(0)) : std::nullopt;
}

domain::RiskFacts FactsOf(const json& r) {
  domain::RiskFacts f;
  f.treatment = r["treatment"].is_string() ? r["treatment"].get<std::string>() : "";
  f.score = r["score"].get<int>();
  if (r["residual_score"].is_number_integer()) f.residual_score = r["residual_score"].get<int>();
  if (r["acceptance_valid_until"].is_string())
    f.acceptance = domain::Acceptance{r["acceptance_valid_until"].get<std::string>()};
  return f;
}

// Adds the derived values (see RiskService::Get) to a risk read from the table. `settings`
// caches the settings per node for a list.
void AddShown(Tx& tx, json& risk, std::map<long long, ResolvedRiskSettings>& settings) {
  auto unit = tx.QueryOne("SELECT org_unit_id, title FROM risk_analyses WHERE id = ?",
                          {Value(risk["analysis_id"].get<long long>())},
                          {store::Col::kInt, store::Col::kText});
  long long node = unit ? unit->Int(0) : 0;
  if (!settings.count(node)) settings[node] = RiskSettingsOf(tx, node);
  const auto& s = settings[node].settings;
  domain::RiskFacts facts = FactsOf(risk);
  risk["org_unit_id"] = node;
  risk["analysis_title"] = unit ? unit->Text(1) : "";
  risk["owner_name"] = UserName(tx, risk["owner_id"]).value_or("");
  risk["threshold"] = s.threshold;
  risk["band"] = domain::RiskBand(s, facts.score);
  risk["residual_band"] =
      facts.residual_score ? json(domain::RiskBand(s, *facts.residual_score)) : json(nullptr);
  risk["state"] = domain::RiskStateName(domain::StateOf(s, facts, Today()));
  risk["needs_acceptance_decision"] = domain::NeedsAcceptanceDecision(s, facts);
  risk["awaiting_reassessment"] = risk["reassessment_requested_at"].is_string();
  risk["acceptance"] = nullptr;
  if (facts.acceptance)
    risk["acceptance"] = {{"accepted_by", risk["accepted_by"]},
                          {"accepted_by_name", UserName(tx, risk["accepted_by"]).value_or("")},
                          {"accepted_at", risk["accepted_at"]},
                          {"motivation", risk["acceptance_motivation"]},
                          {"valid_until", risk["acceptance_valid_until"]}};
  for (const char* f : {"information_set_ids", "system_ids"})
    risk[f] = store::IdsOfText(risk[f].is_string() ? risk[f].get<std::string>() : "");
}

void AddCan(Tx& tx, const Caller& caller, json& risk, const json& analysis) {
  risk["can"] = {{"edit", CanOnRisk(tx, caller, Permission::kRiskWrite, risk, analysis)},
                 {"accept", CanAcceptRisk(tx, caller, analysis) &&
                                risk.value("needs_acceptance_decision", false)}};
}

// What a change of `before` into `record` brings besides: saving residual values as the owner
// (or anyone, without owner) ends a request for re-assessment; a changed assessment or
// treatment voids a recorded acceptance.
void FollowChange(Tx& tx, const Caller& caller, const json& body, const json& before,
                  json& record) {
  bool reassessed = body.contains("residual_likelihood") || body.contains("residual_consequence");
  bool as_owner = !before["owner_id"].is_number_integer() ||
                  before["owner_id"].get<long long>() == caller.user_id;
  if (reassessed && as_owner) record["reassessment_requested_at"] = nullptr;
  bool assessment_changed = false;
  for (const char* f : kAssessment) assessment_changed |= record[f] != before[f];
  if (!assessment_changed || !before["acceptance_valid_until"].is_string()) return;
  for (const char* f :
       {"accepted_by", "accepted_at", "acceptance_motivation", "acceptance_valid_until"})
    record[f] = nullptr;
  record["acceptance_invalidated_at"] = tx.Now();
}

// The risk as the service answers it: with its derived values and what the caller may do.
json Shown(Tx& tx, const Caller& caller, json risk, const json& analysis) {
  std::map<long long, ResolvedRiskSettings> settings;
  AddShown(tx, risk, settings);
  AddCan(tx, caller, risk, analysis);
  return risk;
}

// The risk and its analysis when the caller may read it.
struct Readable {
  json risk;
  json analysis;
};
std::optional<Readable> ReadableRisk(Tx& tx, const Caller& caller, long long id,
                                     bool include_deleted = false) {
  auto risk = store::GetRecord(tx, store::RiskTable(), id, include_deleted);
  if (!risk) return std::nullopt;
  auto analysis = store::GetRecord(tx, store::RiskAnalysisTable(),
                                   (*risk)["analysis_id"].get<long long>(), true);
  if (!analysis || !CanOnRisk(tx, caller, Permission::kRiskRead, *risk, *analysis))
    return std::nullopt;
  return Readable{*risk, *analysis};
}

Status CheckAcceptance(const json& body, const std::string& today) {
  if (Trimmed(body["motivation"].get<std::string>()).empty())
    return Invalid("error.field_blank", "motivation");
  const std::string until = body["valid_until"].get<std::string>();
  if (!IsDate(until)) return Invalid("error.field_not_date", "valid_until");
  if (until <= today || until > domain::LatestValidUntil(today))
    return Invalid("error.risk_valid_until", "valid_until")
        .With("years", std::to_string(domain::kMaxAcceptanceYears));
  return {};
}

void AddStateFilter(Tx& tx, store::Filter& f, const std::string& state) {
  const std::string today = Today();
  const std::string accept = "risks.treatment = 'accept'";
  if (state == "open") {
    f.And("risks.treatment IS NULL");
  } else if (state == "treated") {
    f.And("risks.treatment IN ('reduce', 'avoid', 'share')");
  } else if (state == "acceptance_expired") {
    f.And(accept + " AND risks.acceptance_valid_until < ?", {Value(today)});
  } else if (state == "awaiting_acceptance" || state == "needs_decision") {
    store::Filter above;
    FilterByThreshold(tx, above, kUnitOfRisk, kEffectiveScore, true);
    std::string sql = accept + " AND " + above.sql + " AND (risks.acceptance_valid_until IS NULL";
    std::vector<Value> params = above.params;
    if (state == "needs_decision") {
      sql += " OR risks.acceptance_valid_until < ?";
      params.emplace_back(today);
    }
    f.And(sql + ")", std::move(params));
  } else if (state == "accepted") {
    store::Filter within;
    FilterByThreshold(tx, within, kUnitOfRisk, kEffectiveScore, false);
    std::vector<Value> params = {Value(today)};
    params.insert(params.end(), within.params.begin(), within.params.end());
    f.And(accept +
              " AND (risks.acceptance_valid_until >= ? OR (risks.acceptance_valid_until IS "
              "NULL AND " +
              within.sql + "))",
          std::move(params));
  }
}

// The list filter of `q` for the caller, in SQL (shared by the list and the matrix).
store::Filter RiskFilter(Tx& tx, const Caller& caller, const RiskListQuery& q) {
  store::Filter f;
  FilterReadableRisks(f, caller);
  if (q.analysis_id) f.And("risks.analysis_id = ?", {Value(*q.analysis_id)});
  if (q.org_unit_id) store::FilterToSubtrees(f, kUnitOfRisk, {false, {*q.org_unit_id}});
  if (q.owner_id) f.And("risks.owner_id = ?", {Value(*q.owner_id)});
  const std::string prefix = q.residual ? "risks.residual_" : "risks.";
  if (q.likelihood) f.And(prefix + "likelihood = ?", {Value(*q.likelihood)});
  if (q.consequence) f.And(prefix + "consequence = ?", {Value(*q.consequence)});
  if (q.residual) f.And("risks.residual_score IS NOT NULL");
  if (q.treatment == "none") f.And("risks.treatment IS NULL");
  if (!q.treatment.empty() && q.treatment != "none")
    f.And("risks.treatment = ?", {Value(q.treatment)});
  if (!q.state.empty()) AddStateFilter(tx, f, q.state);
  if (q.awaiting_reassessment) f.And("risks.reassessment_requested_at IS NOT NULL");
  if (q.acceptable_by_me)
    store::FilterToSubtrees(f, kUnitOfRisk, ScopesOf(caller, Permission::kRiskAccept));
  if (!q.q.empty())
    f.And("LOWER(risks.title) LIKE LOWER(?) ESCAPE '!'",
          {Value("%" + store::EscapeLike(q.q) + "%")});
  return f;
}

Result<std::optional<long long>> ReadLevelParam(const ParamLookup& param, const char* name) {
  auto v = ReadIdParam(param, name);
  if (v.ok() && *v && !domain::IsRiskLevel(**v)) return Invalid("error.risk_level", name);
  return v;
}

Result<bool> ReadBoolParam(const ParamLookup& param, const char* name) {
  auto v = ReadChoiceParam(param, name, {"true", "false"});
  if (!v.ok()) return v.error();
  return *v == "true";
}

}  // namespace

Result<RiskListQuery> ReadRiskListQuery(const ParamLookup& param) {
  RiskListQuery q;
  for (auto [name, out] : {std::pair{"analysis_id", &q.analysis_id},
                           {"org_unit_id", &q.org_unit_id},
                           {"owner_id", &q.owner_id}}) {
    auto v = ReadIdParam(param, name);
    if (!v.ok()) return v.error();
    *out = *v;
  }
  for (auto [name, out] :
       {std::pair{"likelihood", &q.likelihood}, {"consequence", &q.consequence}}) {
    auto v = ReadLevelParam(param, name);
    if (!v.ok()) return v.error();
    *out = *v;
  }
  for (auto [name, out] : {std::pair{"residual", &q.residual},
                           {"awaiting_reassessment", &q.awaiting_reassessment},
                           {"deleted", &q.deleted}}) {
    auto v = ReadBoolParam(param, name);
    if (!v.ok()) return v.error();
    *out = *v;
  }
  std::vector<std::string> treatments = domain::RiskTreatments();
  treatments.push_back("none");
  auto treatment = ReadChoiceParam(param, "treatment", treatments);
  if (!treatment.ok()) return treatment.error();
  q.treatment = *treatment;
  auto state = ReadChoiceParam(param, "state",
                               {"open", "treated", "accepted", "awaiting_acceptance",
                                "acceptance_expired", "needs_decision"});
  if (!state.ok()) return state.error();
  q.state = *state;
  q.q = Trimmed(param("q").value_or(""));
  return q;
}

Result<store::Page> RiskService::List(const Caller& caller, const RiskListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    auto page = store::ListRecords(tx, store::RiskTable(), RiskFilter(tx, caller, q),
                                   std::string(kEffectiveScore) + " DESC, risks.title, risks.id",
                                   q.page.limit, q.page.offset, q.deleted);
    std::map<long long, ResolvedRiskSettings> settings;
    for (auto& r : page.items) AddShown(tx, r, settings);
    return page;
  });
}

Result<json> RiskService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto r = ReadableRisk(tx, caller, id);
    if (!r) return NotFound();
    return Shown(tx, caller, r->risk, r->analysis);
  });
}

Result<json> RiskService::Create(const Caller& caller, const json& body) {
  Status s = CheckInput(body, RiskFields(), false);
  if (!s.ok()) return s.error();
  json record = NewRisk(body);
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto analysis =
        store::GetRecord(tx, store::RiskAnalysisTable(), record["analysis_id"].get<long long>());
    if (!analysis || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *analysis))
      return Invalid("error.risk_analysis_missing", "analysis_id");
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, *analysis)) return Forbidden();
    Status checked = CheckRisk(tx, record, *analysis, nullptr);
    if (checked.ok()) checked = CheckLinks(tx, caller, body);
    if (!checked.ok()) return checked.error();
    return Shown(tx, caller, store::InsertRecord(tx, store::RiskTable(), record), *analysis);
  });
}

Result<json> RiskService::Update(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, RiskFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto r = ReadableRisk(tx, caller, id);
    if (!r) return NotFound();
    if (!CanOnRisk(tx, caller, Permission::kRiskWrite, r->risk, r->analysis)) return Forbidden();
    if (body.contains("analysis_id") && body["analysis_id"] != r->risk["analysis_id"])
      return Invalid("error.risk_analysis_fixed", "analysis_id");
    json record = r->risk;
    for (const auto& f : RiskFields())
      if (body.contains(f.name)) record[f.name] = body[f.name];
    for (const char* f : {"information_set_ids", "system_ids"})
      if (body.contains(f)) record[f] = IdsText(body[f]);
    Status checked = CheckRisk(tx, record, r->analysis, r->risk);
    if (checked.ok()) checked = CheckLinks(tx, caller, body);
    if (!checked.ok()) return checked.error();
    FollowChange(tx, caller, body, r->risk, record);
    json changes = json::object();
    for (const auto& f : store::RiskTable().fields) changes[f.name] = record[f.name];
    auto updated = store::UpdateRecord(tx, store::RiskTable(), id, InputVersion(body), changes);
    if (!updated.ok()) return updated;
    return Shown(tx, caller, *updated, r->analysis);
  });
}

Result<json> RiskService::Delete(const Caller& caller, long long id,
                                 std::optional<long long> version) {
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto r = ReadableRisk(tx, caller, id);
    if (!r) return NotFound();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, r->analysis)) return Forbidden();
    return store::DeleteRecord(tx, store::RiskTable(), id,
                               version.value_or(r->risk["version"].get<long long>()));
  });
}

Result<json> RiskService::Accept(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, AcceptFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto r = ReadableRisk(tx, caller, id);
    if (!r) return NotFound();
    if (!CanAcceptRisk(tx, caller, r->analysis)) return Forbidden();
    auto resolved = RiskSettingsOf(tx, r->analysis["org_unit_id"].get<long long>());
    if (!domain::NeedsAcceptanceDecision(resolved.settings, FactsOf(r->risk)))
      return MakeError(Code::kConflict, "error.risk_acceptance_not_needed");
    Status checked = CheckAcceptance(body, Today());
    if (!checked.ok()) return checked.error();
    auto updated = store::UpdateRecord(
        tx, store::RiskTable(), id, InputVersion(body),
        {{"accepted_by", caller.user_id},
         {"accepted_at", tx.Now()},
         {"acceptance_motivation", Trimmed(body["motivation"].get<std::string>())},
         {"acceptance_valid_until", body["valid_until"]},
         {"acceptance_invalidated_at", nullptr}},
        "accept");
    if (!updated.ok()) return updated;
    return Shown(tx, caller, *updated, r->analysis);
  });
}

Result<json> RiskService::Restore(const Caller& caller, long long id, const json& body) {
  auto target = history::RestoreTarget(body);
  if (!target.ok()) return target.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto r = ReadableRisk(tx, caller, id, true);
    if (!r) return NotFound();
    if (!CanOnAnalysis(tx, caller, Permission::kRiskWrite, r->analysis)) return Forbidden();
    auto old = history::Version(tx, store::RiskTable(), id, *target);
    if (!old || !(*old)["deleted_at"].is_null()) return Invalid("error.version_unknown", "version");
    if (!r->analysis["deleted_at"].is_null())
      return Invalid("error.risk_analysis_missing", "analysis_id");
    json changes = json::object();
    for (const auto& f : store::RiskTable().fields) changes[f.name] = (*old)[f.name];
    changes["deleted_at"] = nullptr;
    auto restored = store::UpdateRecord(tx, store::RiskTable(), id,
                                        r->risk["version"].get<long long>(), changes, "restore");
    if (!restored.ok()) return restored;
    return Shown(tx, caller, *restored, r->analysis);
  });
}

Result<std::vector<json>> RiskService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::RiskTable(), id, [&](Tx& tx, const json& record) {
    return ReadableRisk(tx, caller, record["id"].get<long long>(), true).has_value();
  });
}

Result<json> RiskService::GetAt(const Caller& caller, long long id, const std::string& at) {
  return history::ReadAt(db_, store::RiskTable(), id, at, [&](Tx& tx, const json& record) {
    return ReadableRisk(tx, caller, record["id"].get<long long>(), true).has_value();
  });
}

Result<json> RiskService::Matrix(const Caller& caller, std::optional<long long> analysis_id,
                                 std::optional<long long> org_unit_id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    ResolvedRiskSettings resolved;
    RiskListQuery q;
    if (analysis_id) {
      auto analysis = store::GetRecord(tx, store::RiskAnalysisTable(), *analysis_id);
      if (!analysis || !CanOnAnalysis(tx, caller, Permission::kRiskRead, *analysis))
        return NotFound();
      resolved = RiskSettingsOf(tx, (*analysis)["org_unit_id"].get<long long>());
      q.analysis_id = analysis_id;
    } else if (org_unit_id) {
      auto path = store::OrgPath(tx, *org_unit_id);
      if (path.empty() || !domain::Allows(caller.grants, Permission::kRiskRead, path))
        return NotFound();
      resolved = RiskSettingsOf(tx, *org_unit_id);
      q.org_unit_id = org_unit_id;
    }
    std::map<std::pair<long long, long long>, long long> counts[2];
    long long totals[2] = {0, 0};
    for (int residual = 0; residual < 2; ++residual) {
      q.residual = residual == 1;
      store::Filter f = RiskFilter(tx, caller, q);
      const std::string l = residual ? "risks.residual_likelihood" : "risks.likelihood";
      const std::string c = residual ? "risks.residual_consequence" : "risks.consequence";
      for (const auto& row :
           tx.Query("SELECT " + l + ", " + c +
                        ", COUNT(*) FROM risks WHERE risks.deleted_at IS "
                        "NULL AND " +
                        f.sql + " GROUP BY " + l + ", " + c,
                    f.params, {store::Col::kInt, store::Col::kInt, store::Col::kInt})) {
        counts[residual][{row.Int(0), row.Int(1)}] = row.Int(2);
        totals[residual] += row.Int(2);
      }
    }
    json cells = json::array();
    const auto& s = resolved.settings;
    for (int l = domain::kRiskScaleMax; l >= 1; --l)
      for (int c = 1; c <= domain::kRiskScaleMax; ++c)
        cells.push_back({{"likelihood", l},
                         {"consequence", c},
                         {"score", domain::RiskScore(l, c)},
                         {"band", domain::RiskBand(s, domain::RiskScore(l, c))},
                         {"inherent", counts[0][{l, c}]},
                         {"residual", counts[1][{l, c}]}});
    return json{{"cells", cells},
                {"total", totals[0]},
                {"residual_total", totals[1]},
                {"organisation_id",
                 resolved.organisation_id ? json(*resolved.organisation_id) : json(nullptr)},
                {"settings",
                 {{"threshold", s.threshold},
                  {"yellow_from", s.yellow_from},
                  {"orange_from", s.orange_from},
                  {"red_from", s.red_from}}}};
  });
}

Status RequestReassessment(Tx& tx, long long risk_id) {
  auto risk = store::GetRecord(tx, store::RiskTable(), risk_id);
  if (!risk) return NotFound();
  auto updated =
      store::UpdateRecord(tx, store::RiskTable(), risk_id, (*risk)["version"].get<long long>(),
                          {{"reassessment_requested_at", tx.Now()}}, "request_reassessment");
  return updated.status();
}

}  // namespace lis::service
