#include "domain/records/record_type.h"

namespace lis::domain {

const FieldDecl* RecordType::Find(std::string_view field_name) const {
  for (const auto& f : fields)
    if (field_name == f.name) return &f;
  return nullptr;
}

size_t MaxTextBytes(const FieldDecl& field) {
  if (field.max_length > 0) return field.max_length;
  return field.kind == FieldKind::kLongText ? 4000 : 200;
}

bool IsChoice(const FieldDecl& field, std::string_view value) {
  for (const auto& c : field.choices)
    if (value == c.value) return true;
  return false;
}

}  // namespace lis::domain
