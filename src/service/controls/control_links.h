// Links from the protection requirements (their "controls": ["A.5.16", ...]) to the controls
// of the Annex A framework in the library (domain::kAnnexAFramework).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "store/database.h"

namespace lis::service {

// The live control refs of the Annex A framework ("5.16").
std::set<std::string> AnnexAControlRefs(store::Tx& tx);
// The references of `refs` (a requirement's controls) that name no live Annex A control.
std::vector<std::string> UnknownControlRefs(const std::set<std::string>& known,
                                            const nlohmann::json& refs);
// One link per reference of `refs`: {"ref", "control_ref", "framework_id", "control_id",
// "title_sv", "title_en"}; framework_id, control_id and titles are null when it resolves to no
// live control.
nlohmann::json ControlLinks(store::Tx& tx, const nlohmann::json& refs);
// The live requirements ({"id", "code"}) that reference each Annex A control, keyed by
// control ref, each list by code.
std::map<std::string, std::vector<nlohmann::json>> RequirementsByControl(store::Tx& tx);

}  // namespace lis::service
