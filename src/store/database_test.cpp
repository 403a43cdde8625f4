#include "store/database.h"

#include <gtest/gtest.h>

#include "store/test_database.h"

namespace lis::store {
namespace {

TEST(PostgresKeywords, TurnsUrlsIntoLibpqKeywords) {
  struct Case {
    const char* url;
    const char* keywords;
  };
  const Case cases[] = {
      {"postgresql://lis:s3cret@db.local:5433/lis",
       "user='lis' password='s3cret' host='db.local' port='5433' dbname='lis'"},
      {"postgresql://postgres@127.0.0.1:5432/postgres",
       "user='postgres' host='127.0.0.1' port='5432' dbname='postgres'"},
      {"postgres://u:p%40ss@h/d?sslmode=require",
       "user='u' password='p@ss' host='h' dbname='d' sslmode='require'"},
      {"postgresql://[::1]:5432/x", "host='::1' port='5432' dbname='x'"},
      {"postgresql://u:it's@h/d", "user='u' password='it\\'s' host='h' dbname='d'"},
  };
  for (const auto& c : cases) {
    auto kw = PostgresKeywords(c.url);
    ASSERT_TRUE(kw.ok()) << c.url;
    EXPECT_EQ(*kw, c.keywords) << c.url;
  }
}

TEST(PostgresKeywords, RejectsBrokenUrls) {
  for (const char* bad : {"mysql://x", "postgresql://h:port/d", "postgresql://u:%zz@h/d",
                          "postgresql://h/d?sslmode"}) {
    auto kw = PostgresKeywords(bad);
    EXPECT_FALSE(kw.ok()) << bad;
  }
}

TEST(Database, OpenRejectsUnknownSchemes) {
  auto db = Database::Open("oracle://x", 1);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().field, "database");
}

// WriteIfDue asks `due` in a read snapshot and, when it holds, again under the write lock; it
// writes only when both hold, and a failing write changes nothing.
TEST(Database, WriteIfDueWritesOnlyWhenDueBeforeAndUnderTheLock) {
  struct Case {
    const char* what;
    std::vector<bool> answers;  // what `due` says at each call
    bool fails;                 // the write returns an error
    int due_calls;
    bool written;  // the row is there afterwards
    bool ok;
    bool result;
  };
  const Case cases[] = {
      {"not due", {false}, false, 1, false, true, false},
      {"due", {true, true}, false, 2, true, true, true},
      {"done meanwhile by another writer", {true, false}, false, 2, false, true, false},
      {"due, the write fails", {true, true}, true, 2, false, false, false},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    TestDatabase t("lis-write-if-due");
    Database& db = t.db();
    ASSERT_TRUE(db.Write(Actor(), [](Tx& tx) -> Status {
                    tx.Exec("CREATE TABLE marks (n INTEGER)");
                    return {};
                  }).ok());
    int calls = 0;
    auto r = db.WriteIfDue(
        Actor(), [&](Tx&) { return c.answers.at(static_cast<size_t>(calls++)); },
        [&](Tx& tx) -> Status {
          tx.Exec("INSERT INTO marks (n) VALUES (1)");
          if (c.fails) return MakeError(Code::kInternal, "error.internal");
          return {};
        });
    EXPECT_EQ(calls, c.due_calls);
    ASSERT_EQ(r.ok(), c.ok);
    if (r.ok()) EXPECT_EQ(*r, c.result);
    long long rows = -1;
    ASSERT_TRUE(db.Read([&](Tx& tx) -> Status {
                    rows = tx.QueryOne("SELECT count(*) FROM marks", {}, {Col::kInt})->Int(0);
                    return {};
                  }).ok());
    EXPECT_EQ(rows, c.written ? 1 : 0);
  }
}

}  // namespace
}  // namespace lis::store
