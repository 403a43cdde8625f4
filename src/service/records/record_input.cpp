#include "service/records/record_input.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"

namespace lis::service {

using domain::FieldDecl;
using domain::FieldKind;
using nlohmann::json;

namespace {

InputType InputTypeOf(FieldKind kind) {
  switch (kind) {
    case FieldKind::kLongText:
      return InputType::kLongText;
    case FieldKind::kInt:
    case FieldKind::kReference:
      return InputType::kInt;
    case FieldKind::kDecimal:
      return InputType::kNumber;
    case FieldKind::kBool:
      return InputType::kBool;
    case FieldKind::kReferenceList:
      return InputType::kIntList;
    default:  // text, a choice, a date, a time
      return InputType::kText;
  }
}

size_t MaxLengthOf(const FieldDecl& f) {
  switch (f.kind) {
    case FieldKind::kText:
    case FieldKind::kLongText:
      return domain::MaxTextBytes(f);
    case FieldKind::kReferenceList:
      return f.max_length > 0 ? f.max_length : 1000;
    case FieldKind::kDate:
      return 10;
    case FieldKind::kChoice:
      return f.max_length > 0 ? f.max_length : 64;
    case FieldKind::kDateTime:
      return 64;
    default:
      return 0;
  }
}

std::string ChoiceList(const FieldDecl& f) {
  return JoinedList(domain::ChoiceValues(f));
}

// What the declaration says of `v` beyond its JSON type (CheckInput has checked that).
Status CheckValue(const FieldDecl& f, const json& v) {
  if (v.is_null()) return {};
  switch (f.kind) {
    case FieldKind::kChoice:
      if (!domain::IsChoice(f, v.get_ref<const std::string&>()))
        return Invalid("error.field_not_choice", f.name).With("allowed", ChoiceList(f));
      break;
    case FieldKind::kInt: {
      long long n = v.get<long long>();
      if ((f.min && n < *f.min) || (f.max && n > *f.max))
        return Invalid("error.field_out_of_range", f.name)
            .With("min", f.min ? std::to_string(*f.min) : "")
            .With("max", f.max ? std::to_string(*f.max) : "");
      break;
    }
    case FieldKind::kDate:
      if (!IsDate(v.get_ref<const std::string&>())) return Invalid("error.field_not_date", f.name);
      break;
    case FieldKind::kDateTime:
      if (!ParseTime(v.get_ref<const std::string&>()))
        return Invalid("error.field_not_time", f.name);
      break;
    default:
      break;
  }
  return {};
}

}  // namespace

std::vector<InputField> InputFieldsOf(const domain::RecordType& type) {
  std::vector<InputField> out;
  for (const auto& f : type.fields) {
    if (!f.stored || !f.input) continue;
    out.push_back({f.name, InputTypeOf(f.kind), f.required, f.nullable, MaxLengthOf(f)});
  }
  return out;
}

Status CheckRecordInput(const domain::RecordType& type, const json& body, bool for_update) {
  Status s = CheckInput(body, InputFieldsOf(type), for_update);
  if (!s.ok()) return s;
  for (const auto& f : type.fields) {
    if (!f.stored || !f.input || !body.contains(f.name)) continue;
    s = CheckValue(f, body[f.name]);
    if (!s.ok()) return s;
  }
  return {};
}

json RecordFromInput(const domain::RecordType& type, const json& body) {
  json r = json::object();
  for (const auto& f : type.fields) {
    if (!f.stored) continue;
    if (f.input && body.contains(f.name))
      r[f.name] = body[f.name];
    else if (f.default_value)
      r[f.name] = f.default_value;
    else if (f.kind == FieldKind::kReferenceList)
      r[f.name] = json::array();
    else if (!f.nullable && (f.kind == FieldKind::kText || f.kind == FieldKind::kLongText))
      r[f.name] = "";
    else
      r[f.name] = nullptr;
  }
  return r;
}

json WithDeclaredFields(const domain::RecordType& type, json record) {
  for (const auto& f : type.fields)
    if (f.stored && !record.contains(f.name)) record[f.name] = nullptr;
  return record;
}

json StoredValues(const domain::RecordType& type, const json& record) {
  json r = json::object();
  for (const auto& f : type.fields)
    if (f.stored) r[f.name] = record.value(f.name, json(nullptr));
  return r;
}

}  // namespace lis::service
