#include "http/router.h"

namespace lis::http {

std::vector<std::string> SplitPath(const std::string& path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') {
      ++pos;
      continue;
    }
    size_t end = path.find('/', pos);
    if (end == std::string::npos) end = path.size();
    out.push_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

namespace {
bool IsIdName(const std::string& name) {
  return name == "id" || (name.size() > 3 && name.compare(name.size() - 3, 3, "_id") == 0);
}

bool IsPositiveInteger(const std::string& s) {
  if (s.empty() || s.size() > 18 || s[0] == '0') return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}
}  // namespace

void Router::Add(const std::string& method, const std::string& pattern, Handler handler) {
  routes_.push_back({method, pattern, SplitPath(pattern), std::move(handler)});
}

Router::Match Router::Find(const std::string& method, const std::string& path) const {
  Match m;
  auto segs = SplitPath(path);
  for (const auto& r : routes_) {
    if (r.segments.size() != segs.size()) continue;
    std::map<std::string, std::string> params;
    bool ok = true;
    for (size_t i = 0; i < segs.size() && ok; ++i) {
      const std::string& p = r.segments[i];
      if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
        std::string name = p.substr(1, p.size() - 2);
        if (IsIdName(name) && !IsPositiveInteger(segs[i]))
          ok = false;
        else
          params[name] = segs[i];
      } else if (p != segs[i]) {
        ok = false;
      }
    }
    if (!ok) continue;
    if (r.method != method && !(method == "HEAD" && r.method == "GET")) {
      m.path_known = true;
      continue;
    }
    m.handler = &r.handler;
    m.pattern = r.pattern;
    m.params = std::move(params);
    return m;
  }
  return m;
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& r : routes_) out.emplace_back(r.method, r.pattern);
  return out;
}

}  // namespace lis::http
