#include "domain/org/org_kind.h"

#include <algorithm>

namespace lis::domain {

const std::vector<std::string>& OrgKinds() {
  static const std::vector<std::string> kKinds = {"group", "municipality", "company", "unit"};
  return kKinds;
}

bool IsOrgKind(std::string_view kind) {
  const auto& k = OrgKinds();
  return std::find(k.begin(), k.end(), kind) != k.end();
}

bool MayPlaceUnder(std::string_view kind, std::optional<std::string_view> parent) {
  if (kind == "group") return !parent;
  if (kind == "municipality" || kind == "company") return !parent || *parent == "group";
  if (kind == "unit") return parent && *parent != "group";
  return false;
}

}  // namespace lis::domain
