// The background sweep of `lis serve`: SweepClockNotifications, ExpireExceptions and
// RemindEndingExceptions every notification_sweep_seconds, in a thread of its own, until stopped.
#pragma once

#include <optional>

#include "core/config.h"
#include "core/periodic.h"
#include "store/database.h"

namespace lis::service {

class NotificationSweeper {
 public:
  // Sweeps once before returning (so a server starts with the notifications due written), then
  // starts the thread that sweeps every period. `db` and `config` must outlive it. The thread
  // inherits the caller's signal mask: block SIGTERM/SIGINT before (lis serve does).
  NotificationSweeper(store::Database& db, const Config& config);
  // Stops: a sweep in progress finishes, no new one starts; returns when the thread has ended.
  ~NotificationSweeper();
  NotificationSweeper(const NotificationSweeper&) = delete;
  NotificationSweeper& operator=(const NotificationSweeper&) = delete;

 private:
  void SweepOnce();  // logs failures, never throws

  store::Database& db_;
  const Config& config_;
  std::optional<Periodic> ticker_;
};

}  // namespace lis::service
