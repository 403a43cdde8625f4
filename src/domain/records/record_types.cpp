// The list of declared record types (domain/records/record_type.h). A new type is added here.
#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/exception_record.h"
#include "domain/records/record_type.h"

namespace lis::domain {

const std::vector<const RecordType*>& DeclaredRecordTypes() {
  static const std::vector<const RecordType*> kTypes = {&ObjectRecord(), &SystemRecord(),
                                                        &DeviationRecord(), &ExceptionRecord()};
  return kTypes;
}

const RecordType* FindRecordType(std::string_view entity) {
  for (const RecordType* type : DeclaredRecordTypes())
    if (entity == type->entity) return type;
  return nullptr;
}

const FieldDecl* FindDeclaredField(std::string_view name, std::string_view entity) {
  if (const RecordType* type = FindRecordType(entity))
    if (const FieldDecl* field = type->Find(name)) return field;
  for (const RecordType* type : DeclaredRecordTypes())
    if (const FieldDecl* field = type->Find(name)) return field;
  return nullptr;
}

}  // namespace lis::domain
