#include "core/stockholm_time.h"

#include <cstdio>

namespace lis {

namespace {

using namespace std::chrono;

// 01:00 UTC on the last Sunday of `m` in year `y`: when the EU switches its clocks.
sys_seconds SwitchInstant(int y, month m) {
  return sys_days{year{y} / m / Sunday[last]} + hours{1};
}

sys_seconds Floor(TimePoint t) {
  return floor<seconds>(t);
}

struct Civil {
  year_month_day date;
  hh_mm_ss<seconds> time;
};

Civil ToCivil(TimePoint t) {
  sys_seconds local = Floor(t) + minutes{StockholmOffsetMinutes(t)};
  sys_days day = floor<days>(local);
  return {year_month_day{day}, hh_mm_ss<seconds>{local - day}};
}

// The instant at which Swedish clocks show `wall` (a local date and time read as if it were
// UTC). A time in the skipped hour of March is read with winter time, which lands the hour
// later in summer time; one that occurs twice in October is the first (summer time).
TimePoint FromWall(sys_seconds wall);

}  // namespace

int StockholmOffsetMinutes(TimePoint t) {
  sys_seconds s = Floor(t);
  int y = static_cast<int>(year_month_day{floor<days>(s)}.year());
  bool summer = s >= SwitchInstant(y, March) && s < SwitchInstant(y, October);
  return summer ? 120 : 60;
}

std::string FormatStockholm(TimePoint t) {
  Civil c = ToCivil(t);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02ld:%02ld", static_cast<int>(c.date.year()),
                static_cast<unsigned>(c.date.month()), static_cast<unsigned>(c.date.day()),
                static_cast<long>(c.time.hours().count()),
                static_cast<long>(c.time.minutes().count()));
  return buf;
}

std::string FormatStockholmRfc3339(TimePoint t) {
  Civil c = ToCivil(t);
  int offset = StockholmOffsetMinutes(t);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02ld+%02d:00",
                static_cast<int>(c.date.year()), static_cast<unsigned>(c.date.month()),
                static_cast<unsigned>(c.date.day()), static_cast<long>(c.time.hours().count()),
                static_cast<long>(c.time.minutes().count()),
                static_cast<long>(c.time.seconds().count()), offset / 60);
  return buf;
}

std::string StockholmDate(TimePoint t) {
  return FormatStockholm(t).substr(0, 10);
}

namespace {
TimePoint FromWall(sys_seconds wall) {
  for (int offset : {120, 60}) {  // the earlier instant first
    TimePoint candidate = TimePoint(wall - minutes{offset});
    if (StockholmOffsetMinutes(candidate) == offset) return candidate;
  }
  return TimePoint(wall - minutes{60});
}
}  // namespace

std::string TodayStockholm() {
  return StockholmDate(system_clock::now());
}

TimePoint AddMonthsStockholm(TimePoint t, int months_to_add) {
  Civil c = ToCivil(t);
  year_month target = year_month{c.date.year(), c.date.month()} + months{months_to_add};
  day last_day = year_month_day_last{target.year(), month_day_last{target.month()}}.day();
  day d = c.date.day() > last_day ? last_day : c.date.day();
  return FromWall(sys_days{target / d} + c.time.to_duration()) + (t - Floor(t));
}

std::optional<TimePoint> ParseStockholmLocal(std::string_view local) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  int used = 0;
  std::string text(local);
  int n = std::sscanf(text.c_str(), "%4d-%2u-%2uT%2u:%2u%n", &y, &mo, &d, &h, &mi, &used);
  if (n != 5) return std::nullopt;
  if (static_cast<size_t>(used) < text.size()) {
    int more = 0;
    if (std::sscanf(text.c_str() + used, ":%2u%n", &s, &more) != 1 ||
        static_cast<size_t>(used + more) != text.size())
      return std::nullopt;
  }
  year_month_day date{year{y}, month{mo}, day{d}};
  if (text.size() < 16 || !date.ok() || h > 23 || mi > 59 || s > 59) return std::nullopt;
  return FromWall(sys_days{date} + hours{h} + minutes{mi} + seconds{s});
}

std::string FormatStockholmLocalInput(TimePoint t) {
  std::string text = FormatStockholm(t);
  text[10] = 'T';
  return text;
}

}  // namespace lis
