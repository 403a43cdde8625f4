// Tables of the `deviations` area: deviations (avvikelser) and, later, exceptions (undantag).
#pragma once

#include "store/records.h"

namespace lis::store {

const TableSpec& DeviationTable();
const TableSpec& ExceptionTable();

}  // namespace lis::store
