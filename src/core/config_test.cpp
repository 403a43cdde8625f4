#include "core/config.h"

#include <gtest/gtest.h>

namespace lis {
namespace {

TEST(Config, DefaultsAreTheDocumentedOnes) {
  Config c;
  EXPECT_EQ(c.database, "sqlite:data/lis.db");
  EXPECT_EQ(c.listen_port, 8080);
  EXPECT_EQ(c.max_body_bytes, 1024u * 1024u);
  EXPECT_EQ(c.max_import_bytes, 20u * 1024u * 1024u);
  EXPECT_EQ(c.max_evidence_bytes, 10u * 1024u * 1024u);
  EXPECT_EQ(c.lockout_failures, 5);
  EXPECT_EQ(c.lockout_minutes, 15);
  EXPECT_EQ(c.classification_max_level, 4);
  EXPECT_EQ(c.review_months, 12);
  EXPECT_EQ(c.audit_key_file, "");
  EXPECT_EQ(c.audit_checkpoint_file, "");
  EXPECT_EQ(c.audit_checkpoint_events, 1000);
  EXPECT_EQ(c.audit_checkpoint_minutes, 60);
  EXPECT_TRUE(c.lockout_by_address);
}

TEST(Config, TomlOverridesDefaults) {
  Config c;
  Status s = ApplyConfigToml(R"(
database = "postgresql://lis@db/lis"
listen = "0.0.0.0:9000"
max_body_bytes = 2048
max_import_bytes = 4096
max_evidence_bytes = 2048
trust_proxy = true
default_language = "en"
classification_max_level = 3
review_months = 24
audit_key_file = "/etc/lis/audit.key"
audit_checkpoint_file = "/var/log/lis/checkpoints.jsonl"
audit_checkpoint_events = 500
audit_checkpoint_minutes = 15
lockout_by_address = false
)",
                             c);
  ASSERT_TRUE(s.ok()) << s.error().field;
  EXPECT_EQ(c.database, "postgresql://lis@db/lis");
  EXPECT_EQ(c.listen_host, "0.0.0.0");
  EXPECT_EQ(c.listen_port, 9000);
  EXPECT_EQ(c.max_body_bytes, 2048u);
  EXPECT_EQ(c.max_import_bytes, 4096u);
  EXPECT_EQ(c.max_evidence_bytes, 2048u);
  EXPECT_TRUE(c.trust_proxy);
  EXPECT_EQ(c.default_language, "en");
  EXPECT_EQ(c.classification_max_level, 3);
  EXPECT_EQ(c.review_months, 24);
  EXPECT_EQ(c.audit_key_file, "/etc/lis/audit.key");
  EXPECT_EQ(c.audit_checkpoint_file, "/var/log/lis/checkpoints.jsonl");
  EXPECT_EQ(c.audit_checkpoint_events, 500);
  EXPECT_EQ(c.audit_checkpoint_minutes, 15);
  EXPECT_FALSE(c.lockout_by_address);
}

TEST(Config, ErrorsNameTheKey) {
  struct Case {
    const char* toml;
    const char* field;
  };
  const Case cases[] = {
      {"no_such_setting = 1", "no_such_setting"},
      {"threads = \"many\"", "threads"},
      {"threads = 1", "threads"},
      {"max_body_bytes = -5", "max_body_bytes"},
      {"trust_proxy = 1", "trust_proxy"},
      {"listen = \"localhost\"", "listen"},
      {"listen = \"localhost:99999\"", "listen"},
      {"default_language = \"de\"", "default_language"},
      {"classification_max_level = 5", "classification_max_level"},
      {"classification_max_level = 1", "classification_max_level"},
      {"review_months = 0", "review_months"},
      {"review_months = 61", "review_months"},
      {"audit_checkpoint_events = 0", "audit_checkpoint_events"},
      {"audit_checkpoint_minutes = 0", "audit_checkpoint_minutes"},
      {"audit_key_file = 3", "audit_key_file"},
      {"this is not toml", "(file)"},
  };
  for (const auto& c : cases) {
    Config config;
    Status s = ApplyConfigToml(c.toml, config);
    ASSERT_FALSE(s.ok()) << c.toml;
    EXPECT_EQ(s.error().code, Code::kInvalid);
    EXPECT_EQ(s.error().field, c.field) << c.toml;
  }
}

TEST(Config, ListenAcceptsIpv6AndEmptyHost) {
  Config c;
  ASSERT_TRUE(ApplyListen("[::1]:8443", c).ok());
  EXPECT_EQ(c.listen_host, "::1");
  EXPECT_EQ(c.listen_port, 8443);
  ASSERT_TRUE(ApplyListen(":7000", c).ok());
  EXPECT_EQ(c.listen_host, "0.0.0.0");
}

}  // namespace
}  // namespace lis
