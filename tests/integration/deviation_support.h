// Helpers shared by the deviation tests: reporting, moving and judging deviations through the
// API.
#pragma once

#include <string>

#include "action_support.h"
#include "risk_support.h"

namespace lis_test {

inline std::string DeviationPath(long long id, const std::string& rest = "") {
  return "/api/v1/deviations/" + Id(id) + rest;
}

// A valid report: `title` at `unit`, detected on 2026-11-30; `extra` adds or replaces fields.
inline json DeviationBody(const std::string& title, long long unit, json extra = json::object()) {
  json body = {
      {"title", title},      {"description", "Behörigheter granskades inte enligt riktlinjen."},
      {"org_unit_id", unit}, {"detected_on", "2026-11-30"},
      {"source", "audit"},   {"severity", "high"}};
  body.update(extra);
  return body;
}

inline json ReportDeviation(LisServer& s, const Auth& auth, const json& body) {
  return MustCreate(s, auth, "deviations", body);
}

// POST …/move {"move": move, "version": current} plus `extra`; answers the response.
inline Response MoveDeviation(LisServer& s, const Auth& auth, long long id, const std::string& move,
                              json extra = json::object()) {
  json current = Fetch(s, auth, DeviationPath(id));
  json body = {{"move", move}, {"version", current.value("version", 0)}};
  body.update(extra);
  return s.Post(DeviationPath(id, "/move"), auth, body);
}

inline Response JudgeDeviation(
    LisServer& s, const Auth& auth, long long id, bool effective,
    const std::string& motivation = "Stickprov visar att det fungerar.") {
  json current = Fetch(s, auth, DeviationPath(id));
  return s.Post(DeviationPath(id, "/verdict"), auth,
                {{"effective", effective},
                 {"motivation", motivation},
                 {"version", current.value("version", 0)}});
}

// Sets the status of action `id` as `auth` (its owner, say).
inline Response SetActionStatus(LisServer& s, const Auth& auth, long long id,
                                const std::string& status) {
  json action = Fetch(s, auth, "/api/v1/actions/" + Id(id));
  return s.Patch("/api/v1/actions/" + Id(id), auth,
                 {{"status", status}, {"version", action.value("version", 0)}});
}

// A suite of deviation tests on one shared server: sessions by username and the unit most
// tests use.
template <class Suite>
class DeviationTest : public SharedServerTest<Suite> {
 protected:
  void SetUp() override {
    SharedServerTest<Suite>::SetUp();
    if (::testing::Test::HasFatalFailure()) return;
    if (!sessions_) sessions_ = std::make_unique<Sessions>(SharedServerTest<Suite>::server());
  }
  static const Session& As(const std::string& who) { return (*sessions_)(who); }
  static long long Sof() {
    return SharedServerTest<Suite>::server().OrgUnitId("Socialförvaltningen");
  }
  static inline std::unique_ptr<Sessions> sessions_;
};

}  // namespace lis_test
