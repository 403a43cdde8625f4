#include "core/pdf/page_flow.h"

#include <algorithm>

namespace lis::pdf {

namespace {

constexpr double kBodySize = 10;
constexpr double kParagraphAfter = 6;
constexpr double kFooterSize = 8;

struct HeadingStyle {
  double size;
  double before;
  double after;
};
constexpr HeadingStyle kHeadings[] = {{18, 14, 6}, {14, 12, 4}, {12, 10, 3}};

}  // namespace

PageFlow::PageFlow(Canvas& canvas, double margin) : canvas_(canvas), margin_(margin) {}

double PageFlow::Remaining() const {
  return canvas_.page_count() == 0 ? 0 : std::max(0.0, cursor_ - margin_);
}

bool PageFlow::AtTop() const {
  return canvas_.page_count() == 0 || cursor_ >= top();
}

void PageFlow::Consume(double height) {
  cursor_ = std::max(margin_, cursor_ - height);
}

void PageFlow::NewPage() {
  canvas_.AddPage();
  cursor_ = top();
}

void PageFlow::BreakPage() {
  if (!AtTop()) NewPage();
}

void PageFlow::EnsurePage() {
  if (canvas_.page_count() == 0) NewPage();
}

void PageFlow::Heading(int level, std::string_view text) {
  const HeadingStyle& h = kHeadings[std::clamp(level, 1, 3) - 1];
  double leading = h.size * kLeadingRatio;
  auto lines = Wrap(text, width(), FontStyle::kBold, h.size);
  double needed = h.before + lines.size() * leading + h.after + 2 * kBodySize * kLeadingRatio;
  EnsurePage();
  if (!AtTop() && Remaining() < needed) NewPage();
  if (!AtTop()) Consume(h.before);
  Lines(lines, FontStyle::kBold, h.size, leading);
  Consume(h.after);
}

void PageFlow::Paragraph(std::string_view text) {
  EnsurePage();
  Lines(Wrap(text, width(), FontStyle::kRegular, kBodySize), FontStyle::kRegular, kBodySize,
        kBodySize * kLeadingRatio);
  Consume(kParagraphAfter);
}

void PageFlow::Lines(const std::vector<std::string>& lines, FontStyle style, double size,
                     double leading) {
  EnsurePage();
  for (const auto& line : lines) {
    if (Remaining() < leading && !AtTop()) NewPage();
    canvas_.Text(left(), Baseline(cursor_, size, leading), style, size, line);
    Consume(leading);
  }
}

void PageFlow::Footers(const std::function<std::string(int, int)>& footer) {
  int pages = canvas_.page_count();
  for (int page = 0; page < pages; ++page) {
    auto lines = Wrap(footer(page + 1, pages), width(), FontStyle::kRegular, kFooterSize);
    if (lines.empty()) continue;
    double w = 0;
    for (char32_t c : CleanText(lines[0]))
      w += canvas_.Advance(FontStyle::kRegular, kFooterSize, c);
    canvas_.SelectPage(page);
    canvas_.Text(left() + (width() - w) / 2, margin_ / 2, FontStyle::kRegular, kFooterSize,
                 lines[0]);
  }
}

std::vector<std::string> PageFlow::Wrap(std::string_view text, double width, FontStyle style,
                                        double size) {
  return WrapText(text, width, [&](char32_t c) { return canvas_.Advance(style, size, c); });
}

double PageFlow::Baseline(double line_top, double size, double leading) {
  // Half the spare line height above the glyphs, then DejaVu's ascent (about 0.8 em to the
  // top of accented capitals).
  return line_top - (leading - size) / 2 - 0.8 * size;
}

}  // namespace lis::pdf
