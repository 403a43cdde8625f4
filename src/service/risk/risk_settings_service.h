// Per-organisation risk settings: the acceptance threshold (risk appetite) and the bands of
// the risk matrix. They are set on an organisation node (a municipality or a company); every
// node below it uses them, and a node outside any organisation uses the defaults
// (domain::RiskSettings).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "domain/risk/risk.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct ResolvedRiskSettings {
  std::optional<long long> organisation_id;  // the organisation whose settings apply
  domain::RiskSettings settings;
  std::optional<long long> version;  // of the stored settings; nothing while defaults apply
};
// The settings that apply to node `org_unit_id`.
ResolvedRiskSettings RiskSettingsOf(store::Tx& tx, long long org_unit_id);

// Adds "the risk's (effective) score lies above the threshold of its organisation" — `above`
// — or "at or below it" to a list of risks; `unit_column` names the risk's node.
void FilterByThreshold(store::Tx& tx, store::Filter& filter, const std::string& unit_column,
                       const std::string& score_sql, bool above);

class RiskSettingsService {
 public:
  explicit RiskSettingsService(store::Database& db) : db_(db) {}

  // {"org_unit_id", "organisation_id", "threshold", "yellow_from", "orange_from", "red_from",
  // "version" (null while defaults apply), "can_edit"} for node `org_unit_id`; readers of
  // risks on the node only (else not found).
  Result<nlohmann::json> Get(const Caller& caller, long long org_unit_id);
  // Body: threshold, yellow_from, orange_from, red_from (1-16, bands ascending) and, once
  // settings are stored, their "version". Only on an organisation node, by a holder of
  // kRiskWrite on it through a role that is not an object role (the CISO).
  Result<nlohmann::json> Put(const Caller& caller, long long org_unit_id,
                             const nlohmann::json& body);

 private:
  store::Database& db_;
};

}  // namespace lis::service
