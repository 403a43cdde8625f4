// Shared pieces of the JSON API: bodies, errors, paging, versions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <vector>

#include "core/status.h"
#include "http/http_types.h"
#include "service/assets/register_query.h"
#include "service/caller.h"
#include "store/records.h"

namespace lis::http {

int HttpStatusFor(Code code);
void WriteJson(HttpResponse& out, int status, const nlohmann::json& body);
// {"error": {"code", "message", "field"?, "current"?}} with the fitting status.
void WriteError(HttpResponse& out, const RequestContext& ctx, const Error& error);
// The body as a JSON object, or kInvalid naming the problem.
Result<nlohmann::json> ReadJsonBody(const RequestContext& ctx);
// Like ReadJsonBody, then the version from If-Match ("N" or W/"N") when the body has none.
Result<nlohmann::json> ReadUpdateBody(const RequestContext& ctx);
// ?limit= (1..500, default `default_limit`) and ?offset= (>= 0).
Result<service::PageRequest> ReadPage(const RequestContext& ctx, long long default_limit = 50);
// The integer path parameter `name` (the router guarantees its form).
long long PathId(const RequestContext& ctx, const std::string& name = "id");
// An optional integer query parameter; kInvalid if present but not an integer.
Result<std::optional<long long>> OptionalIntParam(const RequestContext& ctx,
                                                  const std::string& name);
// The query parameters of the request, for the services' parameter readers.
service::ParamLookup QueryParams(const RequestContext& ctx);
// {"items": [...], "total": N, "limit": L, "offset": O}
nlohmann::json ListBody(const store::Page& page, const service::PageRequest& request);

// Writes `result` as JSON with `ok_status`, or its error.
template <class T>
void Reply(HttpResponse& out, const RequestContext& ctx, const Result<T>& result,
           int ok_status = 200);

// {"items": [...]} of a record's history, or the error.
void ReplyHistory(HttpResponse& out, const RequestContext& ctx,
                  const Result<std::vector<nlohmann::json>>& result);

// Unauthenticated callers get 401 before anything else; returns false when it answered.
bool RequireCaller(const RequestContext& ctx, HttpResponse& out);

}  // namespace lis::http
