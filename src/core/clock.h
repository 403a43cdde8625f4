// UTC time as stored and shown: fixed-width ISO-8601 text that sorts like the instant it names.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace lis {

using TimePoint = std::chrono::system_clock::time_point;

// "2026-11-28T20:13:41.123456Z" (always 27 characters, microseconds, UTC).
std::string FormatTime(TimePoint t);
std::string NowText();
// Accepts RFC 3339 with a 'Z' or a numeric offset and optional fraction; nothing on bad input.
// Times beyond what a TimePoint holds (before 1678, after 2261) become TimePoint::min()/max().
std::optional<TimePoint> ParseTime(std::string_view text);

// Whether `text` is a calendar date written YYYY-MM-DD (2028-02-29 yes, 2026-02-29 no).
bool IsDate(std::string_view text);
// The date `days` after the YYYY-MM-DD date `date`; nothing when `date` is not a date.
std::optional<std::string> AddDays(std::string_view date, int days);

}  // namespace lis
