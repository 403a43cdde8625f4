// The server's own view of a request and a response, independent of the HTTP library, so that
// handlers stay small and the library is included in one file only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "service/caller.h"

namespace lis::http {

struct HttpRequest {
  std::string method;                              // upper case
  std::string path;                                // without query string
  std::multimap<std::string, std::string> params;  // query string and url-encoded form fields
  std::map<std::string, std::string> headers;      // names in lower case
  std::map<std::string, std::string> path_params;  // from the route pattern
  std::string body;
  std::string remote_addr;
  bool secure = false;  // served over TLS, or behind a trusted proxy that says so

  std::string Header(const std::string& lower_name) const;
  std::string Param(const std::string& name) const;  // first value or empty
  bool HasParam(const std::string& name) const { return params.count(name) > 0; }
  std::string Cookie(const std::string& name) const;
  bool IsForm() const;
  bool IsMultipart() const;  // multipart/form-data: its fields in params, its files here
  // Files of a multipart/form-data body by field name.
  struct File {
    std::string filename;
    std::string content_type;
    std::string content;
  };
  std::map<std::string, File> files;
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "text/plain; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;

  void SetHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
  }
  void Redirect(const std::string& location, int code = 303) {
    status = code;
    SetHeader("Location", location);
  }
};

// Everything a handler needs about the request beyond the request itself.
struct RequestContext {
  explicit RequestContext(HttpRequest& r) : request(r) {}
  HttpRequest& request;
  std::optional<service::Caller> caller;  // set when authenticated
  std::string csrf_token;                 // the session's CSRF token (empty for API tokens)
  std::string language = "sv";
  bool language_from_query = false;
  // The caller's unread notifications for the bell in the page header (set for page requests
  // with a caller; asked only when a page is written).
  std::function<long long()> unread_notifications;
};

}  // namespace lis::http
