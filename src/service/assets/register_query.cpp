#include "service/assets/register_query.h"

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "domain/assets/classification.h"
#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/input.h"
#include "store/org/org_tables.h"
#include "store/records/record_table.h"

namespace lis::service {

using store::Value;

namespace {

const std::vector<std::string> kPersonalData = {"none", "ordinary", "special", "criminal", "any"};
const std::vector<std::string> kStatuses = {"draft", "approved"};
const std::vector<std::string> kBooleans = {"true", "false"};

// A level parameter: an integer on the scale.
Status ReadLevel(const ParamLookup& param, const std::string& name, std::optional<int>& out) {
  auto v = ReadIdParam(param, name);
  if (!v.ok()) return v.error();
  if (!*v) return {};
  domain::ClassificationScale scale;
  if (**v < 0 || **v > scale.max_level)
    return BadParamValue(name, "0–" + std::to_string(scale.max_level));
  out = static_cast<int>(**v);
  return {};
}

}  // namespace

const std::vector<std::string>& SortKeys() {
  static const std::vector<std::string> kKeys = {"name", "security_class", "updated_at",
                                                 "review_due"};
  return kKeys;
}

std::string Today() {
  return TodayStockholm();
}

Result<std::optional<long long>> ReadIdParam(const ParamLookup& param, const std::string& name) {
  auto text = param(name);
  if (!text || text->empty()) return std::optional<long long>();
  const std::string& s = *text;
  bool digits = s.size() <= 18 && s.find_first_not_of("0123456789") == std::string::npos;
  if (!digits) return Invalid("error.field_not_integer", name);
  return std::optional<long long>(std::stoll(s));
}

Result<std::string> ReadChoiceParam(const ParamLookup& param, const std::string& name,
                                    const std::vector<std::string>& allowed) {
  auto text = param(name);
  if (!text || text->empty()) return std::string();
  for (const auto& a : allowed)
    if (*text == a) return a;
  return BadParamValue(name, JoinedList(allowed));
}

Status ReadRegisterFilter(const ParamLookup& param, RegisterFilter& out,
                          const std::vector<std::string>& sort_keys) {
  auto unit = ReadIdParam(param, "org_unit_id");
  if (!unit.ok()) return unit.error();
  out.org_unit_id = *unit;
  out.search = Trimmed(param("q").value_or(""));
  Status s = ReadLevel(param, "security_class", out.security_class);
  for (domain::Aspect a : domain::kAspects)
    if (s.ok())
      s = ReadLevel(param, std::string("min_") + domain::AspectName(a),
                    out.min_levels[static_cast<int>(a)]);
  if (!s.ok()) return s;
  auto personal = ReadChoiceParam(param, "personal_data", kPersonalData);
  if (!personal.ok()) return personal.error();
  out.personal_data = *personal;
  auto status = ReadChoiceParam(param, "status", kStatuses);
  if (!status.ok()) return status.error();
  out.status = *status;
  for (auto [name, target] : {std::pair{"review_overdue", &out.review_overdue},
                              std::pair{"unclassified", &out.unclassified}}) {
    auto flag = ReadChoiceParam(param, name, kBooleans);
    if (!flag.ok()) return flag.error();
    *target = *flag == "true";
  }
  std::string sort = param("sort").value_or("");
  std::string key = !sort.empty() && sort[0] == '-' ? sort.substr(1) : sort;
  if (!sort.empty() && std::find(sort_keys.begin(), sort_keys.end(), key) == sort_keys.end()) {
    std::vector<std::string> all;
    for (const auto& k : sort_keys) all.insert(all.end(), {k, "-" + k});
    return BadParamValue("sort", JoinedList(all));
  }
  out.sort = sort;
  return {};
}

void ApplyRegisterFilter(store::Filter& where, RegisterKind kind, const RegisterFilter& filter) {
  store::ApplyRegisterFilter(where, kind, filter, Today());
}

std::vector<std::string> DeclaredSortKeys(const domain::RecordType& type) {
  std::vector<std::string> keys = store::SortKeysOf(type);
  keys.push_back("updated_at");
  return keys;
}

Result<ObjectListQuery> ReadObjectListQuery(const ParamLookup& param) {
  ObjectListQuery q;
  Status s = ReadRegisterFilter(param, q, DeclaredSortKeys(domain::ObjectRecord()));
  if (!s.ok()) return s.error();
  return q;
}

Result<SystemListQuery> ReadSystemListQuery(const ParamLookup& param) {
  SystemListQuery q;
  Status s = ReadRegisterFilter(param, q, DeclaredSortKeys(domain::SystemRecord()));
  if (!s.ok()) return s.error();
  auto object = ReadIdParam(param, "object_id");
  if (!object.ok()) return object.error();
  q.object_id = *object;
  const domain::RecordType& systems = domain::SystemRecord();
  auto lifecycle =
      ReadChoiceParam(param, "lifecycle", domain::ChoiceValues(*systems.Find("lifecycle")));
  if (!lifecycle.ok()) return lifecycle.error();
  q.lifecycle = *lifecycle;
  auto hosting = ReadChoiceParam(param, "hosting", domain::ChoiceValues(*systems.Find("hosting")));
  if (!hosting.ok()) return hosting.error();
  q.hosting = *hosting;
  return q;
}

Result<InformationSetListQuery> ReadSetListQuery(const ParamLookup& param) {
  InformationSetListQuery q;
  Status s = ReadRegisterFilter(param, q);
  if (!s.ok()) return s.error();
  auto system = ReadIdParam(param, "system_id");
  if (!system.ok()) return system.error();
  q.system_id = *system;
  return q;
}

}  // namespace lis::service
