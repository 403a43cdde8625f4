// Who is asking: the authenticated user with its role grants, as every service call needs it.
#pragma once

#include <string>
#include <vector>

#include "domain/org/roles.h"
#include "store/database.h"

namespace lis::service {

struct Caller {
  long long user_id = 0;
  std::string username;
  std::string name;
  std::string language = "sv";
  std::vector<domain::RoleGrant> grants;
  std::string address;       // client address, for the audit trail
  long long session_id = 0;  // 0 when authenticated by API token
  long long token_id = 0;    // 0 when authenticated by session

  // The actor the audit trail records for changes this caller makes.
  store::Actor ToActor(std::string comment = {}) const {
    store::Actor a;
    a.user_id = user_id;
    a.name = username;
    a.address = address;
    a.comment = std::move(comment);
    return a;
  }
};

// Paging of list calls (already checked: limit 1..500, offset >= 0).
struct PageRequest {
  long long limit = 50;
  long long offset = 0;
};

}  // namespace lis::service
