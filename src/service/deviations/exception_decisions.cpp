// The decision on an exception, its revocation, its expiry by the background sweep, and the
// exception list's parameters (exception_service.h).
#include <nlohmann/json.hpp>

#include "core/stockholm_time.h"
#include "domain/deviations/exception_record.h"
#include "domain/deviations/exception_rules.h"
#include "service/deviations/exception_access.h"
#include "service/deviations/exception_service.h"
#include "service/input.h"
#include "store/deviations/deviation_tables.h"
#include "store/deviations/exception_queries.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;

namespace {

const std::vector<InputField>& DecisionFields() {
  static const std::vector<InputField> kFields = {
      {"approve", InputType::kBool, true},
      {"motivation", InputType::kLongText, true, false, 4000},
  };
  return kFields;
}

const std::vector<InputField>& RevokeFields() {
  static const std::vector<InputField> kFields = {
      {"reason", InputType::kLongText, true, false, 4000},
  };
  return kFields;
}

// Writes `changes` to exception `current` (as the caller sees it) under the body's version.
Result<json> ChangeException(Tx& tx, const Caller& caller, const json& current, const json& changes,
                             long long version, const std::string& action) {
  long long id = current["id"].get<long long>();
  auto updated = store::UpdateRecord(tx, store::ExceptionTable(), id, version, changes, action);
  if (!updated.ok()) return updated;
  (*updated)["system_ids"] = store::SystemsOfException(tx, id);
  return ShownException(tx, caller, std::move(*updated));
}

}  // namespace

Result<json> ExceptionService::Decide(const Caller& caller, long long id, const json& body,
                                      TimePoint now) {
  Status s = CheckInput(body, DecisionFields(), true);
  if (!s.ok()) return s.error();
  std::string motivation = Trimmed(body["motivation"].get<std::string>());
  if (motivation.empty()) return Invalid("error.field_blank", "motivation");
  bool approve = body["approve"].get<bool>();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = SeenException(tx, caller, id);
    if (!current.ok()) return current;
    if (!CanOnException(tx, caller, Permission::kExceptionDecide, *current)) return Forbidden();
    auto next = domain::NextExceptionState(
        *domain::ParseExceptionState((*current)["status"].get<std::string>()),
        approve ? domain::ExceptionMove::kApprove : domain::ExceptionMove::kReject);
    if (!next.ok()) return next.error();
    if (approve && (*current)["valid_until"].get<std::string>() < StockholmDate(now))
      return Invalid("error.date_past", "valid_until");
    json changes = {{"status", domain::ExceptionStateName(*next)},
                    {"decision_motivation", motivation},
                    {"decided_by", caller.user_id},
                    {"decided_at", FormatTime(now)}};
    return ChangeException(tx, caller, *current, changes, InputVersion(body), "decide");
  });
}

Result<json> ExceptionService::Revoke(const Caller& caller, long long id, const json& body) {
  Status s = CheckInput(body, RevokeFields(), true);
  if (!s.ok()) return s.error();
  std::string reason = Trimmed(body["reason"].get<std::string>());
  if (reason.empty()) return Invalid("error.field_blank", "reason");
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = SeenException(tx, caller, id);
    if (!current.ok()) return current;
    if (!CanOnException(tx, caller, Permission::kExceptionDecide, *current) &&
        !CanOnException(tx, caller, Permission::kExceptionOpinion, *current))
      return Forbidden();
    auto next = domain::NextExceptionState(
        *domain::ParseExceptionState((*current)["status"].get<std::string>()),
        domain::ExceptionMove::kRevoke);
    if (!next.ok()) return next.error();
    json changes = {{"status", domain::ExceptionStateName(*next)}, {"revocation_reason", reason}};
    return ChangeException(tx, caller, *current, changes, InputVersion(body), "revoke");
  });
}

Result<int> ExpireExceptions(store::Database& db, TimePoint now) {
  store::Actor system;
  system.comment = "valid_until passed";
  const std::string today = StockholmDate(now);
  int expired = 0;
  auto s = db.WriteIfDue(
      system, [&](Tx& tx) { return !store::RunOutExceptions(tx, today).empty(); },
      [&](Tx& tx) -> Status {
        for (long long id : store::RunOutExceptions(tx, today)) {
          auto e = store::GetRecord(tx, store::ExceptionTable(), id);
          if (!e) continue;
          auto updated =
              store::UpdateRecord(tx, store::ExceptionTable(), id, (*e)["version"].get<long long>(),
                                  {{"status", "expired"}}, "expire");
          if (updated.ok()) ++expired;
        }
        return {};
      });
  if (!s.ok()) return s.error();
  return expired;
}

std::map<std::string, json> ExceptionsInForceFor(Tx& tx, long long system_id, TimePoint now) {
  std::map<std::string, json> out;
  for (const auto& [code, e] : store::ExceptionsInForceOfSystem(tx, system_id, StockholmDate(now)))
    out[code] = {{"id", e.first}, {"valid_until", e.second}};
  return out;
}

Result<ExceptionListQuery> ReadExceptionListQuery(const ParamLookup& param, long long caller_id) {
  ExceptionListQuery q;
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  q.org_unit_id = *unit;
  auto system = ReadIdParam(param, "system_id");
  if (!system.ok()) return system.error();
  q.system_id = *system;
  auto status = ReadChoiceParam(param, "status", domain::ExceptionStates());
  if (!status.ok()) return status.error();
  q.status = *status;
  std::vector<std::string> sorts;
  for (const auto& key : DeclaredSortKeys(domain::ExceptionRecord())) {
    sorts.push_back(key);
    sorts.push_back("-" + key);
  }
  auto sort = ReadChoiceParam(param, "sort", sorts);
  if (!sort.ok()) return sort.error();
  q.sort = *sort;
  auto flag = ReadChoiceParam(param, "mine", {"true", "false"});
  if (!flag.ok()) return flag.error();
  if (*flag == "true") q.requested_by = caller_id;
  flag = ReadChoiceParam(param, "deleted", {"true", "false"});
  if (!flag.ok()) return flag.error();
  q.deleted = *flag == "true";
  auto within = ReadIdParam(param, "expiring_within");
  if (!within.ok()) return within.error();
  if (*within) {
    if (**within > 366) return BadParamValue("expiring_within", "0–366");
    q.expiring_before = *AddDays(Today(), static_cast<int>(**within) + 1);
  }
  q.requirement_code = Trimmed(param("requirement_code").value_or(""));
  q.search = Trimmed(param("q").value_or(""));
  if (q.search.size() > 200 || q.requirement_code.size() > 40)
    return BadParamValue(q.search.size() > 200 ? "q" : "requirement_code", "at most 200 bytes");
  return q;
}

}  // namespace lis::service
