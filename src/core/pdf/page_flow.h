// Internal to the PDF writer: the pages of a document filled from top to bottom between the
// margins, and the running text on them (headings, paragraphs, footers).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/pdf/pdf_canvas.h"
#include "core/pdf/text_wrap.h"

namespace lis::pdf {

// Line height over font size, for body text, headings and table cells alike.
constexpr double kLeadingRatio = 1.3;

class PageFlow {
 public:
  // `margin` in points on every side; `canvas` must outlive the flow.
  PageFlow(Canvas& canvas, double margin);

  Canvas& canvas() { return canvas_; }
  double left() const { return margin_; }
  double width() const { return canvas_.page_width() - 2 * margin_; }
  // Where the next block starts on the current page (its top edge).
  double cursor() const { return cursor_; }
  // Height left above the bottom margin; 0 before the first page.
  double Remaining() const;
  // Whether nothing has been placed on the current page yet (true before the first page).
  bool AtTop() const;
  // Moves the cursor down by `height`, not below the bottom margin.
  void Consume(double height);
  void NewPage();
  // A new page unless the current one is still empty.
  void BreakPage();
  void EnsurePage();

  // Heading levels 1-3 (others clamped), bold, kept on a page with room for two lines after.
  void Heading(int level, std::string_view text);
  void Paragraph(std::string_view text);
  // `lines` one below the other from the cursor, starting a new page when one does not fit.
  void Lines(const std::vector<std::string>& lines, FontStyle style, double size, double leading);
  // The text `footer(page, pages)` (1-based) centred in the bottom margin of every page; one
  // line: what does not fit the width is left out.
  void Footers(const std::function<std::string(int, int)>& footer);

  // Wraps text to `width` points in a style and size.
  std::vector<std::string> Wrap(std::string_view text, double width, FontStyle style, double size);
  // The baseline of a line whose box starts at `line_top`.
  static double Baseline(double line_top, double size, double leading);

 private:
  double top() const { return canvas_.page_height() - margin_; }

  Canvas& canvas_;
  double margin_;
  double cursor_ = 0;
};

}  // namespace lis::pdf
