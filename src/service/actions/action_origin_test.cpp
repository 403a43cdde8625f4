// The origin registry (action_origin.h) and the on_all_done rule through the action service,
// on a fresh SQLite database, with a test registration of the `risk` origin (the risk area
// registers the real one).
#include "service/actions/action_origin.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "service/actions/action_service.h"

namespace lis::service {
namespace {

using nlohmann::json;

// A migrated SQLite database in a temp file with one unit, one installation-wide CISO and one
// employee of the unit.
class OriginTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = std::filesystem::temp_directory_path() /
            ("lis-origin-" + std::to_string(getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
    std::filesystem::remove(path_);
    auto db = store::Database::Open("sqlite:" + path_.string(), 2);
    ASSERT_TRUE(db.ok());
    db_ = std::move(*db);
    ASSERT_TRUE(db_->Migrate().ok());
    Status s = db_->Write(store::Actor(), [](store::Tx& tx) {
      const char* now = "2026-01-01T00:00:00.000000Z";
      tx.Exec(
          "INSERT INTO org_units (id, parent_id, kind, name, version, created_at, updated_at) "
          "VALUES (1, NULL, 'municipality', 'Kommunen', 1, ?, ?)",
          {store::Value(now), store::Value(now)});
      for (long long id : {1LL, 2LL})
        tx.Exec(
            "INSERT INTO users (id, username, name, email, active, language, org_unit_id, "
            "version, created_at, updated_at) VALUES (?, ?, ?, 'x@example.org', 1, 'sv', 1, 1, "
            "?, ?)",
            {store::Value(id), store::Value("u" + std::to_string(id)),
             store::Value("User " + std::to_string(id)), store::Value(now), store::Value(now)});
      tx.Exec(
          "INSERT INTO role_assignments (user_id, role, scope_id, version, created_at, "
          "updated_at) VALUES (1, 'ciso', NULL, 1, ?, ?), (2, 'employee', 1, 1, ?, ?)",
          {store::Value(now), store::Value(now), store::Value(now), store::Value(now)});
      return Status();
    });
    ASSERT_TRUE(s.ok());
    ciso_.user_id = 1;
    ciso_.username = "u1";
    ciso_.grants = {{1, "ciso", std::nullopt, std::nullopt}};
  }
  void TearDown() override {
    db_.reset();
    for (const char* suffix : {"", "-wal", "-shm"})
      std::filesystem::remove(path_.string() + suffix);
  }

  Status CheckOrigin(const ActionOrigins& origins, const std::string& kind,
                     std::optional<long long> id, const std::string& ref) {
    Status out;
    Status s = db_->Read([&](store::Tx& tx) {
      out = origins.Check(tx, ciso_, kind, id, ref);
      return Status();
    });
    EXPECT_TRUE(s.ok());
    return out;
  }

  std::filesystem::path path_;
  std::unique_ptr<store::Database> db_;
  Caller ciso_;
};

// A `risk` origin whose records are the ids 1..9, counting its on_all_done calls.
OriginHandler TestRisk(std::vector<long long>& done_calls) {
  OriginHandler h;
  h.check = [](store::Tx&, const Caller&, long long id, const std::string&) -> Status {
    if (id < 1 || id > 9) return Invalid("error.action_origin_missing", "origin_id");
    return {};
  };
  h.link = [](store::Tx&, long long id, const std::string&, const std::string&) {
    return OriginLink{"/risks/" + std::to_string(id), "Risk " + std::to_string(id)};
  };
  h.on_all_done = [&done_calls](store::Tx&, long long id, const std::string&) {
    done_calls.push_back(id);
  };
  return h;
}

TEST_F(OriginTest, CheckNamesTheFieldAtFault) {
  ActionOrigins origins;
  RegisterBuiltInOrigins(origins);
  struct Case {
    const char* kind;
    std::optional<long long> id;
    const char* ref;
    const char* key;  // "" for ok
    const char* field;
  };
  const Case cases[] = {
      {"manual", std::nullopt, "", "", ""},
      {"manual", 3, "", "error.action_origin_no_id", "origin_id"},
      {"manual", std::nullopt, "X", "error.action_origin_no_id", "origin_ref"},
      {"nonsense", std::nullopt, "", "error.action_origin", "origin"},
      {"incident", 1, "", "error.action_origin_unavailable", "origin"},
      {"deviation", 1, "", "error.action_origin_unavailable", "origin"},
      {"risk", 1, "", "error.action_origin_unavailable", "origin"},
      {"requirement_gap", std::nullopt, "ACC-01", "error.field_missing", "origin_id"},
      {"requirement_gap", 1, "", "error.field_missing", "origin_ref"},
      {"requirement_gap", 999, "ACC-01", "error.action_origin_missing", "origin_id"},
  };
  for (const auto& c : cases) {
    Status s = CheckOrigin(origins, c.kind, c.id, c.ref);
    if (std::string(c.key).empty()) {
      EXPECT_TRUE(s.ok()) << c.kind;
      continue;
    }
    ASSERT_FALSE(s.ok()) << c.kind;
    EXPECT_EQ(s.error().code, Code::kInvalid) << c.kind;
    EXPECT_EQ(s.error().message_key, c.key) << c.kind;
    EXPECT_EQ(s.error().field, c.field) << c.kind;
  }
  Status unavailable = CheckOrigin(origins, "incident", 1, "");
  EXPECT_EQ(unavailable.error().args.at("origin"), "incident");
}

TEST_F(OriginTest, ARegisteredKindIsCheckedByItsHandler) {
  ActionOrigins origins;
  std::vector<long long> calls;
  origins.Register("risk", TestRisk(calls));
  EXPECT_TRUE(CheckOrigin(origins, "risk", 4, "").ok());
  Status missing = CheckOrigin(origins, "risk", 42, "");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().field, "origin_id");
}

TEST_F(OriginTest, OnAllDoneRunsOnlyWhenTheOriginIsFinished) {
  ActionOrigins origins;
  std::vector<long long> calls;
  origins.Register("risk", TestRisk(calls));
  RegisterBuiltInOrigins(origins);
  struct Case {
    const char* kind;
    std::optional<long long> id;
    const char* before;
    const char* after;
    std::vector<std::string> all;
    bool called;
  };
  const Case cases[] = {
      {"risk", 5, "planned", "done", {"done", "cancelled"}, true},
      {"risk", 5, "planned", "done", {"done", "planned"}, false},
      {"risk", 5, "planned", "cancelled", {"cancelled"}, false},
      {"risk", std::nullopt, "planned", "done", {"done"}, false},
      {"manual", std::nullopt, "planned", "done", {"done"}, false},
      {"requirement_gap", 5, "planned", "done", {"done"}, false},  // no callback registered
  };
  for (const auto& c : cases) {
    calls.clear();
    bool called = false;
    ASSERT_TRUE(db_->Read([&](store::Tx& tx) {
                     called =
                         origins.AfterStatusChange(tx, c.kind, c.id, "", c.before, c.after, c.all);
                     return Status();
                   })
                    .ok());
    EXPECT_EQ(called, c.called) << c.kind << " " << c.before << " -> " << c.after;
    EXPECT_EQ(calls.size(), c.called ? 1u : 0u) << c.kind;
  }
}

// Through the service: the callback fires in the change that closes the last open action of
// an origin, once, and not for another origin's actions.
TEST_F(OriginTest, TheServiceCallsOnAllDoneWhenTheLastOpenActionIsDone) {
  ActionService actions(*db_);
  std::vector<long long> calls;
  actions.origins().Register("risk", TestRisk(calls));
  auto create = [&](long long risk) {
    auto a = actions.Create(ciso_, {{"title", "Åtgärd"},
                                    {"owner_id", 2},
                                    {"org_unit_id", 1},
                                    {"due_date", "2030-01-01"},
                                    {"origin", "risk"},
                                    {"origin_id", risk}});
    EXPECT_TRUE(a.ok()) << (a.ok() ? "" : a.error().message_key);
    return a.ok() ? (*a)["id"].get<long long>() : 0;
  };
  auto set = [&](long long id, const char* status) {
    auto current = actions.Get(ciso_, id);
    ASSERT_TRUE(current.ok());
    auto r = actions.Update(ciso_, id, {{"version", (*current)["version"]}, {"status", status}});
    ASSERT_TRUE(r.ok()) << r.error().message_key;
  };
  long long a = create(1), b = create(1), c = create(1), other = create(2);
  set(a, "done");
  set(b, "cancelled");
  EXPECT_TRUE(calls.empty());
  set(other, "done");
  EXPECT_EQ(calls, std::vector<long long>({2}));
  set(c, "done");
  EXPECT_EQ(calls, std::vector<long long>({2, 1}));
  set(c, "done");  // no change: nothing more
  EXPECT_EQ(calls.size(), 2u);
  auto got = actions.Get(ciso_, a);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ((*got)["origin_url"], "/risks/1");
  EXPECT_FALSE((*got)["completed_at"].is_null());
}

}  // namespace
}  // namespace lis::service
