// Helpers shared by the action-list tests: creating actions through the API and a system with
// requirement gaps.
#pragma once

#include <string>

#include "asset_support.h"

namespace lis_test {

// A valid create body: `title` at `unit`, owned by `owner`, due on `due`; `extra` adds fields
// or replaces these.
inline json ActionBody(const std::string& title, long long unit, long long owner,
                       const std::string& due = "2030-06-30", json extra = json::object()) {
  json body = {{"title", title}, {"org_unit_id", unit}, {"owner_id", owner}, {"due_date", due}};
  if (extra.is_object()) body.update(extra);
  return body;
}

inline long long CreateAction(LisServer& s, const Auth& auth, const json& body) {
  return MustCreate(s, auth, "actions", body)["id"];
}

// A system of a new object at `unit` whose information set is classified at level 2 on every
// aspect, with the requirement codes it triggers; the first `gaps` of them recorded as
// not_met, the last one as met.
struct GapSystem {
  long long id = 0;
  std::vector<std::string> codes;  // triggered, by code
  std::vector<int> levels;         // their min_level
};
inline GapSystem MakeGapSystem(LisServer& s, const Auth& ciso, const std::string& name,
                               long long unit, size_t gaps) {
  GapSystem g;
  long long object = CreateObject(s, ciso, name + "-objekt", unit);
  g.id = CreateSystem(s, ciso, name, object);
  long long set = CreateSet(s, ciso, name + "-mängd", unit, {g.id});
  Classify(s, ciso, set, {2, 2, 2, 2});
  json reqs = Fetch(s, ciso, "/api/v1/systems/" + Id(g.id) + "/requirements");
  for (const auto& r : reqs["items"]) {
    g.codes.push_back(r["code"]);
    g.levels.push_back(r["min_level"]);
  }
  EXPECT_GT(g.codes.size(), gaps + 1);
  for (size_t i = 0; i < g.codes.size(); ++i) {
    if (i >= gaps && i + 1 != g.codes.size()) continue;
    std::string path = "/api/v1/systems/" + Id(g.id) + "/requirements/" + g.codes[i];
    Response r =
        s.Send("PUT", path, ciso, {{"status", i + 1 == g.codes.size() ? "met" : "not_met"}});
    EXPECT_EQ(r.status, 200) << path << ": " << r;
  }
  return g;
}

// `text` as the templates write it into HTML (mstch escapes '/' too).
inline std::string Html(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '/' ? std::string("&#x2F;") : std::string(1, c);
  return out;
}

// A form post from a page (url-encoded, with the session's CSRF token).
inline Response PostForm(LisServer& s, const Session& session, const std::string& path,
                         const std::string& fields = "") {
  std::string body = "_csrf=" + UrlEncode(session.csrf) + (fields.empty() ? "" : "&" + fields);
  return s.SendRaw("POST", path, session, body, "application/x-www-form-urlencoded");
}

}  // namespace lis_test
