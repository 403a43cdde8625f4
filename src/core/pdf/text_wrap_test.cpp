#include "core/pdf/text_wrap.h"

#include <gtest/gtest.h>

namespace lis::pdf {
namespace {

using Lines = std::vector<std::string>;

// Every code point one point wide, except 'W' (two).
double Advance(char32_t c) {
  return c == U'W' ? 2 : 1;
}

struct WrapCase {
  std::string name;
  std::string text;
  double width;
  Lines lines;
};

TEST(WrapText, FillsWordsBreaksLongOnesAndKeepsLineBreaks) {
  const std::vector<WrapCase> cases = {
      {"fits", "abc def", 7, {"abc def"}},
      {"breaks at the space", "abc def", 6, {"abc", "def"}},
      {"greedy", "a b c d e", 3, {"a b", "c d", "e"}},
      {"long word broken", "abcdefgh", 3, {"abc", "def", "gh"}},
      {"long word on its own line, rest continues",
       "ab abcdefgh ij",
       3,
       {"ab", "abc", "def", "gh", "ij"}},
      {"wide letters count", "WWW", 4, {"WW", "W"}},
      {"narrower than a letter still progresses", "WW", 1, {"W", "W"}},
      {"runs of spaces collapse", "  a    b  ", 10, {"a b"}},
      {"line breaks kept, blank line too", "a\n\nb", 10, {"a", "", "b"}},
      {"CR LF and CR", "a\r\nb\rc", 10, {"a", "b", "c"}},
      {"trailing line breaks dropped", "a\n\n", 10, {"a"}},
      {"empty", "", 10, {}},
      {"only spaces", "   ", 10, {}},
      {"Swedish letters are one code point", "Åtgärd öppen", 6, {"Åtgärd", "öppen"}},
      {"no-break space joins", "5\u00A0000 kr", 5, {"5\u00A0000", "kr"}},
      {"tab is a space", "a\tb", 1, {"a", "b"}},
  };
  for (const auto& c : cases) EXPECT_EQ(WrapText(c.text, c.width, Advance), c.lines) << c.name;
}

struct CleanCase {
  std::string name;
  std::string text;
  std::u32string clean;
};

TEST(CleanText, ReplacesWhatTheFontsCannotShow) {
  const std::vector<CleanCase> cases = {
      {"Swedish unchanged", "Åäö é –", U"Åäö é –"},
      {"malformed byte",
       "a\xFF"
       "b",
       U"a\uFFFDb"},
      {"beyond the BMP", "a\xF0\x9F\x98\x80", U"a\uFFFD"},
      {"control characters dropped", "a\x01\x7F\u0085b", U"ab"},
      {"tab and CR", "a\tb\r\nc\rd", U"a b\nc\nd"},
  };
  for (const auto& c : cases) EXPECT_EQ(CleanText(c.text), c.clean) << c.name;
}

}  // namespace
}  // namespace lis::pdf
