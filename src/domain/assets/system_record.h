// The system (informationssystem) declared once (domain/records/record_type.h). Its input
// checks, table columns and restore fields come from here; its form, lists and files do not
// yet (issue 27 step 2).
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

const RecordType& SystemRecord();

}  // namespace lis::domain
