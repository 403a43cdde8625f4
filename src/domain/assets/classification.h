// Classification of information on the four aspects (K, R, T, S) and the security class it
// gives information sets, systems and objects. Pure rules; GLOSSARY.md is the source.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace lis::domain {

enum class Aspect { kConfidentiality = 0, kIntegrity = 1, kAvailability = 2, kTraceability = 3 };

inline constexpr std::array<Aspect, 4> kAspects = {Aspect::kConfidentiality, Aspect::kIntegrity,
                                                   Aspect::kAvailability, Aspect::kTraceability};

// The aspects' names in their order, as the API writes them.
inline constexpr const char* kAspectNames[] = {"confidentiality", "integrity", "availability",
                                               "traceability"};

// "confidentiality", "integrity", "availability", "traceability".
const char* AspectName(Aspect aspect);
std::optional<Aspect> ParseAspect(std::string_view name);

// The scale in use: levels 0..max_level (default 0–4, GLOSSARY). Names are catalogue texts.
struct ClassificationScale {
  int max_level = 4;
  bool Valid(int level) const { return level >= 0 && level <= max_level; }
  // The level `text` writes in digits ("3"), or nothing when it is not a level of this scale.
  std::optional<int> Parse(std::string_view text) const;
};

// A level per aspect; nothing where the aspect is not yet classified.
using AspectLevels = std::array<std::optional<int>, 4>;

// Why something has the class it has: the level, the aspect that gives it, and the record it
// comes from (for a system: the information set; for an object: the system, and through it
// the information set).
struct ClassReason {
  int level = 0;
  Aspect aspect = Aspect::kConfidentiality;
  std::string source_kind;  // "information_set" or "system"
  long long source_id = 0;
  std::string source_name;
  std::string origin_name;  // for an object: the information set behind the system's class
};

// An information set's class: its highest aspect level, naming the aspect (the first of
// equal ones in K, R, T, S order). Nothing while any aspect is unclassified.
std::optional<ClassReason> InformationSetClass(const AspectLevels& levels, long long id,
                                               const std::string& name);
// The highest of `parts` (a system over its information sets, an object over its systems);
// nothing if no part has a class. Ties go to the first part.
std::optional<ClassReason> HighestClass(const std::vector<std::optional<ClassReason>>& parts);

// The day a classification approved on `approved` (YYYY-MM-DD) is due for review, `months`
// later; the 31st becomes the last day of a shorter month. Nothing if the date is malformed.
std::optional<std::string> ReviewDate(std::string_view approved, int months = 12);

// Whether a requirement for `aspect` from `min_level` up applies to `levels`.
inline bool RequirementApplies(const AspectLevels& levels, Aspect aspect, int min_level) {
  const auto& level = levels[static_cast<int>(aspect)];
  return level && *level >= min_level;
}

// GDPR category of personal data in an information set.
enum class PersonalData { kNone, kOrdinary, kSpecial /* art. 9 */, kCriminal /* art. 10 */ };
const char* PersonalDataName(PersonalData p);
std::optional<PersonalData> ParsePersonalData(std::string_view name);

}  // namespace lis::domain
