// The overview of information sets per organisation node (InformationSetService::Overview).
#include <algorithm>
#include <functional>
#include <map>
#include <tuple>

#include "service/assets/asset_access.h"
#include "service/assets/information_set_service.h"
#include "service/authorizer.h"
#include "store/assets/asset_queries.h"

namespace lis::service {

using store::Col;
using store::Tx;
using store::Value;

namespace {

struct Unit {
  long long parent = 0;  // 0 for a root
  std::string name;
  std::vector<long long> children;
};

void Add(SetCounts& to, const SetCounts& c) {
  to.total += c.total;
  to.unclassified += c.unclassified;
  to.draft += c.draft;
  to.approved += c.approved;
  to.review_overdue += c.review_overdue;
}

// Counts of the sets the caller may read, per node they are placed at.
std::map<long long, SetCounts> CountsPerUnit(Tx& tx, const Caller& caller) {
  store::Filter f;
  FilterReadableSets(f, caller);
  std::map<long long, SetCounts> out;
  for (const auto& [unit, c] : store::SetCountsPerUnit(tx, f, Today()))
    out[unit] = {c.total, c.unclassified, c.draft, c.approved, c.review_overdue};
  return out;
}

std::map<long long, Unit> LoadUnits(Tx& tx) {
  std::map<long long, Unit> units;
  for (const auto& r : store::LiveUnits(tx)) units[r.id] = {r.parent_id, r.name, {}};
  for (auto& [id, u] : units)
    if (units.count(u.parent)) units[u.parent].children.push_back(id);
  for (auto& [id, u] : units)
    std::sort(u.children.begin(), u.children.end(), [&](long long a, long long b) {
      return std::tie(units[a].name, a) < std::tie(units[b].name, b);
    });
  return units;
}

}  // namespace

Result<SetOverview> InformationSetService::Overview(const Caller& caller) {
  if (!CanReadAnyAsset(caller)) return Forbidden();
  return db_.ReadResult<SetOverview>([&](Tx& tx) -> Result<SetOverview> {
    auto direct = CountsPerUnit(tx, caller);
    auto units = LoadUnits(tx);
    // Listed: the nodes of the caller's read scope and every node holding a readable set.
    auto scopes = ScopesOf(caller, domain::Permission::kAssetRead);
    std::map<long long, bool> listed;
    std::function<void(long long)> mark = [&](long long id) {
      listed[id] = true;
      for (long long c : units[id].children) mark(c);
    };
    for (const auto& [id, u] : units)
      if (scopes.everywhere && !units.count(u.parent)) mark(id);
    for (long long root : scopes.roots)
      if (units.count(root)) mark(root);
    SetOverview out;
    std::map<long long, SetCounts> rolled;
    for (const auto& [unit, counts] : direct) {
      Add(out.totals, counts);
      listed[unit] = true;
      for (long long u = unit; units.count(u); u = units[u].parent) Add(rolled[u], counts);
    }
    // Tree order: a listed node whose parent is not listed starts a tree of its own.
    std::function<void(long long, int)> walk = [&](long long id, int depth) {
      out.rows.push_back({id, units[id].name, depth, rolled[id]});
      for (long long c : units[id].children)
        if (listed.count(c)) walk(c, depth + 1);
    };
    std::vector<long long> tops;
    for (const auto& [id, _] : listed)
      if (units.count(id) && !listed.count(units[id].parent)) tops.push_back(id);
    std::sort(tops.begin(), tops.end(), [&](long long a, long long b) {
      return std::tie(units[a].name, a) < std::tie(units[b].name, b);
    });
    for (long long t : tops) walk(t, 0);
    return out;
  });
}

}  // namespace lis::service
