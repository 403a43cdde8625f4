// The text of a request, checked once at the boundary before any handler runs, so that both
// databases store (and the audit chain hashes) the same bytes and no handler meets a byte it
// cannot store or show.
#pragma once

#include "core/status.h"
#include "http/http_types.h"

namespace lis::http {

// Refuses a request whose path, parameters (their names and values) or the headers the server
// reads are not valid UTF-8 or hold a control character, as kInvalid naming the part: "path",
// the parameter's name or the header's name ("error.field_bad_utf8", "error.field_control",
// "error.field_bidi"; "error.param_name" for a name that is not text itself). The fields of a
// posted form may hold tab, CR and LF (a text area), and bidirectional overrides only there;
// each service still checks its one-line fields. Nothing when all of it may be used.
Status CheckRequestText(const HttpRequest& req);

}  // namespace lis::http
