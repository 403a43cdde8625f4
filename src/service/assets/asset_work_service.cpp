#include "service/assets/asset_work_service.h"

#include <chrono>
#include <functional>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/assets/asset_access.h"
#include "service/assets/register_query.h"
#include "service/authorizer.h"
#include "store/assets/asset_tables.h"

namespace lis::service {

using domain::Permission;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

// The live classification of the listed set, as a subquery over column `column`.
std::string ClassificationSql(const std::string& column) {
  return "(SELECT c." + column +
         " FROM classifications c WHERE c.information_set_id = information_sets.id AND "
         "c.deleted_at IS NULL)";
}

// The date `days` days after the transaction's instant (YYYY-MM-DD).
std::string DaysAhead(Tx& tx, int days) {
  auto now = ParseTime(tx.Now());
  return FormatTime(*now + std::chrono::hours(24 * days)).substr(0, 10);
}

// On the register's cached columns (store/assets/derived_cache.h): a draft behind the set,
// and the review date of its approved classification.
void FilterDrafts(store::Filter& f) {
  f.And("information_sets.derived_drafts > 0");
}

void FilterReviewBy(store::Filter& f, const std::string& last_day) {
  f.And("information_sets.derived_review_due <= ?", {Value(last_day)});
}

// Adds the classification's text column `column` to each item under the same name.
void AddClassificationText(Tx& tx, store::Page& page, const std::string& column) {
  for (auto& item : page.items) {
    auto row = tx.QueryOne("SELECT " + column +
                               " FROM classifications WHERE information_set_id = ? AND "
                               "deleted_at IS NULL",
                           {Value(item["id"].get<long long>())}, {store::Col::kText});
    item[column] = row ? json(row->Text(0)) : json(nullptr);
  }
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
    FilterDrafts(f);
    auto out = store::ListRecords(tx, store::InformationSetTable(), f,
                                  ClassificationSql("classified_at") + ", name, id", page.limit,
                                  page.offset, false, SetClass());
    AddClassificationText(tx, out, "classified_at");
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
    if (!classify.sql.empty() && !approve.sql.empty()) {
      std::vector<Value> params = classify.params;
      params.insert(params.end(), approve.params.begin(), approve.params.end());
      f.And("((" + classify.sql + ") OR (" + approve.sql + "))", std::move(params));
    }
    FilterReviewBy(f, DaysAhead(tx, days));
    auto out = store::ListRecords(tx, store::InformationSetTable(), f,
                                  "information_sets.derived_review_due, name, id", page.limit,
                                  page.offset, false, SetClass());
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
    c.unclassified =
        count([](store::Filter& f) { f.And("information_sets.derived_class IS NULL"); });
    c.awaiting_approval = count(FilterDrafts);
    c.review_overdue = count([&](store::Filter& f) {
      f.And("information_sets.derived_review_due < ?", {Value(today)});
    });
    c.review_soon = count([&](store::Filter& f) {
      FilterReviewBy(f, DaysAhead(tx, days));
      f.And("information_sets.derived_review_due >= ?", {Value(today)});
    });
    return c;
  });
}

}  // namespace lis::service
