// Checks and views shared by the incident service's files (incident_service.cpp,
// incident_links.cpp): time input, the unit and system of an incident, handlers, and the two
// views of an incident record (incident_access.h decides which one a caller gets).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/status.h"
#include "service/caller.h"
#include "service/incidents/incident_access.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service::incidents {

// How far in the future a reported time may lie (clocks of reporting systems differ).
constexpr std::chrono::minutes kClockSkew{5};

// The RFC 3339 time in `body[field]` as stored (UTC, fixed width); kInvalid naming the field
// when it is not a time or lies more than kClockSkew after `now`.
Result<std::string> InputTime(const nlohmann::json& body, const std::string& field, TimePoint now);

// The live organisation node `unit`, else kInvalid "error.org_unit_missing" naming `field`.
Status CheckUnit(store::Tx& tx, long long unit, const std::string& field = "org_unit_id");
// A live system whose object lies in the same organisation (municipality or company) as
// node `unit`; kInvalid naming system_id otherwise.
Status CheckSystem(store::Tx& tx, long long system_id, long long unit);
// A handler who may be named on an incident at node `unit` (CheckUserReference), else
// kInvalid naming handler_id.
Status CheckHandler(store::Tx& tx, long long user_id, long long unit);

// The refusal of a change to an incident the caller may not make: forbidden when it sees the
// incident at all (in full or as its reporter), not_found otherwise.
Error Refusal(IncidentView view);
// The live incident `id` when the caller sees it in full; not_found otherwise (also for its
// reporter: the timeline, links, reports and review are not part of the summary).
Result<nlohmann::json> FullyVisibleIncident(store::Tx& tx, const Caller& caller, long long id);
// The live incident `id` when the caller may handle it (CanHandleIncident); Refusal otherwise.
Result<nlohmann::json> HandledIncident(store::Tx& tx, const Caller& caller, long long id);
// Appends one timeline entry of `kind` to `incident` by the caller (the only write path of
// the timeline: entries are never updated or deleted); the entry as written.
nlohmann::json AppendTimelineEntry(store::Tx& tx, const Caller& caller,
                                   const nlohmann::json& incident, const std::string& kind,
                                   const std::string& body, const std::string& happened_at);
// Whether the caller may add to the timeline: handlers, and the DPO (kIncidentPersonalDataRead
// on the unit) on an incident that may involve personal data, whose advice belongs there.
bool CanAddTimeline(store::Tx& tx, const Caller& caller, const nlohmann::json& incident);

// Names shown with listed incidents (org_unit, system_name, handler_name, reporter_name).
std::vector<store::ComputedField> IncidentNames();
// The full view of a listed or fetched record: aspects as letters, category_name, view
// "full"; the names when the record has none yet.
nlohmann::json FullView(store::Tx& tx, const nlohmann::json& incident, const std::string& language);
// The reporter's summary: what it reported, the status and created_at, view "reporter".
nlohmann::json ReporterView(store::Tx& tx, const nlohmann::json& incident);

}  // namespace lis::service::incidents
