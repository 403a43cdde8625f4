#include "core/pdf/text_wrap.h"

#include "core/utf8.h"

namespace lis::pdf {

namespace {

constexpr double kSlack = 1e-6;  // rounding room when a line is exactly full

char32_t Shown(char32_t cp) {
  if (cp == '\t') return ' ';
  if (cp > 0xFFFF) return utf8::kReplacement;
  return cp;
}

bool Dropped(char32_t cp) {
  return (cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0);
}

// Fills lines word by word; the line being filled is `line_`.
class LineFiller {
 public:
  LineFiller(double width, const AdvanceFn& advance) : width_(width), advance_(advance) {}

  void Word(std::u32string_view word) {
    double w = Width(word);
    if (!line_.empty() && line_width_ + advance_(' ') + w <= width_ + kSlack) {
      line_ += ' ';
      line_ += word;
      line_width_ += advance_(' ') + w;
      return;
    }
    EndLine();
    if (w <= width_ + kSlack) {
      line_ = word;
      line_width_ = w;
    } else {
      Break(word);
    }
  }

  // Ends the line being filled, if it holds anything.
  void EndLine() {
    if (!line_.empty()) Emit();
  }
  void BlankLine() { lines_.emplace_back(); }
  std::vector<std::string> Take() { return std::move(lines_); }

 private:
  double Width(std::u32string_view s) const {
    double w = 0;
    for (char32_t c : s) w += advance_(c);
    return w;
  }

  // A word wider than a line: as many code points per line as fit (at least one); the rest
  // stays in the line being filled.
  void Break(std::u32string_view word) {
    for (char32_t c : word) {
      double w = advance_(c);
      if (!line_.empty() && line_width_ + w > width_ + kSlack) Emit();
      line_ += c;
      line_width_ += w;
    }
  }

  void Emit() {
    std::string out;
    for (char32_t c : line_) utf8::Append(out, c);
    lines_.push_back(std::move(out));
    line_.clear();
    line_width_ = 0;
  }

  double width_;
  const AdvanceFn& advance_;
  std::u32string line_;
  double line_width_ = 0;
  std::vector<std::string> lines_;
};

// Feeds one hard line (no LF) to `filler`, word by word.
void FillLine(std::u32string_view line, LineFiller& filler) {
  size_t start = 0;
  while (start < line.size()) {
    size_t end = line.find(U' ', start);
    if (end == std::u32string_view::npos) end = line.size();
    if (end > start) filler.Word(line.substr(start, end - start));
    start = end + 1;
  }
}

}  // namespace

std::u32string CleanText(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = utf8::Next(text, i).value_or(utf8::kReplacement);
    if (cp == '\r') {
      if (i < text.size() && text[i] == '\n') ++i;
      cp = '\n';
    }
    cp = Shown(cp);
    if (!Dropped(cp)) out += cp;
  }
  return out;
}

std::vector<std::string> WrapText(std::string_view text, double width, const AdvanceFn& advance) {
  std::u32string clean = CleanText(text);
  while (!clean.empty() && (clean.back() == '\n' || clean.back() == ' ')) clean.pop_back();
  LineFiller filler(width, advance);
  std::u32string_view rest = clean;
  while (!rest.empty()) {
    size_t end = rest.find(U'\n');
    std::u32string_view line = rest.substr(0, end);
    if (line.find_first_not_of(U' ') == std::u32string_view::npos)
      filler.BlankLine();
    else
      FillLine(line, filler);
    filler.EndLine();
    if (end == std::u32string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return filler.Take();
}

}  // namespace lis::pdf
