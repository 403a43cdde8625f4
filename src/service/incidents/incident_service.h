// Incidents (issue 6): reporting by anyone logged in, handling by the CISO, IT security and
// assigned handlers, an append-only timeline, and links to systems, information sets, risks
// and actions. Who sees what: incident_access.h. Every change is one audited transaction.
#pragma once

#include <functional>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct IncidentListQuery {
  PageRequest page;
  // new, triage, investigating, contained, resolved, closed; "open" = not resolved or closed.
  std::string status;
  std::optional<long long> org_unit_id;  // the node and everything below it
  std::optional<long long> handler_id;   // "me" is read as the caller's id
  std::optional<int> severity;
  std::string category;
  std::optional<bool> personal_data_breach;
  std::optional<bool> significant;
  std::string search;  // part of the title, any case
  // created_at, occurred_at, severity, status, title; "-" in front for descending. Empty:
  // newest first.
  std::string sort;
};

// Reads a list query from request parameters (status, org_unit_id, handler_id, severity,
// category, personal_data_breach, significant, q, sort). A bad value is kInvalid naming the
// parameter.
Result<IncidentListQuery> ReadIncidentListQuery(const ParamLookup& param, long long caller_id);

class IncidentService {
 public:
  IncidentService(store::Database& db, const Config& config);

  // Runs in the transaction of every new report, after the incident is written (the bell:
  // notifications to the handlers of its unit).
  using ReportHook = std::function<void(store::Tx& tx, const nlohmann::json& incident)>;
  void OnReported(ReportHook hook) { on_reported_.push_back(std::move(hook)); }

  // Anyone logged in. Body: title, description, occurred_at, discovered_at (RFC 3339, not in
  // the future, discovery not before occurrence), org_unit_id, optional system_id,
  // personal_data, ongoing, reporter_contact. The caller is the reporter; reported_via is
  // "api" for a token, "web" otherwise. Status new, awareness_at = discovered_at.
  Result<nlohmann::json> Report(const Caller& caller, const nlohmann::json& body);
  // Incidents the caller sees in full that match the query.
  Result<store::Page> List(const Caller& caller, const IncidentListQuery& query);
  // The caller's own reports as reporter summaries, newest first.
  Result<store::Page> ListReported(const Caller& caller, const PageRequest& page);
  // One incident: the full record with "deadlines" (incident_deadlines.h), "links",
  // "org_unit", "handler_name", "can": {...} for a full viewer; the reporter summary (what it
  // reported, status, created_at; view "reporter") for its reporter; not_found otherwise.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Handling fields (version required): status, severity, category, aspects, handler_id,
  // personal_data_breach, significant, awareness_at, system_id, org_unit_id, title,
  // description, ongoing. Sets triaged_at and closed_at as the status moves.
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // The timeline, oldest first (full viewers only).
  Result<std::vector<nlohmann::json>> Timeline(const Caller& caller, long long id);
  // Appends one entry (handlers): kind (note, decision, contact), body, optional happened_at.
  Result<nlohmann::json> AddTimelineEntry(const Caller& caller, long long id,
                                          const nlohmann::json& body);
  // One entry of the timeline (full viewers only). There is no way to change or remove one.
  Result<nlohmann::json> TimelineEntry(const Caller& caller, long long id, long long entry_id);

  // The incident's links with "label" (full viewers only), oldest first.
  Result<std::vector<nlohmann::json>> Links(const Caller& caller, long long id);
  // Links the incident (handlers) to a system, information_set, risk or action the caller may
  // read. Body: kind, target_id. A link that exists already is a conflict.
  Result<nlohmann::json> AddLink(const Caller& caller, long long id, const nlohmann::json& body);
  Status RemoveLink(const Caller& caller, long long id, long long link_id);
  // The audit history of the incident record (full viewers only).
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);

 private:
  // The caller's view of `incident` as Get answers it (full view with deadlines, links and
  // can; or the reporter summary).
  nlohmann::json Decorated(store::Tx& tx, const Caller& caller, const nlohmann::json& incident);
  std::vector<nlohmann::json> LinksOf(store::Tx& tx, const Caller& caller, long long id);

  store::Database& db_;
  const Config& config_;
  std::vector<ReportHook> on_reported_;
};

}  // namespace lis::service
