// The system (informationssystem) declared once (domain/records/record_type.h). Not yet used by
// the system service, which still writes its fields by hand (issue 27 step 2 switches over);
// tests hold the two equal.
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

const RecordType& SystemRecord();

}  // namespace lis::domain
