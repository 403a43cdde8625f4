#include "service/assets/register_query.h"

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "domain/assets/classification.h"
#include "domain/assets/system_record.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/input.h"
#include "store/org/org_tables.h"

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

const char* TableOf(RegisterKind kind) {
  switch (kind) {
    case RegisterKind::kObjects:
      return "objects";
    case RegisterKind::kSystems:
      return "systems";
    default:
      return "information_sets";
  }
}

int PersonalDataRank(const std::string& category) {
  for (size_t i = 0; i < 4; ++i)
    if (kPersonalData[i] == category) return static_cast<int>(i);
  return 1;  // "any": ordinary or higher
}

void AddOrgUnit(store::Filter& where, RegisterKind kind, long long unit) {
  domain::PermissionScopes subtree;
  subtree.roots = {unit};
  if (kind != RegisterKind::kSystems) {
    store::FilterToSubtrees(where, std::string(TableOf(kind)) + ".org_unit_id", subtree);
    return;
  }
  store::Filter objects;
  store::FilterToSubtrees(objects, "o.org_unit_id", subtree);
  where.And("systems.object_id IN (SELECT o.id FROM objects o WHERE " + objects.sql + ")",
            objects.params);
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

Status ReadRegisterFilter(const ParamLookup& param, RegisterFilter& out) {
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
  if (!sort.empty() && std::find(SortKeys().begin(), SortKeys().end(), key) == SortKeys().end()) {
    std::vector<std::string> all;
    for (const auto& k : SortKeys()) all.insert(all.end(), {k, "-" + k});
    return BadParamValue("sort", JoinedList(all));
  }
  out.sort = sort;
  return {};
}

void ApplyRegisterFilter(store::Filter& where, RegisterKind kind, const RegisterFilter& f) {
  const std::string t = TableOf(kind);
  if (f.org_unit_id) AddOrgUnit(where, kind, *f.org_unit_id);
  if (!f.search.empty())
    where.And("LOWER(" + t + ".name) LIKE LOWER(?) ESCAPE '!'",
              {Value("%" + store::EscapeLike(f.search) + "%")});
  if (f.security_class)
    where.And(t + ".derived_class = ?", {Value(static_cast<long long>(*f.security_class))});
  for (domain::Aspect a : domain::kAspects)
    if (const auto& level = f.min_levels[static_cast<int>(a)])
      where.And(t + ".derived_" + domain::AspectName(a) + " >= ?",
                {Value(static_cast<long long>(*level))});
  if (f.personal_data == "any" && kind == RegisterKind::kSets)
    where.And(t + ".personal_data <> 'none'");
  else if (!f.personal_data.empty() && kind == RegisterKind::kSets)
    where.And(t + ".personal_data = ?", {Value(f.personal_data)});
  else if (!f.personal_data.empty())
    where.And(t + ".derived_personal_data >= ?",
              {Value(static_cast<long long>(PersonalDataRank(f.personal_data)))});
  if (f.review_overdue) where.And(t + ".derived_review_due < ?", {Value(Today())});
  if (f.unclassified) where.And(t + ".derived_class IS NULL");
  if (f.status == "draft") where.And(t + ".derived_drafts > 0");
  if (f.status == "approved")
    where.And(t + ".derived_class IS NOT NULL AND " + t + ".derived_drafts = 0");
}

std::string RegisterOrder(const std::string& sort) {
  bool desc = !sort.empty() && sort[0] == '-';
  std::string key = desc ? sort.substr(1) : sort;
  // Descending is the exact reverse of ascending, so that one index serves both. Unclassified
  // sorts below every class, no review date after every date; the expressions are those of
  // the indexes of migration 3.
  std::vector<std::string> columns = {"name", "id"};
  if (key == "security_class") columns = {"COALESCE(derived_class, -1)", "name", "id"};
  if (key == "review_due") columns = {"COALESCE(derived_review_due, '9999-12-31')", "name", "id"};
  if (key == "updated_at") columns = {"updated_at", "id"};
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : ", ") + c + (desc ? " DESC" : "");
  return out;
}

std::vector<store::ComputedField> RegisterColumns(RegisterKind kind) {
  std::vector<store::ComputedField> out = {{"security_class", "derived_class"},
                                           {"review_due", "derived_review_due", {}, true}};
  if (kind == RegisterKind::kSets)
    out.push_back({"classification_status",
                   "CASE WHEN derived_drafts > 0 THEN 'draft' WHEN derived_class IS NOT NULL "
                   "THEN 'approved' END",
                   {},
                   true});
  return out;
}

Result<ObjectListQuery> ReadObjectListQuery(const ParamLookup& param) {
  ObjectListQuery q;
  Status s = ReadRegisterFilter(param, q);
  if (!s.ok()) return s.error();
  return q;
}

Result<SystemListQuery> ReadSystemListQuery(const ParamLookup& param) {
  SystemListQuery q;
  Status s = ReadRegisterFilter(param, q);
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
