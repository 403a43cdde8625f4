// The demo's information assets: objects, systems and information sets of two förvaltningar,
// among them a secrecy-marked set of Socialförvaltningen that a system of Barn- och
// utbildningsförvaltningen (Elevhälsojournalen of the object Elevhälsan) processes, unclassified,
// for its object owner to classify and its information owner to approve.
#pragma once

#include <map>
#include <string>

#include "core/status.h"
#include "store/database.h"

namespace lis::service {

// Creates the demo assets through the services, as the CISO `ciso_user_id` holding its role at
// `units.at("kommun")`. `units` maps the demo's node keys to their ids.
Status LoadDemoAssets(store::Database& db, const std::map<std::string, long long>& units,
                      long long ciso_user_id);

}  // namespace lis::service
