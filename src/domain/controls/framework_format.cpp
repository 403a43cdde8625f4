#include "domain/controls/framework_format.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace lis::domain {

using nlohmann::json;

namespace {

std::string Trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

// Reads one object's fields, naming each problem with `prefix`.
class Reader {
 public:
  Reader(const json& object, std::string prefix, std::vector<Error>& errors, std::string index)
      : o_(object), prefix_(std::move(prefix)), errors_(errors), index_(std::move(index)) {}

  bool Object() {
    if (o_.is_object()) return true;
    Fail("error.field_not_object", "");
    return false;
  }
  void OnlyKeys(const std::vector<std::string>& keys) {
    for (auto it = o_.begin(); it != o_.end(); ++it)
      if (std::find(keys.begin(), keys.end(), it.key()) == keys.end())
        Fail("error.field_unknown", it.key());
  }
  std::string Text(const std::string& key, bool required, size_t max = 200) {
    if (!o_.contains(key)) {
      if (required) Fail("error.field_missing", key);
      return "";
    }
    if (!o_[key].is_string()) {
      Fail("error.field_not_text", key);
      return "";
    }
    std::string v = Trim(o_[key].get<std::string>());
    if (required && v.empty()) Fail("error.field_blank", key);
    if (v.size() > max) Fail("error.field_too_long", key).With("max", std::to_string(max));
    return v;
  }
  std::string Ref(const std::string& key) {
    std::string v = Text(key, true, 40);
    if (!v.empty() && !ValidFrameworkRef(v)) Fail("error.framework_ref", key);
    return v;
  }
  // {"sv": ..., "en": ...} at `key`: both required (not blank) when `required`.
  std::pair<std::string, std::string> Texts(const std::string& key, bool required, size_t max) {
    if (!o_.contains(key)) {
      if (required) Fail("error.field_missing", key);
      return {};
    }
    Reader inner(o_[key], Name(key), errors_, index_);
    if (!inner.Object()) return {};
    inner.OnlyKeys({"sv", "en"});
    return {inner.Text("sv", required, max), inner.Text("en", required, max)};
  }
  const json& At(const std::string& key) const { return o_[key]; }
  bool Has(const std::string& key) const { return o_.contains(key); }
  std::string Name(const std::string& key) const {
    if (key.empty()) return prefix_;
    return prefix_.empty() ? key : prefix_ + "." + key;
  }
  Error& Fail(const std::string& message, const std::string& key) {
    errors_.push_back(Invalid(message, Name(key)));
    if (!index_.empty()) errors_.back().args["index"] = index_;
    return errors_.back();
  }

 private:
  const json& o_;
  std::string prefix_;
  std::vector<Error>& errors_;
  std::string index_;
};

// The entries of the list at `key`, or none (with the problem recorded).
const json& List(Reader& doc, const std::string& key) {
  static const json kEmpty = json::array();
  if (!doc.Has(key)) {
    doc.Fail("error.field_missing", key);
    return kEmpty;
  }
  if (!doc.At(key).is_array() || doc.At(key).empty()) {
    doc.Fail("error.field_not_list", key);
    return kEmpty;
  }
  return doc.At(key);
}

void ReadThemes(Reader& doc, FrameworkData& out, std::vector<Error>& errors) {
  const json& themes = List(doc, "themes");
  std::set<std::string> seen;
  for (size_t i = 0; i < themes.size(); ++i) {
    std::string name = "themes[" + std::to_string(i) + "]";
    Reader r(themes[i], name, errors, std::to_string(i));
    if (!r.Object()) continue;
    r.OnlyKeys({"code", "name"});
    FrameworkTheme t;
    t.code = r.Ref("code");
    std::tie(t.name_sv, t.name_en) = r.Texts("name", true, 200);
    if (!t.code.empty() && !seen.insert(t.code).second) r.Fail("error.framework_duplicate", "code");
    out.themes.push_back(std::move(t));
  }
}

void ReadControls(Reader& doc, FrameworkData& out, std::vector<Error>& errors) {
  std::set<std::string> themes, seen;
  for (const auto& t : out.themes) themes.insert(t.code);
  const json& controls = List(doc, "controls");
  if (controls.size() > 2000) doc.Fail("error.field_too_many", "controls").With("max", "2000");
  for (size_t i = 0; i < controls.size() && i < 2000; ++i) {
    Reader r(controls[i], "controls[" + std::to_string(i) + "]", errors, std::to_string(i));
    if (!r.Object()) continue;
    r.OnlyKeys({"ref", "theme", "title", "description"});
    FrameworkControl c;
    c.ref = r.Ref("ref");
    c.theme = r.Text("theme", true, 40);
    if (!c.theme.empty() && !themes.count(c.theme)) r.Fail("error.framework_theme", "theme");
    std::tie(c.title_sv, c.title_en) = r.Texts("title", true, 200);
    std::tie(c.description_sv, c.description_en) = r.Texts("description", false, 2000);
    if (!c.ref.empty() && !seen.insert(c.ref).second) r.Fail("error.framework_duplicate", "ref");
    out.controls.push_back(std::move(c));
  }
}

}  // namespace

bool ValidFrameworkRef(const std::string& ref) {
  if (ref.empty() || ref.size() > 40) return false;
  return std::all_of(ref.begin(), ref.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
  });
}

std::string AnnexAControlRef(const std::string& requirement_ref) {
  return requirement_ref.rfind("A.", 0) == 0 ? requirement_ref.substr(2) : requirement_ref;
}

FrameworkData ParseFramework(const json& doc, std::vector<Error>& errors) {
  FrameworkData out;
  Reader r(doc, "", errors, "");
  if (!r.Object()) return out;
  r.OnlyKeys({"format", "ref", "data_version", "name", "description", "themes", "controls"});
  if (!r.Has("format") || r.At("format") != 1) r.Fail("error.framework_format", "format");
  out.ref = r.Ref("ref");
  if (!r.Has("data_version") || !r.At("data_version").is_number_integer() ||
      r.At("data_version").get<long long>() < 1)
    r.Fail("error.framework_data_version", "data_version");
  else
    out.data_version = r.At("data_version").get<long long>();
  std::tie(out.name_sv, out.name_en) = r.Texts("name", true, 200);
  std::tie(out.description_sv, out.description_en) = r.Texts("description", false, 2000);
  ReadThemes(r, out, errors);
  ReadControls(r, out, errors);
  return out;
}

namespace {
json Texts(const std::string& sv, const std::string& en) {
  return {{"sv", sv}, {"en", en}};
}
}  // namespace

json FrameworkDocument(const FrameworkData& f) {
  json themes = json::array(), controls = json::array();
  for (const auto& t : f.themes)
    themes.push_back({{"code", t.code}, {"name", Texts(t.name_sv, t.name_en)}});
  for (const auto& c : f.controls) {
    json entry = {{"ref", c.ref}, {"theme", c.theme}, {"title", Texts(c.title_sv, c.title_en)}};
    if (!c.description_sv.empty() || !c.description_en.empty())
      entry["description"] = Texts(c.description_sv, c.description_en);
    controls.push_back(std::move(entry));
  }
  json doc = {{"format", 1},
              {"ref", f.ref},
              {"data_version", f.data_version},
              {"name", Texts(f.name_sv, f.name_en)}};
  if (!f.description_sv.empty() || !f.description_en.empty())
    doc["description"] = Texts(f.description_sv, f.description_en);
  doc["themes"] = std::move(themes);
  doc["controls"] = std::move(controls);
  return doc;
}

}  // namespace lis::domain
