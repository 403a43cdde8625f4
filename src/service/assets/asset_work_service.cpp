#include "service/assets/asset_work_service.h"

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/assets/asset_access.h"
#include "service/assets/register_query.h"
#include "service/authorizer.h"
#include "store/assets/asset_queries.h"
#include "store/assets/asset_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

// The date `days` days after the transaction's instant (YYYY-MM-DD).
std::string DaysAhead(Tx& tx, int days) {
  auto now = ParseTime(tx.Now());
  return FormatTime(*now + std::chrono::hours(24 * days)).substr(0, 10);
}

// The security class and review date listed with each set or object (the register's cached
// columns).
std::vector<store::ComputedField> SetClass() {
  return RegisterColumns(RegisterKind::kSets);
}

}  // namespace

Result<store::Page> AssetWorkService::MyObjects(const Caller& caller, const PageRequest& page) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    if (!FilterObjectsOfObjectRoles(f, caller, "objects.id", "objects.org_unit_id",
                                    Permission::kAssetRead))
      return store::Page{};
    return store::ListRecords(tx, store::ObjectTable(), f, "name, id", page.limit, page.offset,
                              false, RegisterColumns(RegisterKind::kObjects));
  });
}

Result<store::Page> AssetWorkService::AwaitingApproval(const Caller& caller,
                                                       const PageRequest& page) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    if (!ScopesOf(caller, Permission::kApprove).any() &&
        !domain::ObjectRoleScopesFor(caller.grants, Permission::kApprove).any() &&
        domain::ObjectsFor(caller.grants, Permission::kApprove).empty())
      return store::Page{};
    store::Filter f;
    FilterSets(f, caller, Permission::kApprove);
    store::AndSetsWithDrafts(f);
    long long total = store::CountRecords(tx, store::InformationSetTable(), f);
    // The page's ids first, walking the drafts by their time; then those sets in that order.
    auto ids = store::DraftSetIdsPage(tx, f, page.limit, page.offset);
    store::Filter these;
    store::AndSetIds(these, ids);
    auto out = store::ListCountedRecords(tx, store::InformationSetTable(), total, these,
                                         store::SetsByClassifiedAt(),
                                         static_cast<long long>(ids.size()), 0, false, SetClass());
    store::AddClassificationText(tx, out, "classified_at");
    return out;
  });
}

Result<store::Page> AssetWorkService::ReviewDue(const Caller& caller, const PageRequest& page,
                                                int days) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    // Those who classify or approve a set keep its classification current.
    store::Filter classify, approve;
    FilterSets(classify, caller, Permission::kClassify);
    FilterSets(approve, caller, Permission::kApprove);
    store::Filter f;
    if (!classify.sql.empty() && !approve.sql.empty()) store::AndEither(f, classify, approve);
    store::AndSetsReviewWithin(f, "", DaysAhead(tx, days));
    auto out = store::ListRecords(tx, store::InformationSetTable(), f, store::SetsByReviewDue(),
                                  page.limit, page.offset, false, SetClass());
    std::string today = tx.Now().substr(0, 10);
    for (auto& item : out.items) item["overdue"] = item["review_due"].get<std::string>() < today;
    return out;
  });
}

Result<AssetWorkCounts> AssetWorkService::Counts(const Caller& caller, int days) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<AssetWorkCounts>([&](Tx& tx) -> Result<AssetWorkCounts> {
    auto count = [&](const std::function<void(store::Filter&)>& condition) {
      store::Filter f;
      FilterReadableSets(f, caller);
      condition(f);
      return store::CountRecords(tx, store::InformationSetTable(), f);
    };
    std::string today = tx.Now().substr(0, 10);
    AssetWorkCounts c;
    c.unclassified = count(store::AndSetsUnclassified);
    c.awaiting_approval = count(store::AndSetsWithDrafts);
    c.review_overdue = count([&](store::Filter& f) { store::AndSetsReviewBefore(f, today); });
    c.review_soon =
        count([&](store::Filter& f) { store::AndSetsReviewWithin(f, today, DaysAhead(tx, days)); });
    return c;
  });
}

}  // namespace lis::service
