#include "service/notifications/notification_sweeper.h"

#include <spdlog/spdlog.h>

#include <chrono>

#include "core/clock.h"
#include "service/deviations/exception_service.h"
#include "service/notifications/incident_notifications.h"

namespace lis::service {

NotificationSweeper::NotificationSweeper(store::Database& db, const Config& config)
    : db_(db), config_(config) {
  SweepOnce();
  ticker_.emplace(std::chrono::seconds(config_.notification_sweep_seconds),
                  [this] { SweepOnce(); });
}

NotificationSweeper::~NotificationSweeper() = default;

void NotificationSweeper::SweepOnce() {
  try {
    SweepResult r = SweepClockNotifications(db_, config_, std::chrono::system_clock::now());
    if (r.notifications > 0 || r.failures > 0)
      spdlog::info("notification sweep: {} incidents, {} notifications, {} failures", r.incidents,
                   r.notifications, r.failures);
  } catch (const std::exception& e) {
    spdlog::error("notification sweep failed: {}", e.what());
  }
  try {
    auto now = std::chrono::system_clock::now();
    auto expired = ExpireExceptions(db_, now);
    if (!expired.ok())
      spdlog::error("exception expiry failed: {}", expired.error().message_key);
    else if (*expired > 0)
      spdlog::info("exception expiry: {} exceptions expired", *expired);
    auto reminded = RemindEndingExceptions(db_, now);
    if (!reminded.ok())
      spdlog::error("exception reminders failed: {}", reminded.error().message_key);
    else if (*reminded > 0)
      spdlog::info("exception reminders: {} written", *reminded);
  } catch (const std::exception& e) {
    spdlog::error("exception expiry failed: {}", e.what());
  }
}

}  // namespace lis::service
