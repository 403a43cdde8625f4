// When a running regulatory clock earns a notice on the bell (issue 6, item 6): at half and at
// 90 % of its period. Pure rules, no I/O.
#pragma once

#include <optional>
#include <vector>

namespace lis::domain {

// The thresholds, in percent of a clock's period, in rising order: 50 and 90.
const std::vector<int>& ClockThresholds();

// The threshold to notify for a clock whose share `elapsed` of its period has passed
// (domain::ClockElapsed): the highest threshold reached, or nothing below the first. Only the
// highest counts: a clock first seen at 95 % gets the 90 % notice, not a stale 50 % one too.
std::optional<int> ClockThresholdReached(double elapsed);

}  // namespace lis::domain
