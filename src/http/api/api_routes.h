// Registration of the JSON API under /api/v1. Every handler calls one service method.
#pragma once

#include "http/app.h"
#include "http/router.h"

namespace lis::http {

void RegisterSessionApi(Router& router, App& app);        // session, me, tokens
void RegisterOrgApi(Router& router, App& app);            // org-units
void RegisterUserApi(Router& router, App& app);           // users and their roles
void RegisterAuditApi(Router& router, App& app);          // audit log
void RegisterAssetApi(Router& router, App& app);          // objects, systems, information sets
void RegisterRequirementApi(Router& router, App& app);    // editing the requirement catalogue
void RegisterAssetTransferApi(Router& router, App& app);  // their import and export
void RegisterRiskApi(Router& router, App& app);           // risk analyses, risks, settings, matrix
void RegisterActionApi(Router& router, App& app);         // the action list
void RegisterFrameworkApi(Router& router, App& app);      // the control framework library
void RegisterSoaApi(Router& router, App& app);            // statement of applicability
void RegisterIncidentApi(Router& router, App& app);       // incidents, timeline, links
void RegisterIncidentLearningApi(Router& router, App& app);  // incident review, statistics, files
void RegisterIncidentClockApi(Router& router, App& app);     // incident reports and clocks
void RegisterNotificationApi(Router& router, App& app);      // the bell: notifications
void RegisterDeviationApi(Router& router, App& app);         // deviations, exceptions

inline void RegisterApi(Router& router, App& app) {
  RegisterSessionApi(router, app);
  RegisterOrgApi(router, app);
  RegisterUserApi(router, app);
  RegisterAuditApi(router, app);
  RegisterAssetApi(router, app);
  RegisterRequirementApi(router, app);
  RegisterAssetTransferApi(router, app);
  RegisterRiskApi(router, app);
  RegisterActionApi(router, app);
  RegisterFrameworkApi(router, app);
  RegisterSoaApi(router, app);
  RegisterIncidentApi(router, app);
  RegisterIncidentLearningApi(router, app);
  RegisterIncidentClockApi(router, app);
  RegisterNotificationApi(router, app);
  RegisterDeviationApi(router, app);
}

}  // namespace lis::http
