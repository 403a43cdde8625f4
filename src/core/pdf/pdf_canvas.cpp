#include "core/pdf/pdf_canvas.h"

#include <hpdf.h>

#include <cstdio>
#include <ctime>
#include <fstream>
#include <vector>

#include "core/utf8.h"

namespace lis::pdf {

namespace {

constexpr double kA4Short = 595.276;  // points, as libharu's HPDF_PAGE_SIZE_A4
constexpr double kA4Long = 841.89;
constexpr const char* kFontFiles[] = {"DejaVuSans.ttf", "DejaVuSans-Bold.ttf"};

std::string Hex(HPDF_STATUS code) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "0x%04X", static_cast<unsigned>(code));
  return buf;
}

Error PdfFailed(HPDF_STATUS code, HPDF_STATUS detail) {
  return MakeError(Code::kInternal, "error.pdf_failed")
      .With("code", Hex(code))
      .With("detail", std::to_string(detail));
}

HPDF_Date ToPdfDate(TimePoint t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  HPDF_Date d{};
  d.year = tm.tm_year + 1900;
  d.month = tm.tm_mon + 1;
  d.day = tm.tm_mday;
  d.hour = tm.tm_hour;
  d.minutes = tm.tm_min;
  d.seconds = tm.tm_sec;
  d.ind = 'Z';
  return d;
}

}  // namespace

struct Canvas::State {
  HPDF_Doc doc = nullptr;
  HPDF_STATUS error_no = HPDF_OK;
  HPDF_STATUS detail_no = HPDF_OK;
  bool landscape = false;
  HPDF_Font fonts[2] = {nullptr, nullptr};
  std::vector<int> widths[2];  // font units per BMP code point, -1 until asked
  std::vector<HPDF_Page> pages;
  HPDF_Page page = nullptr;
  HPDF_Font page_font = nullptr;  // what the current page's text state holds
  double page_size = 0;

  ~State() {
    if (doc) HPDF_Free(doc);
  }

  // libharu calls this on every error; when it returns, the failing function returns an
  // error code and libharu goes on. It runs inside C frames, so it must neither throw nor
  // longjmp: it keeps the first error, and the Canvas stops drawing once there is one.
  static void OnError(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* user_data) noexcept {
    auto* s = static_cast<State*>(user_data);
    if (s->error_no != HPDF_OK) return;
    s->error_no = error_no;
    s->detail_no = detail_no;
  }

  Error Failure() const { return PdfFailed(error_no, detail_no); }
};

namespace {

// Loads one TrueType face, embedded (libharu subsets it), for UTF-8 text.
Status LoadFont(HPDF_Doc doc, const std::string& path, HPDF_Font& font) {
  if (!std::ifstream(path, std::ios::binary).good())
    return MakeError(Code::kInternal, "error.pdf_font_missing").With("file", path);
  const char* name = HPDF_LoadTTFontFromFile(doc, path.c_str(), HPDF_TRUE);
  if (name) font = HPDF_GetFont(doc, name, "UTF-8");
  return {};
}

}  // namespace

Canvas::Canvas(std::unique_ptr<State> state) : s_(std::move(state)) {}
Canvas::~Canvas() = default;

Result<std::unique_ptr<Canvas>> Canvas::Open(const std::string& font_dir, bool landscape) {
  auto s = std::make_unique<State>();
  s->landscape = landscape;
  s->doc = HPDF_New(&State::OnError, s.get());
  if (!s->doc) return PdfFailed(HPDF_FAILD_TO_ALLOC_MEM, 0);
  HPDF_SetCompressionMode(s->doc, HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(s->doc);
  HPDF_SetCurrentEncoder(s->doc, "UTF-8");  // metadata strings are UTF-8 too
  for (int i = 0; i < 2; ++i) {
    Status loaded = LoadFont(s->doc, font_dir + "/" + kFontFiles[i], s->fonts[i]);
    if (!loaded.ok()) return loaded.error();
  }
  if (s->error_no != HPDF_OK || !s->fonts[0] || !s->fonts[1]) return s->Failure();
  return std::unique_ptr<Canvas>(new Canvas(std::move(s)));
}

double Canvas::page_width() const {
  return s_->landscape ? kA4Long : kA4Short;
}
double Canvas::page_height() const {
  return s_->landscape ? kA4Short : kA4Long;
}
int Canvas::page_count() const {
  return static_cast<int>(s_->pages.size());
}
bool Canvas::failed() const {
  return s_->error_no != HPDF_OK;
}

void Canvas::AddPage() {
  if (failed()) return;
  HPDF_Page page = HPDF_AddPage(s_->doc);
  if (!page) return;
  HPDF_Page_SetSize(page, HPDF_PAGE_SIZE_A4,
                    s_->landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
  s_->pages.push_back(page);
  s_->page = page;
  s_->page_font = nullptr;
}

void Canvas::SelectPage(int index) {
  if (index < 0 || index >= page_count()) return;
  s_->page = s_->pages[index];
  s_->page_font = nullptr;
}

void Canvas::Text(double x, double baseline, FontStyle style, double size, std::string_view text) {
  if (failed() || !s_->page || text.empty()) return;
  HPDF_Font font = s_->fonts[static_cast<int>(style)];
  std::string line(text);  // libharu wants it NUL-terminated
  HPDF_Page_BeginText(s_->page);
  if (font != s_->page_font || size != s_->page_size) {
    HPDF_Page_SetFontAndSize(s_->page, font, static_cast<HPDF_REAL>(size));
    s_->page_font = font;
    s_->page_size = size;
  }
  HPDF_Page_TextOut(s_->page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(baseline),
                    line.c_str());
  HPDF_Page_EndText(s_->page);
}

void Canvas::FillRect(double x, double y, double width, double height, double gray) {
  if (failed() || !s_->page) return;
  HPDF_Page_SetGrayFill(s_->page, static_cast<HPDF_REAL>(gray));
  HPDF_Page_Rectangle(s_->page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                      static_cast<HPDF_REAL>(width), static_cast<HPDF_REAL>(height));
  HPDF_Page_Fill(s_->page);
  HPDF_Page_SetGrayFill(s_->page, 0);
}

void Canvas::StrokeRect(double x, double y, double width, double height, double gray,
                        double line_width) {
  if (failed() || !s_->page) return;
  HPDF_Page_SetGrayStroke(s_->page, static_cast<HPDF_REAL>(gray));
  HPDF_Page_SetLineWidth(s_->page, static_cast<HPDF_REAL>(line_width));
  HPDF_Page_Rectangle(s_->page, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y),
                      static_cast<HPDF_REAL>(width), static_cast<HPDF_REAL>(height));
  HPDF_Page_Stroke(s_->page);
}

double Canvas::Advance(FontStyle style, double size, char32_t cp) {
  int i = static_cast<int>(style);
  if (cp > 0xFFFF) cp = utf8::kReplacement;
  if (s_->widths[i].empty()) s_->widths[i].assign(0x10000, -1);
  int& w = s_->widths[i][cp];
  if (w < 0) w = HPDF_Font_GetUnicodeWidth(s_->fonts[i], static_cast<HPDF_UNICODE>(cp));
  return w * size / 1000.0;
}

void Canvas::SetMetadata(const Metadata& meta) {
  const std::pair<HPDF_InfoType, const std::string*> texts[] = {{HPDF_INFO_TITLE, &meta.title},
                                                                {HPDF_INFO_AUTHOR, &meta.author},
                                                                {HPDF_INFO_SUBJECT, &meta.subject}};
  for (const auto& [type, value] : texts)
    if (!value->empty()) HPDF_SetInfoAttr(s_->doc, type, value->c_str());
  HPDF_SetInfoAttr(s_->doc, HPDF_INFO_CREATOR, "LIS");
  HPDF_SetInfoDateAttr(s_->doc, HPDF_INFO_CREATION_DATE, ToPdfDate(meta.created));
}

Result<std::string> Canvas::Finish(const Metadata& meta) {
  if (s_->pages.empty()) AddPage();
  if (!failed()) SetMetadata(meta);
  HPDF_STATUS saved = failed() ? HPDF_OK : HPDF_SaveToStream(s_->doc);
  if (failed()) return s_->Failure();
  if (saved != HPDF_OK) return PdfFailed(saved, 0);
  HPDF_UINT32 size = HPDF_GetStreamSize(s_->doc);
  std::string bytes(size, '\0');
  HPDF_ResetStream(s_->doc);
  HPDF_UINT32 read = size;
  HPDF_STATUS st = HPDF_ReadFromStream(s_->doc, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read);
  if (failed()) return s_->Failure();
  if (st != HPDF_OK && st != HPDF_STREAM_EOF) return PdfFailed(st, 0);
  bytes.resize(read);
  return bytes;
}

}  // namespace lis::pdf
