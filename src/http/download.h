// Responses a browser saves as a file (register exports, the statement of applicability as
// XLSX or PDF, evidence files): the body, its type and a Content-Disposition naming the file.
#pragma once

#include <string>
#include <string_view>

#include "http/http_types.h"

namespace lis::http {

inline constexpr const char* kCsvType = "text/csv; charset=utf-8";
inline constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
inline constexpr const char* kPdfType = "application/pdf";

// `attachment; filename="NAME"` for `filename` (UTF-8, e.g. a user's upload). Control
// characters, slashes and backslashes become '_' (the header cannot be broken out of and no
// directory is named), and so do malformed bytes. NAME is ASCII: a quote or a character beyond
// ASCII is '_' there, and the exact name follows as `filename*=UTF-8''…` (RFC 6266, RFC 8187),
// which browsers prefer, so "Tillämplighetsförklaring.pdf" is saved as such. A name that is
// empty or only dots becomes "download".
std::string AttachmentDisposition(std::string_view filename);

// `out` becomes `body` as `content_type`, to be saved as `filename` (see above).
void SendAttachment(HttpResponse& out, std::string_view content_type, std::string_view filename,
                    std::string body);

}  // namespace lis::http
