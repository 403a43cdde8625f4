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

}  // namespace lis::store
