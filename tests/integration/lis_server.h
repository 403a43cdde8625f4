// Integration-test helper: runs the real `lis` binary on a free port with a fresh database
// (SQLite in a temp dir, or a new PostgreSQL database when LIS_TEST_DATABASE is a
// postgresql:// URL), loads the demo data and talks HTTP to it. LIS_TEST_KEEP=1 keeps the temp
// directory (server.log, setup.log, the SQLite database) for a look after the run.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/types.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace lis_test {

using nlohmann::json;

// One demo account as `lis demo --accounts-out` writes it.
struct Account {
  std::string username;
  std::string password;
  std::string role;
  std::string scope;  // name of the organisation node, empty for the whole installation
};

// How a request authenticates: a session cookie (sent with its CSRF token when set), an API
// token, or nothing (all empty).
struct Auth {
  std::string cookie;  // Cookie header value, "lis_session=..."
  std::string csrf;    // X-CSRF-Token header value
  std::string bearer;  // API token for "Authorization: Bearer ..."
};

// A logged-in session as POST /api/v1/session made it.
struct Session : Auth {
  long long user_id = 0;
};

// A record id as it appears in a path or a query.
inline std::string Id(long long id) {
  return std::to_string(id);
}

inline Auth Bearer(std::string token) {
  Auth a;
  a.bearer = std::move(token);
  return a;
}

struct Response {
  int status = 0;  // 0 when no answer came (connection failed)
  std::string body;
  httplib::Headers headers;

  // The first value of header `name` (any case), or "".
  std::string Header(const std::string& name) const;
  // Every value of header `name`.
  std::vector<std::string> Headers(const std::string& name) const;
  // The body parsed as JSON; a test failure and null when it is not JSON.
  json Json() const;
};

// Prints status and body in assertion messages.
std::ostream& operator<<(std::ostream& out, const Response& r);

class LisServer;

struct ServerOptions {
  std::string config_toml;  // when set: written to DIR/lis.toml and passed as --config
  bool demo = true;         // load the demo data (lis demo) before serving
  // When set: serve that server's database (and know its demo accounts) instead of a fresh
  // one. This server neither creates, loads nor drops it, so destroy it before that server.
  const LisServer* share_database_with = nullptr;
};

// A command run to completion.
struct CommandResult {
  int exit_code = -1;  // -1 when it did not exit normally
  std::string output;  // what it wrote to stdout and stderr
};

std::ostream& operator<<(std::ostream& out, const CommandResult& r);

// Runs `lis ARGS...` to completion.
CommandResult RunLis(const std::vector<std::string>& args);

// A request on `client` with a JSON body (none when `body` is null) and the headers `auth`
// needs. For threads that each hold their own client (LisServer::NewClient).
Response SendOn(httplib::Client& client, const std::string& method, const std::string& path,
                const Auth& auth = {}, const json& body = nullptr,
                const httplib::Headers& extra = {});

class LisServer {
 public:
  // Makes the database, loads the demo and starts `lis serve`; throws std::runtime_error
  // (with the end of the log) when any step fails.
  explicit LisServer(ServerOptions options = {});
  ~LisServer();
  LisServer(const LisServer&) = delete;
  LisServer& operator=(const LisServer&) = delete;

  // SIGTERM, then waits up to 15 s (SIGKILL after that). Returns the waitpid status, or
  // nothing if it had to be killed or was not running.
  std::optional<int> Stop();
  // Sends `sig` to the server process (if running) without waiting.
  void Signal(int sig);
  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }
  int port() const { return port_; }
  const std::string& database_url() const { return database_url_; }
  bool postgres() const { return database_url_.rfind("postgres", 0) == 0; }
  // The SQLite database file, or "" on PostgreSQL.
  std::string sqlite_path() const;
  // A path for test files in this server's temp directory.
  std::string TempPath(const std::string& name) const { return dir_ + "/" + name; }
  // Starts `lis serve` again on the same database (stopped first if still running), on a new
  // port; sessions and tokens stay valid.
  void Restart();
  // Runs SQL on the database behind the server's back: the sqlite3 CLI on SQLite, psql on
  // PostgreSQL (stopping at the first error).
  CommandResult Sql(const std::string& sql) const;
  // `lis audit verify` on this server's database.
  CommandResult VerifyAudit() const;
  // A keep-alive client of its own for this server (for threads: the helper's client is not
  // shared), already connected. Connect the clients of a burst one by one before it: the
  // listen backlog of cpp-httplib is 5, and a burst of new connections is met with SYN
  // retransmits and now and then a dropped connection.
  std::unique_ptr<httplib::Client> NewClient() const;
  std::string Log() const;  // what the server wrote to stdout and stderr so far

  const std::vector<Account>& accounts() const { return accounts_; }
  const Account& account(const std::string& username) const;

  // Logs in a demo account; a test failure unless it answers 200.
  Session Login(const std::string& username);
  // POST /api/v1/session with any credentials; fills `session` when it answers 200.
  Response LoginAs(const std::string& username, const std::string& password,
                   Session* session = nullptr);
  // The login form as a browser sends it: GET /login for its CSRF token (cookie and field),
  // then POST /login with them and `fields` (urlencoded) after them.
  Response LoginForm(const std::string& fields);

  // A request with a JSON body (none when `body` is null) and the headers `auth` needs.
  Response Send(const std::string& method, const std::string& path, const Auth& auth = {},
                const json& body = nullptr, const httplib::Headers& extra = {});
  // A request with a raw body, for malformed input.
  Response SendRaw(const std::string& method, const std::string& path, const Auth& auth,
                   const std::string& body, const std::string& content_type = "application/json",
                   const httplib::Headers& extra = {});
  Response Get(const std::string& path, const Auth& auth = {}) { return Send("GET", path, auth); }
  Response Post(const std::string& path, const Auth& auth, const json& body) {
    return Send("POST", path, auth, body);
  }
  Response Patch(const std::string& path, const Auth& auth, const json& body) {
    return Send("PATCH", path, auth, body);
  }
  Response Delete(const std::string& path, const Auth& auth) { return Send("DELETE", path, auth); }

  httplib::Client& client() { return *client_; }
  // Requests this helper sent that were answered with a 5xx status ("METHOD PATH STATUS"), and
  // answers for declared record types (domain/records) that break the API document.
  const std::vector<std::string>& server_errors() const { return server_errors_; }

  // Done with the installation-wide admin's session (logged in on first use); a test failure
  // when they do not succeed.
  const Session& Admin();
  long long OrgUnitId(const std::string& name);
  long long UserId(const std::string& username);
  json CreateOrgUnit(const std::string& name, long long parent_id,
                     const std::string& kind = "unit");
  json CreateUser(const std::string& username, long long org_unit_id,
                  const std::string& password = kTestPassword);
  json AddRole(long long user_id, const std::string& role, std::optional<long long> scope_id);
  // An installation-wide CISO ("test.auditor"), made and logged in on first use: reads the
  // whole audit log with the content of every record (the admin sees asset events without
  // their values).
  const Session& Auditor();
  // GET /api/v1/audit?`query` as the Auditor (a test failure unless 200).
  json AuditPage(const std::string& query = "");
  // The number of audit events, as the Auditor sees it.
  long long AuditTotal();

  static constexpr const char* kTestPassword = "correct horse battery staple";

 private:
  void Start();
  void Cleanup();

  ServerOptions options_;
  std::string dir_;
  std::string database_url_;
  std::string pg_admin_url_;  // set when this helper created a PostgreSQL database
  std::string pg_database_;
  std::string log_path_;
  pid_t pid_ = -1;
  int port_ = 0;
  std::vector<Account> accounts_;
  std::unique_ptr<httplib::Client> client_;
  std::vector<std::string> server_errors_;
  std::optional<Session> admin_;
  std::optional<Session> auditor_;
  std::optional<json> openapi_;  // the API document, read on first use

  void CheckContract(const std::string& method, const std::string& path, const Response& answer);
};

// A fixture whose tests share one server, started once for the test suite `Suite` (CRTP, so
// that every suite gets its own). Every test fails if the server answered any request with 5xx.
template <class Suite>
class SharedServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    try {
      server_ = std::make_unique<LisServer>(Suite::Options());
    } catch (const std::exception& e) {
      start_error_ = e.what();
    }
  }
  static void TearDownTestSuite() { server_.reset(); }
  static ServerOptions Options() { return {}; }

  void SetUp() override {
    ASSERT_TRUE(server_) << "lis did not start: " << start_error_;
    errors_before_ = server_->server_errors().size();
  }
  void TearDown() override {
    if (!server_) return;
    const auto& errors = server_->server_errors();
    for (size_t i = errors_before_; i < errors.size(); ++i)
      ADD_FAILURE() << "server error: " << errors[i];
  }

  static LisServer& server() { return *server_; }
  static bool started() { return server_ != nullptr; }

 private:
  static inline std::unique_ptr<LisServer> server_;
  static inline std::string start_error_;
  size_t errors_before_ = 0;
};

// The string values of member `key` of the objects in the JSON array `items`.
std::vector<std::string> Strings(const json& items, const std::string& key);

// The text of the PDF `pdf` as pdftotext (poppler-utils) reads it, through a file in the
// server's temp directory.
std::string PdfText(const LisServer& s, const std::string& pdf);

}  // namespace lis_test
