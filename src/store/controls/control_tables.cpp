#include "store/controls/control_tables.h"

#include <nlohmann/json.hpp>

namespace lis::store {

const TableSpec& FrameworkTable() {
  static const TableSpec kSpec = {"frameworks",
                                  "framework",
                                  "",
                                  {{"ref", FieldType::kText},
                                   {"name_sv", FieldType::kText},
                                   {"name_en", FieldType::kText},
                                   {"description_sv", FieldType::kText},
                                   {"description_en", FieldType::kText},
                                   {"data_version", FieldType::kInt},
                                   {"source", FieldType::kText},
                                   {"themes", FieldType::kText}},
                                  "",
                                  nullptr};
  return kSpec;
}

const TableSpec& FrameworkControlTable() {
  static const TableSpec kSpec = {"framework_controls",
                                  "framework_control",
                                  "",
                                  {{"framework_id", FieldType::kInt},
                                   {"ref", FieldType::kText},
                                   {"theme", FieldType::kText},
                                   {"title_sv", FieldType::kText},
                                   {"title_en", FieldType::kText},
                                   {"description_sv", FieldType::kText},
                                   {"description_en", FieldType::kText},
                                   {"sort_order", FieldType::kInt}},
                                  "",
                                  nullptr};
  return kSpec;
}

std::optional<long long> FrameworkIdByRef(Tx& tx, const std::string& ref) {
  auto row = tx.QueryOne("SELECT id FROM frameworks WHERE ref = ?", {Value(ref)}, {Col::kInt});
  if (!row) return std::nullopt;
  return row->Int(0);
}

std::map<std::string, nlohmann::json> ControlsByRef(Tx& tx, long long framework_id) {
  Filter f;
  f.And("framework_id = ?", {Value(framework_id)});
  std::map<std::string, nlohmann::json> out;
  for (bool retired : {false, true})
    for (auto& c : ListRecords(tx, FrameworkControlTable(), f, "id", 1000000, 0, retired).items)
      out[c["ref"].get<std::string>()] = c;
  return out;
}

std::set<std::string> LiveControlRefs(Tx& tx, const std::string& framework_ref) {
  std::set<std::string> out;
  for (const auto& row :
       tx.Query("SELECT c.ref FROM framework_controls c JOIN frameworks f ON f.id = c.framework_id "
                "WHERE f.ref = ? AND f.deleted_at IS NULL AND c.deleted_at IS NULL",
                {Value(framework_ref)}, {Col::kText}))
    out.insert(row.Text(0));
  return out;
}

std::map<long long, long long> ControlCounts(Tx& tx) {
  std::map<long long, long long> out;
  for (const auto& row :
       tx.Query("SELECT framework_id, COUNT(*) FROM framework_controls WHERE deleted_at IS NULL "
                "GROUP BY framework_id",
                {}, {Col::kInt, Col::kInt}))
    out[row.Int(0)] = row.Int(1);
  return out;
}

}  // namespace lis::store
