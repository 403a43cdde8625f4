#include "store/assets/register_filter.h"

#include "domain/assets/classification.h"
#include "store/org/org_tables.h"

namespace lis::store {

namespace {

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

// The rank of a personal-data category, as the cached derived_personal_data holds it.
int PersonalDataRank(const std::string& category) {
  auto p = domain::ParsePersonalData(category);
  return p ? static_cast<int>(*p) : 1;  // "any": ordinary or higher
}

void AddOrgUnit(Filter& where, RegisterKind kind, long long unit) {
  domain::PermissionScopes subtree;
  subtree.roots = {unit};
  if (kind != RegisterKind::kSystems) {
    FilterToSubtrees(where, std::string(TableOf(kind)) + ".org_unit_id", subtree);
    return;
  }
  Filter objects;
  FilterToSubtrees(objects, "o.org_unit_id", subtree);
  where.And("systems.object_id IN (SELECT o.id FROM objects o WHERE " + objects.sql + ")",
            objects.params);
}

}  // namespace

void ApplyRegisterFilter(Filter& where, RegisterKind kind, const RegisterWhere& f,
                         const std::string& today) {
  const std::string t = TableOf(kind);
  if (f.org_unit_id) AddOrgUnit(where, kind, *f.org_unit_id);
  if (!f.search.empty())
    where.And("LOWER(" + t + ".name) LIKE LOWER(?) ESCAPE '!'",
              {Value("%" + EscapeLike(f.search) + "%")});
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
  if (f.review_overdue) where.And(t + ".derived_review_due < ?", {Value(today)});
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

std::vector<ComputedField> RegisterColumns(RegisterKind kind) {
  std::vector<ComputedField> out = {{"security_class", "derived_class"},
                                    {"review_due", "derived_review_due", {}, true}};
  if (kind == RegisterKind::kSets)
    out.push_back({"classification_status",
                   "CASE WHEN derived_drafts > 0 THEN 'draft' WHEN derived_class IS NOT NULL "
                   "THEN 'approved' END",
                   {},
                   true});
  return out;
}

}  // namespace lis::store
