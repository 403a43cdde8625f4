// Tables of the `incidents` area (migration 8 describes every column).
#pragma once

#include "store/records.h"

namespace lis::store {

// An incident belongs to the unit where it happened (org_unit_id).
const TableSpec& IncidentTable();
// The following belong to their incident (incident_id) and carry its org_unit_id.
// Timeline entries are only ever inserted: nothing updates or deletes them.
const TableSpec& IncidentTimelineTable();
// A link to a system, information set, risk or action (kind, target_id).
const TableSpec& IncidentLinkTable();
// The notification made for one clock, or the decision that none is required.
const TableSpec& IncidentReportTable();
// The closing review: cause, what worked, what to improve.
const TableSpec& IncidentReviewTable();

}  // namespace lis::store
