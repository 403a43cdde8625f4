#include "store/deviations/deviation_tables.h"

#include "domain/deviations/deviation_record.h"
#include "domain/deviations/exception_record.h"
#include "store/records/record_table.h"

namespace lis::store {

const TableSpec& DeviationTable() {
  static const TableSpec kSpec = {domain::DeviationRecord().table, domain::DeviationRecord().entity,
                                  domain::DeviationRecord().scope_field,
                                  ColumnsOf(domain::DeviationRecord())};
  return kSpec;
}

const TableSpec& ExceptionTable() {
  static const TableSpec kSpec = {domain::ExceptionRecord().table, domain::ExceptionRecord().entity,
                                  domain::ExceptionRecord().scope_field,
                                  ColumnsOf(domain::ExceptionRecord())};
  return kSpec;
}

}  // namespace lis::store
