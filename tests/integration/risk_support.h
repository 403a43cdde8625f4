// Helpers shared by the risk tests: analyses and risks made through the API, and the demo
// sessions by name.
#pragma once

#include <map>
#include <string>

#include "asset_support.h"

namespace lis_test {

// POSTs an analysis of unit `org_unit_id` (or of `extra`'s scope); its id.
inline long long CreateAnalysis(LisServer& s, const Auth& auth, const std::string& title,
                                long long org_unit_id, json extra = json::object()) {
  extra["title"] = title;
  if (!extra.contains("scope_kind")) extra["org_unit_id"] = org_unit_id;
  return MustCreate(s, auth, "risk-analyses", extra)["id"];
}

// A risk body for analysis `analysis_id` at likelihood × consequence.
inline json RiskBody(long long analysis_id, const std::string& title, int likelihood,
                     int consequence, json extra = json::object()) {
  extra["analysis_id"] = analysis_id;
  extra["title"] = title;
  extra["likelihood"] = likelihood;
  extra["consequence"] = consequence;
  return extra;
}

inline json CreateRisk(LisServer& s, const Auth& auth, long long analysis_id,
                       const std::string& title, int likelihood, int consequence,
                       json extra = json::object()) {
  return MustCreate(s, auth, "risks", RiskBody(analysis_id, title, likelihood, consequence, extra));
}

// Sessions by username, for demo accounts and users made with the test password.
class Sessions {
 public:
  explicit Sessions(LisServer& s) : s_(s) {}
  const Session& operator()(const std::string& who) {
    if (!sessions_.count(who)) {
      bool demo = false;
      for (const auto& a : s_.accounts()) demo = demo || a.username == who;
      Session session;
      if (demo) {
        session = s_.Login(who);
      } else {
        Response r = s_.LoginAs(who, LisServer::kTestPassword, &session);
        EXPECT_EQ(r.status, 200) << who << ": " << r;
      }
      sessions_[who] = session;
    }
    return sessions_.at(who);
  }

 private:
  LisServer& s_;
  std::map<std::string, Session> sessions_;
};

}  // namespace lis_test
