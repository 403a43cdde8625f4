// The free-text search of a register (?q=): the records whose searchable columns contain a text,
// case-insensitively, read from the table's search index (migration 15):
//   SQLite      an FTS5 table "<table>_search" with the trigram tokenizer over exactly those
//               columns, kept by triggers (store/records/text_search_test.cpp holds the
//               columns to the declaration);
//   PostgreSQL  a pg_trgm GIN index on the columns joined by a line break ("title || E'\n' ||
//               description"), which ILIKE on the same expression reads.
// On SQLite a text of fewer than three characters is matched by LIKE instead: no trigram index
// serves it. The searchable columns may not be null.
#pragma once

#include <string>
#include <vector>

#include "domain/records/record_type.h"
#include "store/records.h"

namespace lis::store {

// The columns of `type`'s search index: its searchable fields, in declaration order.
std::vector<std::string> SearchColumnsOf(const domain::RecordType& type);

// ANDs to `f` that one of `type`'s searchable columns of table `type.table` contains `text`.
void AndTextSearch(Filter& f, Dialect dialect, const domain::RecordType& type,
                   const std::string& text);
// The same for a table not (yet) declared: `columns` are those of its search index.
void AndTextSearch(Filter& f, Dialect dialect, const std::string& table,
                   const std::vector<std::string>& columns, const std::string& text);

}  // namespace lis::store
