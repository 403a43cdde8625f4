// Maps method and path to a handler. Patterns are literal segments and {name} placeholders;
// {id} and any name ending in "_id" match only a positive integer.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <vector>

#include "http/http_types.h"

namespace lis::http {

using Handler = std::function<void(RequestContext&, HttpResponse&)>;

class Router {
 public:
  void Add(const std::string& method, const std::string& pattern, Handler handler);

  struct Match {
    const Handler* handler = nullptr;  // null when nothing matched
    bool path_known = false;           // the path matched under another method (405)
    std::string pattern;               // the matched pattern, for metrics
    std::map<std::string, std::string> params;
  };
  Match Find(const std::string& method, const std::string& path) const;
  // Patterns per method, for the API description test.
  std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    Handler handler;
  };
  std::vector<Route> routes_;
};

std::vector<std::string> SplitPath(const std::string& path);

}  // namespace lis::http
