// In-app notifications, the bell (issue 6, item 6): messages to one user, written inside the
// transaction of the change that causes them, read and marked read by that user only.
//
// A notification names a catalogue text (message_key) and its arguments; the text is made in
// the reader's language when it is read. A notification with a dedupe_key is written at most
// once: Notify checks for the key before it inserts. Writers are serialised across processes
// (store::Database::Write), so the check cannot race with another LIS process; the unique
// index on dedupe_key is the last guard.
#pragma once

#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/status.h"
#include "service/caller.h"
#include "store/database.h"
#include "store/records.h"

namespace lis::service {

struct NotificationInput {
  long long user_id = 0;
  std::optional<long long> org_unit_id;  // the node of what it is about
  std::string kind;                      // incident_new, clock_threshold
  std::string entity;                    // what it is about ("incident") and its id
  long long entity_id = 0;
  std::string message_key;                  // catalogue key of the text
  std::map<std::string, std::string> args;  // {name} placeholders of the text
  std::string link;                         // a path inside LIS, "/incidents/7"
  std::optional<std::string> dedupe_key;    // written at most once per key
};

// Writes `n` in the caller's transaction `tx` (audited like every record). Returns whether it
// was written: false when a notification with its dedupe_key exists already.
bool Notify(store::Tx& tx, const NotificationInput& n);
// Whether a notification with `dedupe_key` has been written.
bool NotificationWritten(store::Tx& tx, const std::string& dedupe_key);
// Whether any of `planned` (each with a dedupe_key) has not been written yet.
bool AnyUnwritten(store::Tx& tx, const std::vector<NotificationInput>& planned);

struct NotificationListQuery {
  PageRequest page;
  bool unread_only = false;
  std::string language = "sv";  // of the texts
};

class NotificationService {
 public:
  explicit NotificationService(store::Database& db) : db_(db) {}

  // The caller's own notifications, unread first, newest first; each with "text" (made in
  // query.language) besides its columns.
  Result<store::Page> List(const Caller& caller, const NotificationListQuery& query);
  // How many of the caller's notifications are unread (one indexed COUNT).
  Result<long long> UnreadCount(const Caller& caller);
  // Marks one of the caller's notifications read (already read: as it is). Another user's
  // notification, or none, is not_found. `language` is that of the answer's "text".
  Result<nlohmann::json> MarkRead(const Caller& caller, long long id, const std::string& language);
  // Marks all the caller's unread notifications read; returns how many.
  Result<long long> MarkAllRead(const Caller& caller);

 private:
  store::Database& db_;
};

}  // namespace lis::service
