// Tables and queries of the `risk` area: per-organisation risk settings, risk analyses and
// their risks, with the information sets and systems each risk affects.
#pragma once

#include <vector>

#include "store/records.h"

namespace lis::store {

// The statements of migration 4 (store/migrations.cpp).
extern const char* const kRiskSchema;

const TableSpec& RiskSettingsTable();
const TableSpec& RiskAnalysisTable();
// A risk keeps the ids of the information sets and systems it affects as JSON arrays in its
// record ("information_set_ids", "system_ids"), so that the audit trail holds them; every
// change of the record rewrites the link rows (risk_information_sets, risk_systems) that
// queries join, in the same transaction.
const TableSpec& RiskTable();

// The ids of a JSON array text ("[3,5]"); empty for anything else.
std::vector<long long> IdsOfText(const std::string& text);

}  // namespace lis::store
