#include "store/database.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace lis::store
