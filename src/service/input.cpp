#include "service/input.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace lis::service {

using nlohmann::json;

std::string Trimmed(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string::npos) return {};
  size_t e = s.find_last_not_of(" \t\r\n");
  return s.substr(b, e - b + 1);
}

namespace {
// Characters that change how the text around them reads without showing themselves: the
// bidirectional controls, zero-width characters and the C1 controls.
bool Invisible(char32_t cp) {
  return (cp >= 0x80 && cp <= 0x9F) || (cp >= 0x200B && cp <= 0x200F) ||
         (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2060 && cp <= 0x2064) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0xFEFF;
}
bool Control(char32_t cp, bool multiline) {
  if (multiline && (cp == '\t' || cp == '\r' || cp == '\n')) return false;
  return cp < 0x20 || cp == 0x7F;
}
}  // namespace

Status CheckText(const std::string& field, std::string_view text, bool multiline) {
  for (size_t pos = 0; pos < text.size();) {
    auto cp = utf8::Next(text, pos);
    if (!cp) return Invalid("error.field_bad_utf8", field);
    if (Control(*cp, multiline)) return Invalid("error.field_control", field);
    if (!multiline && Invisible(*cp)) return Invalid("error.field_bidi", field);
  }
  return {};
}

Status CheckJsonText(const json& body) {
  if (!body.is_object()) return {};
  for (auto member = body.begin(); member != body.end(); ++member) {
    const std::string& field = member.key();
    Status s = CheckText(field, field, true);
    if (!s.ok()) return s;
    // Depth first with a stack of its own: a hostile body may nest deeper than the call stack.
    std::vector<const json*> todo = {&member.value()};
    while (!todo.empty()) {
      const json* v = todo.back();
      todo.pop_back();
      if (v->is_string()) {
        s = CheckText(field, v->get_ref<const std::string&>(), true);
        if (!s.ok()) return s;
      } else if (v->is_object()) {
        for (auto it = v->begin(); it != v->end(); ++it) {
          s = CheckText(field, it.key(), true);
          if (!s.ok()) return s;
          todo.push_back(&it.value());
        }
      } else if (v->is_array()) {
        for (const auto& e : *v) todo.push_back(&e);
      }
    }
  }
  return {};
}

namespace {
Status CheckType(const std::string& name, const json& v, InputType type, bool nullable,
                 size_t max_length) {
  if (v.is_null()) {
    if (nullable) return {};
    return Invalid("error.field_null", name);
  }
  switch (type) {
    case InputType::kInt:
      if (!v.is_number_integer()) return Invalid("error.field_not_integer", name);
      break;
    case InputType::kNumber:
      if (!v.is_number()) return Invalid("error.field_not_number", name);
      break;
    case InputType::kBool:
      if (!v.is_boolean()) return Invalid("error.field_not_boolean", name);
      break;
    case InputType::kIntList:
      if (!v.is_array()) return Invalid("error.field_not_integer_list", name);
      for (const auto& e : v)
        if (!e.is_number_integer()) return Invalid("error.field_not_integer_list", name);
      if (v.size() > max_length)
        return Invalid("error.field_too_many", name).With("max", std::to_string(max_length));
      break;
    case InputType::kObject:
      if (!v.is_object()) return Invalid("error.field_not_object", name);
      break;
    case InputType::kText:
    case InputType::kLongText: {
      if (!v.is_string()) return Invalid("error.field_not_text", name);
      const auto& text = v.get_ref<const std::string&>();
      if (text.size() > max_length)
        return Invalid("error.field_too_long", name).With("max", std::to_string(max_length));
      return CheckText(name, text, type == InputType::kLongText);
    }
  }
  return {};
}
}  // namespace

Status CheckInput(const json& body, const std::vector<InputField>& fields, bool for_update) {
  if (!body.is_object()) return Invalid("error.body_not_object", "");
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& key = it.key();
    if (key == "version" && for_update) {
      if (!it->is_number_integer() || it->get<long long>() < 1)
        return Invalid("error.field_not_version", "version");
      continue;
    }
    if (key == "comment") {
      Status s = CheckType(key, *it, InputType::kLongText, true, 2000);
      if (!s.ok()) return s;
      continue;
    }
    auto f = std::find_if(fields.begin(), fields.end(),
                          [&](const InputField& x) { return x.name == key; });
    if (f == fields.end()) return Invalid("error.field_unknown", key);
    Status s = CheckType(key, *it, f->type, f->nullable, f->max_length);
    if (!s.ok()) return s;
  }
  if (for_update) {
    if (!body.contains("version")) return Invalid("error.version_required", "version");
    return {};
  }
  for (const auto& f : fields) {
    if (!f.required) continue;
    auto it = body.find(f.name);
    if (it == body.end() || it->is_null()) return Invalid("error.field_missing", f.name);
    if ((f.type == InputType::kText || f.type == InputType::kLongText) &&
        Trimmed(it->get<std::string>()).empty())
      return Invalid("error.field_blank", f.name);
  }
  return {};
}

long long InputVersion(const json& body) {
  return body.at("version").get<long long>();
}

std::string InputComment(const json& body) {
  auto it = body.find("comment");
  if (it == body.end() || !it->is_string()) return {};
  return it->get<std::string>();
}

std::string JoinedList(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + v;
  return out;
}

Error BadParamValue(const std::string& name, const std::string& allowed) {
  return Invalid("error.param_value", name).With("allowed", allowed);
}

}  // namespace lis::service
