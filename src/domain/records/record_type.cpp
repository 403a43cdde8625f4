#include "domain/records/record_type.h"

namespace lis::domain {

const FieldDecl* RecordType::Find(std::string_view field_name) const {
  for (const auto& f : fields)
    if (field_name == f.name) return &f;
  return nullptr;
}

std::vector<FieldDecl> JoinFields(std::initializer_list<std::vector<FieldDecl>> parts) {
  std::vector<FieldDecl> out;
  for (const auto& part : parts) out.insert(out.end(), part.begin(), part.end());
  return out;
}

size_t MaxTextBytes(const FieldDecl& field) {
  if (field.max_length > 0) return field.max_length;
  return field.kind == FieldKind::kLongText ? 4000 : 200;
}

bool IsChoice(const FieldDecl& field, std::string_view value) {
  return FindChoice(field, value) != nullptr;
}

std::vector<std::string> ChoiceValues(const FieldDecl& field) {
  std::vector<std::string> out;
  for (const auto& c : field.choices) out.emplace_back(c.value);
  return out;
}

const Choice* FindChoice(const FieldDecl& field, std::string_view value) {
  for (const auto& c : field.choices)
    if (value == c.value) return &c;
  return nullptr;
}

}  // namespace lis::domain
