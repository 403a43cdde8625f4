#include "domain/assets/classification.h"

#include <cstdio>

namespace lis::domain {

std::optional<int> ClassificationScale::Parse(std::string_view text) const {
  if (text.empty() || text.size() > 2 || text.find_first_not_of("0123456789") != text.npos)
    return std::nullopt;
  int level = std::stoi(std::string(text));
  if (!Valid(level)) return std::nullopt;
  return level;
}

const char* AspectName(Aspect aspect) {
  switch (aspect) {
    case Aspect::kConfidentiality:
      return "confidentiality";
    case Aspect::kIntegrity:
      return "integrity";
    case Aspect::kAvailability:
      return "availability";
    case Aspect::kTraceability:
      return "traceability";
  }
  return "confidentiality";
}

std::optional<Aspect> ParseAspect(std::string_view name) {
  for (Aspect a : kAspects)
    if (name == AspectName(a)) return a;
  return std::nullopt;
}

std::optional<ClassReason> InformationSetClass(const AspectLevels& levels, long long id,
                                               const std::string& name) {
  std::optional<ClassReason> best;
  for (Aspect a : kAspects) {
    const auto& level = levels[static_cast<int>(a)];
    if (!level) return std::nullopt;
    if (!best || *level > best->level)
      best = ClassReason{*level, a, "information_set", id, name, ""};
  }
  return best;
}

std::optional<ClassReason> HighestClass(const std::vector<std::optional<ClassReason>>& parts) {
  std::optional<ClassReason> best;
  for (const auto& p : parts)
    if (p && (!best || p->level > best->level)) best = p;
  return best;
}

namespace {
bool IsLeap(int y) {
  return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}
int DaysIn(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}
}  // namespace

std::optional<std::string> ReviewDate(std::string_view approved, int months) {
  if (approved.size() != 10 || approved[4] != '-' || approved[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (approved[i] < '0' || approved[i] > '9') return std::nullopt;
  int y = std::stoi(std::string(approved.substr(0, 4)));
  int m = std::stoi(std::string(approved.substr(5, 2)));
  int d = std::stoi(std::string(approved.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > DaysIn(y, m) || months < 0) return std::nullopt;
  int total = (m - 1) + months;
  y += total / 12;
  m = total % 12 + 1;
  if (d > DaysIn(y, m)) d = DaysIn(y, m);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return std::string(buf);
}

const char* PersonalDataName(PersonalData p) {
  switch (p) {
    case PersonalData::kNone:
      return "none";
    case PersonalData::kOrdinary:
      return "ordinary";
    case PersonalData::kSpecial:
      return "special";
    case PersonalData::kCriminal:
      return "criminal";
  }
  return "none";
}

std::optional<PersonalData> ParsePersonalData(std::string_view name) {
  for (PersonalData p : {PersonalData::kNone, PersonalData::kOrdinary, PersonalData::kSpecial,
                         PersonalData::kCriminal})
    if (name == PersonalDataName(p)) return p;
  return std::nullopt;
}

}  // namespace lis::domain
