#include "domain/deviations/handling_fields.h"

namespace lis::domain {

FieldDecl TitleField(const char* label_key) {
  return {.name = "title",
          .kind = FieldKind::kText,
          .required = true,
          .max_length = 200,
          .label_key = label_key,
          .sortable = true,
          .searchable = true,
          .listed = true,
          .header_sv = "rubrik",
          .header_en = "title"};
}

FieldDecl OrgUnitField(const char* label_key) {
  return {.name = "org_unit_id",
          .kind = FieldKind::kReference,
          .required = true,
          .references = "org_unit",
          .label_key = label_key,
          .filterable = true,
          .listed = true,
          .header_sv = "organisationsenhet",
          .header_en = "org_unit"};
}

FieldDecl ServiceSetUserField(const char* name, const char* label_key) {
  return {.name = name,
          .kind = FieldKind::kReference,
          .nullable = true,
          .references = "user",
          .label_key = label_key,
          .input = false};
}

FieldDecl DerivedField(const char* name, FieldKind kind, const char* label_key,
                       const char* api_schema) {
  return {.name = name,
          .kind = kind,
          .nullable = kind == FieldKind::kText,
          .label_key = label_key,
          .stored = false,
          .input = false,
          .api_schema = api_schema};
}

}  // namespace lis::domain
