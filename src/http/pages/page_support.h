// Server-rendered pages: templates from web/templates (mustache, escaped by default) inside
// the common layout, texts from the message catalogue.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/status.h"
#include "http/app.h"
#include "http/http_types.h"

namespace lis::http {

// Renders templates/<name>.mustache with `data` inside templates/layout.mustache and writes
// it. Adds to `data`: t (all texts of the language), lang, csrf, user, nav (the sections
// the caller may open, `current` marking `section`), title (the text of `title_key`).
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

// Renders a template with `data` only (no layout, no texts added).
std::string RenderTemplate(const std::string& name, const nlohmann::json& data);

// Form fields to a JSON body for a service. Each field is read by type: text as given (empty
// text becomes null when `empty_is_null`), int from digits (empty: null), bool from a
// checkbox ("on"/"true"/"1" is true, absence false).
struct FormField {
  std::string name;
  enum Type { kText, kInt, kBool } type = kText;
  bool empty_is_null = false;
};
Result<nlohmann::json> FormToJson(const HttpRequest& req, const std::vector<FormField>& fields);

// Data for a form that failed: {"error": message, "error_field": field, "errors": {field:
// message}}.
nlohmann::json FormErrorData(const RequestContext& ctx, const Error& error);

}  // namespace lis::http
