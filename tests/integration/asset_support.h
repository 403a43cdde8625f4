// Helpers shared by the asset tests (objects, systems, information sets, classification):
// creating records through the API, classification bodies and review dates.
#pragma once

#include <array>
#include <cstdio>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "audit_support.h"
#include "lis_server.h"
#include "store/assets/derived_cache.h"
#include "store/database.h"

namespace lis_test {

// The aspects in the order of the API and of a Levels value.
inline const std::array<std::string, 4> kAspectNames = {"confidentiality", "integrity",
                                                        "availability", "traceability"};

// A level per aspect: confidentiality (K), integrity (R), availability (T), traceability (S).
struct Levels {
  int k = 0, r = 0, t = 0, s = 0;
  int operator[](size_t i) const { return i == 0 ? k : i == 1 ? r : i == 2 ? t : s; }
};

// A classification body for `levels` with a motivation for every aspect.
inline json ClassificationBody(const Levels& levels) {
  json body = json::object();
  json motivations = json::object();
  for (size_t i = 0; i < kAspectNames.size(); ++i) {
    body[kAspectNames[i]] = levels[i];
    motivations[kAspectNames[i]] = "Motivering för " + kAspectNames[i];
  }
  body["motivations"] = motivations;
  return body;
}

// GET `path` as `auth`; the body, and a test failure unless it answers 200.
inline json Fetch(LisServer& s, const Auth& auth, const std::string& path) {
  Response r = s.Get(path, auth);
  EXPECT_EQ(r.status, 200) << "GET " << path << ": " << r;
  return r.status == 200 ? r.Json() : json(nullptr);
}

// POST `body` to /api/v1/`collection` as `auth`; the created record, and a test failure
// unless it answers 201.
inline json MustCreate(LisServer& s, const Auth& auth, const std::string& collection,
                       const json& body) {
  Response r = s.Post("/api/v1/" + collection, auth, body);
  EXPECT_EQ(r.status, 201) << "POST /api/v1/" << collection << " " << body.dump() << ": " << r;
  return r.status == 201 ? r.Json() : json::object({{"id", 0}});
}

// Runs `fn` in a write transaction on the server's database, behind its back (for changes the
// API cannot make: a review date in the past, a restore).
inline void WriteDirect(LisServer& s, const std::function<void(lis::store::Tx&)>& fn) {
  auto db = lis::store::Database::Open(s.database_url(), 1);
  ASSERT_TRUE(db.ok());
  lis::store::Actor actor;
  auto st = (*db)->Write(actor, [&](lis::store::Tx& tx) {
    fn(tx);
    return lis::Status();
  });
  ASSERT_TRUE(st.ok());
}

// Sets the review date of set `id`'s classification to `date` (YYYY-MM-DD), with the derived
// values that depend on it.
inline void SetReviewDue(LisServer& s, long long id, const std::string& date) {
  WriteDirect(s, [&](lis::store::Tx& tx) {
    tx.Exec("UPDATE classifications SET review_due = ? WHERE information_set_id = ?",
            {lis::store::Value(date), lis::store::Value(id)});
    lis::store::RefreshDerivedOfSet(tx, id);
  });
}

// Deletes every live information set, system and object `auth` can read (the demo's assets),
// so that a test sees only the records it makes.
inline void ClearAssets(LisServer& s, const Auth& auth) {
  for (std::string collection : {"information-sets", "systems", "objects"}) {
    json page = Fetch(s, auth, "/api/v1/" + collection + "?limit=500");
    for (const auto& item : page.value("items", json::array())) {
      std::string path =
          "/api/v1/" + collection + "/" + std::to_string(item["id"].get<long long>());
      Response r = s.Delete(path, auth);
      EXPECT_EQ(r.status, 204) << "DELETE " << path << ": " << r;
    }
  }
}

inline long long CreateObject(LisServer& s, const Auth& auth, const std::string& name,
                              long long org_unit_id) {
  return MustCreate(s, auth, "objects", {{"name", name}, {"org_unit_id", org_unit_id}})["id"];
}

inline long long CreateSystem(LisServer& s, const Auth& auth, const std::string& name,
                              long long object_id, json extra = json::object()) {
  extra["name"] = name;
  extra["object_id"] = object_id;
  return MustCreate(s, auth, "systems", extra)["id"];
}

inline long long CreateSet(LisServer& s, const Auth& auth, const std::string& name,
                           long long org_unit_id, const std::vector<long long>& system_ids = {},
                           json extra = json::object()) {
  extra["name"] = name;
  extra["org_unit_id"] = org_unit_id;
  extra["system_ids"] = system_ids;
  return MustCreate(s, auth, "information-sets", extra)["id"];
}

// PUT the classification `levels` on information set `id`; the set as answered, and a test
// failure unless 200.
inline json Classify(LisServer& s, const Auth& auth, long long id, const Levels& levels) {
  std::string path = "/api/v1/information-sets/" + Id(id) + "/classification";
  // A reclassification names the version of the classification it replaces.
  json body = ClassificationBody(levels);
  json current = s.Get("/api/v1/information-sets/" + Id(id), auth).Json();
  if (current.contains("classification") && current["classification"].is_object())
    body["version"] = current["classification"]["version"];
  Response r = s.Send("PUT", path, auth, body);
  EXPECT_EQ(r.status, 200) << "PUT " << path << ": " << r;
  return r.status == 200 ? r.Json() : json(nullptr);
}

// Approves the current classification of set `id` (its version read first); the set as
// answered, and a test failure unless 200.
inline json Approve(LisServer& s, const Auth& auth, long long id) {
  json set = Fetch(s, auth, "/api/v1/information-sets/" + Id(id));
  std::string path = "/api/v1/information-sets/" + Id(id) + "/classification/approve";
  Response r = s.Post(path, auth, {{"version", set["classification"]["version"]}});
  EXPECT_EQ(r.status, 200) << "POST " << path << ": " << r;
  return r.status == 200 ? r.Json() : json(nullptr);
}

// The date `months` after `date` (YYYY-MM-DD), the day of month clamped to the month's end.
inline std::string AddMonths(const std::string& date, int months) {
  int y = std::stoi(date.substr(0, 4)), m = std::stoi(date.substr(5, 2)),
      d = std::stoi(date.substr(8, 2));
  int total = (m - 1) + months;
  y += total / 12;
  m = total % 12 + 1;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int last = m == 2 && leap ? 29 : kDays[m - 1];
  if (d > last) d = last;
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

// The ids of the objects in the JSON array `items`.
inline std::set<long long> IdSet(const json& items) {
  std::set<long long> out;
  if (!items.is_array()) return out;
  for (const auto& i : items) out.insert(i["id"].get<long long>());
  return out;
}

}  // namespace lis_test
