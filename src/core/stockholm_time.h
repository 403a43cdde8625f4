// Swedish civil time (Europe/Stockholm): CET (UTC+1), and CEST (UTC+2) from 01:00 UTC on the
// last Sunday of March to 01:00 UTC on the last Sunday of October (the EU rule, in force
// since 1996). Times are stored and computed in UTC (core/clock.h); these functions turn them
// into what a Swedish reader expects and do calendar arithmetic on the Swedish calendar.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/clock.h"

namespace lis {

// The offset of Swedish civil time from UTC at instant `t`, in minutes: 60 or 120. The
// second form takes whole seconds, which reach years a TimePoint cannot hold (up to 9999).
int StockholmOffsetMinutes(TimePoint t);
int StockholmOffsetMinutes(std::chrono::sys_seconds t);
// `t` as Swedish civil time, "2026-03-29 03:30" (to the minute, no zone letters).
std::string FormatStockholm(TimePoint t);
// `t` as RFC 3339 with the Swedish offset, "2026-03-29T03:30:00+02:00" (whole seconds).
std::string FormatStockholmRfc3339(TimePoint t);
// The Swedish calendar date of `t`, "2026-03-29".
std::string StockholmDate(TimePoint t);
// Today's date in Sweden.
std::string TodayStockholm();

// The instant `months` calendar months after `t` on the Swedish calendar, at the same local
// time of day. A day past the end of the target month becomes its last day (31 January + 1
// month = 28 or 29 February). A local time that does not exist (the skipped hour in March)
// moves forward by the hour skipped; one that occurs twice (October) is the first of the two.
TimePoint AddMonthsStockholm(TimePoint t, int months);

// A Swedish wall time as an HTML datetime-local input sends it, "2026-03-29T03:30" (seconds
// optional: "2026-03-29T03:30:15"), as the instant it names. A time in the hour skipped in
// March moves forward by that hour (02:30 is read as 03:30 summer time); one in the hour
// repeated in October is the first of the two (summer time). Nothing for any other text or a
// year outside 1900–2200.
std::optional<TimePoint> ParseStockholmLocal(std::string_view text);
// `t` as a datetime-local value in Swedish time, "2026-03-29T03:30".
std::string FormatStockholmLocalInput(TimePoint t);

}  // namespace lis
