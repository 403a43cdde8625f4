// Registration of the HTML pages.
#pragma once

#include "http/app.h"
#include "http/router.h"

namespace lis::http {

void RegisterLoginPages(Router& router, App& app);             // /login, /logout
void RegisterHomePage(Router& router, App& app);               // /
void RegisterOrgPages(Router& router, App& app);               // /org...
void RegisterUserPages(Router& router, App& app);              // /users...
void RegisterAccountPages(Router& router, App& app);           // /account...
void RegisterAuditPages(Router& router, App& app);             // /audit
void RegisterAssetPages(Router& router, App& app);             // /assets...
void RegisterAssetRestorePages(Router& router, App& app);      // /assets/.../deleted, restore
void RegisterRequirementPages(Router& router, App& app);       // /assets/requirements...
void RegisterAssetImportPage(Router& router, App& app);        // /assets/import
void RegisterRiskPages(Router& router, App& app);              // /risks...
void RegisterActionPages(Router& router, App& app);            // /actions...
void RegisterFrameworkPages(Router& router, App& app);         // /frameworks...
void RegisterSoaPages(Router& router, App& app);               // /soa, /org-units/{id}/soa...
void RegisterIncidentLearningPages(Router& router, App& app);  // /incidents/statistics, review
void RegisterIncidentPages(Router& router, App& app);          // /incidents...
// One incident (/incidents/{id}...); called by RegisterIncidentPages.
void RegisterIncidentDetailPages(Router& router, App& app);
void RegisterClockPages(Router& router, App& app);         // /incidents/{id}/reports...
void RegisterNotificationPages(Router& router, App& app);  // /notifications (the bell)
void RegisterDeviationPages(Router& router, App& app);     // /deviations...
void RegisterExceptionPages(Router& router, App& app);     // /exceptions...

inline void RegisterPages(Router& router, App& app) {
  RegisterLoginPages(router, app);
  RegisterHomePage(router, app);
  RegisterOrgPages(router, app);
  RegisterUserPages(router, app);
  RegisterAccountPages(router, app);
  RegisterAuditPages(router, app);
  RegisterAssetPages(router, app);
  RegisterAssetRestorePages(router, app);
  RegisterRequirementPages(router, app);
  RegisterAssetImportPage(router, app);
  RegisterRiskPages(router, app);
  RegisterActionPages(router, app);
  RegisterFrameworkPages(router, app);
  RegisterSoaPages(router, app);
  RegisterIncidentLearningPages(router, app);
  RegisterIncidentPages(router, app);
  RegisterClockPages(router, app);
  RegisterNotificationPages(router, app);
  RegisterDeviationPages(router, app);
  RegisterExceptionPages(router, app);
}

}  // namespace lis::http
