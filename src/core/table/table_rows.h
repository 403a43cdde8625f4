// Internal to the table readers: building a Table row by row under the limits.
#pragma once

#include "core/table/table.h"

namespace lis::tables {

// An Error with `key` and, when `row` > 0, the argument "row".
Error TableError(const std::string& key, long long row);
// Adds the row `number` unless it is blank (trailing empty cells dropped): the first one
// becomes the header. Checks UTF-8, columns, cell size and the row limit.
Status AddRow(Table& table, long long number, std::vector<std::string> cells,
              const ReadLimits& limits);
// Counts `bytes` more as held by `table`: "import.table_too_large" (kTooLarge) beyond
// limits.max_table_bytes.
Status HoldBytes(Table& table, size_t bytes, const ReadLimits& limits);
// "import.empty" without a header, "import.no_rows" without data rows.
Status FinishTable(const Table& table);

}  // namespace lis::tables
