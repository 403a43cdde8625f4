#include "http/router.h"

#include <gtest/gtest.h>

namespace lis::http {
namespace {

TEST(Router, MatchesPatternsAndIds) {
  Router r;
  int hit = 0;
  r.Add("GET", "/api/v1/users/{id}", [&](RequestContext&, HttpResponse&) { hit = 1; });
  r.Add("DELETE", "/api/v1/users/{id}/roles/{role_assignment_id}",
        [&](RequestContext&, HttpResponse&) { hit = 2; });

  auto m = r.Find("GET", "/api/v1/users/42");
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(m.params.at("id"), "42");
  EXPECT_EQ(m.pattern, "/api/v1/users/{id}");

  m = r.Find("DELETE", "/api/v1/users/42/roles/7");
  ASSERT_TRUE(m.handler);
  EXPECT_EQ(m.params.at("role_assignment_id"), "7");

  EXPECT_TRUE(r.Find("HEAD", "/api/v1/users/42").handler);  // HEAD is served by GET
}

TEST(Router, IdsMustBePositiveIntegers) {
  Router r;
  r.Add("GET", "/x/{id}", [](RequestContext&, HttpResponse&) {});
  for (const char* bad : {"/x/abc", "/x/0", "/x/-1", "/x/01", "/x/1e3", "/x/99999999999999999999"})
    EXPECT_FALSE(r.Find("GET", bad).handler) << bad;
}

TEST(Router, ReportsAKnownPathUnderAnotherMethod) {
  Router r;
  r.Add("GET", "/x", [](RequestContext&, HttpResponse&) {});
  auto m = r.Find("POST", "/x");
  EXPECT_FALSE(m.handler);
  EXPECT_TRUE(m.path_known);
  EXPECT_FALSE(r.Find("POST", "/y").path_known);
}

}  // namespace
}  // namespace lis::http
