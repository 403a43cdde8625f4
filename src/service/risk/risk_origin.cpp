#include "service/risk/risk_origin.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "service/risk/risk_access.h"
#include "service/risk/risk_service.h"
#include "store/risk/risk_tables.h"

namespace lis::service {

namespace {

Status CheckRisk(store::Tx& tx, const Caller& caller, long long id, const std::string&) {
  auto risk = store::GetRecord(tx, store::RiskTable(), id);
  if (!risk) return Invalid("error.action_origin_missing", "origin_id");
  auto analysis =
      store::GetRecord(tx, store::RiskAnalysisTable(), (*risk)["analysis_id"].get<long long>());
  if (!analysis || !CanOnRisk(tx, caller, domain::Permission::kRiskRead, *risk, *analysis))
    return Invalid("error.action_origin_missing", "origin_id");
  return {};
}

OriginLink RiskLink(store::Tx& tx, long long id, const std::string&, const std::string& language) {
  auto risk = store::GetRecord(tx, store::RiskTable(), id, true);
  std::string title = risk ? (*risk)["title"].get<std::string>() : "";
  return {"/risks/" + std::to_string(id),
          Messages::Embedded().Text(language, "actions.origin_label.risk", {{"title", title}})};
}

// A deleted risk has nobody left to re-assess it: its actions finish without a request.
void AskForReassessment(store::Tx& tx, long long id, const std::string&) {
  auto status = RequestReassessment(tx, id);
  if (!status.ok() && status.error().code != Code::kNotFound)
    throw std::runtime_error("re-assessment request failed: " + status.error().message_key);
}

}  // namespace

void RegisterRiskOrigin(ActionOrigins& origins) {
  OriginHandler risk;
  risk.check = CheckRisk;
  risk.link = RiskLink;
  risk.on_all_done = AskForReassessment;
  origins.Register("risk", risk);
}

}  // namespace lis::service
