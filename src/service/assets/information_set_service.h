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

  // Versions from the audit trail, oldest first (also after deletion), and the record as
  // it was at `at` (RFC 3339), for callers who may read it.
  Result<std::vector<nlohmann::json>> History(const Caller& caller, long long id);
  Result<nlohmann::json> GetAt(const Caller& caller, long long id, const std::string& at);

  // The checks of Create and Classify, shared with the import.
  struct NewSet {
    nlohmann::json record;
    nlohmann::json system_ids;  // array of ids
  };
  // The set a create body describes, with defaults, checked without the database.
  static Result<NewSet> NewRecord(const nlohmann::json& body);
  // Checks a NewSet against the database (org unit, systems the caller may read) and that the
  // caller may `permission` on it once it exists; writes nothing.
  Status CheckNew(store::Tx& tx, const Caller& caller, NewSet& set,
                  domain::Permission permission = domain::Permission::kAssetWrite);
  // Inserts a checked NewSet with its system links; the created record.
  nlohmann::json InsertNew(store::Tx& tx, const NewSet& set);
  // The levels and motivations of a classification body (see Classify), checked.
  struct Draft {
    domain::AspectLevels levels;
    nlohmann::json motivations;  // aspect -> trimmed text
  };
  Result<Draft> CheckDraft(const nlohmann::json& body) const;
  // The values of a draft classification of `set` by the caller, for insert or update.
  nlohmann::json DraftValues(store::Tx& tx, const Caller& caller, const nlohmann::json& set,
                             const Draft& draft) const;

 private:
  Result<nlohmann::json> Readable(store::Tx& tx, const Caller& caller, long long id);
  Result<nlohmann::json> Full(store::Tx& tx, const Caller& caller, nlohmann::json set);
  Status CheckSystems(store::Tx& tx, const Caller& caller, const nlohmann::json& system_ids);

  store::Database& db_;
  ClassificationSettings settings_;
};

}  // namespace lis::service
