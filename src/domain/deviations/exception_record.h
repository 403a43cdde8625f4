// The exception (undantag) declared once (domain/records/record_type.h). Its status moves by
// the rules of domain/deviations/exception_rules.h, never by a body.
#pragma once

#include "domain/records/record_type.h"

namespace lis::domain {

const RecordType& ExceptionRecord();

}  // namespace lis::domain
