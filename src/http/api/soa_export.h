// The statement of applicability as a file: XLSX (one row per control) and PDF (landscape,
// the gap view and one table per theme), of the current SoA or of an issued version, in the
// caller's language.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/status.h"

namespace lis::http {

struct SoaFile {
  std::string content_type;
  std::string file_name;  // e.g. "Tillämplighetsförklaring-Norrviks kommun-ISO27001-v2.pdf"
  std::string bytes;
};

// "Ja", "Nej" or "Ej bedömd" (in `language`) for a SoA item's `applicable`.
std::string SoaApplicableText(const std::string& language, const nlohmann::json& item);

// `document` is a localised SoA document (service/controls/soa_service.h); `version` the
// issued version's fields (number, issued_on, approved_by_name, note) or null for the current
// SoA. `format` is "xlsx" or "pdf" (otherwise kInvalid naming "format").
Result<SoaFile> ExportSoa(const nlohmann::json& document, const nlohmann::json& version,
                          const std::string& format, const std::string& language);

}  // namespace lis::http
