#include "core/periodic.h"

#include <gtest/gtest.h>

#include <atomic>

namespace lis {
namespace {

// It ticks until destroyed, and not after: the count read after destruction stays.
TEST(Periodic, TicksUntilDestroyedAndNotAfter) {
  std::atomic<int> ticks{0};
  {
    Periodic p(std::chrono::milliseconds(1), [&] { ++ticks; });
    while (ticks.load() < 3) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int at_stop = ticks.load();
  EXPECT_GE(at_stop, 3);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(ticks.load(), at_stop);
}

// Destroying it does not wait out the period.
TEST(Periodic, StopsWithoutWaitingForThePeriod) {
  int ticks = 0;
  {
    Periodic p(std::chrono::hours(1), [&] { ++ticks; });
  }
  EXPECT_EQ(ticks, 0);
}

}  // namespace
}  // namespace lis
