// Internal to the PDF writer: one table placed on the pages of a PageFlow, rows split
// across pages with the header row repeated on each.
#pragma once

#include <string>
#include <vector>

#include "core/pdf/page_flow.h"

namespace lis::pdf {

struct TableSpec {
  std::vector<double> weights;  // relative column widths, one per column; <= 0 counts as 1
  const std::vector<std::string>* header = nullptr;             // nullptr: no header row
  const std::vector<std::vector<std::string>>* rows = nullptr;  // cells beyond the columns
                                                                // are left out
  double font_size = 9;
  bool zebra = false;              // every second row shaded
  bool borders = true;             // a thin grey frame around every cell
  bool bold_first_column = false;  // the first column's text bold (key-value lists)
};

class TableLayout {
 public:
  // `flow` and `spec` (and what it points to) must outlive the layout.
  TableLayout(PageFlow& flow, const TableSpec& spec);
  // Places the table at the flow's cursor. A row that does not fit moves to the next page; a
  // row taller than a whole page is split between its lines.
  void Draw();

 private:
  using Cells = std::vector<std::vector<std::string>>;  // wrapped lines per column

  Cells Wrap(const std::vector<std::string>& row, bool bold) const;
  FontStyle StyleOf(size_t column, bool bold) const;
  size_t Lines(const Cells& cells) const;
  double InsetX() const;
  double Height(size_t lines) const;
  size_t LinesThatFit() const;
  void DrawHeader();
  void NextPage();
  void DrawRow(const Cells& cells, size_t index);
  void DrawSlice(const Cells& cells, size_t from, size_t to, double shade, bool bold);

  PageFlow& flow_;
  const TableSpec& spec_;
  std::vector<double> x_;  // left edge of each column
  std::vector<double> w_;  // width of each column
  double leading_;
  Cells header_;
  size_t slices_on_page_ = 0;  // row parts placed on the current page, not counting the header
};

}  // namespace lis::pdf
