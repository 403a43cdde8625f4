// Risks within a risk analysis: threat, vulnerability, what they affect (information sets,
// systems, aspects K R T S), likelihood × consequence, treatment, residual level, owner, and
// the acceptance decision that a residual score above the organisation's threshold needs
// (domain/risk/risk.h). Also the risk matrix: counts per cell, inherent and residual.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct RiskListQuery {
  PageRequest page;
  std::optional<long long> analysis_id;
  std::optional<long long> org_unit_id;  // the node of the risk's analysis, or below it
  std::optional<long long> owner_id;
  std::optional<long long> likelihood;   // with `residual`: the residual likelihood
  std::optional<long long> consequence;  // with `residual`: the residual consequence
  bool residual = false;
  std::string treatment;  // one of domain::RiskTreatments(), "none" (undecided), or "" for any
  // A state (domain::RiskStateName) on today's date, or "needs_decision": accept above the
  // threshold without a valid acceptance (none yet, or expired), what the information owner
  // can decide now.
  std::string state;
  bool awaiting_reassessment = false;
  bool acceptable_by_me = false;  // on nodes where the caller holds kRiskAccept
  std::string q;                  // words in the title
  bool deleted = false;           // the soft-deleted risks instead of the live ones
};
// The filters of a risk list from request parameters (analysis_id, org_unit_id, owner_id,
// likelihood, consequence, residual, treatment, state, awaiting_reassessment, q, deleted); a bad
// value is kInvalid naming the parameter. The page is left as it is.
Result<RiskListQuery> ReadRiskListQuery(const ParamLookup& param);

class RiskService {
 public:
  explicit RiskService(store::Database& db) : db_(db) {}

  // Risks the caller may read (through their analysis, or as their owner) that match the
  // query, highest (residual, else inherent) score first; each as Get shows it, without "can".
  Result<store::Page> List(const Caller& caller, const RiskListQuery& query);
  // One risk with its derived values: "score", "residual_score", "org_unit_id",
  // "analysis_title", "owner_name", "state", "needs_acceptance_decision", "threshold",
  // "band" and "residual_band", "acceptance" (null or {"accepted_by", "accepted_by_name",
  // "accepted_at", "motivation", "valid_until"}), "acceptance_invalidated_at" (a change of
  // the assessment or treatment after acceptance voided it), "awaiting_reassessment", and
  // "can": {"edit", "accept"}.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: analysis_id, title, likelihood (1-4), consequence (1-4); optional threat,
  // vulnerability, information_set_ids and system_ids (records the caller reads),
  // confidentiality, integrity, availability, traceability (aspects hit, booleans),
  // existing_controls, treatment (reduce, accept, avoid, share or null), planned_actions,
  // residual_likelihood with residual_consequence (both or neither), owner_id (a user).
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any fields of Create but analysis_id. Changing likelihood,
  // consequence, their residual values or the treatment voids a recorded acceptance; saving
  // residual values as the owner (or anyone, for a risk without owner) ends a request for
  // re-assessment.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);
  // Body {"motivation", "valid_until" (YYYY-MM-DD, after today, at most
  // domain::kMaxAcceptanceYears ahead), "version"}: records the caller's acceptance of the
  // risk. Only a holder of kRiskAccept on the risk's node (the information owner), only for
  // a risk with treatment "accept" whose residual score lies above the threshold (else
  // conflict). A new decision replaces an earlier one.
  Result<nlohmann::json> Accept(const Caller& caller, long long id, const nlohmann::json& body);

  // Body {"version": N, "comment"?}: makes the risk what it was at version N (not a
  // deletion), live again if deleted, as an audited "restore"; its analysis must be live.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // The risk matrix of one analysis (`analysis_id`), of a node and everything below it
  // (`org_unit_id`), or of every risk the caller reads: {"cells": [{"likelihood",
  // "consequence", "score", "band", "inherent", "residual"}] (16, likelihood 4 first),
  // "total", "residual_total", "settings": {...}, "organisation_id"}. The counts are those
  // of the risk list with the same filter and likelihood/consequence (residual=true).
  Result<nlohmann::json> Matrix(const Caller& caller, std::optional<long long> analysis_id,
                                std::optional<long long> org_unit_id);

 private:
  store::Database& db_;
};

// Marks risk `risk_id` as awaiting re-assessment of its residual level (an audited change
// by the transaction's actor), as when every action of the risk is done. kNotFound for no
// such live risk. Called inside the caller's write transaction; authorises nothing.
Status RequestReassessment(store::Tx& tx, long long risk_id);

}  // namespace lis::service
