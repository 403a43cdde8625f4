#include "domain/notifications/clock_thresholds.h"

namespace lis::domain {

const std::vector<int>& ClockThresholds() {
  static const std::vector<int> kThresholds = {50, 90};
  return kThresholds;
}

std::optional<int> ClockThresholdReached(double elapsed) {
  std::optional<int> reached;
  for (int percent : ClockThresholds())
    if (elapsed * 100 >= percent) reached = percent;
  return reached;
}

}  // namespace lis::domain
