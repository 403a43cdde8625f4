// Kinds of organisation node and where each may stand in the tree.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

// "group" (kommunkoncern), "municipality", "company", "unit" (förvaltning, department, team).
const std::vector<std::string>& OrgKinds();
bool IsOrgKind(std::string_view kind);
// Whether a node of `kind` may have a parent of `parent_kind` (nothing: be a root).
// group: root only; municipality and company: root or under a group; unit: under anything
// but a group.
bool MayPlaceUnder(std::string_view kind, std::optional<std::string_view> parent_kind);

}  // namespace lis::domain
