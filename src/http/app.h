// The services behind one server process, wired once at start. Owns the services; borrows the
// configuration and the database, which must outlive it.
//
// This header only names the services: a page or API file includes the header of each service
// it calls, so a change to one service rebuilds its callers and not every handler.
#pragma once

#include <memory>

#include "http/router.h"

namespace lis {
struct Config;
namespace store {
class Database;
}
namespace service {
class ActionService;
class AssetImportService;
class AuditService;
class AuthService;
class DeviationService;
class ExceptionService;
class FrameworkService;
class IncidentReportService;
class IncidentReviewService;
class IncidentService;
class IncidentStatisticsService;
class IncidentSummaryService;
class InformationSetService;
class NotificationService;
class ObjectService;
class OrgService;
class RequirementService;
class RiskAnalysisService;
class RiskService;
class RiskSettingsService;
class SoaService;
class SystemService;
class UserService;
}  // namespace service
}  // namespace lis

namespace lis::http {

struct AppServices;

struct App {
  App(const Config& c, store::Database& d);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

 private:
  std::unique_ptr<AppServices> services_;  // first: the references below point into it

 public:
  const Config& config;
  store::Database& db;
  service::AuthService& auth;
  service::AuditService& audit;
  service::OrgService& org;
  service::UserService& users;
  service::ObjectService& objects;
  service::SystemService& systems;
  service::InformationSetService& sets;
  service::RequirementService& requirements;
  service::AssetImportService& imports;
  service::RiskSettingsService& risk_settings;
  service::RiskAnalysisService& analyses;
  service::RiskService& risks;
  service::ActionService& actions;
  service::FrameworkService& frameworks;
  service::SoaService& soa;
  service::IncidentService& incidents;
  service::IncidentReviewService& incident_reviews;
  service::IncidentStatisticsService& incident_stats;
  service::IncidentSummaryService& incident_summaries;
  service::IncidentReportService& incident_reports;
  service::NotificationService& notifications;
  service::DeviationService& deviations;
  service::ExceptionService& exceptions;
};

// A route handler that calls `fn` with the app.
using AppHandler = void (*)(App&, RequestContext&, HttpResponse&);
inline Handler Bind(App& app, AppHandler fn) {
  return [&app, fn](RequestContext& ctx, HttpResponse& out) { fn(app, ctx, out); };
}

}  // namespace lis::http
