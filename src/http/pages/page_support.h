// Server-rendered pages: templates from web/templates (mustache, escaped by default) inside
// the common layout, texts from the message catalogue.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/org/roles.h"
#include "http/app.h"
#include "http/http_types.h"
#include "service/assets/register_query.h"

namespace lis::http {

// Renders templates/<name>.mustache with `data` inside templates/layout.mustache and writes
// it. Adds to `data`: t (all texts of the language), lang, csrf, user, nav (the sections
// the caller may open, `current` marking `section`), title (the text of `title_key`; when
// `title_key` is empty, data["title"] as given), path (the request path unless data has one:
// the language switch links to it), notice (the text of ?notice=KEY when "notice.KEY" is in
// the catalogue; anything else is ignored, never echoed).
void WritePage(HttpResponse& out, const RequestContext& ctx, const std::string& name,
               const std::string& title_key, const std::string& section, nlohmann::json data,
               int status = 200);
// The error page with status from the error's code and its message.
void WriteErrorPage(HttpResponse& out, const RequestContext& ctx, const Error& error);
// 404 page.
void WriteNotFoundPage(HttpResponse& out, const RequestContext& ctx);
// Sends a visitor without a session to the login page (303), remembering where it was going.
// Returns false when it answered.
bool RequirePageCaller(const RequestContext& ctx, HttpResponse& out);

// The navigation offers the incident list to callers who read incidents by role and to those
// `check` accepts (assigned handlers). Set once at start, before serving (incident pages).
void SetIncidentNavCheck(std::function<bool(const service::Caller&)> check);

// Renders a template with `data` only (no layout, no texts added).
std::string RenderTemplate(const std::string& name, const nlohmann::json& data);

// The page status for a page shown again after a failed form (see form.h): 200 when nothing
// failed, else the status of the error's code.
int PageStatus(const Error* error);

// A stored UTC time ("2026-11-28T20:13:41.123456Z") as Swedish local time (Europe/Stockholm,
// EU summer time rules), "2026-11-28 21:13"; the text itself when it is not a time.
std::string LocalTimeText(const std::string& utc);
// The UTC time at which the Swedish local day `date` ("2026-11-28") plus `add_days` begins,
// as stored ("2026-11-27T23:00:00.000000Z"); nothing when `date` is not such a date.
std::optional<std::string> LocalDayStartUtc(const std::string& date, int add_days = 0);
// A value percent-encoded for a URL query string.
std::string UrlEncode(const std::string& value);
// "&name=value" for each of `names` that has a non-empty value in `param`, except `skip`:
// the filters a list's links keep.
std::string KeptParams(const service::ParamLookup& param, std::span<const char* const> names,
                       const std::string& skip = "");
// The catalogue text `key` in the request's language, {name} placeholders filled from `args`.
std::string Text(const RequestContext& ctx, const std::string& key,
                 const std::map<std::string, std::string>& args = {});
// The integer field `key` of `record` as text ("12"); "" when it is not an integer.
std::string IdOf(const nlohmann::json& record, const std::string& key = "id");
// The string field `key` of `record`; "" when it is absent or not a string.
std::string Str(const nlohmann::json& record, const std::string& key);

// Whether the caller holds `p` on some organisation node (grants on one object do not count).
bool HoldsOnANode(const RequestContext& ctx, domain::Permission p);
// The rows a paged list shows at once.
constexpr long long kPageSize = 50;
// A 1-based page number from ?page= (1 when missing or not a number).
long long PageNumberParam(const RequestContext& ctx);
// `text` as a non-negative number when it is only digits (at most 17), else nothing.
std::optional<long long> Digits(const std::string& text);

// Form fields to a JSON body for a service. Each field is read by type: text as given (empty
// text becomes null when `empty_is_null`), int from digits (empty: null), number from a
// decimal with a point or a comma ("2,5"; empty: null), bool from a checkbox ("on"/"true"/"1"
// is true, absence false).
struct FormField {
  std::string name;
  enum Type { kText, kInt, kBool, kNumber } type = kText;
  bool empty_is_null = false;
};
Result<nlohmann::json> FormToJson(const HttpRequest& req, const std::vector<FormField>& fields);

// Data for a form that failed: {"error": message, "error_field": field, "errors": {field:
// message}}.
nlohmann::json FormErrorData(const RequestContext& ctx, const Error& error);

}  // namespace lis::http
