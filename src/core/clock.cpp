#include "core/clock.h"

#include <cstdio>
#include <ctime>

namespace lis {

std::string FormatTime(TimePoint t) {
  using namespace std::chrono;
  auto us = duration_cast<microseconds>(t.time_since_epoch()).count();
  long long secs = us / 1000000;
  long long frac = us % 1000000;
  if (frac < 0) {
    frac += 1000000;
    secs -= 1;
  }
  std::time_t tt = static_cast<std::time_t>(secs);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%06lldZ", tm.tm_year + 1900,
                tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, frac);
  return buf;
}

std::string NowText() {
  return FormatTime(std::chrono::system_clock::now());
}

std::optional<TimePoint> ParseTime(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() < 20) return std::nullopt;
  std::string str(s);
  int n = 0;
  if (std::sscanf(str.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &y, &mo, &d, &h, &mi, &sec, &n) != 6 ||
      n != 19)
    return std::nullopt;
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60) return std::nullopt;
  size_t pos = 19;
  long long micros = 0;
  if (pos < str.size() && str[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < str.size() && std::isdigit(static_cast<unsigned char>(str[pos]))) {
      if (digits < 6) micros = micros * 10 + (str[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  long long offset_secs = 0;
  if (pos < str.size() && (str[pos] == 'Z' || str[pos] == 'z')) {
    ++pos;
  } else if (pos + 6 == str.size() && (str[pos] == '+' || str[pos] == '-') && str[pos + 3] == ':') {
    int oh = std::atoi(str.substr(pos + 1, 2).c_str());
    int om = std::atoi(str.substr(pos + 4, 2).c_str());
    offset_secs = (oh * 3600 + om * 60) * (str[pos] == '-' ? -1 : 1);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != str.size()) return std::nullopt;
  std::tm tm{};
  tm.tm_year = y - 1900;
  tm.tm_mon = mo - 1;
  tm.tm_mday = d;
  tm.tm_hour = h;
  tm.tm_min = mi;
  tm.tm_sec = sec;
  long long epoch = static_cast<long long>(timegm(&tm)) - offset_secs;
  // A time point holds about ±292 years around 1970; times beyond stay beyond everything
  // stored, as the first or last instant it can hold.
  using std::chrono::duration_cast;
  using std::chrono::seconds;
  const long long max_secs =
      duration_cast<seconds>(TimePoint::max().time_since_epoch()).count() - 1;
  const long long min_secs =
      duration_cast<seconds>(TimePoint::min().time_since_epoch()).count() + 1;
  if (epoch > max_secs) return TimePoint::max();
  if (epoch < min_secs) return TimePoint::min();
  return TimePoint(
      duration_cast<TimePoint::duration>(std::chrono::microseconds(epoch * 1000000 + micros)));
}

namespace {
std::optional<std::chrono::year_month_day> ParseDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  std::chrono::year_month_day ymd{
      std::chrono::year{std::stoi(std::string(text.substr(0, 4)))},
      std::chrono::month{static_cast<unsigned>(std::stoi(std::string(text.substr(5, 2))))},
      std::chrono::day{static_cast<unsigned>(std::stoi(std::string(text.substr(8, 2))))}};
  if (!ymd.ok()) return std::nullopt;
  return ymd;
}
}  // namespace

bool IsDate(std::string_view text) {
  return ParseDate(text).has_value();
}

std::optional<std::string> AddDays(std::string_view date, int days) {
  auto ymd = ParseDate(date);
  if (!ymd) return std::nullopt;
  std::chrono::year_month_day out{std::chrono::sys_days(*ymd) + std::chrono::days(days)};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()),
                static_cast<unsigned>(out.month()), static_cast<unsigned>(out.day()));
  return std::string(buf);
}

}  // namespace lis
