// Information sets (informationsmängder) and their classification on K, R, T and S.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/assets/classification.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct InformationSetListQuery {
  PageRequest page;
  std::optional<long long> org_unit_id;
  std::optional<long long> system_id;
  std::string search;
  std::optional<int> security_class;  // exactly this class
  bool unclassified = false;          // only sets without a classification
};

struct ClassificationSettings {
  domain::ClassificationScale scale;
  int review_months = 12;
};

class InformationSetService {
 public:
  InformationSetService(store::Database& db, ClassificationSettings settings = {})
      : db_(db), settings_(settings) {}

  Result<store::Page> List(const Caller& caller, const InformationSetListQuery& query);
  // One set with "system_ids", "security_class" (null while unclassified) and
  // "classification". Secrecy-marked details are left out for callers without kSecrecyRead.
  Result<nlohmann::json> Get(const Caller& caller, long long id);
  // Body: name, org_unit_id, and optional description, personal_data ("none", "ordinary",
  // "special", "criminal"), secrecy (an OSL reference), retention, system_ids.
  Result<nlohmann::json> Create(const Caller& caller, const nlohmann::json& body);
  Result<nlohmann::json> Update(const Caller& caller, long long id, const nlohmann::json& body);
  // Soft-deletes the set together with its classification.
  Result<nlohmann::json> Delete(const Caller& caller, long long id,
                                std::optional<long long> version);

  // Body: {"confidentiality": 0-4, "integrity", "availability", "traceability",
  // "motivations": {aspect: text, ...}} — every level and a motivation for each. Makes the
  // set's classification a draft by the caller. Replacing an existing classification
  // (approved or not) needs "version": the version of the one it replaces (else 400, or 409
  // with the current one when stale).
  Result<nlohmann::json> Classify(const Caller& caller, long long id, const nlohmann::json& body);
  // Body: {"version": N} of the draft. Approves it; review is due review_months later.
  Result<nlohmann::json> Approve(const Caller& caller, long long id, const nlohmann::json& body);

  // Soft-deleted records the caller may read, most recently deleted first (asset_restore.cpp).
  Result<store::Page> ListDeleted(const Caller& caller, const PageRequest& page);
  // Body {"version": N, "comment"?}: makes the record what it was at version N (one that was
  // not a deletion), live again if deleted, as an audited "restore". The place it goes back to
  // must exist: refused naming the field otherwise.
  // Restoring a deleted set also brings back the classification deleted with it; its links
  // to systems were kept, so it processes the same systems as when it was deleted.
  Result<nlohmann::json> Restore(const Caller& caller, long long id, const nlohmann::json& body);

  // Versions from the audit trail, oldest first (also after deletion), and the record as
  // it was at `at` (RFC 3339), for callers who may read it.
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

 private:
  Result<nlohmann::json> Readable(store::Tx& tx, const Caller& caller, long long id);
  Result<nlohmann::json> Full(store::Tx& tx, const Caller& caller, nlohmann::json set);
  Status CheckSystems(store::Tx& tx, const Caller& caller, const nlohmann::json& system_ids);

  store::Database& db_;
  ClassificationSettings settings_;
};

}  // namespace lis::service
