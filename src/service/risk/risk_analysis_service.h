// Risk analyses (riskanalyser): a scope (an org unit, an object or a system), a date, who
// took part, the method and a status (ongoing, completed). The risks of an analysis are in
// risk_service.h.
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

struct AnalysisListQuery {
  PageRequest page;
  std::optional<long long> org_unit_id;  // the node and everything below it
  std::string status;                    // "ongoing", "completed" or "" for any
  std::string q;                         // words in the title
  bool deleted = false;                  // the soft-deleted analyses instead of the live ones
};
// The filters of an analysis list from request parameters (org_unit_id, status, q, deleted);
// a bad value is kInvalid naming the parameter. The page is left as it is.
Result<AnalysisListQuery> ReadAnalysisListQuery(const ParamLookup& param);

class RiskAnalysisService {
 public:
  explicit RiskAnalysisService(store::Database& db) : db_(db) {}

  // Analyses the caller may read, newest analysis date first, each with "risk_count".
  Result<store::Page> List(const Caller& caller, const AnalysisListQuery& query);
  // One analysis with "scope_name", "risk_count" and "can": {"edit"}.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: title, and either org_unit_id (an analysis of the unit) or scope_kind ("org_unit",
  // "object", "system") with scope_id — org_unit_id then is the node of the object (or the
  // system's object) and, when given too, must be that node; optional analysis_date
  // (YYYY-MM-DD, default today), participants, method, status (default "ongoing").
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  // Body: version and any of the fields of Create.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Refuses (conflict) an analysis that still has live risks.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);

  // Body {"version": N, "comment"?}: makes the analysis what it was at version N (not a
  // deletion), live again if deleted, as an audited "restore"; its node must exist.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

 private:
  store::Database& db_;
};

}  // namespace lis::service
