// CSV reading and writing, and the checks shared with XLSX (see table.h).
#include <string>

#include "core/table/table.h"
#include "core/table/table_rows.h"
#include "core/utf8.h"

namespace lis::tables {

bool ValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();)
    if (!utf8::Next(s, i)) return false;
  return true;
}

bool LooksLikeFormula(std::string_view cell) {
  if (cell.empty()) return false;
  char c = cell[0];
  return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

std::string NeutralisedForCsv(std::string_view cell) {
  return LooksLikeFormula(cell) ? std::string("'").append(cell) : std::string(cell);
}

std::string WithoutNeutraliser(std::string_view cell) {
  if (cell.size() >= 2 && cell[0] == '\'' && LooksLikeFormula(cell.substr(1)))
    return std::string(cell.substr(1));
  return std::string(cell);
}

Error TableError(const std::string& key, long long row) {
  Error e = MakeError(Code::kInvalid, key);
  if (row > 0) e.With("row", std::to_string(row));
  return e;
}

Status HoldBytes(Table& table, size_t bytes, const ReadLimits& limits) {
  table.held_bytes += bytes;
  if (table.held_bytes <= limits.max_table_bytes) return {};
  Error e = MakeError(Code::kTooLarge, "import.table_too_large");
  return e.With("max", std::to_string(limits.max_table_bytes));
}

namespace {
Status Hold(Table& table, const std::vector<std::string>& cells, const ReadLimits& limits) {
  size_t bytes = sizeof(TableRow);
  for (const auto& c : cells) bytes += c.size() + kCellOverhead;
  return HoldBytes(table, bytes, limits);
}
}  // namespace

Status AddRow(Table& table, long long number, std::vector<std::string> cells,
              const ReadLimits& limits) {
  while (!cells.empty() && cells.back().empty()) cells.pop_back();
  if (cells.empty()) return {};  // blank rows are skipped; the numbering goes on
  if (cells.size() > limits.max_columns)
    return TableError("import.too_many_columns", number)
        .With("max", std::to_string(limits.max_columns));
  for (const auto& c : cells) {
    if (!ValidUtf8(c)) return TableError("import.bad_utf8", number);
    if (c.size() > limits.max_cell_bytes)
      return TableError("import.cell_too_long", number)
          .With("max", std::to_string(limits.max_cell_bytes));
  }
  Status held = Hold(table, cells, limits);
  if (!held.ok()) return held;
  if (table.header.empty()) {
    table.header = std::move(cells);
    return {};
  }
  if (table.rows.size() >= limits.max_rows)
    return TableError("import.too_many_rows", 0).With("max", std::to_string(limits.max_rows));
  table.rows.push_back({number, std::move(cells)});
  return {};
}

Status FinishTable(const Table& table) {
  if (table.header.empty()) return TableError("import.empty", 0);
  if (table.rows.empty()) return TableError("import.no_rows", 0);
  return {};
}

namespace {

// ';' or ',': whichever occurs more often outside quotes before the first line break.
char Delimiter(std::string_view s) {
  int semicolons = 0, commas = 0;
  bool quoted = false;
  for (char c : s) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    if (c == ';') ++semicolons;
    if (c == ',') ++commas;
  }
  return semicolons > commas ? ';' : ',';
}

}  // namespace

Result<Table> ReadCsv(std::string_view s, const ReadLimits& limits) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  const char delim = Delimiter(s);
  Table table;
  std::vector<std::string> cells(1);
  long long record = 1;  // the spreadsheet row of the record being read
  long long started = 1;
  bool quoted = false, any = false;
  size_t i = 0;
  auto end_record = [&]() -> Status {
    Status st = any ? AddRow(table, started, std::move(cells), limits) : Status();
    cells.assign(1, {});
    any = false;
    started = ++record;
    return st;
  };
  while (i < s.size()) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        cells.back() += '"';
        i += 2;
        continue;
      }
      if (c == '"')
        quoted = false;
      else
        cells.back() += c;
      ++i;
      continue;
    }
    if (c == '"' && cells.back().empty()) {
      quoted = any = true;
    } else if (c == delim) {
      cells.emplace_back();
      any = true;
    } else if (c == '\r' || c == '\n') {
      if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') ++i;
      Status st = end_record();
      if (!st.ok()) return st.error();
    } else {
      cells.back() += c;
      any = true;
    }
    ++i;
  }
  if (quoted) return TableError("import.unclosed_quote", started);
  Status st = end_record();
  if (!st.ok()) return st.error();
  st = FinishTable(table);
  if (!st.ok()) return st.error();
  return table;
}

Result<Table> ReadTable(std::string_view bytes, Format format, const ReadLimits& limits) {
  return format == Format::kCsv ? ReadCsv(bytes, limits) : ReadXlsx(bytes, limits);
}

namespace {
void AppendCsvCell(std::string& out, std::string_view raw) {
  std::string cell = NeutralisedForCsv(raw);
  if (cell.find_first_of(";,\"\r\n") == std::string::npos) {
    out += cell;
    return;
  }
  out += '"';
  for (char c : cell) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

void AppendCsvRecord(std::string& out, const std::vector<std::string>& cells) {
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out += ';';
    AppendCsvCell(out, cells[i]);
  }
  out += "\r\n";
}
}  // namespace

std::string WriteCsv(const std::vector<std::string>& header,
                     const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  AppendCsvRecord(out, header);
  for (const auto& r : rows) AppendCsvRecord(out, r);
  return out;
}

}  // namespace lis::tables
