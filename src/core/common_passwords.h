// The dictionary of common passwords: Debian's cracklib word list (package cracklib-runtime,
// /usr/share/dict/cracklib-small, about 55,000 words), read once.
#pragma once

#include <string_view>

namespace lis {

inline constexpr const char* kCommonPasswordFile = "/usr/share/dict/cracklib-small";

// Whether `lower` (lower case) is a word of the dictionary. Without the file nothing is
// (`lis serve` warns at start).
bool IsCommonPassword(std::string_view lower);
// Whether the dictionary could be read.
bool CommonPasswordsLoaded();

}  // namespace lis
