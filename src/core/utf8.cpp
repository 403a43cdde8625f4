#include "core/utf8.h"

namespace lis::utf8 {

namespace {

// How many continuation bytes follow `lead`, and the payload bits it carries; 0 bytes and
// false for a byte that cannot start a multi-byte sequence.
bool Lead(unsigned char lead, int& extra, char32_t& cp) {
  if (lead >= 0xC2 && lead <= 0xDF) {
    extra = 1;
    cp = lead & 0x1F;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    extra = 2;
    cp = lead & 0x0F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    extra = 3;
    cp = lead & 0x07;
  } else {
    return false;
  }
  return true;
}

bool Acceptable(int extra, char32_t cp) {
  if (extra == 2 && cp < 0x800) return false;
  if (extra == 3 && cp < 0x10000) return false;
  return cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
}

}  // namespace

std::optional<char32_t> Next(std::string_view text, size_t& pos) {
  auto lead = static_cast<unsigned char>(text[pos]);
  if (lead < 0x80) {
    ++pos;
    return lead;
  }
  int extra = 0;
  char32_t cp = 0;
  if (!Lead(lead, extra, cp) || pos + extra >= text.size()) {
    ++pos;
    return std::nullopt;
  }
  for (int k = 1; k <= extra; ++k) {
    auto d = static_cast<unsigned char>(text[pos + k]);
    if ((d & 0xC0) != 0x80) {
      ++pos;
      return std::nullopt;
    }
    cp = (cp << 6) | (d & 0x3F);
  }
  if (!Acceptable(extra, cp)) {
    ++pos;
    return std::nullopt;
  }
  pos += extra + 1;
  return cp;
}

void Append(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;  // every byte but a continuation
  return n;
}

}  // namespace lis::utf8
