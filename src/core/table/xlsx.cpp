// XLSX reading (libzip + pugixml) and writing (libxlsxwriter); see table.h.
#include <xlsxwriter.h>
#include <zip.h>

#include <unistd.h>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <pugixml.hpp>
#include <sstream>
#include <stdexcept>

#include "core/table/table.h"
#include "core/table/table_rows.h"
#include "core/table/xml_scan.h"
#include "core/utf8.h"

namespace lis::tables {

namespace {

// ---- The archive ----

class Archive {
 public:
  // Takes no copy: `bytes` must outlive the archive.
  static std::unique_ptr<Archive> Open(std::string_view bytes) {
    zip_error_t err;
    zip_error_init(&err);
    zip_source_t* src = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &err);
    if (!src) return nullptr;
    zip_t* za = zip_open_from_source(src, ZIP_RDONLY, &err);
    zip_error_fini(&err);
    if (!za) {
      zip_source_free(src);
      return nullptr;
    }
    return std::unique_ptr<Archive>(new Archive(za));
  }
  ~Archive() { zip_discard(za_); }

  bool Has(const std::string& name) const {
    return zip_name_locate(za_, name.c_str(), ZIP_FL_NOCASE) >= 0;
  }
  // The part's bytes, taken from `budget` (the uncompressed bytes all parts may still take):
  // "import.bad_xlsx" when it is missing or unreadable, "import.unpacked_too_large" as soon
  // as inflating it goes beyond the budget (so a zip bomb costs no more than the budget).
  Result<std::string> Read(const std::string& name, size_t& budget,
                           const ReadLimits& limits) const {
    zip_file_t* f = zip_fopen(za_, name.c_str(), ZIP_FL_NOCASE);
    if (!f) return TableError("import.bad_xlsx", 0).With("part", name);
    std::string out;
    zip_stat_t st;
    if (zip_stat(za_, name.c_str(), ZIP_FL_NOCASE, &st) == 0 && (st.valid & ZIP_STAT_SIZE))
      out.reserve(std::min<zip_uint64_t>(st.size, budget));  // no doubling while it grows
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
      if (static_cast<size_t>(n) > budget - out.size()) {
        zip_fclose(f);
        return MakeError(Code::kTooLarge, "import.unpacked_too_large")
            .With("max", std::to_string(limits.max_unpacked_bytes));
      }
      out.append(buf, static_cast<size_t>(n));
    }
    zip_fclose(f);
    if (n < 0) return TableError("import.bad_xlsx", 0).With("part", name);
    budget -= out.size();
    return std::move(out);
  }

 private:
  explicit Archive(zip_t* za) : za_(za) {}
  zip_t* za_;
};

// ---- XML helpers: element names compared without their namespace prefix ----

std::string_view LocalName(const pugi::xml_node& n) {
  std::string_view name = n.name();
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& n, std::string_view local) {
  for (auto c : n.children())
    if (c.type() == pugi::node_element && LocalName(c) == local) return c;
  return {};
}

// The attribute named `local` in any namespace ("r:id" for "id").
const char* Attr(const pugi::xml_node& n, std::string_view local) {
  for (auto a : n.attributes()) {
    std::string_view name = a.name();
    size_t colon = name.find(':');
    if ((colon == std::string_view::npos ? name : name.substr(colon + 1)) == local)
      return a.value();
  }
  return "";
}

// Office escapes characters XML cannot hold as _xHHHH_.
std::string Unescape(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '_' && i + 6 < s.size() && s[i + 1] == 'x' && s[i + 6] == '_') {
      std::string hex(s.substr(i + 2, 4));
      char* end = nullptr;
      unsigned long cp = std::strtoul(hex.c_str(), &end, 16);
      if (end == hex.c_str() + 4) {
        auto c = static_cast<char32_t>(cp);  // a lone surrogate is no character
        utf8::Append(out, c >= 0xD800 && c <= 0xDFFF ? utf8::kReplacement : c);
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// ---- Parts ----

// The workbook and its relationships are parsed into a tree; a real one is a few KiB.
constexpr size_t kMaxSmallPart = 1024 * 1024;

// Parses a small part into `doc`, its bytes taken from `budget`.
Status Parse(const Archive& zip, const std::string& part, pugi::xml_document& doc, size_t& budget,
             const ReadLimits& limits) {
  size_t small = std::min(budget, kMaxSmallPart);
  auto bytes = zip.Read(part, small, limits);
  if (!bytes.ok()) {
    if (bytes.error().code == Code::kTooLarge && budget > kMaxSmallPart)
      return TableError("import.bad_xlsx", 0).With("part", part);
    return bytes.error();
  }
  budget -= bytes->size();
  if (!doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default, pugi::encoding_utf8))
    return TableError("import.bad_xlsx", 0).With("part", part);
  return {};
}

// "xl/" + target, or the target itself when absolute ("/xl/...").
std::string PartPath(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

struct WorkbookParts {
  std::string sheet;
  std::string shared_strings;
};

Result<WorkbookParts> FindParts(const Archive& zip, size_t& budget, const ReadLimits& limits) {
  if (!zip.Has("xl/workbook.xml")) return TableError("import.not_xlsx", 0);
  pugi::xml_document wb, rels;
  Status parsed = Parse(zip, "xl/workbook.xml", wb, budget, limits);
  if (!parsed.ok()) return parsed.error();
  pugi::xml_node sheet = Child(Child(Child(wb, "workbook"), "sheets"), "sheet");
  if (!sheet) return TableError("import.no_worksheet", 0);
  std::string rid = Attr(sheet, "id");
  parsed = Parse(zip, "xl/_rels/workbook.xml.rels", rels, budget, limits);
  if (!parsed.ok()) return parsed.error();
  WorkbookParts parts;
  for (auto r : Child(rels, "Relationships").children()) {
    std::string type = Attr(r, "Type");
    if (rid == Attr(r, "Id")) parts.sheet = PartPath(Attr(r, "Target"));
    if (type.size() >= 14 && type.compare(type.size() - 14, 14, "/sharedStrings") == 0)
      parts.shared_strings = PartPath(Attr(r, "Target"));
  }
  if (parts.sheet.empty() || !zip.Has(parts.sheet)) return TableError("import.no_worksheet", 0);
  return parts;
}

// ---- Streamed parts: the shared strings and the worksheet ----

// Collects the text of a shared string <si> or an inline string <is>: its <t>, or the <t>
// of each rich-text run <r>, but not the phonetic hints <rPh>.
class RichTextCollector {
 public:
  void Begin() {
    text_.clear();
    in_t_ = false;
    hints_ = 0;
  }
  void OnStart(std::string_view name) {
    if (name == "rPh") ++hints_;
    if (name == "t" && hints_ == 0) in_t_ = true;
  }
  void OnEnd(std::string_view name) {
    if (name == "rPh" && hints_ > 0) --hints_;
    if (name == "t") in_t_ = false;
  }
  void OnText(const std::string& text) {
    if (in_t_) text_ += text;
  }
  std::string Take() { return Unescape(text_); }

 private:
  std::string text_;
  bool in_t_ = false;
  int hints_ = 0;
};

// Reads `part` from `zip` and gives each scanner event to `on`, which returns a non-ok
// Status to stop; "import.bad_xlsx" for XML that is not well formed.
template <typename OnEvent>
Status Scan(const Archive& zip, const std::string& part, size_t& budget, const ReadLimits& limits,
            OnEvent on) {
  auto bytes = zip.Read(part, budget, limits);
  if (!bytes.ok()) return bytes.error();
  XmlScanner xml(*bytes);
  for (;;) {
    auto event = xml.Next();
    if (event == XmlScanner::Event::kDone) return {};
    if (event == XmlScanner::Event::kError)
      return TableError("import.bad_xlsx", 0).With("part", part);
    Status s = on(event, xml);
    if (!s.ok()) return s;
  }
}

using Event = XmlScanner::Event;

Result<std::vector<std::string>> SharedStrings(const Archive& zip, const std::string& part,
                                               size_t& budget, const ReadLimits& limits,
                                               Table& table) {
  std::vector<std::string> out;
  if (part.empty() || !zip.Has(part)) return out;
  RichTextCollector text;
  bool in_si = false;
  Status s = Scan(zip, part, budget, limits, [&](Event e, const XmlScanner& xml) -> Status {
    if (e == Event::kStart && xml.name() == "si") {
      in_si = true;
      text.Begin();
    } else if (e == Event::kStart && in_si) {
      text.OnStart(xml.name());
    } else if (e == Event::kText && in_si) {
      text.OnText(xml.text());
    } else if (e == Event::kEnd && xml.name() == "si") {
      in_si = false;
      out.push_back(text.Take());
      return HoldBytes(table, out.back().size() + kCellOverhead, limits);
    } else if (e == Event::kEnd && in_si) {
      text.OnEnd(xml.name());
    }
    return {};
  });
  if (!s.ok()) return s.error();
  return out;
}

// "C7" -> column 3 (1-based) and row 7; zero for a part that is missing.
std::pair<long long, long long> CellRef(std::string_view ref) {
  long long col = 0, row = 0;
  size_t i = 0;
  for (; i < ref.size() && std::isalpha(static_cast<unsigned char>(ref[i])); ++i)
    col = col * 26 + (std::toupper(static_cast<unsigned char>(ref[i])) - 'A' + 1);
  for (; i < ref.size() && std::isdigit(static_cast<unsigned char>(ref[i])); ++i)
    row = row * 10 + (ref[i] - '0');
  if (col > 1000000 || row > 100000000) return {0, 0};
  return {col, row};
}

// A number as the user typed it: integral values without ".0" or an exponent.
std::string NumberText(const std::string& v) {
  char* end = nullptr;
  double d = std::strtod(v.c_str(), &end);
  if (v.empty() || *end != '\0' || !std::isfinite(d) || std::floor(d) != d || std::fabs(d) >= 1e15)
    return v;
  return std::to_string(static_cast<long long>(d));
}

// The worksheet's rows, read element by element into the table.
class SheetReader {
 public:
  SheetReader(const std::vector<std::string>& shared, const ReadLimits& limits, Table& table)
      : shared_(shared), limits_(limits), table_(table) {}

  Status On(Event e, const XmlScanner& xml) {
    std::string_view name = xml.name();
    if (e == Event::kText) {
      if (in_is_)
        inline_.OnText(xml.text());
      else if (in_v_)
        value_ += xml.text();
      return {};
    }
    if (e == Event::kStart) return Start(name, xml);
    if (in_is_ && name != "is") {
      inline_.OnEnd(name);
    } else if (name == "is") {
      in_is_ = false;
    } else if (name == "v") {
      in_v_ = false;
    } else if (name == "c" && in_c_) {
      in_c_ = false;
      return EndCell();
    } else if (name == "row" && in_row_) {
      in_row_ = false;
      return AddRow(table_, row_number_, std::move(cells_), limits_);
    }
    return {};
  }

 private:
  Status Start(std::string_view name, const XmlScanner& xml) {
    if (in_is_) {
      inline_.OnStart(name);
    } else if (name == "row") {
      long long r = std::atoll(std::string(xml.Attr("r")).c_str());
      row_number_ = r > row_number_ ? r : row_number_ + 1;
      cells_.clear();
      col_ = 0;
      in_row_ = true;
    } else if (name == "c" && in_row_) {
      auto [ref_col, ref_row] = CellRef(xml.Attr("r"));
      col_ = ref_col > 0 ? ref_col : col_ + 1;
      type_ = std::string(xml.Attr("t"));
      value_.clear();
      has_inline_ = false;
      in_c_ = true;
    } else if (name == "v" && in_c_) {
      in_v_ = true;
    } else if (name == "is" && in_c_) {
      in_is_ = has_inline_ = true;
      inline_.Begin();
    }
    return {};
  }

  std::string CellText() {
    if (type_ == "inlineStr") return has_inline_ ? inline_.Take() : std::string();
    if (type_ == "s") {
      char* end = nullptr;
      unsigned long i = std::strtoul(value_.c_str(), &end, 10);
      return !value_.empty() && *end == '\0' && i < shared_.size() ? shared_[i] : std::string();
    }
    if (type_ == "b") return value_ == "1" ? "TRUE" : "FALSE";
    if (type_ == "str" || type_ == "e" || type_ == "d") return Unescape(value_);
    return NumberText(value_);
  }

  Status EndCell() {
    std::string text = CellText();
    if (text.empty()) return {};
    if (col_ > static_cast<long long>(limits_.max_columns))
      return TableError("import.too_many_columns", row_number_)
          .With("max", std::to_string(limits_.max_columns));
    if (cells_.size() < static_cast<size_t>(col_)) cells_.resize(col_);
    cells_[col_ - 1] = std::move(text);
    return {};
  }

  const std::vector<std::string>& shared_;
  const ReadLimits& limits_;
  Table& table_;
  long long row_number_ = 0;
  long long col_ = 0;
  std::vector<std::string> cells_;
  std::string type_, value_;
  RichTextCollector inline_;
  bool in_row_ = false, in_c_ = false, in_v_ = false, in_is_ = false, has_inline_ = false;
};

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  auto zip = Archive::Open(bytes);
  if (!zip) return TableError("import.not_xlsx", 0);
  size_t budget = limits.max_unpacked_bytes;
  auto parts = FindParts(*zip, budget, limits);
  if (!parts.ok()) return parts.error();
  Table table;
  auto shared = SharedStrings(*zip, parts->shared_strings, budget, limits, table);
  if (!shared.ok()) return shared.error();
  SheetReader reader(*shared, limits, table);
  Status s = Scan(*zip, parts->sheet, budget, limits,
                  [&](Event e, const XmlScanner& xml) { return reader.On(e, xml); });
  if (!s.ok()) return s.error();
  s = FinishTable(table);
  if (!s.ok()) return s.error();
  return table;
}

// ---- Writing ----

namespace {

// A temporary file removed when this goes out of scope.
class TempFile {
 public:
  TempFile() {
    const char* dir = std::getenv("TMPDIR");
    path_ = std::string(dir && *dir ? dir : "/tmp") + "/lis-export-XXXXXX.xlsx";
    int fd = mkstemps(path_.data(), 5);
    if (fd < 0) throw std::runtime_error("cannot create a temporary file in " + path_);
    close(fd);
  }
  ~TempFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace

std::string WriteXlsx(const std::string& sheet_name, const std::vector<std::string>& header,
                      const std::vector<std::vector<std::string>>& rows) {
  TempFile file;
  lxw_workbook_options options = {};
  options.constant_memory = LXW_TRUE;  // rows go to disk as they are written
  lxw_workbook* wb = workbook_new_opt(file.path().c_str(), &options);
  if (!wb) throw std::runtime_error("cannot start an XLSX workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, sheet_name.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < header.size(); ++c)
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), header[c].c_str(), bold);
  for (size_t r = 0; r < rows.size(); ++r)
    for (size_t c = 0; c < rows[r].size(); ++c)
      if (!rows[r][c].empty())
        worksheet_write_string(ws, static_cast<lxw_row_t>(r + 1), static_cast<lxw_col_t>(c),
                               rows[r][c].c_str(), nullptr);
  if (workbook_close(wb) != LXW_NO_ERROR)
    throw std::runtime_error("cannot write the XLSX workbook " + file.path());
  std::ifstream in(file.path(), std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace lis::tables
