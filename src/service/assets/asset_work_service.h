// The asset work waiting for a caller, for its start page: the objects it holds an object role
// on, the classifications it may approve, and the reviews that are overdue or due soon. Every
// list is limited in SQL to what the caller may see (asset_access.h).
#pragma once

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct AssetWorkCounts {
  long long unclassified = 0;       // readable sets without a classification
  long long awaiting_approval = 0;  // readable sets with a draft classification
  long long review_overdue = 0;     // approved, review date passed
  long long review_soon = 0;        // approved, review due within the window (not overdue)
};

class AssetWorkService {
 public:
  explicit AssetWorkService(store::Database& db) : db_(db) {}

  // Objects on which the caller holds an object role (on the object, or on a node above
  // it), by name, each with "security_class". An empty page when it holds none.
  Result<store::Page> MyObjects(const Caller& caller, const PageRequest& page);
  // Information sets whose draft classification the caller may approve, the longest waiting
  // first, each with "security_class" and "classified_at".
  Result<store::Page> AwaitingApproval(const Caller& caller, const PageRequest& page);
  // Information sets the caller may classify or approve whose approved classification is due
  // for review within `days` days or overdue, the earliest first, each with
  // "security_class", "review_due" (YYYY-MM-DD) and "overdue".
  Result<store::Page> ReviewDue(const Caller& caller, const PageRequest& page, int days = 30);
  // Counts over the information sets the caller may read; kForbidden when it reads no
  // assets.
  Result<AssetWorkCounts> Counts(const Caller& caller, int days = 30);

 private:
  store::Database& db_;
};

}  // namespace lis::service
