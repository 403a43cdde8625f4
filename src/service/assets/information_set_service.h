// Information sets (informationsmängder) and their classification on K, R, T and S.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/assets/classification.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct InformationSetListQuery : RegisterFilter {
  PageRequest page;
  std::optional<long long> system_id;  // processed by this system
};
// The filter and sort of an information-set list from request parameters (ReadRegisterFilter
// and system_id); the page is left as it is.
Result<InformationSetListQuery> ReadSetListQuery(const ParamLookup& param);

// Information sets per organisation node, for the overview.
struct SetCounts {
  long long total = 0, unclassified = 0, draft = 0, approved = 0, review_overdue = 0;
};
struct SetOverviewRow {
  long long org_unit_id = 0;
  std::string name;
  int depth = 0;     // 0 for the top of the caller's view, 1 below it, ...
  SetCounts counts;  // the sets placed at the node or anywhere below it
};
struct SetOverview {
  std::vector<SetOverviewRow> rows;  // in tree order (by name under each parent)
  SetCounts totals;                  // every set the caller may read
};

struct ClassificationSettings {
  domain::ClassificationScale scale;
  int review_months = 12;
};

class InformationSetService {
 public:
  InformationSetService(store::Database& db, ClassificationSettings settings = {})
      : db_(db), settings_(settings) {}

  const ClassificationSettings& Settings() const { return settings_; }

  // Sets the caller may read that match the filter, sorted (by name unless asked), each with
  // "security_class", "review_due" and "classification_status". Secrecy-marked details are
  // left out for callers without kSecrecyRead.
  Result<store::Page> List(const Caller& caller, const InformationSetListQuery& query);
  // How many sets the caller may read are unclassified, draft, approved and overdue for
  // review, per node of its read scope (and per node holding a set it may read).
  Result<SetOverview> Overview(const Caller& caller);
  // One set with "system_ids", "org_unit" (the owning unit's name, also for readers of the
  // set who do not see that unit otherwise), "security_class" (null while unclassified) and
  // "classification", and "can": {"edit", "classify", "approve"}, what the caller may do with
  // it. Secrecy-marked details are left out for callers without kSecrecyRead.
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
  // it was at `at` (RFC 3339), for callers who may read it (the rule of Get). Callers
  // without kSecrecyRead see description and retention of a set that is or was
  // secrecy-marked as null ("redacted": true), in every version.
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
