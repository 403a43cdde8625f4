// The protection-requirement catalogue (skyddskrav) and what it asks of each system.
#pragma once

#include <nlohmann/json_fwd.hpp>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

class RequirementService {
 public:
  explicit RequirementService(store::Database& db) : db_(db) {}

  // Loads the catalogue shipped in web/catalogue/requirements.json when the database has
  // none yet (audited as the system). Returns how many were loaded.
  static Result<int> LoadShippedCatalogue(store::Database& db);

  // The catalogue, by code.
  Result<store::Page> List(const Caller& caller, const PageRequest& page);
  // The requirements that system `system_id`'s classification triggers (its level per aspect
  // is the highest over its classified information sets), each with its status ("open" until
  // someone records one), how it is met and the motivation.
  Result<store::Page> ForSystem(const Caller& caller, long long system_id);
  // Records how system `system_id` meets requirement `code`. Body: status ("open", "met",
  // "partly_met", "not_met", "not_applicable"), how, motivation (required for
  // not_applicable), and "version" once a status has been recorded. Only for requirements the
  // system's classification triggers.
  Result<nlohmann::json> SetStatus(const Caller& caller, long long system_id,
                                   const std::string& code, const nlohmann::json& body);

 private:
  store::Database& db_;
};

}  // namespace lis::service
