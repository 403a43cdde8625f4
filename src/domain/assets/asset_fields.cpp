#include "domain/assets/asset_fields.h"

namespace lis::domain {

FieldDecl AssetNameField() {
  return {.name = "name",
          .kind = FieldKind::kText,
          .required = true,
          .max_length = 200,
          .label_key = "assets.field.name",
          .sortable = true,
          .searchable = true,
          .listed = true,
          .header_sv = "namn",
          .header_en = "name"};
}

FieldDecl AssetDescriptionField() {
  return {.name = "description",
          .kind = FieldKind::kLongText,
          .max_length = 4000,
          .label_key = "assets.field.description",
          .searchable = true,
          .header_sv = "beskrivning",
          .header_en = "description"};
}

std::vector<FieldDecl> ClassFields() {
  return {{.name = "security_class",
           .kind = FieldKind::kInt,
           .nullable = true,
           .label_key = "assets.field.class",
           .sortable = true,
           .listed = true,
           .stored = false},
          {.name = "class_reason",
           .kind = FieldKind::kStructured,
           .nullable = true,
           .label_key = "assets.field.class_reason",
           .stored = false,
           .api_schema = "ClassReason"},
          {.name = "review_due",
           .kind = FieldKind::kDate,
           .nullable = true,
           .label_key = "assets.review_due",
           .sortable = true,
           .listed = true,
           .stored = false}};
}

}  // namespace lis::domain
