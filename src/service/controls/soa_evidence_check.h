// Rules for evidence of the statement of applicability, without I/O: which uploaded files are
// accepted and which links. Every refusal is kInvalid naming the field ("file" or "url"),
// except a file above the limit, which is kTooLarge naming "file" with {max}.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace lis::service {

// The file types accepted as evidence, by extension (lower case): pdf, png, jpg (also
// .jpeg), txt, csv, docx, xlsx, odt, ods.
// A file name as the user's computer gave it: kept and shown as it is, so it must be UTF-8
// of at most 200 bytes, with no control characters, no '/' or '\' and not "." or "..".
// Errors: "error.evidence_name".
Status CheckEvidenceFileName(std::string_view name);
// The type of an uploaded file: its name is checked (above), the file must not be empty
// ("error.evidence_empty") nor above `max_bytes` ("error.evidence_too_large"), its extension
// must be allowed ("error.evidence_type") and its first bytes must be what that type starts
// with ("error.evidence_mismatch"): %PDF-, the PNG signature, FF D8 FF for JPEG, a zip whose
// parts name word/ (docx) or xl/ (xlsx) or whose mimetype is the OpenDocument text or
// spreadsheet type, and for txt and csv UTF-8 text without NUL or other control characters
// than tab, line feed, form feed and carriage return. Returns the extension ("jpeg" as
// "jpg").
Result<std::string> EvidenceFileType(std::string_view name, std::string_view bytes,
                                     size_t max_bytes);
// A link: an absolute http:// or https:// URL with a host, at most 2000 bytes, without white
// space or control characters. Errors: "error.evidence_url".
Status CheckEvidenceUrl(std::string_view url);

// Standard base64 (with padding) of `bytes`, and back (nothing when malformed).
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace lis::service
