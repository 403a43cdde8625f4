// The object (förvaltningsobjekt) declared once (domain/records/record_type.h): its input
// checks, table columns, restore fields, form, details and export columns come from here.
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

const RecordType& ObjectRecord();

}  // namespace lis::domain
