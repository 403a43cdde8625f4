#include "core/utf8.h"

#include <gtest/gtest.h>

#include <vector>

namespace lis::utf8 {
namespace {

struct DecodeCase {
  std::string name;
  std::string bytes;
  std::optional<char32_t> cp;
  size_t advance;
};

TEST(Utf8, NextDecodesOneCodePointOrSkipsOneByte) {
  const std::vector<DecodeCase> cases = {
      {"ascii", "a", U'a', 1},
      {"two bytes", "å", U'å', 2},
      {"three bytes", "–", U'–', 3},
      {"four bytes", "\xF0\x9F\x98\x80", char32_t{0x1F600}, 4},
      {"stray continuation", "\x80x", std::nullopt, 1},
      {"truncated", "\xC3", std::nullopt, 1},
      {"bad continuation", "\xC3x", std::nullopt, 1},
      {"overlong two", "\xC0\xAF", std::nullopt, 1},
      {"overlong three", "\xE0\x80\xAF", std::nullopt, 1},
      {"surrogate", "\xED\xA0\x80", std::nullopt, 1},
      {"beyond U+10FFFF", "\xF4\x90\x80\x80", std::nullopt, 1},
  };
  for (const auto& c : cases) {
    size_t pos = 0;
    EXPECT_EQ(Next(c.bytes, pos), c.cp) << c.name;
    EXPECT_EQ(pos, c.advance) << c.name;
  }
}

TEST(Utf8, AppendWritesWhatNextReads) {
  for (char32_t cp : {char32_t{'A'}, char32_t{0xE5}, char32_t{0x2013}, char32_t{0xFFFD},
                      char32_t{0x1F600}, char32_t{0x10FFFF}}) {
    std::string s;
    Append(s, cp);
    size_t pos = 0;
    EXPECT_EQ(Next(s, pos), cp);
    EXPECT_EQ(pos, s.size());
  }
}

TEST(Utf8, CodePointsCountsCharactersNotBytes) {
  const struct {
    const char* text;
    size_t code_points;
  } cases[] = {{"", 0},
               {"abc", 3},
               {"\xC3\xA5\xC3\xA4\xC3\xB6", 3},                           // åäö, 6 bytes
               {"\xF0\x9F\x98\x80\xF0\x9F\x98\x81\xF0\x9F\x98\x82", 3}};  // three emoji
  for (const auto& c : cases) EXPECT_EQ(CodePoints(c.text), c.code_points) << c.text;
}

}  // namespace
}  // namespace lis::utf8
