#include "store/records/record_table.h"

namespace lis::store {

using domain::FieldKind;

namespace {

bool IsColumn(const domain::FieldDecl& f) {
  return f.stored && (f.kind != FieldKind::kReferenceList || f.link.table);
}

FieldType ColumnType(FieldKind kind) {
  switch (kind) {
    case FieldKind::kInt:
    case FieldKind::kReference:
      return FieldType::kInt;
    case FieldKind::kBool:
      return FieldType::kBool;
    default:
      return FieldType::kText;
  }
}

}  // namespace

std::vector<FieldSpec> ColumnsOf(const domain::RecordType& type) {
  std::vector<FieldSpec> out;
  for (const auto& f : type.fields) {
    if (!IsColumn(f)) continue;
    if (f.kind == FieldKind::kReferenceList)
      out.push_back({f.name, FieldType::kIdList, f.link.table, f.link.owner, f.link.target});
    else
      out.push_back({f.name, ColumnType(f.kind)});
  }
  return out;
}

std::vector<std::string> RestoreFieldsOf(const domain::RecordType& type) {
  std::vector<std::string> out;
  for (const auto& f : type.fields)
    if (IsColumn(f)) out.emplace_back(f.name);
  return out;
}

std::vector<std::string> FilterNamesOf(const domain::RecordType& type) {
  std::vector<std::string> out;
  for (const auto& f : type.fields)
    if (f.filterable) out.emplace_back(f.name);
  return out;
}

std::vector<std::string> SortKeysOf(const domain::RecordType& type) {
  std::vector<std::string> out;
  for (const auto& f : type.fields)
    if (f.sortable) out.emplace_back(f.name);
  return out;
}

}  // namespace lis::store
