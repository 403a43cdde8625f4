// What the PDF summary of one incident holds (issue 6, item 5): the facts IMY's personal data
// breach notification asks for, the regulatory clocks, the reports made and the timeline. Read
// by full viewers of the incident only (incident_access.h); not_found for everyone else.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/config.h"
#include "core/status.h"
#include "service/caller.h"
#include "service/incidents/incident_service.h"
#include "store/database.h"

namespace lis::service {

class IncidentSummaryService {
 public:
  IncidentSummaryService(store::Database& db, const Config& config) : db_(db), config_(config) {}

  // {"incident": the record,
  //  "org_unit": its unit's name,
  //  "controller": {"name", "org_number"} — the municipality or company the unit belongs to
  //  (the personal data controller), or the unit's root when none is above it,
  //  "dpo": [{"name", "email"}] — active data protection officers whose scope covers the unit,
  //  "reporter_name", "handler_name", "handler_email" (null when nobody),
  //  "deadlines": the clocks (incident_deadlines.h) at this moment,
  //  "reports": [{"kind", "outcome", "made_at", "reference", "recipient", "reason",
  //               "late_reason"}],
  //  "timeline": [{"happened_at", "kind", "body", "author_name"}] oldest first,
  //  "review": {"cause", "what_worked", "to_improve"} or null}.
  Result<nlohmann::json> Summary(const Caller& caller, long long incident_id);

  // Every incident `incidents.List` gives the caller for `query` (the full view and its
  // filters; query.page is ignored), at most kMaxExportRows, each with its "deadlines" and a
  // localised "category_name": the rows of the list export.
  static constexpr long long kMaxExportRows = 200000;
  Result<std::vector<nlohmann::json>> ExportList(const Caller& caller, IncidentService& incidents,
                                                 IncidentListQuery query);

 private:
  store::Database& db_;
  const Config& config_;
};

}  // namespace lis::service
