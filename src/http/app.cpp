#include "http/app.h"

#include "core/config.h"
#include "service/actions/action_service.h"
#include "service/assets/asset_import.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/requirement_service.h"
#include "service/assets/system_service.h"
#include "service/audit/audit_service.h"
#include "service/auth/auth_service.h"
#include "service/controls/framework_service.h"
#include "service/controls/soa_origin.h"
#include "service/controls/soa_service.h"
#include "service/deviations/deviation_origin.h"
#include "service/deviations/deviation_service.h"
#include "service/deviations/exception_service.h"
#include "service/incidents/incident_origin.h"
#include "service/incidents/incident_report_service.h"
#include "service/incidents/incident_review_service.h"
#include "service/incidents/incident_service.h"
#include "service/incidents/incident_statistics.h"
#include "service/incidents/incident_summary.h"
#include "service/notifications/incident_notifications.h"
#include "service/notifications/notification_service.h"
#include "service/org/org_service.h"
#include "service/org/user_service.h"
#include "service/risk/risk_analysis_service.h"
#include "service/risk/risk_origin.h"
#include "service/risk/risk_service.h"
#include "service/risk/risk_settings_service.h"
#include "store/database.h"

namespace lis::http {

namespace {

// The settings' limits for reading an uploaded spreadsheet.
tables::ReadLimits ImportLimits(const Config& c) {
  tables::ReadLimits limits;
  limits.max_unpacked_bytes = c.import_max_unpacked_bytes;
  limits.max_table_bytes = c.import_max_table_bytes;
  return limits;
}

}  // namespace

struct AppServices {
  AppServices(const Config& c, store::Database& d)
      : auth(d, c),
        audit(d),
        org(d),
        users(d),
        objects(d),
        systems(d),
        sets(d, {domain::ClassificationScale{c.classification_max_level}, c.review_months}),
        requirements(d, domain::ClassificationScale{c.classification_max_level}),
        imports(d, sets, ImportLimits(c)),
        risk_settings(d),
        analyses(d),
        risks(d),
        actions(d),
        frameworks(d),
        soa(d, c.max_evidence_bytes),
        incidents(d, c),
        incident_reviews(d),
        incident_stats(d),
        incident_summaries(d, c),
        incident_reports(d, c),
        notifications(d),
        deviations(d),
        exceptions(d, c.exception_max_months) {
    RegisterRiskOrigin(actions.origins());
    RegisterControlGapOrigin(actions.origins());
    RegisterIncidentOrigin(actions.origins());
    RegisterDeviationOrigin(actions.origins());
    incidents.OnReported(service::NotifyNewIncident);
  }
  service::AuthService auth;
  service::AuditService audit;
  service::OrgService org;
  service::UserService users;
  service::ObjectService objects;
  service::SystemService systems;
  service::InformationSetService sets;
  service::RequirementService requirements;
  service::AssetImportService imports;
  service::RiskSettingsService risk_settings;
  service::RiskAnalysisService analyses;
  service::RiskService risks;
  service::ActionService actions;
  service::FrameworkService frameworks;
  service::SoaService soa;
  service::IncidentService incidents;
  service::IncidentReviewService incident_reviews;
  service::IncidentStatisticsService incident_stats;
  service::IncidentSummaryService incident_summaries;
  service::IncidentReportService incident_reports;
  service::NotificationService notifications;
  service::DeviationService deviations;
  service::ExceptionService exceptions;
};

App::App(const Config& c, store::Database& d)
    : services_(std::make_unique<AppServices>(c, d)),
      config(c),
      db(d),
      auth(services_->auth),
      audit(services_->audit),
      org(services_->org),
      users(services_->users),
      objects(services_->objects),
      systems(services_->systems),
      sets(services_->sets),
      requirements(services_->requirements),
      imports(services_->imports),
      risk_settings(services_->risk_settings),
      analyses(services_->analyses),
      risks(services_->risks),
      actions(services_->actions),
      frameworks(services_->frameworks),
      soa(services_->soa),
      incidents(services_->incidents),
      incident_reviews(services_->incident_reviews),
      incident_stats(services_->incident_stats),
      incident_summaries(services_->incident_summaries),
      incident_reports(services_->incident_reports),
      notifications(services_->notifications),
      deviations(services_->deviations),
      exceptions(services_->exceptions) {}

App::~App() = default;

}  // namespace lis::http
