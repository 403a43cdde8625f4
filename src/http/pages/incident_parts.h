// Pieces shared by the incident pages (incident_pages.cpp, incident_detail_page.cpp): times in
// Swedish time, the words for statuses and severities, and the form fields that turn the
// browser's Swedish wall times into the UTC times the service takes.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/http_types.h"
#include "http/pages/form.h"

namespace lis::http {

// The stored UTC time `record[key]` in Swedish time, "2026-03-29 03:30"; "" when absent.
std::string IncidentTimeText(const nlohmann::json& record, const std::string& key);
// The same as a datetime-local value, "2026-03-29T03:30"; "" when absent.
std::string IncidentTimeInput(const nlohmann::json& record, const std::string& key);
// Now in Swedish time as a datetime-local value (what the report form starts from).
std::string NowInput();

std::string IncidentStatusText(const RequestContext& ctx, const nlohmann::json& incident);
// "2 – Betydande" for a severity; "Ej bedömd" when there is none.
std::string SeverityText(const RequestContext& ctx, const nlohmann::json& severity);
// The choices of a status, severity or category select ({value, label}).
std::vector<SelectOption> StatusOptions(const RequestContext& ctx);
std::vector<SelectOption> SeverityOptions(const RequestContext& ctx);
// The categories of the data list (service/incidents/incident_categories.h) as choices
// "Class: Type", in the request's language.
std::vector<SelectOption> CategoryOptions(const RequestContext& ctx);
// The label of category `code` ("" for none; the code itself when unknown).
std::string CategoryText(const RequestContext& ctx, const nlohmann::json& code);

// Replaces each of `fields` in `body` that holds a Swedish wall time from a datetime-local
// input with the UTC time it names (RFC 3339). An empty field becomes null when `optional`,
// else it is refused like a bad one: kInvalid naming the field.
Status WallTimesToUtc(nlohmann::json& body, const std::vector<std::string>& fields,
                      bool optional = false);

}  // namespace lis::http
