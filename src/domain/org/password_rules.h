// The rules a password must meet, after NIST SP 800-63B: at least 12 characters counted as
// code points (not bytes), at most 256 bytes, not only spaces, not containing the username,
// and not a common password — one of a dictionary, also with digits or signs around it
// ("password1234"). The dictionary is given (core/common_passwords.h reads Debian's).
#pragma once

#include <functional>
#include <string>
#include <string_view>

namespace lis::domain {

inline constexpr size_t kPasswordMinCodePoints = 12;
inline constexpr size_t kPasswordMaxBytes = 256;

// Whether a lower-case word is in the dictionary of common passwords.
using CommonPasswordLookup = std::function<bool(std::string_view lower)>;

// The message key of the first rule `password` breaks — "error.password_short",
// "error.field_too_long", "error.field_blank", "error.password_username",
// "error.password_common" — or "" when it breaks none.
std::string PasswordProblem(std::string_view password, std::string_view username,
                            const CommonPasswordLookup& common);

}  // namespace lis::domain
