#include "domain/org/password_rules.h"

#include "core/utf8.h"

namespace lis::domain {

namespace {

std::string LowerAscii(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

bool IsLetter(unsigned char c) {
  return (c >= 'a' && c <= 'z') || c >= 0x80;  // lower-cased; any non-ASCII byte counts
}

// `lower` without the digits, signs and spaces around its letters: "password1234!" ->
// "password".
std::string_view Core(std::string_view lower) {
  size_t start = 0, end = lower.size();
  while (start < end && !IsLetter(static_cast<unsigned char>(lower[start]))) ++start;
  while (end > start && !IsLetter(static_cast<unsigned char>(lower[end - 1]))) --end;
  return lower.substr(start, end - start);
}

}  // namespace

std::string PasswordProblem(std::string_view password, std::string_view username,
                            const CommonPasswordLookup& common) {
  if (password.size() > kPasswordMaxBytes) return "error.field_too_long";
  if (utf8::CodePoints(password) < kPasswordMinCodePoints) return "error.password_short";
  if (password.find_first_not_of(" \t") == std::string_view::npos) return "error.field_blank";
  std::string lower = LowerAscii(password);
  std::string user = LowerAscii(username);
  if (user.size() >= 3 && lower.find(user) != std::string::npos) return "error.password_username";
  if (common && (common(lower) || common(Core(lower)))) return "error.password_common";
  return "";
}

}  // namespace lis::domain
