#include "domain/incidents/review_blame.h"

#include "core/utf8.h"

namespace lis::domain {

namespace {

// Lower case of ASCII and Latin-1 capitals (U+00C0–U+00DE except ×), so that "ÖBERG" and
// "öberg" compare equal.
char32_t Fold(char32_t c) {
  if (c >= U'A' && c <= U'Z') return c + 32;
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;
  return c;
}

std::u32string Folded(std::string_view text) {
  std::u32string out;
  for (size_t pos = 0; pos < text.size();) {
    auto cp = utf8::Next(text, pos);
    out.push_back(cp ? Fold(*cp) : U'\uFFFD');
  }
  return out;
}

// Letters (any beyond ASCII count as letters) and digits: what a word is made of.
bool IsWordChar(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || (c >= U'0' && c <= U'9') ||
         c >= 0x80;
}

bool ContainsWord(const std::u32string& text, const std::u32string& word) {
  for (size_t at = text.find(word); at != std::u32string::npos; at = text.find(word, at + 1)) {
    bool left = at == 0 || !IsWordChar(text[at - 1]);
    size_t end = at + word.size();
    bool right = end == text.size() || !IsWordChar(text[end]);
    if (left && right) return true;
  }
  return false;
}

}  // namespace

std::optional<std::string> FirstNamedPerson(std::string_view text,
                                            const std::vector<std::string>& names) {
  std::u32string folded = Folded(text);
  for (const auto& name : names) {
    std::u32string word = Folded(name);
    if (word.size() < 2) continue;
    if (ContainsWord(folded, word)) return name;
  }
  return std::nullopt;
}

bool UsernameIsIdentifier(std::string_view username) {
  for (char c : username)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
          static_cast<unsigned char>(c) >= 0x80))
      return true;
  return false;
}

}  // namespace lis::domain
