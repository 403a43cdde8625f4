#include "domain/org/org_number.h"

namespace lis::domain {

namespace {
std::optional<std::string> Digits(std::string_view text) {
  std::string d;
  if (text.size() == 11) {
    if (text[6] != '-') return std::nullopt;
    d = std::string(text.substr(0, 6)) + std::string(text.substr(7));
  } else if (text.size() == 10) {
    d = std::string(text);
  } else {
    return std::nullopt;
  }
  for (char c : d)
    if (c < '0' || c > '9') return std::nullopt;
  return d;
}
}  // namespace

OrgNumberProblem CheckOrgNumber(std::string_view text) {
  auto d = Digits(text);
  if (!d) return OrgNumberProblem::kFormat;
  if ((*d)[2] < '2') return OrgNumberProblem::kNotLegalEntity;
  int sum = 0;
  for (int i = 0; i < 9; ++i) {
    int v = ((*d)[i] - '0') * (i % 2 == 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  int check = (10 - sum % 10) % 10;
  if (check != (*d)[9] - '0') return OrgNumberProblem::kCheckDigit;
  return OrgNumberProblem::kNone;
}

std::string NormaliseOrgNumber(std::string_view text) {
  auto d = Digits(text);
  if (!d) return std::string(text);
  return d->substr(0, 6) + "-" + d->substr(6);
}

}  // namespace lis::domain
