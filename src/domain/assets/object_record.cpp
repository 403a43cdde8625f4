#include "domain/assets/object_record.h"

#include "domain/assets/asset_fields.h"

namespace lis::domain {

const RecordType& ObjectRecord() {
  static const RecordType kType = {
      .name = "object",
      .table = "objects",
      .entity = "object",
      .scope_field = "org_unit_id",
      .fields = JoinFields({std::vector<FieldDecl>{
                                AssetNameField(),
                                {.name = "org_unit_id",
                                 .kind = FieldKind::kReference,
                                 .required = true,
                                 .references = "org_unit",
                                 .label_key = "assets.field.org_unit",
                                 .filterable = true,
                                 .listed = true,
                                 .header_sv = "organisationsenhet",
                                 .header_en = "org_unit"},
                                AssetDescriptionField(),
                            },
                            ClassFields(),
                            std::vector<FieldDecl>{
                                {.name = "roles",
                                 .kind = FieldKind::kStructured,
                                 .label_key = "assets.field.object_roles",
                                 .stored = false,
                                 .api_schema = "ObjectRoleHolders"},
                            }})};
  return kType;
}

}  // namespace lis::domain
