// XLSX reading (libzip + pugixml) and writing (libxlsxwriter); see table.h.
#include <xlsxwriter.h>
#include <zip.h>

#include <unistd.h>
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
  // The part's bytes; nothing when it is missing, unreadable or larger than `max`.
  std::optional<std::string> Read(const std::string& name, size_t max) const {
    zip_file_t* f = zip_fopen(za_, name.c_str(), ZIP_FL_NOCASE);
    if (!f) return std::nullopt;
    std::string out;
    char buf[65536];
    zip_int64_t n;
    while ((n = zip_fread(f, buf, sizeof buf)) > 0) {
      out.append(buf, static_cast<size_t>(n));
      if (out.size() > max) break;
    }
    zip_fclose(f);
    if (n < 0 || out.size() > max) return std::nullopt;
    return out;
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

void AppendUtf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
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
        AppendUtf8(out, static_cast<unsigned>(cp));
        i += 6;
        continue;
      }
    }
    out += s[i];
  }
  return out;
}

// The text of a shared string <si> or an inline string <is>: its <t>, or the <t> of each
// rich-text run <r> (phonetic hints <rPh> are not part of the text).
std::string RichText(const pugi::xml_node& n) {
  std::string out;
  for (auto c : n.children()) {
    if (c.type() != pugi::node_element) continue;
    if (LocalName(c) == "t") out += c.child_value();
    if (LocalName(c) == "r") out += Child(c, "t").child_value();
  }
  return Unescape(out);
}

// ---- Parts ----

Result<pugi::xml_document*> Parse(const Archive& zip, const std::string& part,
                                  pugi::xml_document& doc, const ReadLimits& limits) {
  auto bytes = zip.Read(part, limits.max_xml_bytes);
  if (!bytes) return TableError("import.bad_xlsx", 0).With("part", part);
  if (!doc.load_buffer(bytes->data(), bytes->size(), pugi::parse_default, pugi::encoding_utf8))
    return TableError("import.bad_xlsx", 0).With("part", part);
  return &doc;
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

Result<WorkbookParts> FindParts(const Archive& zip, const ReadLimits& limits) {
  if (!zip.Has("xl/workbook.xml")) return TableError("import.not_xlsx", 0);
  pugi::xml_document wb, rels;
  auto parsed = Parse(zip, "xl/workbook.xml", wb, limits);
  if (!parsed.ok()) return parsed.error();
  pugi::xml_node sheet = Child(Child(Child(wb, "workbook"), "sheets"), "sheet");
  if (!sheet) return TableError("import.no_worksheet", 0);
  std::string rid = Attr(sheet, "id");
  parsed = Parse(zip, "xl/_rels/workbook.xml.rels", rels, limits);
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

Result<std::vector<std::string>> SharedStrings(const Archive& zip, const std::string& part,
                                               const ReadLimits& limits) {
  std::vector<std::string> out;
  if (part.empty() || !zip.Has(part)) return out;
  pugi::xml_document doc;
  auto parsed = Parse(zip, part, doc, limits);
  if (!parsed.ok()) return parsed.error();
  for (auto si : Child(doc, "sst").children())
    if (si.type() == pugi::node_element && LocalName(si) == "si") out.push_back(RichText(si));
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

std::string CellText(const pugi::xml_node& c, const std::vector<std::string>& shared) {
  std::string type = Attr(c, "t");
  std::string v = Child(c, "v").child_value();
  if (type == "inlineStr") return RichText(Child(c, "is"));
  if (type == "s") {
    char* end = nullptr;
    unsigned long i = std::strtoul(v.c_str(), &end, 10);
    return !v.empty() && *end == '\0' && i < shared.size() ? shared[i] : std::string();
  }
  if (type == "b") return v == "1" ? "TRUE" : "FALSE";
  if (type == "str" || type == "e" || type == "d") return Unescape(v);
  return NumberText(v);
}

Status ReadSheet(const pugi::xml_document& doc, const std::vector<std::string>& shared,
                 const ReadLimits& limits, Table& table) {
  long long row_number = 0;
  for (auto row : Child(Child(doc, "worksheet"), "sheetData").children()) {
    if (row.type() != pugi::node_element || LocalName(row) != "row") continue;
    long long r = std::atoll(Attr(row, "r"));
    row_number = r > row_number ? r : row_number + 1;
    std::vector<std::string> cells;
    long long col = 0;
    for (auto c : row.children()) {
      if (c.type() != pugi::node_element || LocalName(c) != "c") continue;
      auto [ref_col, ref_row] = CellRef(Attr(c, "r"));
      col = ref_col > 0 ? ref_col : col + 1;
      std::string text = CellText(c, shared);
      if (text.empty()) continue;
      if (col > static_cast<long long>(limits.max_columns))
        return TableError("import.too_many_columns", row_number)
            .With("max", std::to_string(limits.max_columns));
      if (cells.size() < static_cast<size_t>(col)) cells.resize(col);
      cells[col - 1] = std::move(text);
    }
    Status s = AddRow(table, row_number, std::move(cells), limits);
    if (!s.ok()) return s;
  }
  return FinishTable(table);
}

}  // namespace

Result<Table> ReadXlsx(std::string_view bytes, const ReadLimits& limits) {
  auto zip = Archive::Open(bytes);
  if (!zip) return TableError("import.not_xlsx", 0);
  auto parts = FindParts(*zip, limits);
  if (!parts.ok()) return parts.error();
  auto shared = SharedStrings(*zip, parts->shared_strings, limits);
  if (!shared.ok()) return shared.error();
  pugi::xml_document sheet;
  auto parsed = Parse(*zip, parts->sheet, sheet, limits);
  if (!parsed.ok()) return parsed.error();
  Table table;
  Status s = ReadSheet(sheet, *shared, limits, table);
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
