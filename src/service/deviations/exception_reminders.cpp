// Reminders in the bell before an exception ends (exception_service.h).
#include <nlohmann/json.hpp>
#include <set>

#include "core/stockholm_time.h"
#include "domain/deviations/exception_rules.h"
#include "service/deviations/exception_service.h"
#include "service/notifications/incident_notifications.h"
#include "service/notifications/notification_service.h"
#include "store/deviations/exception_queries.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;

namespace {

// The requester (when it is still an active user over the unit or not: it asked) and the CISOs
// over the exception's unit, each once.
std::set<long long> ReminderRecipients(Tx& tx, const json& e) {
  auto cisos = UsersWithRoleOver(tx, {"ciso"}, e["org_unit_id"].get<long long>());
  std::set<long long> out(cisos.begin(), cisos.end());
  if (e["requested_by"].is_number_integer()) out.insert(e["requested_by"].get<long long>());
  return out;
}

NotificationInput EndingReminder(const json& e, long long user, int days) {
  long long id = e["id"].get<long long>();
  NotificationInput n;
  n.user_id = user;
  n.org_unit_id = e["org_unit_id"].get<long long>();
  n.kind = "exception_ending";
  n.entity = "exception";
  n.entity_id = id;
  n.message_key =
      days == 1 ? "notification.exception_ending_tomorrow" : "notification.exception_ending";
  n.args = {{"title", e["title"].get<std::string>()},
            {"date", e["valid_until"].get<std::string>()},
            {"days", std::to_string(days)}};
  n.link = "/exceptions/" + std::to_string(id);
  n.dedupe_key = "exception_ending:" + std::to_string(id) + ":" + std::to_string(days) + ":" +
                 std::to_string(user);
  return n;
}

// The reminders due on `today`, written or not.
std::vector<NotificationInput> EndingReminders(Tx& tx, const std::string& today) {
  std::vector<NotificationInput> out;
  for (const json& e : store::ExceptionsEnding(tx, today, *AddDays(today, 29))) {
    auto days = domain::ExpiryReminderDays(e["valid_until"].get<std::string>(), today);
    if (!days) continue;
    for (long long user : ReminderRecipients(tx, e)) out.push_back(EndingReminder(e, user, *days));
  }
  return out;
}

}  // namespace

Result<int> RemindEndingExceptions(store::Database& db, TimePoint now) {
  std::string today = StockholmDate(now);
  store::Actor system;
  system.comment = "exception ending";
  int written = 0;
  auto s = db.WriteIfDue(
      system, [&](Tx& tx) { return AnyUnwritten(tx, EndingReminders(tx, today)); },
      [&](Tx& tx) -> Status {
        for (const auto& n : EndingReminders(tx, today))
          if (Notify(tx, n)) ++written;
        return {};
      });
  if (!s.ok()) return s.error();
  return written;
}

}  // namespace lis::service
