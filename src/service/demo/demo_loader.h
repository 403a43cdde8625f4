// The demo installation: a municipal group with its municipality, two companies, five
// förvaltningar, one account for every role, and a few information assets (demo_assets.h).
#pragma once

#include <string>
#include <vector>

#include "core/config.h"
#include "core/status.h"
#include "store/database.h"

namespace lis::service {

struct DemoAccount {
  std::string username;
  std::string password;
  std::string role;
  std::string scope;  // name of the organisation node, or "" for installation-wide
};

// Loads the demo data through the normal write path (audited as "system"). Refuses with
// kConflict if the database already holds organisation nodes or users. `config` gives the
// incident clocks' periods and recipients.
Result<std::vector<DemoAccount>> LoadDemo(store::Database& db, const Config& config = Config());

}  // namespace lis::service
