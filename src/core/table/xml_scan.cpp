#include "core/table/xml_scan.h"

#include <cstdlib>

#include "core/utf8.h"

namespace lis::tables {

namespace {

bool Space(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

bool NameEnd(char c) {
  return Space(c) || c == '/' || c == '>' || c == '=';
}

std::string_view Local(std::string_view name) {
  size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

// The code point of a character reference body ("#65", "#x41"), or 0 when it is not one.
char32_t CharRef(std::string_view ref) {
  if (ref.size() < 2 || ref[0] != '#') return 0;
  bool hex = ref[1] == 'x';
  std::string digits(ref.substr(hex ? 2 : 1));
  if (digits.empty() || digits.size() > 8) return 0;
  char* end = nullptr;
  unsigned long cp = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
  if (*end != '\0' || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return static_cast<char32_t>(cp);
}

}  // namespace

std::string_view XmlScanner::Attr(std::string_view local) const {
  for (const auto& [name, value] : attrs_)
    if (Local(name) == local) return value;
  return {};
}

bool XmlScanner::Decode(std::string_view raw, std::string& out) const {
  out.clear();
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] != '&') {
      out += raw[i];
      continue;
    }
    size_t semi = raw.find(';', i);
    if (semi == std::string_view::npos || semi - i > 12) return false;
    std::string_view ref = raw.substr(i + 1, semi - i - 1);
    if (ref == "lt")
      out += '<';
    else if (ref == "gt")
      out += '>';
    else if (ref == "amp")
      out += '&';
    else if (ref == "quot")
      out += '"';
    else if (ref == "apos")
      out += '\'';
    else if (char32_t cp = CharRef(ref))
      utf8::Append(out, cp);
    else
      return false;
    i = semi;
  }
  return true;
}

bool XmlScanner::SkipPast(std::string_view end) {
  size_t at = doc_.find(end, pos_);
  if (at == std::string_view::npos) return false;
  pos_ = at + end.size();
  return true;
}

XmlScanner::Event XmlScanner::Next() {
  if (last_ == Event::kError || done_) return last_;
  if (pending_end_) {
    pending_end_ = false;
    --depth_;
    return last_ = Event::kEnd;
  }
  while (pos_ < doc_.size()) {
    if (doc_[pos_] != '<') return Text();
    std::string_view rest = doc_.substr(pos_);
    if (rest.rfind("<?", 0) == 0) {
      if (!SkipPast("?>")) return Fail();
    } else if (rest.rfind("<!--", 0) == 0) {
      if (!SkipPast("-->")) return Fail();
    } else if (rest.rfind("<![CDATA[", 0) == 0) {
      size_t end = doc_.find("]]>", pos_);
      if (end == std::string_view::npos || depth_ == 0) return Fail();
      text_.assign(doc_.substr(pos_ + 9, end - pos_ - 9));
      pos_ = end + 3;
      return last_ = Event::kText;
    } else if (rest.rfind("<!", 0) == 0) {
      return Fail();  // a document type declaration, which could declare entities
    } else if (rest.rfind("</", 0) == 0) {
      return EndTag();
    } else {
      return StartTag();
    }
  }
  if (depth_ != 0) return Fail();
  done_ = true;
  return last_ = Event::kDone;
}

XmlScanner::Event XmlScanner::Text() {
  size_t end = doc_.find('<', pos_);
  if (end == std::string_view::npos) end = doc_.size();
  std::string_view raw = doc_.substr(pos_, end - pos_);
  pos_ = end;
  if (depth_ == 0) {
    for (char c : raw)
      if (!Space(c)) return Fail();  // text outside the root element
    return Next();
  }
  if (!Decode(raw, text_)) return Fail();
  return last_ = Event::kText;
}

XmlScanner::Event XmlScanner::EndTag() {
  size_t end = doc_.find('>', pos_);
  if (end == std::string_view::npos || depth_ == 0) return Fail();
  std::string_view name = doc_.substr(pos_ + 2, end - pos_ - 2);
  while (!name.empty() && Space(name.back())) name.remove_suffix(1);
  if (name.empty()) return Fail();
  name_ = Local(name);
  pos_ = end + 1;
  --depth_;
  return last_ = Event::kEnd;
}

XmlScanner::Event XmlScanner::StartTag() {
  size_t i = pos_ + 1;
  while (i < doc_.size() && !NameEnd(doc_[i])) ++i;
  if (i == pos_ + 1) return Fail();
  name_ = Local(doc_.substr(pos_ + 1, i - pos_ - 1));
  attrs_.clear();
  for (;;) {
    while (i < doc_.size() && Space(doc_[i])) ++i;
    if (i >= doc_.size()) return Fail();
    if (doc_[i] == '>' || (doc_[i] == '/' && i + 1 < doc_.size() && doc_[i + 1] == '>')) break;
    size_t start = i;
    while (i < doc_.size() && !NameEnd(doc_[i])) ++i;
    std::string_view attr = doc_.substr(start, i - start);
    while (i < doc_.size() && Space(doc_[i])) ++i;
    if (attr.empty() || i + 1 >= doc_.size() || doc_[i] != '=') return Fail();
    ++i;
    while (i < doc_.size() && Space(doc_[i])) ++i;
    if (i >= doc_.size() || (doc_[i] != '"' && doc_[i] != '\'')) return Fail();
    size_t close = doc_.find(doc_[i], i + 1);
    if (close == std::string_view::npos) return Fail();
    std::string value;
    std::string_view raw = doc_.substr(i + 1, close - i - 1);
    if (raw.find('<') != std::string_view::npos || !Decode(raw, value)) return Fail();
    attrs_.emplace_back(attr, std::move(value));
    i = close + 1;
  }
  pending_end_ = doc_[i] == '/';
  pos_ = i + (pending_end_ ? 2 : 1);
  ++depth_;
  return last_ = Event::kStart;
}

}  // namespace lis::tables
