#include "store/risk/risk_tables.h"

#include <nlohmann/json.hpp>

namespace lis::store {

#define LIS_RISK_RECORD_COLUMNS                                                   \
  "version BIGINT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL, " \
  "deleted_at TEXT"

const char* const kRiskSchema = R"SQL(
CREATE TABLE risk_settings (
  id {{pk}},
  org_unit_id BIGINT NOT NULL UNIQUE REFERENCES org_units(id),
  threshold INTEGER NOT NULL,
  yellow_from INTEGER NOT NULL,
  orange_from INTEGER NOT NULL,
  red_from INTEGER NOT NULL,
  )SQL" LIS_RISK_RECORD_COLUMNS R"SQL(
);
CREATE TABLE risk_analyses (
  id {{pk}},
  org_unit_id BIGINT NOT NULL REFERENCES org_units(id),
  scope_kind TEXT NOT NULL,
  scope_id BIGINT NOT NULL,
  title TEXT NOT NULL,
  analysis_date TEXT NOT NULL,
  participants TEXT NOT NULL,
  method TEXT NOT NULL,
  status TEXT NOT NULL,
  )SQL" LIS_RISK_RECORD_COLUMNS R"SQL(
);
CREATE INDEX risk_analyses_unit ON risk_analyses(org_unit_id);
CREATE TABLE risks (
  id {{pk}},
  analysis_id BIGINT NOT NULL REFERENCES risk_analyses(id),
  title TEXT NOT NULL,
  threat TEXT NOT NULL,
  vulnerability TEXT NOT NULL,
  information_set_ids TEXT NOT NULL,
  system_ids TEXT NOT NULL,
  confidentiality INTEGER NOT NULL,
  integrity INTEGER NOT NULL,
  availability INTEGER NOT NULL,
  traceability INTEGER NOT NULL,
  likelihood INTEGER NOT NULL,
  consequence INTEGER NOT NULL,
  score INTEGER NOT NULL,
  existing_controls TEXT NOT NULL,
  treatment TEXT,
  planned_actions TEXT NOT NULL,
  residual_likelihood INTEGER,
  residual_consequence INTEGER,
  residual_score INTEGER,
  owner_id BIGINT REFERENCES users(id),
  accepted_by BIGINT REFERENCES users(id),
  accepted_at TEXT,
  acceptance_motivation TEXT,
  acceptance_valid_until TEXT,
  acceptance_invalidated_at TEXT,
  reassessment_requested_at TEXT,
  )SQL" LIS_RISK_RECORD_COLUMNS R"SQL(
);
CREATE INDEX risks_analysis ON risks(analysis_id);
CREATE INDEX risks_owner ON risks(owner_id);
CREATE INDEX risks_cell ON risks(likelihood, consequence);
CREATE INDEX risks_residual_cell ON risks(residual_likelihood, residual_consequence);
CREATE TABLE risk_information_sets (
  risk_id BIGINT NOT NULL REFERENCES risks(id),
  information_set_id BIGINT NOT NULL REFERENCES information_sets(id),
  PRIMARY KEY (risk_id, information_set_id)
);
CREATE INDEX risk_information_sets_set ON risk_information_sets(information_set_id);
CREATE TABLE risk_systems (
  risk_id BIGINT NOT NULL REFERENCES risks(id),
  system_id BIGINT NOT NULL REFERENCES systems(id),
  PRIMARY KEY (risk_id, system_id)
);
CREATE INDEX risk_systems_system ON risk_systems(system_id)
)SQL";

namespace {

using nlohmann::json;

// Rewrites the link rows of `table` for risk `risk_id` from the record's id list `ids`.
void WriteLinks(Tx& tx, const std::string& table, const std::string& column, long long risk_id,
                const std::vector<long long>& ids) {
  tx.Exec("DELETE FROM " + table + " WHERE risk_id = ?", {Value(risk_id)});
  for (long long id : ids)
    tx.Exec("INSERT INTO " + table + " (risk_id, " + column + ") VALUES (?, ?)",
            {Value(risk_id), Value(id)});
}

void RiskChanged(Tx& tx, const json& before, const json& after) {
  long long id = after.at("id").get<long long>();
  auto text = [](const json& r, const char* f) {
    return r.is_object() && r.contains(f) && r[f].is_string() ? r[f].get<std::string>() : "";
  };
  if (text(before, "information_set_ids") != text(after, "information_set_ids") ||
      !before.is_object())
    WriteLinks(tx, "risk_information_sets", "information_set_id", id,
               IdsOfText(text(after, "information_set_ids")));
  if (text(before, "system_ids") != text(after, "system_ids") || !before.is_object())
    WriteLinks(tx, "risk_systems", "system_id", id, IdsOfText(text(after, "system_ids")));
}

}  // namespace

std::vector<long long> IdsOfText(const std::string& text) {
  std::vector<long long> out;
  json parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& v : parsed)
    if (v.is_number_integer()) out.push_back(v.get<long long>());
  return out;
}

const TableSpec& RiskSettingsTable() {
  static const TableSpec kSpec = {"risk_settings",
                                  "risk_settings",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"threshold", FieldType::kInt},
                                   {"yellow_from", FieldType::kInt},
                                   {"orange_from", FieldType::kInt},
                                   {"red_from", FieldType::kInt}}};
  return kSpec;
}

const TableSpec& RiskAnalysisTable() {
  static const TableSpec kSpec = {"risk_analyses",
                                  "risk_analysis",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"scope_kind", FieldType::kText},
                                   {"scope_id", FieldType::kInt},
                                   {"title", FieldType::kText},
                                   {"analysis_date", FieldType::kText},
                                   {"participants", FieldType::kText},
                                   {"method", FieldType::kText},
                                   {"status", FieldType::kText}}};
  return kSpec;
}

const TableSpec& RiskTable() {
  static const TableSpec kSpec = {
      "risks",
      "risk",
      "",
      {{"analysis_id", FieldType::kInt},
       {"title", FieldType::kText},
       {"threat", FieldType::kText},
       {"vulnerability", FieldType::kText},
       {"information_set_ids", FieldType::kText},
       {"system_ids", FieldType::kText},
       {"confidentiality", FieldType::kBool},
       {"integrity", FieldType::kBool},
       {"availability", FieldType::kBool},
       {"traceability", FieldType::kBool},
       {"likelihood", FieldType::kInt},
       {"consequence", FieldType::kInt},
       {"score", FieldType::kInt},
       {"existing_controls", FieldType::kText},
       {"treatment", FieldType::kText},
       {"planned_actions", FieldType::kText},
       {"residual_likelihood", FieldType::kInt},
       {"residual_consequence", FieldType::kInt},
       {"residual_score", FieldType::kInt},
       {"owner_id", FieldType::kInt},
       {"accepted_by", FieldType::kInt},
       {"accepted_at", FieldType::kText},
       {"acceptance_motivation", FieldType::kText},
       {"acceptance_valid_until", FieldType::kText},
       {"acceptance_invalidated_at", FieldType::kText},
       {"reassessment_requested_at", FieldType::kText}},
      "SELECT a.org_unit_id FROM risks r JOIN risk_analyses a ON a.id = r.analysis_id WHERE r.id = "
      "?",
      RiskChanged};
  return kSpec;
}

}  // namespace lis::store
