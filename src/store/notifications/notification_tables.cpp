#include "store/notifications/notification_tables.h"

namespace lis::store {

const TableSpec& NotificationTable() {
  static const TableSpec kSpec = {"notifications",
                                  "notification",
                                  "org_unit_id",
                                  {{"user_id", FieldType::kInt},
                                   {"org_unit_id", FieldType::kInt},
                                   {"kind", FieldType::kText},
                                   {"entity", FieldType::kText},
                                   {"entity_id", FieldType::kInt},
                                   {"message_key", FieldType::kText},
                                   {"args", FieldType::kText},
                                   {"link", FieldType::kText},
                                   {"dedupe_key", FieldType::kText},
                                   {"read_at", FieldType::kText}}};
  return kSpec;
}

}  // namespace lis::store
