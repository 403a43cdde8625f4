#include "http/pages/record_view.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "http/pages/page_support.h"

namespace lis::http {

using domain::FieldDecl;
using domain::FieldKind;
using nlohmann::json;

std::string DeclaredValueText(const RequestContext& ctx, const FieldDecl& field, const json& value,
                              const ReferenceName& name) {
  if (value.is_null()) return "";
  if (value.is_boolean()) return Text(ctx, value.get<bool>() ? "common.yes" : "common.no");
  if (field.kind == FieldKind::kReference && value.is_number_integer())
    return name ? name(field, value.get<long long>()) : std::to_string(value.get<long long>());
  if (!value.is_string()) return value.dump();
  const std::string& text = value.get_ref<const std::string&>();
  if (field.kind == FieldKind::kChoice) {
    const domain::Choice* choice = domain::FindChoice(field, text);
    return choice ? Text(ctx, choice->label_key) : text;
  }
  if (field.kind == FieldKind::kDateTime) return LocalTimeText(text);
  return text;
}

std::vector<SelectOption> DeclaredChoiceOptions(const RequestContext& ctx, const FieldDecl& field) {
  std::vector<SelectOption> out;
  if (field.nullable) out.push_back({"", Text(ctx, "common.none")});
  for (const auto& c : field.choices) out.push_back({c.value, Text(ctx, c.label_key)});
  return out;
}

namespace {

// The value of `field` as a form shows it.
std::string FormValue(const FieldDecl& field, const json& record) {
  if (!record.contains(field.name)) return field.default_value ? field.default_value : "";
  const json& v = record[field.name];
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return v.dump();
  return "";
}

FormInput InputOf(const FieldDecl& field) {
  FormInput input;
  if (field.required) input = input.Required();
  if (field.help_key) input = input.Hint(field.help_key);
  if (field.kind == FieldKind::kLongText) input = input.Type("textarea");
  if (field.kind == FieldKind::kInt) input = input.Type("number");  // a decimal: text ("2,5")
  if (field.kind == FieldKind::kDate) input = input.Type("date");
  return input;
}

// Whether a declared field goes on a form limited to `only` (empty: every input field).
bool OnForm(const domain::FieldDecl& f, const std::vector<std::string>& only) {
  if (!f.stored || !f.input || f.kind == FieldKind::kReferenceList) return false;
  return only.empty() || std::find(only.begin(), only.end(), f.name) != only.end();
}

}  // namespace

void AddDeclaredFields(Form& form, const RequestContext& ctx, const domain::RecordType& type,
                       const json& record, const ReferenceOptions& references,
                       const std::vector<std::string>& only) {
  for (const auto& f : type.fields) {
    if (!OnForm(f, only)) continue;
    std::string value = FormValue(f, record);
    if (f.kind == FieldKind::kChoice)
      form.Select(f.name, f.label_key, DeclaredChoiceOptions(ctx, f), value);
    else if (f.kind == FieldKind::kReference)
      form.Select(f.name, f.label_key, references(f), value, f.required);
    else if (f.kind == FieldKind::kBool)
      form.Checkbox(f.name, f.label_key, record.value(f.name, json(false)) == json(true));
    else
      form.Text(f.name, f.label_key, value, InputOf(f));
  }
}

json DeclaredSortHeaders(const RequestContext& ctx, const domain::RecordType& type,
                         const std::string& path, const std::string& sort,
                         const std::string& kept) {
  json headers = json::array();
  for (const auto& f : type.fields) {
    if (!f.listed) continue;
    json h = {{"label", Text(ctx, f.label_key)}, {"href", ""}, {"aria_sort", ""}};
    if (f.sortable) {
      std::string key = f.name;
      h["href"] = path + "?sort=" + (sort == key ? "-" + key : key) + kept;
      if (sort == key) h["aria_sort"] = "ascending";
      if (sort == "-" + key) h["aria_sort"] = "descending";
    }
    headers.push_back(h);
  }
  return headers;
}

std::vector<FormField> DeclaredFormFields(const domain::RecordType& type,
                                          const std::vector<std::string>& only) {
  std::vector<FormField> out;
  for (const auto& f : type.fields) {
    if (!OnForm(f, only)) continue;
    switch (f.kind) {
      case FieldKind::kInt:
      case FieldKind::kReference:
        out.push_back({f.name, FormField::kInt});
        break;
      case FieldKind::kBool:
        out.push_back({f.name, FormField::kBool});
        break;
      case FieldKind::kDecimal:
        out.push_back({f.name, FormField::kNumber});
        break;
      default:
        out.push_back({f.name, FormField::kText, f.nullable});
    }
  }
  return out;
}

}  // namespace lis::http
