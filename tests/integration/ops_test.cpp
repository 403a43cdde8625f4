// Operations: health check, metrics, security headers, access log, clean shutdown.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <regex>
#include <thread>

#include "lis_server.h"

namespace lis_test::ops_test {
namespace {

class OpsTest : public SharedServerTest<OpsTest> {
 protected:
  // The value of the Prometheus sample `name{labels}` in `metrics`, or -1.
  static double Sample(const std::string& metrics, const std::string& series) {
    std::istringstream in(metrics);
    for (std::string line; std::getline(in, line);)
      if (line.rfind(series + " ", 0) == 0) return std::stod(line.substr(series.size() + 1));
    return -1;
  }
};

TEST_F(OpsTest, HealthzAnswersOk) {
  Response r = server().Get("/healthz");
  EXPECT_EQ(r.status, 200) << r;
  EXPECT_EQ(r.body.substr(0, 2), "ok");
}

TEST_F(OpsTest, MetricsCountRequestsByRouteAndStatus) {
  const std::string series =
      R"(lis_http_requests_total{method="GET",route="/api/v1/me",status="401"})";
  server().Get("/api/v1/me");
  Response before = server().Get("/metrics");
  ASSERT_EQ(before.status, 200) << before;
  EXPECT_EQ(before.Header("Content-Type").rfind("text/plain", 0), 0u);
  double n = Sample(before.body, series);
  EXPECT_GE(n, 1) << "the request made before is counted:\n" << before.body;

  for (int i = 0; i < 3; ++i) server().Get("/api/v1/me");
  std::string after = server().Get("/metrics").body;
  EXPECT_EQ(Sample(after, series), n + 3) << after;

  EXPECT_NE(after.find("# TYPE lis_http_requests_total counter"), std::string::npos);
  EXPECT_NE(after.find("# TYPE lis_http_request_duration_seconds histogram"), std::string::npos);
  EXPECT_NE(after.find("lis_http_request_duration_seconds_bucket{le="), std::string::npos);
  double inf = Sample(after, R"(lis_http_request_duration_seconds_bucket{le="+Inf"})");
  EXPECT_GE(inf, n + 3);
  EXPECT_EQ(inf, Sample(after, "lis_http_request_duration_seconds_count"));
  EXPECT_GE(Sample(after, "lis_http_request_duration_seconds_sum"), 0);
}

// Routes are labelled by pattern, not by the path asked for, so ids do not multiply series.
TEST_F(OpsTest, MetricsLabelRoutesByPattern) {
  server().Get("/api/v1/org-units/123456", server().Admin());
  server().Get("/api/v1/org-units/654321", server().Admin());
  server().Get("/api/v1/no-such-route-5150");
  std::string metrics = server().Get("/metrics").body;
  EXPECT_GE(
      Sample(
          metrics,
          R"(lis_http_requests_total{method="GET",route="/api/v1/org-units/{id}",status="404"})"),
      2)
      << metrics;
  EXPECT_EQ(metrics.find("123456"), std::string::npos);
  EXPECT_EQ(metrics.find("no-such-route-5150"), std::string::npos);
}

// Every kind of response carries the security headers: API, pages, redirects, errors, static
// files, health and metrics.
TEST_F(OpsTest, EveryResponseCarriesSecurityHeaders) {
  LisServer& s = server();
  const Session& admin = s.Admin();
  struct Case {
    std::string method;
    std::string path;
    const Auth* auth;
    int status;
  };
  const Auth none;
  const Case cases[] = {
      {"GET", "/api/v1/me", &none, 401},
      {"GET", "/api/v1/me", &admin, 200},
      {"GET", "/api/v1/org-units", &admin, 200},
      {"POST", "/api/v1/org-units", &admin, 400},
      {"GET", "/api/v1/nope", &none, 404},
      {"GET", "/login", &none, 200},
      {"GET", "/", &none, 303},
      {"GET", "/", &admin, 200},
      {"GET", "/nope", &none, 404},
      {"GET", "/static/app.css", &none, 200},
      {"GET", "/static/app.js", &none, 200},
      {"GET", "/healthz", &none, 200},
      {"GET", "/metrics", &none, 200},
  };
  for (const auto& c : cases) {
    std::string what = c.method + " " + c.path;
    Response r = s.Send(c.method, c.path, *c.auth);
    EXPECT_EQ(r.status, c.status) << what << ": " << r;

    auto csps = r.Headers("Content-Security-Policy");
    ASSERT_EQ(csps.size(), 1u) << what;
    const std::string& csp = csps[0];
    EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what << ": " << csp;
    // script-src, or default-src when there is none, allows no inline script.
    std::smatch m;
    bool found = std::regex_search(csp, m, std::regex("(^|;)\\s*script-src([^;]*)")) ||
                 std::regex_search(csp, m, std::regex("(^|;)\\s*default-src([^;]*)"));
    ASSERT_TRUE(found) << what << ": " << csp;
    EXPECT_EQ(m[2].str().find("'unsafe-inline'"), std::string::npos) << what << ": " << csp;
    EXPECT_EQ(m[2].str().find("'unsafe-eval'"), std::string::npos) << what << ": " << csp;
    EXPECT_EQ(m[2].str().find('*'), std::string::npos) << what << ": " << csp;

    EXPECT_EQ(r.Headers("X-Content-Type-Options"), std::vector<std::string>{"nosniff"}) << what;
    auto referrer = r.Headers("Referrer-Policy");
    ASSERT_EQ(referrer.size(), 1u) << what;
    EXPECT_TRUE(referrer[0] == "no-referrer" || referrer[0] == "same-origin" ||
                referrer[0] == "strict-origin" || referrer[0] == "strict-origin-when-cross-origin")
        << what << ": " << referrer[0];

    // Pages load their scripts from files: no inline script for the CSP to block.
    if (r.Header("Content-Type").rfind("text/html", 0) == 0) {
      for (size_t pos = 0; (pos = r.body.find("<script", pos)) != std::string::npos; ++pos) {
        std::string tag = r.body.substr(pos, r.body.find('>', pos) - pos);
        EXPECT_NE(tag.find(" src="), std::string::npos) << what << ": inline " << tag;
      }
      EXPECT_EQ(r.body.find(" onclick="), std::string::npos) << what;
      EXPECT_EQ(r.body.find(" onload="), std::string::npos) << what;
    }
  }
}

// A response has one Cache-Control, not two that contradict each other (static files ask to be
// cached, the security headers add no-store).
TEST_F(OpsTest, ResponsesCarryOneCacheControl) {
  for (const char* path : {"/static/app.css", "/api/v1/me", "/login"}) {
    Response r = server().Get(path);
    EXPECT_LE(r.Headers("Cache-Control").size(), 1u)
        << path << ": " << ::testing::PrintToString(r.Headers("Cache-Control"));
  }
}

TEST_F(OpsTest, AccessLogHasALinePerRequestAndNoSecrets) {
  LisServer& s = server();
  Session ciso = s.Login("ciso");
  Response token = s.Post("/api/v1/tokens", ciso, {{"name", "log probe"}});
  std::string bearer = token.Json()["token"];
  s.Get("/api/v1/me", ciso);
  s.Get("/api/v1/me", Bearer(bearer));
  s.Get("/api/v1/access-log-probe?secret=hemligt");

  std::string log = s.Log();
  EXPECT_TRUE(std::regex_search(log, std::regex(R"re("GET /api/v1/me" 200 .*user=ciso)re"))) << log;
  EXPECT_NE(log.find("\"GET /api/v1/access-log-probe\" 404"), std::string::npos) << log;
  EXPECT_NE(log.find("\"POST /api/v1/session\" 200"), std::string::npos) << log;
  // No passwords, session cookies, CSRF tokens, API tokens or query strings.
  std::string cookie = ciso.cookie.substr(ciso.cookie.find('=') + 1);
  for (const std::string& secret :
       {s.account("ciso").password, cookie, ciso.csrf, bearer, std::string("hemligt")})
    EXPECT_EQ(log.find(secret), std::string::npos) << "the log holds a secret: " << secret;
}

// A connection to the server that sends and reads raw bytes.
class RawConnection {
 public:
  explicit RawConnection(int port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(static_cast<uint16_t>(port));
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    timeval timeout{10, 0};
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    connected_ = ::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  }
  ~RawConnection() { ::close(fd_); }
  bool connected() const { return connected_; }
  void Send(const std::string& data) { (void)!::send(fd_, data.data(), data.size(), MSG_NOSIGNAL); }
  // Reads until `end` has arrived (or the peer closes, or 10 s pass).
  std::string ReadUntil(const std::string& end) {
    std::string out;
    char buf[4096];
    while (end.empty() || out.find(end) == std::string::npos) {
      ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) break;
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
  bool connected_ = false;
};

// Each test here has a server of its own, since it ends it; they need no demo data.
ServerOptions NoDemo() {
  ServerOptions o;
  o.demo = false;
  return o;
}

TEST(ShutdownTest, SigtermExitsWithStatusZero) {
  LisServer s(NoDemo());
  EXPECT_EQ(s.Get("/healthz").status, 200);
  std::optional<int> status = s.Stop();
  ASSERT_TRUE(status.has_value()) << "did not stop within 15 s of SIGTERM";
  EXPECT_TRUE(WIFEXITED(*status)) << "status " << *status;
  EXPECT_EQ(WEXITSTATUS(*status), 0);
  EXPECT_FALSE(s.running());
}

// A request that is in flight when SIGTERM comes is finished before the process exits; new
// connections are no longer accepted.
TEST(ShutdownTest, SigtermFinishesRequestsInFlight) {
  LisServer s(NoDemo());
  std::string body = json{{"username", "nobody"}, {"password", "wrong"}}.dump();
  RawConnection conn(s.port());
  ASSERT_TRUE(conn.connected());
  conn.Send(
      "POST /api/v1/session HTTP/1.1\r\nHost: 127.0.0.1\r\n"
      "Content-Type: application/json\r\nContent-Length: " +
      std::to_string(body.size()) + "\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n");
  // The server has read the headers and waits for the body: the request is in flight.
  std::string interim = conn.ReadUntil("\r\n\r\n");
  ASSERT_EQ(interim.rfind("HTTP/1.1 100", 0), 0u) << interim;

  s.Signal(SIGTERM);
  bool refused = false;
  for (int i = 0; i < 200 && !refused; ++i) {
    refused = !RawConnection(s.port()).connected();
    if (!refused) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  EXPECT_TRUE(refused) << "still accepting connections after SIGTERM";

  conn.Send(body);
  std::string response = conn.ReadUntil("");
  EXPECT_EQ(response.rfind("HTTP/1.1 401", 0), 0u) << response.substr(0, 300);
  EXPECT_NE(response.find("\"unauthenticated\""), std::string::npos) << response.substr(0, 300);

  std::optional<int> status = s.Stop();
  ASSERT_TRUE(status.has_value()) << "did not stop";
  EXPECT_TRUE(WIFEXITED(*status) && WEXITSTATUS(*status) == 0) << "status " << *status;
}

// /healthz tells whether the database answers; requests that need it answer 503, not 500.
// (PostgreSQL only: the database is dropped under the running server.)
TEST(DatabaseDownTest, HealthzAnswers503AndRequestsAnswerUnavailable) {
  const char* db = std::getenv("LIS_TEST_DATABASE");
  if (!db || std::string(db).rfind("postgres", 0) != 0)
    GTEST_SKIP() << "needs PostgreSQL (LIS_TEST_DATABASE=postgresql://...)";
  LisServer s;
  Session session = s.Login("ciso");
  ASSERT_EQ(s.Get("/healthz").status, 200);

  std::string name = s.database_url().substr(s.database_url().rfind('/') + 1);
  std::string admin_url = std::string(db);
  std::string command =
      "psql '" + admin_url + "' -qc 'DROP DATABASE " + name + " WITH (FORCE)' >/dev/null 2>&1";
  ASSERT_EQ(std::system(command.c_str()), 0) << command;

  Response health = s.Get("/healthz");
  EXPECT_EQ(health.status, 503) << health;
  Response me = s.Get("/api/v1/me", session);
  EXPECT_EQ(me.status, 503) << me;
  EXPECT_EQ(me.Json()["error"]["code"], "unavailable");
  EXPECT_EQ(s.Get("/healthz").status, 503) << "still answering";
}

}  // namespace
}  // namespace lis_test::ops_test
