#include "store/actions/action_tables.h"

namespace lis::store {

const TableSpec& ActionTable() {
  static const TableSpec kSpec = {"actions",
                                  "action",
                                  "org_unit_id",
                                  {{"org_unit_id", FieldType::kInt},
                                   {"title", FieldType::kText},
                                   {"description", FieldType::kText},
                                   {"owner_id", FieldType::kInt},
                                   {"due_date", FieldType::kText},
                                   {"priority", FieldType::kText},
                                   {"status", FieldType::kText},
                                   {"progress_note", FieldType::kText},
                                   {"origin", FieldType::kText},
                                   {"origin_id", FieldType::kInt},
                                   {"origin_ref", FieldType::kText},
                                   {"completed_at", FieldType::kText}}};
  return kSpec;
}

ActionReach ActionsReadBy(const Filter& units, long long owner) {
  ActionReach r;
  std::vector<Value> params = units.params;
  params.emplace_back(owner);
  r.all.And("(" + units.sql + " OR actions.owner_id = ?)", std::move(params));
  r.parts[0].And(units.sql, units.params);
  params = {Value(owner)};
  params.insert(params.end(), units.params.begin(), units.params.end());
  r.parts[1].And("actions.owner_id = ? AND NOT (" + units.sql + ")", std::move(params));
  return r;
}

}  // namespace lis::store
