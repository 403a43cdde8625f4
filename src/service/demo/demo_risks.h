// The demo's risk analysis: Socialförvaltningen's analysis of its case management system with
// three risks, one of them above the municipality's threshold with the treatment "accept",
// awaiting the decision of the information owner of Socialförvaltningen (infoagare.sof).
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace lis::service {

// Creates the demo risks through the services, as the CISO `ciso_user_id` holding its role at
// `units.at("kommun")`; the demo assets must exist (demo_assets.h).
Status LoadDemoRisks(store::Database& db, const std::map<std::string, long long>& units,
                     long long ciso_user_id);

}  // namespace lis::service
