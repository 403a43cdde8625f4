// UTF-8 decoding and encoding, shared by the spreadsheet readers and the PDF writer.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace lis::utf8 {

// U+FFFD, shown in place of a character that cannot be shown.
constexpr char32_t kReplacement = 0xFFFD;

// The code point that starts at `text[pos]`, advancing `pos` past it. A malformed sequence
// (a stray continuation byte, a truncated sequence, an overlong form, a surrogate or a value
// beyond U+10FFFF) gives nothing and advances `pos` by one byte, so a caller can skip it.
// Precondition: pos < text.size().
std::optional<char32_t> Next(std::string_view text, size_t& pos);

// The characters of valid UTF-8 `text`, counted as code points (not bytes).
size_t CodePoints(std::string_view text);

// Appends `cp` (at most U+10FFFF, not a surrogate) to `out` as UTF-8.
void Append(std::string& out, char32_t cp);

}  // namespace lis::utf8
