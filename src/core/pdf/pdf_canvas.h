// Internal to the PDF writer: one libharu document with DejaVu Sans (regular and bold)
// embedded, drawn on page by page. Coordinates are points (1/72 inch) from the lower left
// corner of the page. libharu is only seen by pdf_canvas.cpp.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/clock.h"
#include "core/status.h"

namespace lis::pdf {

enum class FontStyle { kRegular, kBold };

struct Metadata {
  std::string title;
  std::string author;
  std::string subject;
  TimePoint created;
};

class Canvas {
 public:
  // A document with no pages, A4 in the given orientation, its streams compressed.
  // Errors (Code::kInternal): "error.pdf_font_missing" {file} when a font file cannot be
  // read; "error.pdf_failed" {code, detail} when libharu reports an error.
  static Result<std::unique_ptr<Canvas>> Open(const std::string& font_dir, bool landscape);
  ~Canvas();
  Canvas(const Canvas&) = delete;
  Canvas& operator=(const Canvas&) = delete;

  double page_width() const;
  double page_height() const;
  int page_count() const;

  // Appends a page and draws on it from now on.
  void AddPage();
  // Draws on an earlier page (0-based) from now on, e.g. to add footers once the page count
  // is known.
  void SelectPage(int index);

  // `text` is one line of UTF-8 whose code points are at most U+FFFF (see CleanText).
  void Text(double x, double baseline, FontStyle style, double size, std::string_view text);
  // A rectangle filled with a grey level (0 black, 1 white); text is drawn black again after.
  void FillRect(double x, double y, double width, double height, double gray);
  // A rectangle's outline, `line_width` points wide in a grey level.
  void StrokeRect(double x, double y, double width, double height, double gray, double line_width);
  // The width in points of code point `cp` (at most U+FFFF) at `size` points.
  double Advance(FontStyle style, double size, char32_t cp);

  // Whether libharu has reported an error; every drawing call after it does nothing.
  bool failed() const;
  // The document's bytes, with its metadata, or the first error libharu reported.
  Result<std::string> Finish(const Metadata& meta);

 private:
  struct State;
  void SetMetadata(const Metadata& meta);
  explicit Canvas(std::unique_ptr<State> state);
  std::unique_ptr<State> s_;
};

}  // namespace lis::pdf
