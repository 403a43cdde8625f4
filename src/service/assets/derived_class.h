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
// AddDerivedClass for every listed object (`objects`) or system of a register page, with one
// query for the page.
void AddDerivedClasses(store::Tx& tx, std::vector<nlohmann::json>& items, bool objects);
// Sets "security_class" and "class_reason" ({"level", "aspect", "information_set_id",
// "information_set"}) of information set `set` from the levels of its classification.
void AddSetClass(nlohmann::json& set, const domain::AspectLevels& levels);

}  // namespace lis::service
