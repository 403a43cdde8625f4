// Swedish organisation numbers (organisationsnummer).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lis::domain {

enum class OrgNumberProblem { kNone, kFormat, kNotLegalEntity, kCheckDigit };

// Checks "NNNNNN-NNNN" or "NNNNNNNNNN": ten digits, the third at least 2 (a legal entity, not a
// personal identity number), the last a Luhn check digit over the first nine.
OrgNumberProblem CheckOrgNumber(std::string_view text);
// The number in the canonical "NNNNNN-NNNN" form; only for numbers that pass CheckOrgNumber.
std::string NormaliseOrgNumber(std::string_view text);

}  // namespace lis::domain
