// Tables and queries of the `controls` area: the control framework library (frameworks and
// their controls). The library is the installation's: its records belong to no node.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "store/records.h"

namespace lis::store {

// frameworks: ref, name_sv, name_en, description_sv, description_en, data_version, source
// ("shipped" or "imported"), themes (JSON text: [{"code", "name": {"sv", "en"}}]).
const TableSpec& FrameworkTable();
// framework_controls: framework_id, ref, theme, title_sv, title_en, description_sv,
// description_en, sort_order. Retired controls are soft-deleted.
const TableSpec& FrameworkControlTable();

// The id of the framework with `ref`, or nothing.
std::optional<long long> FrameworkIdByRef(Tx& tx, const std::string& ref);
// Every control of framework `framework_id` (retired ones too), keyed by ref.
std::map<std::string, nlohmann::json> ControlsByRef(Tx& tx, long long framework_id);
// The live control refs of the framework with `ref` (empty when it is absent).
std::set<std::string> LiveControlRefs(Tx& tx, const std::string& framework_ref);
// Live control counts per framework id.
std::map<long long, long long> ControlCounts(Tx& tx);

}  // namespace lis::store
