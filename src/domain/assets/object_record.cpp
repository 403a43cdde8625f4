#include "domain/assets/object_record.h"

namespace lis::domain {

const RecordType& ObjectRecord() {
  static const RecordType kType = {.name = "object",
                                   .table = "objects",
                                   .entity = "object",
                                   .scope_field = "org_unit_id",
                                   .fields = {
                                       {.name = "name",
                                        .kind = FieldKind::kText,
                                        .required = true,
                                        .max_length = 200,
                                        .label_key = "assets.field.name",
                                        .sortable = true,
                                        .searchable = true,
                                        .listed = true,
                                        .header_sv = "namn",
                                        .header_en = "name"},
                                       {.name = "org_unit_id",
                                        .kind = FieldKind::kReference,
                                        .required = true,
                                        .references = "org_unit",
                                        .label_key = "assets.field.org_unit",
                                        .filterable = true,
                                        .listed = true,
                                        .header_sv = "organisationsenhet",
                                        .header_en = "org_unit"},
                                       {.name = "description",
                                        .kind = FieldKind::kLongText,
                                        .max_length = 4000,
                                        .label_key = "assets.field.description",
                                        .searchable = true,
                                        .header_sv = "beskrivning",
                                        .header_en = "description"},
                                       // Derived by the service, never input (stored = false).
                                       {.name = "security_class",
                                        .kind = FieldKind::kInt,
                                        .nullable = true,
                                        .label_key = "assets.field.class",
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
                                        .stored = false},
                                       {.name = "roles",
                                        .kind = FieldKind::kStructured,
                                        .label_key = "assets.field.object_roles",
                                        .stored = false,
                                        .api_schema = "ObjectRoleHolders"},
                                   }};
  return kType;
}

}  // namespace lis::domain
