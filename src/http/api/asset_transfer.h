// Spreadsheet import of systems and information sets, shared by the API and the import page.
#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/table/table.h"
#include "http/app.h"
#include "http/http_types.h"
#include "service/assets/asset_import.h"

namespace lis::http {

struct ImportAnswer {
  int status = 200;     // 200, 400 (unreadable file), 422 (bad rows), 403 (rows refused)
  nlohmann::json body;  // {"created": N, "dry_run": bool} or {"errors": [{"row", "column",
                        // "code", "message"}]} with messages in the request's language
};

// Reads `bytes` as `format` and imports them as the caller. Fails (kForbidden) only when the
// caller may write no asset at all.
Result<ImportAnswer> RunImport(App& app, const RequestContext& ctx, service::ImportKind kind,
                               std::string_view bytes, tables::Format format, bool dry_run);

// The format of an upload from its Content-Type (text/csv, the XLSX type) or, for anything
// else, from its first bytes (a zip archive is XLSX).
tables::Format UploadFormat(const std::string& content_type, std::string_view bytes);

}  // namespace lis::http
