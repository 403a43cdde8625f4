#include "lis_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "domain/records/record_type.h"
#include "schema_check.h"

namespace lis_test {

namespace fs = std::filesystem;

namespace {

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The last `lines` lines of `text`.
std::string Tail(const std::string& text, size_t lines) {
  std::vector<std::string> all;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) all.push_back(line);
  std::string out;
  for (size_t i = all.size() > lines ? all.size() - lines : 0; i < all.size(); ++i)
    out += all[i] + "\n";
  return out;
}

// A loopback port that was free a moment ago.
int FreePort() {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) throw std::runtime_error("socket() failed");
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  socklen_t len = sizeof addr;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    ::close(fd);
    throw std::runtime_error("cannot bind a free port");
  }
  ::close(fd);
  return ntohs(addr.sin_port);
}

// Starts `argv` with stdout and stderr appended to `log`; returns the child's pid.
pid_t Spawn(const std::vector<std::string>& argv, const std::string& log) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);  // no orphaned servers if the test binary dies
    int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, 1);
      ::dup2(fd, 2);
      ::close(fd);
    }
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  return pid;
}

// Runs `argv` to completion (output to `log`); returns its exit code, -1 if it did not exit.
int Run(const std::vector<std::string>& argv, const std::string& log) {
  pid_t pid = Spawn(argv, log);
  int status = 0;
  if (::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

// Runs `argv` to completion and captures what it writes to stdout and stderr.
CommandResult Capture(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  int fds[2];
  if (::pipe2(fds, O_CLOEXEC) != 0) throw std::runtime_error("pipe2() failed");
  pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("fork() failed");
  if (pid == 0) {
    ::dup2(fds[1], 1);
    ::dup2(fds[1], 2);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  CommandResult out;
  char buf[4096];
  for (ssize_t n; (n = ::read(fds[0], buf, sizeof buf)) != 0;) {
    if (n < 0) {
      if (errno == EINTR) continue;
      break;
    }
    out.output.append(buf, static_cast<size_t>(n));
  }
  ::close(fds[0]);
  int status = 0;
  if (::waitpid(pid, &status, 0) == pid && WIFEXITED(status)) out.exit_code = WEXITSTATUS(status);
  return out;
}

std::string UniqueName() {
  static std::atomic<int> counter{0};
  std::random_device rd;
  std::ostringstream s;
  s << "lis_it_" << ::getpid() << "_" << counter++ << "_" << std::hex << (rd() & 0xffffff);
  return s.str();
}

// `url` with its path (the database name) replaced by `database`, keeping any query.
std::string WithDatabase(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  size_t start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t query = url.find('?', start);
  size_t slash = url.find('/', start);
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) slash = query;
  std::string head = url.substr(0, slash == std::string::npos ? url.size() : slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + database + tail;
}

}  // namespace

std::string Response::Header(const std::string& name) const {
  auto all = Headers(name);
  return all.empty() ? std::string() : all.front();
}

std::vector<std::string> Response::Headers(const std::string& name) const {
  std::vector<std::string> out;
  std::string lower = Lower(name);
  for (const auto& [k, v] : headers)
    if (Lower(k) == lower) out.push_back(v);
  return out;
}

json Response::Json() const {
  json j = json::parse(body, nullptr, false);
  if (j.is_discarded()) {
    ADD_FAILURE() << "not JSON (status " << status << "): " << body.substr(0, 300);
    return nullptr;
  }
  return j;
}

std::ostream& operator<<(std::ostream& out, const Response& r) {
  return out << "HTTP " << r.status << " " << r.body.substr(0, 500);
}

std::ostream& operator<<(std::ostream& out, const CommandResult& r) {
  return out << "exit " << r.exit_code << ": " << r.output.substr(0, 1000);
}

CommandResult RunLis(const std::vector<std::string>& args) {
  std::vector<std::string> argv = {LIS_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  return Capture(argv);
}

Response SendOn(httplib::Client& client, const std::string& method, const std::string& path,
                const Auth& auth, const json& body, const httplib::Headers& extra) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  if (!auth.cookie.empty()) req.headers.emplace("Cookie", auth.cookie);
  if (!auth.csrf.empty()) req.headers.emplace("X-CSRF-Token", auth.csrf);
  if (!auth.bearer.empty()) req.headers.emplace("Authorization", "Bearer " + auth.bearer);
  for (const auto& h : extra) req.headers.insert(h);
  if (!body.is_null()) {
    req.body = body.dump();
    req.headers.emplace("Content-Type", "application/json");
  }
  Response out;
  auto res = client.send(req);
  if (!res) {
    out.body = "no answer: " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.body = res->body;
  out.headers = res->headers;
  return out;
}

std::string PdfText(const LisServer& s, const std::string& pdf) {
  std::string path = s.TempPath("export.pdf");
  std::ofstream(path, std::ios::binary) << pdf;
  std::string out;
  FILE* pipe = popen(("pdftotext " + path + " - 2>/dev/null").c_str(), "r");
  if (!pipe) return out;
  char buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) out.append(buf, n);
  pclose(pipe);
  return out;
}

std::vector<std::string> Strings(const json& items, const std::string& key) {
  std::vector<std::string> out;
  if (!items.is_array()) return out;
  for (const auto& item : items)
    if (item.contains(key) && item[key].is_string()) out.push_back(item[key].get<std::string>());
  return out;
}

LisServer::LisServer(ServerOptions options) : options_(std::move(options)) {
  std::string tmpl = (fs::temp_directory_path() / "lis-it.XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  dir_ = tmpl;
  log_path_ = dir_ + "/server.log";
  const std::string setup_log = dir_ + "/setup.log";  // psql and lis demo (with passwords)
  try {
    const char* env = std::getenv("LIS_TEST_DATABASE");
    std::string db = env ? env : "";
    if (const LisServer* other = options_.share_database_with) {
      database_url_ = other->database_url_;
      accounts_ = other->accounts_;
      Start();
      return;
    }
    if (db.empty() || db == "sqlite") {
      database_url_ = "sqlite:" + dir_ + "/lis.db";
    } else if (db.rfind("postgres", 0) == 0) {
      std::string name = UniqueName();
      if (Run({"psql", db, "-qc", "CREATE DATABASE " + name}, setup_log) != 0)
        throw std::runtime_error("psql could not create database " + name);
      pg_admin_url_ = db;
      pg_database_ = name;
      database_url_ = WithDatabase(db, name);
    } else {
      throw std::runtime_error("LIS_TEST_DATABASE must be sqlite or postgresql://...");
    }
    if (options_.demo) {
      std::string accounts_path = dir_ + "/accounts.json";
      if (Run({LIS_BINARY, "demo", "--database", database_url_, "--accounts-out", accounts_path},
              setup_log) != 0)
        throw std::runtime_error("lis demo failed");
      for (const auto& a : json::parse(ReadFile(accounts_path)))
        accounts_.push_back({a.at("username"), a.at("password"), a.at("role"), a.at("scope")});
    }
    Start();
  } catch (const std::exception& e) {
    std::string log = Tail(ReadFile(setup_log), 10) + Tail(Log(), 30);
    Cleanup();
    throw std::runtime_error(std::string(e.what()) + "\n" + log);
  }
}

LisServer::~LisServer() {
  Cleanup();
}

void LisServer::Start() {
  std::vector<std::string> args = {LIS_BINARY,    "serve",    "--database",
                                   database_url_, "--listen", ""};
  if (!options_.config_toml.empty()) {
    std::string path = dir_ + "/lis.toml";
    std::ofstream(path) << options_.config_toml;
    args.push_back("--config");
    args.push_back(path);
  }
  for (int attempt = 0; attempt < 3; ++attempt) {  // the free port may be taken meanwhile
    port_ = FreePort();
    args[5] = "127.0.0.1:" + std::to_string(port_);
    pid_ = Spawn(args, log_path_);
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_connection_timeout(2);
    client_->set_read_timeout(30);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (std::chrono::steady_clock::now() < deadline) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        break;
      }
      auto res = client_->Get("/healthz");
      if (res && res->status == 200) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    if (pid_ > 0) {
      Stop();
      throw std::runtime_error("lis serve did not answer /healthz within 20 s");
    }
  }
  throw std::runtime_error("lis serve exited before answering /healthz");
}

void LisServer::Restart() {
  Stop();
  try {
    Start();
  } catch (const std::exception& e) {
    throw std::runtime_error(std::string(e.what()) + "\n" + Tail(Log(), 30));
  }
}

std::string LisServer::sqlite_path() const {
  return database_url_.rfind("sqlite:", 0) == 0 ? database_url_.substr(7) : std::string();
}

CommandResult LisServer::Sql(const std::string& sql) const {
  if (postgres())
    return Capture({"psql", database_url_, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql});
  return Capture({"sqlite3", "-bail", "-cmd", ".timeout 10000", sqlite_path(), sql});
}

CommandResult LisServer::VerifyAudit() const {
  return RunLis({"audit", "verify", "--database", database_url_});
}

std::unique_ptr<httplib::Client> LisServer::NewClient() const {
  auto client = std::make_unique<httplib::Client>("127.0.0.1", port_);
  client->set_connection_timeout(5);
  client->set_read_timeout(30);
  client->set_keep_alive(true);
  client->Get("/healthz");  // connects now
  return client;
}

void LisServer::Signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

std::optional<int> LisServer::Stop() {
  if (pid_ <= 0) return std::nullopt;
  ::kill(pid_, SIGTERM);
  int status = 0;
  for (int i = 0; i < 300; ++i) {
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return status;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(pid_, SIGKILL);
  ::waitpid(pid_, &status, 0);
  pid_ = -1;
  return std::nullopt;
}

void LisServer::Cleanup() {
  Stop();
  client_.reset();
  if (!pg_database_.empty()) {
    Run({"psql", pg_admin_url_, "-qc", "DROP DATABASE IF EXISTS " + pg_database_ + " WITH (FORCE)"},
        "/dev/null");
    pg_database_.clear();
  }
  const char* keep = std::getenv("LIS_TEST_KEEP");
  if (!dir_.empty() && !(keep && *keep)) {
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
}

std::string LisServer::Log() const {
  return ReadFile(log_path_);
}

const Account& LisServer::account(const std::string& username) const {
  for (const auto& a : accounts_)
    if (a.username == username) return a;
  throw std::runtime_error("no demo account " + username);
}

Response LisServer::LoginAs(const std::string& username, const std::string& password,
                            Session* session) {
  Response r = Post("/api/v1/session", {}, {{"username", username}, {"password", password}});
  if (r.status != 200 || !session) return r;
  for (const auto& cookie : r.Headers("Set-Cookie"))
    if (cookie.rfind("lis_session=", 0) == 0) session->cookie = cookie.substr(0, cookie.find(';'));
  json body = r.Json();
  session->csrf = body.value("csrf_token", "");
  session->user_id = body["user"].value("id", 0LL);
  return r;
}

Response LisServer::LoginForm(const std::string& fields) {
  Response page = Get("/login");
  std::string token;
  for (const auto& cookie : page.Headers("Set-Cookie"))
    if (cookie.rfind("lis_login_csrf=", 0) == 0) token = cookie.substr(15, cookie.find(';') - 15);
  Auth form;
  form.cookie = "lis_login_csrf=" + token;
  return SendRaw("POST", "/login", form, "_csrf=" + UrlEncode(token) + "&" + fields,
                 "application/x-www-form-urlencoded");
}

Session LisServer::Login(const std::string& username) {
  Session s;
  Response r = LoginAs(username, account(username).password, &s);
  EXPECT_EQ(r.status, 200) << "login as " << username << ": " << r;
  EXPECT_FALSE(s.cookie.empty()) << "no lis_session cookie for " << username;
  return s;
}

Response LisServer::Send(const std::string& method, const std::string& path, const Auth& auth,
                         const json& body, const httplib::Headers& extra) {
  return SendRaw(method, path, auth, body.is_null() ? std::string() : body.dump(),
                 "application/json", extra);
}

Response LisServer::SendRaw(const std::string& method, const std::string& path, const Auth& auth,
                            const std::string& body, const std::string& content_type,
                            const httplib::Headers& extra) {
  httplib::Request req;
  req.method = method;
  req.path = path;
  if (!auth.cookie.empty()) req.headers.emplace("Cookie", auth.cookie);
  if (!auth.csrf.empty()) req.headers.emplace("X-CSRF-Token", auth.csrf);
  if (!auth.bearer.empty()) req.headers.emplace("Authorization", "Bearer " + auth.bearer);
  for (const auto& h : extra) req.headers.insert(h);
  if (!body.empty()) {
    req.body = body;
    req.headers.emplace("Content-Type", content_type);
  }
  Response out;
  auto res = client_->send(req);
  if (!res) {
    out.body = "no answer: " + httplib::to_string(res.error());
    return out;
  }
  out.status = res->status;
  out.body = res->body;
  out.headers = res->headers;
  if (out.status >= 500)
    server_errors_.push_back(method + " " + path + " " + std::to_string(out.status));
  CheckContract(method, path, out);
  return out;
}

void LisServer::CheckContract(const std::string& method, const std::string& path,
                              const Response& answer) {
  const std::string api = "/api/v1";
  if (answer.status < 200 || answer.status >= 300 || path.rfind(api + "/", 0) != 0) return;
  std::string below = path.substr(api.size(), path.find('?') - api.size());
  bool declared = false;
  for (const auto* type : lis::domain::DeclaredRecordTypes()) {
    std::string collection = "/" + std::string(type->name) + "s";
    declared = declared || below == collection || below.rfind(collection + "/", 0) == 0;
  }
  if (!declared || answer.Header("Content-Type").rfind("application/json", 0) != 0) return;
  if (!openapi_) {
    auto res = client_->Get(api + "/openapi.json");
    if (!res || res->status != 200) {
      server_errors_.push_back("GET /api/v1/openapi.json did not answer");
      return;
    }
    openapi_ = json::parse(res->body);
  }
  const json* schema = AnswerSchema(*openapi_, method, below, answer.status);
  if (!schema) {
    server_errors_.push_back(method + " " + path + " " + std::to_string(answer.status) +
                             ": the API document describes no such answer");
    return;
  }
  auto faults = SchemaFaults(*openapi_, *schema, json::parse(answer.body, nullptr, false));
  for (size_t i = 0; i < faults.size() && i < 5; ++i)
    server_errors_.push_back(method + " " + path + " against the API document: " + faults[i]);
}

const Session& LisServer::Admin() {
  if (!admin_) admin_ = Login("admin");
  return *admin_;
}

long long LisServer::OrgUnitId(const std::string& name) {
  Response r = Get("/api/v1/org-units?limit=500", Admin());
  for (const auto& unit : r.Json().value("items", json::array()))
    if (unit.value("name", "") == name) return unit["id"].get<long long>();
  ADD_FAILURE() << "no org unit named " << name;
  return 0;
}

long long LisServer::UserId(const std::string& username) {
  Response r = Get("/api/v1/users?limit=500&q=" + username, Admin());
  for (const auto& user : r.Json().value("items", json::array()))
    if (user.value("username", "") == username) return user["id"].get<long long>();
  ADD_FAILURE() << "no user named " << username;
  return 0;
}

json LisServer::CreateOrgUnit(const std::string& name, long long parent_id,
                              const std::string& kind) {
  Response r = Post("/api/v1/org-units", Admin(),
                    {{"name", name}, {"kind", kind}, {"parent_id", parent_id}});
  EXPECT_EQ(r.status, 201) << "create org unit " << name << ": " << r;
  return r.Json();
}

json LisServer::CreateUser(const std::string& username, long long org_unit_id,
                           const std::string& password) {
  Response r = Post("/api/v1/users", Admin(),
                    {{"username", username},
                     {"name", "Test " + username},
                     {"email", username + "@example.se"},
                     {"password", password},
                     {"org_unit_id", org_unit_id}});
  EXPECT_EQ(r.status, 201) << "create user " << username << ": " << r;
  return r.Json();
}

json LisServer::AddRole(long long user_id, const std::string& role,
                        std::optional<long long> scope_id) {
  Response r = Post("/api/v1/users/" + std::to_string(user_id) + "/roles", Admin(),
                    {{"role", role}, {"scope_id", scope_id ? json(*scope_id) : json(nullptr)}});
  EXPECT_EQ(r.status, 201) << "add role " << role << ": " << r;
  return r.Json();
}

const Session& LisServer::Auditor() {
  if (!auditor_) {
    json user = CreateUser("test.auditor", OrgUnitId("Norrviks kommun"));
    AddRole(user.value("id", 0LL), "ciso", std::nullopt);
    auditor_.emplace();
    Response r = LoginAs("test.auditor", kTestPassword, &*auditor_);
    EXPECT_EQ(r.status, 200) << "login as test.auditor: " << r;
  }
  return *auditor_;
}

json LisServer::AuditPage(const std::string& query) {
  Response r = Get("/api/v1/audit" + (query.empty() ? "" : "?" + query), Auditor());
  EXPECT_EQ(r.status, 200) << "audit " << query << ": " << r;
  return r.status == 200 ? r.Json() : json::object();
}

long long LisServer::AuditTotal() {
  return AuditPage("limit=1").value("total", -1LL);
}

}  // namespace lis_test
