#include "core/pdf/table_layout.h"

#include <algorithm>
#include <cmath>

namespace lis::pdf {

namespace {

constexpr double kPad = 3;  // between a cell's frame and its text (only above and below
                            // when there is no frame, so the text lines up with paragraphs)
constexpr double kHeaderGray = 0.85;
constexpr double kZebraGray = 0.94;
constexpr double kNoShade = 1;
constexpr double kBorderGray = 0.6;
constexpr double kBorderWidth = 0.5;
constexpr double kSpaceAfter = 8;

}  // namespace

TableLayout::TableLayout(PageFlow& flow, const TableSpec& spec)
    : flow_(flow), spec_(spec), leading_(spec.font_size * kLeadingRatio) {
  double total = 0;
  for (double w : spec_.weights) total += w > 0 ? w : 1;
  double x = flow_.left();
  for (double w : spec_.weights) {
    x_.push_back(x);
    w_.push_back(flow_.width() * (w > 0 ? w : 1) / total);
    x += w_.back();
  }
}

void TableLayout::Draw() {
  if (w_.empty()) return;
  flow_.EnsurePage();
  if (spec_.header) header_ = Wrap(*spec_.header, true);
  double header_height = header_.empty() ? 0 : Height(Lines(header_));
  if (flow_.Remaining() < header_height + Height(1) && !flow_.AtTop()) flow_.NewPage();
  DrawHeader();
  if (spec_.rows)
    for (size_t i = 0; i < spec_.rows->size(); ++i) DrawRow(Wrap((*spec_.rows)[i], false), i);
  flow_.Consume(kSpaceAfter);
}

TableLayout::Cells TableLayout::Wrap(const std::vector<std::string>& row, bool bold) const {
  Cells cells(w_.size());
  for (size_t c = 0; c < w_.size() && c < row.size(); ++c) {
    cells[c] =
        flow_.Wrap(row[c], std::max(1.0, w_[c] - 2 * InsetX()), StyleOf(c, bold), spec_.font_size);
  }
  return cells;
}

FontStyle TableLayout::StyleOf(size_t column, bool bold) const {
  return bold || (column == 0 && spec_.bold_first_column) ? FontStyle::kBold : FontStyle::kRegular;
}

size_t TableLayout::Lines(const Cells& cells) const {
  size_t lines = 1;
  for (const auto& cell : cells) lines = std::max(lines, cell.size());
  return lines;
}

double TableLayout::InsetX() const {
  return spec_.borders ? kPad : 0;
}

double TableLayout::Height(size_t lines) const {
  return lines * leading_ + 2 * kPad;
}

size_t TableLayout::LinesThatFit() const {
  double room = flow_.Remaining() - 2 * kPad;
  return room <= 0 ? 0 : static_cast<size_t>(std::floor(room / leading_ + 1e-9));
}

void TableLayout::DrawHeader() {
  if (!header_.empty()) DrawSlice(header_, 0, Lines(header_), kHeaderGray, true);
}

void TableLayout::NextPage() {
  flow_.NewPage();
  slices_on_page_ = 0;
  DrawHeader();
}

void TableLayout::DrawRow(const Cells& cells, size_t index) {
  double shade = spec_.zebra && index % 2 == 1 ? kZebraGray : kNoShade;
  size_t total = Lines(cells);
  size_t from = 0;
  while (from < total) {
    size_t fit = std::min(LinesThatFit(), total - from);
    if (fit < total - from && slices_on_page_ > 0) {  // the row moves to the next page
      NextPage();
      continue;
    }
    fit = std::max<size_t>(fit, 1);  // a page too short for one line still makes progress
    DrawSlice(cells, from, from + fit, shade, false);
    ++slices_on_page_;
    from += fit;
    if (from < total) NextPage();
  }
}

void TableLayout::DrawSlice(const Cells& cells, size_t from, size_t to, double shade, bool bold) {
  Canvas& canvas = flow_.canvas();
  double top = flow_.cursor();
  double height = Height(to - from);
  double left = x_.front();
  if (shade < kNoShade) canvas.FillRect(left, top - height, flow_.width(), height, shade);
  for (size_t c = 0; c < w_.size(); ++c) {
    FontStyle style = StyleOf(c, bold);
    for (size_t k = from; k < to && k < cells[c].size(); ++k) {
      double line_top = top - kPad - (k - from) * leading_;
      canvas.Text(x_[c] + InsetX(), PageFlow::Baseline(line_top, spec_.font_size, leading_), style,
                  spec_.font_size, cells[c][k]);
    }
    if (spec_.borders)
      canvas.StrokeRect(x_[c], top - height, w_[c], height, kBorderGray, kBorderWidth);
  }
  flow_.Consume(height);
}

}  // namespace lis::pdf
