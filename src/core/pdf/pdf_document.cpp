#include "core/pdf/pdf_document.h"

#include <algorithm>
#include <variant>

#include "core/pdf/page_flow.h"
#include "core/pdf/pdf_canvas.h"
#include "core/pdf/table_layout.h"

namespace lis::pdf {

namespace {

constexpr double kPointsPerMm = 72 / 25.4;
constexpr double kKeyValueSize = 10;

struct HeadingBlock {
  int level;
  std::string text;
};
struct ParagraphBlock {
  std::string text;
};
struct TableBlock {
  std::vector<double> weights;
  std::vector<std::string> header;  // empty: no header row
  std::vector<std::vector<std::string>> rows;
  double font_size = 9;
  bool zebra = false;
  bool borders = true;
  bool bold_first_column = false;
};
struct PageBreakBlock {};

// Lays out one block at the flow's cursor.
struct Placer {
  PageFlow& flow;
  void operator()(const HeadingBlock& b) { flow.Heading(b.level, b.text); }
  void operator()(const ParagraphBlock& b) { flow.Paragraph(b.text); }
  void operator()(const PageBreakBlock&) { flow.BreakPage(); }
  void operator()(const TableBlock& b) {
    TableSpec spec{b.weights,
                   b.header.empty() ? nullptr : &b.header,
                   &b.rows,
                   b.font_size,
                   b.zebra,
                   b.borders,
                   b.bold_first_column};
    TableLayout(flow, spec).Draw();
  }
};

}  // namespace

struct PdfDocument::Block {
  std::variant<HeadingBlock, ParagraphBlock, TableBlock, PageBreakBlock> value;
};

PdfDocument::PdfDocument(DocumentOptions options) : options_(std::move(options)) {}
PdfDocument::~PdfDocument() = default;
PdfDocument::PdfDocument(PdfDocument&&) noexcept = default;
PdfDocument& PdfDocument::operator=(PdfDocument&&) noexcept = default;

void PdfDocument::AddHeading(int level, std::string text) {
  blocks_.push_back({HeadingBlock{level, std::move(text)}});
}

void PdfDocument::AddParagraph(std::string text) {
  blocks_.push_back({ParagraphBlock{std::move(text)}});
}

void PdfDocument::AddKeyValues(std::vector<std::pair<std::string, std::string>> items) {
  TableBlock b;
  b.weights = {1, 2};
  b.font_size = kKeyValueSize;
  b.borders = false;
  b.bold_first_column = true;
  for (auto& [key, value] : items) b.rows.push_back({std::move(key), std::move(value)});
  blocks_.push_back({std::move(b)});
}

void PdfDocument::AddTable(Table table) {
  if (table.columns.empty()) return;
  TableBlock b;
  b.rows = std::move(table.rows);
  b.zebra = table.zebra;
  for (auto& column : table.columns) {
    b.weights.push_back(column.weight);
    b.header.push_back(std::move(column.header));
  }
  blocks_.push_back({std::move(b)});
}

void PdfDocument::AddPageBreak() {
  blocks_.push_back({PageBreakBlock{}});
}

Result<std::string> PdfDocument::Render() const {
  auto canvas = Canvas::Open(options_.font_dir, options_.orientation == Orientation::kLandscape);
  if (!canvas.ok()) return canvas.error();
  Canvas& c = **canvas;
  PageFlow flow(c, std::clamp(options_.margin_mm, 5.0, 50.0) * kPointsPerMm);
  flow.EnsurePage();
  Placer place{flow};
  for (const Block& block : blocks_) {
    if (c.failed()) break;
    std::visit(place, block.value);
  }
  if (options_.footer) flow.Footers(options_.footer);
  return c.Finish({options_.title, options_.author, options_.subject, options_.created});
}

}  // namespace lis::pdf
