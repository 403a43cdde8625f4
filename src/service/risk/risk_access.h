// Who may do what with risk analyses and risks. An analysis belongs to a node (its
// org_unit_id, derived from its scope: an org unit, an object or a system). Grants on the
// node and above count (kRiskRead reads, kRiskWrite edits); so do object roles held on the
// object of an analysis scoped to an object or to one of its systems. A risk is read and
// edited as its analysis is, and besides by its owner (owner_id). Accepting a risk takes
// kRiskAccept on the node of its analysis (the information owner of the area).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>

#include "domain/org/roles.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

// The object an analysis is scoped to, directly or through a system; nothing for an org unit.
std::optional<long long> AnalysisObject(store::Tx& tx, const nlohmann::json& analysis);

bool CanOnAnalysis(store::Tx& tx, const Caller& caller, domain::Permission permission,
                   const nlohmann::json& analysis);
// Limits a list of analyses (columns risk_analyses.*) to those on which the caller holds
// `permission` (CanOnAnalysis in SQL).
void FilterAnalyses(store::Filter& filter, const Caller& caller, domain::Permission permission);

// `analysis` is the risk's (live) analysis.
bool CanOnRisk(store::Tx& tx, const Caller& caller, domain::Permission permission,
               const nlohmann::json& risk, const nlohmann::json& analysis);
// Limits a list of risks (columns risks.*) to those the caller may read.
void FilterReadableRisks(store::Filter& filter, const Caller& caller);

bool CanAcceptRisk(store::Tx& tx, const Caller& caller, const nlohmann::json& analysis);

// Whether the caller reads risks anywhere (a node grant or an object role on an object), and
// whether it may edit some.
bool CanReadAnyRisk(const Caller& caller);
bool CanWriteAnyRisk(const Caller& caller);

}  // namespace lis::service
