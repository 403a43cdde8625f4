// Internal to the XLSX reader: a forward-only scanner over one XML document held in memory,
// so that a worksheet or its shared strings are read without building a tree (whose nodes
// would cost several times the document's size).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lis::tables {

class XmlScanner {
 public:
  enum class Event { kStart, kEnd, kText, kDone, kError };

  // Takes no copy: `doc` must outlive the scanner.
  explicit XmlScanner(std::string_view doc) : doc_(doc) {}

  // The next element start, element end (an empty element gives both), or run of character
  // data (entities and character references decoded, CDATA as it is); kDone at the end of a
  // well-formed document, kError for anything malformed and for a document type declaration
  // (so no entity can expand). After kDone or kError it returns the same again.
  Event Next();

  // The local name (without a namespace prefix) of the element of the last kStart or kEnd.
  std::string_view name() const { return name_; }
  // The decoded value of the attribute whose local name is `local` on the last kStart; empty
  // when it has none.
  std::string_view Attr(std::string_view local) const;
  // The decoded character data of the last kText.
  const std::string& text() const { return text_; }

 private:
  Event Fail() { return last_ = Event::kError; }
  bool SkipPast(std::string_view end);
  Event StartTag();
  Event EndTag();
  Event Text();
  bool Decode(std::string_view raw, std::string& out) const;

  std::string_view doc_;
  size_t pos_ = 0;
  int depth_ = 0;
  bool pending_end_ = false;  // the last kStart was an empty element <x/>
  bool done_ = false;         // kDone was returned
  Event last_ = Event::kDone;
  std::string_view name_;
  std::vector<std::pair<std::string_view, std::string>> attrs_;
  std::string text_;
};

}  // namespace lis::tables
