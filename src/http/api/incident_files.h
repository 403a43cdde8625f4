// Incidents as files: the PDF summary of one incident (what IMY's personal data breach
// notification asks for, the clocks, the reports and the timeline) and the incident list as a
// spreadsheet, in the caller's language.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace lis::http {

// `summary` as service::IncidentSummaryService::Summary gives it. The PDF's bytes, or the PDF
// writer's error.
Result<std::string> IncidentSummaryPdf(const nlohmann::json& summary, const std::string& language);
// "Incident 12.pdf" ("Incident 12" in `language`).
std::string IncidentSummaryFileName(long long id, const std::string& language);

// The header and the cells of the list export: id, title, unit, status, severity, category,
// aspects, occurred and discovered (Swedish time), breach, significant, handler, clocks.
// `incidents` are listed incidents with "org_unit", "handler_name" and "deadlines".
std::vector<std::string> IncidentSheetHeader(const std::string& language);
std::vector<std::string> IncidentSheetRow(const nlohmann::json& incident,
                                          const std::string& language);
// The clocks' state in one cell: "gdpr_art33: running (due 2026-03-29 03:30)" per clock, in
// `language`; empty when no clock runs for the incident.
std::string ClocksCell(const nlohmann::json& deadlines, const std::string& language);

}  // namespace lis::http
