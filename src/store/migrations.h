// Numbered schema migrations. Each is written once in portable SQL with a few dialect
// tokens ({{pk}} for a 64-bit auto-increment primary key), and where the dialects have no
// common form (search indexes) once per dialect; a migration never changes once it has
// shipped: later changes are new migrations.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace lis::store {

struct Migration {
  long long version;
  std::string name;
  std::string sql;  // statements separated by ";\n"
  // Run after the statements, in the same transaction: fills derived columns by the rules
  // of the code (the statements only shape the schema).
  void (*fill)(Tx& tx) = nullptr;
  // Statements of one dialect only (search indexes), run after `sql`.
  std::string sqlite_sql = {};
  std::string postgres_sql = {};
};

const std::vector<Migration>& Migrations();
// The statements of `m` for `dialect`, tokens replaced.
std::vector<std::string> MigrationStatements(const Migration& m, Dialect dialect);

}  // namespace lis::store
