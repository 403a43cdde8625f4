#include "service/controls/control_links.h"

#include "domain/controls/framework_format.h"
#include "service/assets/requirement_format.h"
#include "store/assets/asset_tables.h"
#include "store/controls/control_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Value;

std::set<std::string> AnnexAControlRefs(store::Tx& tx) {
  return store::LiveControlRefs(tx, domain::kAnnexAFramework);
}

std::vector<std::string> UnknownControlRefs(const std::set<std::string>& known, const json& refs) {
  std::vector<std::string> out;
  if (!refs.is_array()) return out;
  for (const auto& r : refs)
    if (r.is_string() && !known.count(domain::AnnexAControlRef(r.get<std::string>())))
      out.push_back(r.get<std::string>());
  return out;
}

json ControlLinks(store::Tx& tx, const json& refs) {
  json out = json::array();
  if (!refs.is_array()) return out;
  auto framework = store::FrameworkIdByRef(tx, domain::kAnnexAFramework);
  for (const auto& r : refs) {
    if (!r.is_string()) continue;
    std::string ref = domain::AnnexAControlRef(r.get<std::string>());
    json link = {{"ref", r},
                 {"control_ref", ref},
                 {"framework_id", nullptr},
                 {"control_id", nullptr},
                 {"title_sv", nullptr},
                 {"title_en", nullptr}};
    auto row = framework ? tx.QueryOne(
                               "SELECT id, title_sv, title_en FROM framework_controls WHERE "
                               "framework_id = ? AND ref = ? AND deleted_at IS NULL",
                               {Value(*framework), Value(ref)},
                               {store::Col::kInt, store::Col::kText, store::Col::kText})
                         : std::nullopt;
    if (row) {
      link["framework_id"] = *framework;
      link["control_id"] = row->Int(0);
      link["title_sv"] = row->Text(1);
      link["title_en"] = row->Text(2);
    }
    out.push_back(std::move(link));
  }
  return out;
}

std::map<std::string, std::vector<json>> RequirementsByControl(store::Tx& tx) {
  std::map<std::string, std::vector<json>> out;
  auto rows = store::ListRecords(tx, store::RequirementTable(), {}, "code", 1000000, 0).items;
  for (auto& row : rows) {
    json r = ShownRequirement(row);
    for (const auto& c : r["controls"])
      if (c.is_string())
        out[domain::AnnexAControlRef(c.get<std::string>())].push_back(
            {{"id", r["id"]}, {"code", r["code"]}});
  }
  return out;
}

}  // namespace lis::service
