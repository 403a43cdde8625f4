#include "http/pages/incident_parts.h"

#include <gtest/gtest.h>

namespace lis::http {
namespace {

using nlohmann::json;

struct WallCase {
  const char* input;
  bool optional;
  json expected;      // the field afterwards; null for refused when `field` is set
  const char* field;  // the field an error names, or "" when accepted
};

// The form's datetime-local values become UTC times for the service; an empty optional field
// becomes null, anything else that is not a Swedish wall time is refused naming the field.
TEST(IncidentParts, WallTimesBecomeUtcOrAreRefusedNamingTheField) {
  const WallCase kCases[] = {
      {"2026-03-29T03:30", false, "2026-03-29T01:30:00.000000Z", ""},
      {"2026-01-15T13:00", true, "2026-01-15T12:00:00.000000Z", ""},
      {"", true, nullptr, ""},
      {"", false, nullptr, "occurred_at"},
      {"2026-02-30T10:00", false, nullptr, "occurred_at"},
      {"i går", true, nullptr, "occurred_at"},
  };
  for (const auto& c : kCases) {
    json body = {{"occurred_at", c.input}, {"title", "x"}};
    Status s = WallTimesToUtc(body, {"occurred_at", "missing_field"}, c.optional);
    if (*c.field) {
      ASSERT_FALSE(s.ok()) << c.input;
      EXPECT_EQ(s.error().field, c.field) << c.input;
      EXPECT_EQ(s.error().message_key, "error.incident_form_local_time");
      continue;
    }
    ASSERT_TRUE(s.ok()) << c.input;
    EXPECT_EQ(body["occurred_at"], c.expected) << c.input;
    EXPECT_FALSE(body.contains("missing_field")) << "absent fields stay absent";
    EXPECT_EQ(body["title"], "x");
  }
}

}  // namespace
}  // namespace lis::http
