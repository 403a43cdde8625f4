// The deviation list's parameters (deviation_service.h).
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/deviation_rules.h"
#include "service/deviations/deviation_service.h"
#include "service/input.h"

namespace lis::service {

namespace {

std::vector<std::string> ChoicesOf(const char* field) {
  return domain::ChoiceValues(*domain::DeviationRecord().Find(field));
}

// "true" sets `out`; "false" or nothing leaves it false.
Status ReadFlag(const ParamLookup& param, const std::string& name, bool& out) {
  auto flag = ReadChoiceParam(param, name, {"true", "false"});
  if (!flag.ok()) return flag.error();
  out = *flag == "true";
  return {};
}

}  // namespace

Result<DeviationListQuery> ReadDeviationListQuery(const ParamLookup& param, long long caller_id) {
  DeviationListQuery q;
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  q.org_unit_id = *unit;
  auto responsible = ReadIdParam(param, "responsible_id");
  if (!responsible.ok()) return responsible.error();
  q.responsible_id = *responsible;
  std::vector<std::string> statuses = domain::DeviationStates();
  statuses.push_back("open");
  const std::pair<const char*, std::vector<std::string>> choices[] = {
      {"status", statuses},
      {"severity", ChoicesOf("severity")},
      {"source", ChoicesOf("source")},
      {"sort", {}}};
  std::string* targets[] = {&q.status, &q.severity, &q.source, &q.sort};
  std::vector<std::string> sorts;
  for (const auto& key : DeclaredSortKeys(domain::DeviationRecord())) {
    sorts.push_back(key);
    sorts.push_back("-" + key);
  }
  for (size_t i = 0; i < std::size(choices); ++i) {
    auto v = ReadChoiceParam(param, choices[i].first, i == 3 ? sorts : choices[i].second);
    if (!v.ok()) return v.error();
    *targets[i] = *v;
  }
  bool mine = false, overdue = false;
  Status s = ReadFlag(param, "mine", mine);
  if (s.ok()) s = ReadFlag(param, "verification_overdue", overdue);
  if (s.ok()) s = ReadFlag(param, "deleted", q.deleted);
  if (!s.ok()) return s.error();
  if (mine) q.reported_by = caller_id;
  if (overdue) q.verification_overdue_before = Today();
  q.search = Trimmed(param("q").value_or(""));
  if (q.search.size() > 200) return BadParamValue("q", "at most 200 bytes");
  return q;
}

}  // namespace lis::service
