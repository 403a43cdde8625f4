// Spreadsheet tables in and out: CSV (RFC 4180) and XLSX (Office Open XML), for the import
// and export of registers. Reading turns bytes into a Table of text cells, or an Error whose
// message key says what is wrong and, where it applies, at which row ("row" argument, counted
// as the user sees it in the spreadsheet: the header is row 1). Writing never produces a cell
// a spreadsheet program would evaluate as a formula.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lis::tables {

struct TableRow {
  long long number = 0;            // spreadsheet row number (header = row 1 for CSV)
  std::vector<std::string> cells;  // as many as the header or fewer; text as in the file
};

struct Table {
  std::vector<std::string> header;  // the first non-empty row
  std::vector<TableRow> rows;       // non-empty rows after the header, in file order
  size_t held_bytes = 0;            // memory the cells hold, as ReadLimits::max_table_bytes counts
};

// What a reader accepts. A reader's memory stays within about max_unpacked_bytes +
// max_table_bytes whatever the file holds (an XLSX "zip bomb" included).
struct ReadLimits {
  size_t max_rows = 50000;        // data rows, not counting the header
  size_t max_columns = 200;       // cells per row
  size_t max_cell_bytes = 32767;  // Excel's own limit per cell
  // XLSX: the uncompressed size of all the parts read, in all; inflating stops beyond it.
  size_t max_unpacked_bytes = 64u * 1024 * 1024;
  // The cells read, and for XLSX its shared strings, each counted with its bookkeeping
  // (kCellOverhead bytes): a shared string used in a million cells costs a million times.
  size_t max_table_bytes = 64u * 1024 * 1024;
};

// The bookkeeping counted for each cell and shared string against max_table_bytes.
constexpr size_t kCellOverhead = 32;

enum class Format { kCsv, kXlsx };

// CSV: UTF-8, with or without a byte order mark; the delimiter is ';' or ',' — whichever
// occurs more often outside quotes in the header line (',' on a tie); records end in CRLF, LF
// or CR; quoted fields may hold delimiters, quotes ("") and line breaks.
// Errors (Code::kInvalid): "import.empty" (no header), "import.no_rows" (only a header),
// "import.bad_utf8" {row}, "import.unclosed_quote" {row}, "import.too_many_rows" {max},
// "import.too_many_columns" {row, max}, "import.cell_too_long" {row, max}; and
// (Code::kTooLarge) "import.table_too_large" {max} beyond max_table_bytes.
Result<Table> ReadCsv(std::string_view bytes, const ReadLimits& limits = {});

// XLSX: the first worksheet of the workbook (workbook.xml and its relationships), with
// shared strings, inline strings, numbers (integral values without a decimal part) and
// booleans ("TRUE"/"FALSE"); cells placed by their reference ("C7"), gaps left empty. Rows
// keep their sheet numbers. Errors as for CSV, and "import.not_xlsx" (not a zip archive or no
// workbook), "import.no_worksheet", "import.bad_xlsx" {part} (a part is not well-formed XML,
// or declares a document type), and (Code::kTooLarge) "import.unpacked_too_large" {max}
// beyond max_unpacked_bytes.
Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits = {});

Result<Table> ReadTable(std::string_view bytes, Format format, const ReadLimits& limits = {});

// Whether a spreadsheet program could take `cell` for a formula: it begins with '=', '+',
// '-', '@', a tab or a carriage return.
bool LooksLikeFormula(std::string_view cell);
// `cell` made safe for a CSV export: a leading apostrophe when LooksLikeFormula.
std::string NeutralisedForCsv(std::string_view cell);
// The reverse, for importing what LIS exported: drops the apostrophe NeutralisedForCsv added.
std::string WithoutNeutraliser(std::string_view cell);

// CSV for Swedish Excel: UTF-8 with a byte order mark (so å, ä and ö read right),
// ';' between cells, CRLF after each record, quoting where needed, formula-like cells
// neutralised. `rows` may be shorter than `header`.
std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows);
// An XLSX workbook with one worksheet named `sheet` (at most 31 characters), a bold header
// row and every cell written as a string (never a formula). Throws std::runtime_error when
// the temporary file cannot be written.
std::string WriteXlsx(const std::string& sheet, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows);

// Whether `text` is well-formed UTF-8 (no overlong forms, surrogates or code points beyond
// U+10FFFF).
bool ValidUtf8(std::string_view text);

}  // namespace lis::tables
