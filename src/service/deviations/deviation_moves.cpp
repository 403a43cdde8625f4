// The moves of a deviation between its states, and the verdict on the effect of its actions
// (deviation_service.h).
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/deviation_rules.h"
#include "service/deviations/deviation_access.h"
#include "service/deviations/deviation_service.h"
#include "service/input.h"
#include "service/records/record_input.h"
#include "store/deviations/deviation_tables.h"

namespace lis::service {

using domain::DeviationMove;
using nlohmann::json;
using store::Tx;

namespace {

// Days from the last corrective action done to the check of their effect, unless set.
constexpr int kVerificationDays = 30;

const std::vector<InputField>& MoveFields() {
  static const std::vector<InputField> kFields = {
      {"move", InputType::kText, true, false, 40},
      {"root_cause", InputType::kLongText, false, false, 4000},
      {"rejection_reason", InputType::kLongText, false, false, 4000},
      {"verification_due", InputType::kText, false, true, 10},
  };
  return kFields;
}

const std::vector<InputField>& VerdictFields() {
  static const std::vector<InputField> kFields = {
      {"effective", InputType::kBool, true},
      {"motivation", InputType::kLongText, true, false, 4000},
  };
  return kFields;
}

bool Given(const json& body, const char* field) {
  return body.contains(field) && body[field].is_string() &&
         !Trimmed(body[field].get<std::string>()).empty();
}

std::string VerificationDate() {
  return AddDays(TodayStockholm(), kVerificationDays).value_or(TodayStockholm());
}

// The move a move body names: one taken by hand (the verdict has its own call).
Result<DeviationMove> ReadMove(const json& body) {
  auto move = domain::ParseDeviationMove(body["move"].get<std::string>());
  if (!move || *move == DeviationMove::kEffective || *move == DeviationMove::kNotEffective)
    return BadParamValue("move", "analyse, plan_actions, verify, reject");
  return *move;
}

// Checks the body of a move and applies its fields to `r`.
Status ApplyMoveFields(const json& body, DeviationMove move, json& r) {
  for (const char* field : {"root_cause", "rejection_reason"})
    if (body.contains(field)) r[field] = Trimmed(body[field].get<std::string>());
  if (body.contains("verification_due") && body["verification_due"].is_string()) {
    std::string due = body["verification_due"];
    if (!IsDate(due)) return Invalid("error.field_not_date", "verification_due");
    if (due < TodayStockholm()) return Invalid("error.date_past", "verification_due");
    r["verification_due"] = due;
  }
  if (move == DeviationMove::kVerify && r["verification_due"].is_null())
    r["verification_due"] = VerificationDate();
  return {};
}

domain::DeviationFacts FactsOf(Tx& tx, const json& r, long long user_id) {
  auto actions = store::ActionsOfDeviation(tx, r["id"].get<long long>(), user_id);
  domain::DeviationFacts f;
  f.root_cause =
      r["root_cause"].is_string() && !Trimmed(r["root_cause"].get<std::string>()).empty();
  f.open_actions = actions.open;
  f.done_actions = actions.done;
  f.reason = r["rejection_reason"].is_string() &&
             !Trimmed(r["rejection_reason"].get<std::string>()).empty();
  f.by_action_owner = actions.owned_by_user;
  return f;
}

domain::DeviationState StateOf(const json& r) {
  return *domain::ParseDeviationState(r["status"].get<std::string>());
}

}  // namespace

Result<json> DeviationService::Move(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, MoveFields(), true);
  if (!s.ok()) return s.error();
  auto move = ReadMove(body);
  if (!move.ok()) return move.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = HandledDeviation(tx, caller, id);
    if (!current.ok()) return current;
    json r = *current;
    Status applied = ApplyMoveFields(body, *move, r);
    if (!applied.ok()) return applied.error();
    auto next = domain::NextDeviationState(StateOf(r), *move, FactsOf(tx, r, caller.user_id));
    if (!next.ok()) return next.error();
    r["status"] = domain::DeviationStateName(*next);
    auto updated = store::UpdateRecord(tx, store::DeviationTable(), id, InputVersion(body),
                                       StoredValues(domain::DeviationRecord(), r),
                                       body["move"].get<std::string>());
    if (!updated.ok()) return updated;
    return ShownDeviation(tx, caller, std::move(*updated));
  });
}

Result<json> DeviationService::Verdict(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, VerdictFields(), true);
  if (!s.ok()) return s.error();
  bool effective = body["effective"].get<bool>();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = HandledDeviation(tx, caller, id);
    if (!current.ok()) return current;
    json r = *current;
    domain::DeviationFacts facts = FactsOf(tx, r, caller.user_id);
    facts.motivation = Given(body, "motivation");
    auto next = domain::NextDeviationState(
        StateOf(r), effective ? DeviationMove::kEffective : DeviationMove::kNotEffective, facts);
    if (!next.ok()) return next.error();
    r["status"] = domain::DeviationStateName(*next);
    r["verdict_effective"] = effective;
    r["verdict_motivation"] = Trimmed(body["motivation"].get<std::string>());
    r["verdict_at"] = NowText();
    r["verdict_by"] = caller.user_id;
    r["verdict_count"] = r.value("verdict_count", json(0)).get<long long>() + 1;
    if (!effective) r["verification_due"] = nullptr;  // new actions get a new check
    auto updated = store::UpdateRecord(tx, store::DeviationTable(), id, InputVersion(body),
                                       StoredValues(domain::DeviationRecord(), r), "verdict");
    if (!updated.ok()) return updated;
    return ShownDeviation(tx, caller, std::move(*updated));
  });
}

void DeviationActionsDone(Tx& tx, long long id) {
  auto d = store::GetRecord(tx, store::DeviationTable(), id);
  if (!d || (*d)["status"] != "actions_planned") return;
  json changes = {{"status", "verifying"}};
  if ((*d)["verification_due"].is_null()) changes["verification_due"] = VerificationDate();
  auto updated = store::UpdateRecord(tx, store::DeviationTable(), id,
                                     (*d)["version"].get<long long>(), changes, "verify");
  if (!updated.ok())
    throw std::runtime_error("deviation verification failed: " + updated.error().message_key);
}

}  // namespace lis::service
