// The storage of a declared record type (domain/records/record_type.h): its table's columns,
// what a restore copies back, and the list parameters and sort keys its declaration offers.
#pragma once

#include <string>
#include <vector>

#include "domain/records/record_type.h"
#include "store/records.h"

namespace lis::store {

// The table's columns in declaration order, as TableSpec lists them: every stored field but a
// list of references without a link declaration (the service keeps those in a link table). A
// choice, a date, a time and a decimal are text; a declared list of references is a kIdList
// mirrored in its link table.
std::vector<FieldSpec> ColumnsOf(const domain::RecordType& type);
// The fields a restore copies back from an earlier version: the columns.
std::vector<std::string> RestoreFieldsOf(const domain::RecordType& type);
// The list parameters a field gives (filterable), and the sort keys (sortable).
std::vector<std::string> FilterNamesOf(const domain::RecordType& type);
std::vector<std::string> SortKeysOf(const domain::RecordType& type);

}  // namespace lis::store
