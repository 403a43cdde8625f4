// Import of systems and information sets from a spreadsheet table (see core/table/table.h and
// the README section "Import and export" for the columns). All or nothing: every row is
// checked first with the same checks as Create (SystemService, InformationSetService); a
// table with any problem writes nothing and reports every problem; otherwise every row is
// written in one transaction, each record with its own audit event.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/table/table.h"
#include "service/assets/information_set_service.h"
#include "service/assets/system_service.h"
#include "service/caller.h"
#include "store/database.h"

namespace lis::service {

enum class ImportKind { kSystems, kInformationSets };

struct ImportProblem {
  long long row = 0;   // spreadsheet row (the header is row 1); 0 for the file as a whole
  std::string column;  // the column's header as in the file, or the expected names
  Error error;         // kInvalid, or kForbidden where the caller may not write
};

struct ImportReport {
  long long created = 0;                // rows written (or, in a dry run, that would be)
  std::vector<ImportProblem> problems;  // nothing was written when not empty
  bool unreadable = false;              // the file could not be read (one problem says why)
  bool Forbidden() const;               // some problem is a refusal
};

// The header of column `field` ("name", "object_id", ...) in `lang` ("sv" or "en"), as the
// import reads it. The import ignores the columns "id" and "säkerhetsklass"/"security class"
// that the exports add.
std::string ImportColumnName(ImportKind kind, const std::string& field, const std::string& lang);

class AssetImportService {
 public:
  // `limits` bound what reading an uploaded file may cost (rows, cells, unpacked size).
  AssetImportService(store::Database& db, InformationSetService& sets, tables::ReadLimits limits)
      : db_(db), sets_(sets), limits_(limits) {}

  // Reads the uploaded `bytes` as `format` and imports the table, as below. The permission is
  // checked before the file is opened, so a caller who may write no asset costs no reading;
  // a file that cannot be read, or is beyond the limits, is a report with `unreadable` set.
  Result<ImportReport> Import(const Caller& caller, ImportKind kind, std::string_view bytes,
                              tables::Format format, bool dry_run);

  // Checks every row of `table` and, unless `dry_run` or a problem was found, creates them.
  // Fails with kForbidden only when the caller may write no asset at all.
  Result<ImportReport> Import(const Caller& caller, ImportKind kind, const tables::Table& table,
                              bool dry_run);

 private:
  store::Database& db_;
  InformationSetService& sets_;
  tables::ReadLimits limits_;
};

}  // namespace lis::service
