// The system (informationssystem) declared once (domain/records/record_type.h): its input
// checks, table columns, restore fields, form, details, filters, history words and import and
// export columns come from here.
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

const RecordType& SystemRecord();

}  // namespace lis::domain
