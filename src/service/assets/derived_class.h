// The derived security class of a system or object, with the reason people are shown.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "store/assets/asset_tables.h"

namespace lis::service {

// Adds "security_class" (null while nothing is classified) and "class_reason" ({"level",
// "aspect", "system_id", "system", "information_set_id", "information_set"} or null) to
// `record`, from the classified information sets behind it.
void AddDerivedClass(nlohmann::json& record, const std::vector<store::ClassifiedSet>& sets);

}  // namespace lis::service
