// A small PDF writer for LIS's exports (the statement of applicability, incident summaries,
// the annual report): headings, paragraphs, key-value lists and tables flowed onto A4 pages,
// with a footer on every page. Text is UTF-8 in DejaVu Sans (embedded), so Swedish reads
// right (å ä ö é –); a malformed sequence or a code point beyond U+FFFF shows as U+FFFD.
//
//   pdf::DocumentOptions options;
//   options.title = "Tillämplighetsförklaring";
//   options.footer = [&](int page, int pages) { return messages.Text(lang, "pdf.page_of", …); };
//   pdf::PdfDocument doc(std::move(options));
//   doc.AddHeading(1, "Tillämplighetsförklaring – Åtgärder");
//   doc.AddTable(pdf::Table{{{"Id", 1}, {"Titel", 4}}, std::move(rows), /*zebra=*/true});
//   Result<std::string> bytes = doc.Render();
#pragma once

#include <chrono>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.h"
#include "core/status.h"

namespace lis::pdf {

// Where Debian's fonts-dejavu-core installs DejaVu Sans.
inline constexpr const char* kDejaVuDir = "/usr/share/fonts/truetype/dejavu";

enum class Orientation { kPortrait, kLandscape };

struct DocumentOptions {
  std::string title;  // the PDF's metadata; add a heading to show a title on the page
  std::string author;
  std::string subject;
  TimePoint created = std::chrono::system_clock::now();
  Orientation orientation = Orientation::kPortrait;  // landscape for wide tables
  double margin_mm = 18;  // on every side (clamped to 5-50); the footer sits in the bottom one
  // The footer of page `page` of `pages` (both 1-based), e.g. "Sida 2 av 7"; one line.
  // No footer when unset.
  std::function<std::string(int page, int pages)> footer;
  std::string font_dir = kDejaVuDir;  // must hold DejaVuSans.ttf and DejaVuSans-Bold.ttf
};

struct Column {
  std::string header;
  double weight = 1;  // relative width; <= 0 counts as 1
};

struct Table {
  std::vector<Column> columns;
  // Cells in column order; a short row leaves the last cells empty, extra cells are left out.
  std::vector<std::vector<std::string>> rows;
  bool zebra = false;  // every second row shaded
};

// The blocks are kept in order and laid out by Render: text wraps at spaces (a word wider
// than the column is broken), a table row that does not fit moves to the next page (a row
// taller than a page is split) and the header row is repeated on every page of a table.
class PdfDocument {
 public:
  explicit PdfDocument(DocumentOptions options);
  ~PdfDocument();
  PdfDocument(PdfDocument&&) noexcept;
  PdfDocument& operator=(PdfDocument&&) noexcept;

  // Level 1-3 (others are clamped); kept on the page of what follows it.
  void AddHeading(int level, std::string text);
  // Line breaks in `text` are kept.
  void AddParagraph(std::string text);
  // Names in bold on the left, values beside them; no frame.
  void AddKeyValues(std::vector<std::pair<std::string, std::string>> items);
  // Ignored when it has no columns.
  void AddTable(Table table);
  // The next block starts on a new page (unless the current page is still empty).
  void AddPageBreak();

  // The PDF: "%PDF-1.x" ... "%%EOF", at least one page. Errors (Code::kInternal):
  // "error.pdf_font_missing" {file} when a font file cannot be read, "error.pdf_failed"
  // {code, detail} when libharu reports an error. May be called more than once.
  Result<std::string> Render() const;

 private:
  struct Block;
  DocumentOptions options_;
  std::vector<Block> blocks_;
};

}  // namespace lis::pdf
