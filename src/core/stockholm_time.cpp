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

}  // namespace

namespace {

// The instant at which Swedish clocks show `wall` (a local wall time written as if it were
// UTC): the earlier of two in the repeated hour of October, the hour later for a time in the
// hour skipped in March (read with winter time, which lands in summer time).
sys_seconds FromWall(sys_seconds wall) {
  for (int offset : {120, 60}) {
    sys_seconds candidate = wall - minutes{offset};
    if (StockholmOffsetMinutes(candidate) == offset) return candidate;
  }
  return wall - minutes{60};
}

}  // namespace

int StockholmOffsetMinutes(TimePoint t) {
  return StockholmOffsetMinutes(Floor(t));
}

int StockholmOffsetMinutes(sys_seconds s) {
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

std::string FormatStockholmLocalInput(TimePoint t) {
  std::string text = FormatStockholm(t);
  text[10] = 'T';
  return text;
}

std::string StockholmDate(TimePoint t) {
  return FormatStockholm(t).substr(0, 10);
}

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

std::optional<TimePoint> ParseStockholmLocal(std::string_view text) {
  // "YYYY-MM-DDTHH:MM" or "YYYY-MM-DDTHH:MM:SS", digits where the pattern has 9.
  static constexpr std::string_view kPattern = "9999-99-99T99:99:99";
  if (text.size() != 16 && text.size() != 19) return std::nullopt;
  for (size_t i = 0; i < text.size(); ++i) {
    bool digit = text[i] >= '0' && text[i] <= '9';
    if (kPattern[i] == '9' ? !digit : text[i] != kPattern[i]) return std::nullopt;
  }
  auto number = [&](size_t pos, size_t len) {
    int n = 0;
    for (size_t i = pos; i < pos + len; ++i) n = n * 10 + (text[i] - '0');
    return n;
  };
  year_month_day date{year{number(0, 4)}, month{static_cast<unsigned>(number(5, 2))},
                      day{static_cast<unsigned>(number(8, 2))}};
  int h = number(11, 2), m = number(14, 2), sec = text.size() == 19 ? number(17, 2) : 0;
  // Years a TimePoint (nanoseconds) holds with room to spare.
  if (!date.ok() || date.year() < year{1900} || date.year() > year{2200}) return std::nullopt;
  if (h > 23 || m > 59 || sec > 59) return std::nullopt;
  return TimePoint(FromWall(sys_days{date} + hours{h} + minutes{m} + seconds{sec}));
}

}  // namespace lis
