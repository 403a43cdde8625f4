// multipart/form-data bodies (RFC 7578), as browsers send file uploads.
#pragma once

#include "http/http_types.h"

namespace lis::http {

// Splits `req.body` by the boundary of its Content-Type: parts with a filename go to
// `req.files`, the others to `req.params`. A malformed body adds nothing.
void ReadMultipart(HttpRequest& req);

}  // namespace lis::http
