// The in-app notifications (the bell): messages to one user (migration 8).
#pragma once

#include "store/records.h"

namespace lis::store {

// A notification to user_id about entity/entity_id, shown with the catalogue text
// `message_key` filled from `args` (JSON object as text) and linking to `link`; unread while
// read_at is null. A notification with a dedupe_key is written at most once.
const TableSpec& NotificationTable();

}  // namespace lis::store
