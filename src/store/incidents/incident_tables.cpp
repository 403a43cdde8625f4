#include "store/incidents/incident_tables.h"

namespace lis::store {

const TableSpec& IncidentTable() {
  static const TableSpec kSpec = {"incidents",
                                  "incident",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"system_id", FieldType::kInt},
                                   {"title", FieldType::kText},
                                   {"description", FieldType::kText},
                                   {"occurred_at", FieldType::kText},
                                   {"discovered_at", FieldType::kText},
                                   {"awareness_at", FieldType::kText},
                                   {"personal_data", FieldType::kBool},
                                   {"ongoing", FieldType::kBool},
                                   {"reporter_id", FieldType::kInt},
                                   {"reporter_contact", FieldType::kText},
                                   {"reported_via", FieldType::kText},
                                   {"status", FieldType::kText},
                                   {"severity", FieldType::kInt},
                                   {"category", FieldType::kText},
                                   {"aspects", FieldType::kText},
                                   {"handler_id", FieldType::kInt},
                                   {"personal_data_breach", FieldType::kBool},
                                   {"significant", FieldType::kBool},
                                   {"triaged_at", FieldType::kText},
                                   {"closed_at", FieldType::kText},
                                   {"triage_seconds", FieldType::kInt},
                                   {"close_seconds", FieldType::kInt},
                                   {"breach_subjects", FieldType::kText},
                                   {"breach_records", FieldType::kText},
                                   {"breach_consequences", FieldType::kText},
                                   {"breach_measures", FieldType::kText},
                                   {"breach_subjects_informed", FieldType::kText}}};
  return kSpec;
}

const TableSpec& IncidentTimelineTable() {
  static const TableSpec kSpec = {"incident_timeline",
                                  "incident_timeline_entry",
                                  "org_unit_id",
                                  {{"incident_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"body", FieldType::kText},
                                   {"happened_at", FieldType::kText},
                                   {"author_id", FieldType::kInt},
                                   {"author_name", FieldType::kText}}};
  return kSpec;
}

const TableSpec& IncidentLinkTable() {
  static const TableSpec kSpec = {"incident_links",
                                  "incident_link",
                                  "org_unit_id",
                                  {{"incident_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"target_id", FieldType::kInt}}};
  return kSpec;
}

const TableSpec& IncidentReportTable() {
  static const TableSpec kSpec = {"incident_reports",
                                  "incident_report",
                                  "org_unit_id",
                                  {{"incident_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"outcome", FieldType::kText},
                                   {"made_at", FieldType::kText},
                                   {"reference", FieldType::kText},
                                   {"recipient", FieldType::kText},
                                   {"reason", FieldType::kText},
                                   {"late_reason", FieldType::kText},
                                   {"decided_by", FieldType::kInt}}};
  return kSpec;
}

const TableSpec& IncidentReviewTable() {
  static const TableSpec kSpec = {"incident_reviews",
                                  "incident_review",
                                  "org_unit_id",
                                  {{"incident_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"cause", FieldType::kText},
                                   {"what_worked", FieldType::kText},
                                   {"to_improve", FieldType::kText},
                                   {"reviewed_by", FieldType::kInt},
                                   {"reviewed_at", FieldType::kText}}};
  return kSpec;
}

}  // namespace lis::store
