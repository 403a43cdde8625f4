#include "http/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <chrono>

#include "core/assets.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/metrics.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "http/request_text.h"
#include "http/session_cookie.h"
#include "service/audit/audit_service.h"
#include "service/auth/auth_service.h"
#include "service/notifications/notification_service.h"

namespace lis::http {

namespace {

constexpr const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

void AddSecurityHeaders(httplib::Response& res) {
  res.set_header("Content-Security-Policy", kContentSecurityPolicy);
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_header("Referrer-Policy", "same-origin");
  res.set_header("X-Frame-Options", "DENY");
  if (!res.has_header("Cache-Control")) res.set_header("Cache-Control", "no-store");
}

bool IsApi(const std::string& path) {
  return path.rfind("/api/", 0) == 0 || path == "/api";
}

// Spreadsheet uploads, allowed up to max_import_bytes.
bool IsImport(const std::string& path) {
  return path == "/api/v1/systems/import" || path == "/api/v1/information-sets/import" ||
         path == "/assets/import";
}

// SoA evidence uploads (POST .../soa/{ref}/evidence and the page's form), allowed up to
// max_evidence_bytes plus room for the multipart framing and the form's other fields.
bool IsEvidenceUpload(const std::string& path) {
  const std::string suffix = "/evidence";
  return path.find("/soa/") != std::string::npos && path.size() > suffix.size() &&
         path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0;
}

size_t BodyLimit(const Config& config, const std::string& path) {
  if (IsImport(path)) return config.max_import_bytes;
  if (IsEvidenceUpload(path)) return config.max_evidence_bytes + 64 * 1024;
  return config.max_body_bytes;
}

bool IsUnsafe(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::string ContentTypeFor(const std::string& path) {
  auto ends = [&](const char* ext) {
    std::string e(ext);
    return path.size() >= e.size() && path.compare(path.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".json")) return "application/json; charset=utf-8";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  return "application/octet-stream";
}

using Parts = std::vector<httplib::MultipartFormData>;

// `body` (or, for multipart/form-data, `parts`) is passed apart: unsafe methods read it
// through a content reader (see Setup).
HttpRequest Convert(const httplib::Request& r, std::string body, bool trust_proxy,
                    Parts parts = {}) {
  HttpRequest req;
  req.method = r.method;
  req.path = r.path;
  for (const auto& [k, v] : r.params) req.params.emplace(k, v);
  for (const auto& [k, v] : r.headers) {
    std::string lower = k;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return std::tolower(c); });
    req.headers.emplace(lower, v);
  }
  req.body = std::move(body);
  if (req.IsForm()) {
    httplib::Params form;
    httplib::detail::parse_query_text(req.body, form);
    for (const auto& [k, v] : form) req.params.emplace(k, v);
  }
  for (auto& p : parts) {
    if (p.filename.empty())
      req.params.emplace(p.name, std::move(p.content));
    else
      req.files[p.name] = {p.filename, p.content_type, std::move(p.content)};
  }
  req.remote_addr = r.remote_addr;
  if (trust_proxy) {
    std::string fwd = req.Header("x-forwarded-for");
    // The last entry is the one our proxy added; earlier ones come from the client.
    if (!fwd.empty()) {
      std::string last = fwd.substr(fwd.rfind(',') == std::string::npos ? 0 : fwd.rfind(',') + 1);
      last.erase(0, last.find_first_not_of(' '));
      req.remote_addr = last;
    }
    req.secure = req.Header("x-forwarded-proto") == "https";
  }
  return req;
}

}  // namespace

struct Server::Impl {
  Impl(const Config& c, App& a) : config(c), app(a) {}

  const Config& config;
  App& app;
  httplib::Server server;
  Router api;
  Router pages;
  Metrics metrics;
  std::shared_ptr<spdlog::logger> access_log;

  void Setup();
  void Handle(const httplib::Request& r, httplib::Response& res, std::string body,
              Parts parts = {});
  // Answers a request the library refused (res.status set: 413 or 400).
  void WriteLibraryError(const httplib::Request& r, httplib::Response& res);
  std::string Dispatch(RequestContext& ctx, HttpResponse& out);
  Status Authenticate(RequestContext& ctx);
  bool CheckCsrf(RequestContext& ctx);
  bool MetricsAllowed(const HttpRequest& req) const;
  void ChooseLanguage(RequestContext& ctx, HttpResponse& out);
};

Server::Server(const Config& config, App& app) : impl_(std::make_unique<Impl>(config, app)) {
  impl_->Setup();
}
Server::~Server() = default;

void Server::Impl::Setup() {
  RegisterApi(api, app);
  RegisterPages(pages, app);
  int threads = config.threads;
  server.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  server.set_read_timeout(config.read_timeout_seconds, 0);
  server.set_write_timeout(config.write_timeout_seconds, 0);
  server.set_keep_alive_timeout(config.keep_alive_seconds);
  server.set_keep_alive_max_count(config.keep_alive_max_requests);
  server.set_payload_max_length(std::max(
      {config.max_body_bytes, config.max_import_bytes, config.max_evidence_bytes + 64 * 1024}));
  server.set_tcp_nodelay(true);
  auto handler = [this](const httplib::Request& r, httplib::Response& res) { Handle(r, res, {}); };
  // Bodies are read through a content reader: the library's own form parsing stops at a
  // fixed 8 KiB, while the reader honours max_body_bytes.
  auto with_body = [this](const httplib::Request& r, httplib::Response& res,
                          const httplib::ContentReader& reader) {
    std::string body;
    Parts parts;
    const size_t max = BodyLimit(config, r.path);
    size_t size = 0;
    auto receive = [&](std::string& into, const char* data, size_t n) {
      into.append(data, n);
      size += n;
      return size <= max;
    };
    // File uploads: the library splits multipart/form-data into its parts.
    bool read = r.is_multipart_form_data()
                    ? reader(
                          [&](const httplib::MultipartFormData& part) {
                            parts.push_back(part);
                            return true;
                          },
                          [&](const char* data, size_t n) {
                            return !parts.empty() && receive(parts.back().content, data, n);
                          })
                    : reader([&](const char* data, size_t n) { return receive(body, data, n); });
    if (!read) {
      bool too_large = size > max || res.status == 413;
      res.status = too_large ? 413 : 400;
      return WriteLibraryError(r, res);
    }
    Handle(r, res, std::move(body), std::move(parts));
  };
  server.Get(".*", handler);
  server.Options(".*", handler);
  server.Post(".*", with_body);
  server.Put(".*", with_body);
  server.Patch(".*", with_body);
  server.Delete(".*", with_body);
  // Errors the library answers itself (body too large, bad request line, unknown method).
  server.set_error_handler([this](const httplib::Request& r, httplib::Response& res) {
    if (res.body.empty()) WriteLibraryError(r, res);
  });
  if (!config.access_log.empty()) {
    access_log = spdlog::get("access");
    if (!access_log) access_log = spdlog::default_logger();
  }
}

void Server::Impl::WriteLibraryError(const httplib::Request& r, httplib::Response& res) {
  HttpRequest req = Convert(r, {}, config.trust_proxy);
  RequestContext ctx(req);
  ctx.language = SupportedLanguage(req.Param("lang"), config.default_language);
  HttpResponse out;
  Code code = res.status == 413 ? Code::kTooLarge : Code::kInvalid;
  std::string key = res.status == 413 ? "error.body_too_large" : "error.bad_request";
  size_t max = BodyLimit(config, r.path);
  Error e = MakeError(code, key).With("max", std::to_string(max));
  if (IsApi(req.path)) {
    WriteError(out, ctx, e);
  } else {
    out.content_type = "text/plain; charset=utf-8";
    out.body = Messages::Embedded().ErrorText(ctx.language, e) + "\n";
  }
  res.set_content(out.body, out.content_type.c_str());
  AddSecurityHeaders(res);
  metrics.Observe(r.method, "error", res.status, 0);
}

Status Server::Impl::Authenticate(RequestContext& ctx) {
  const HttpRequest& req = ctx.request;
  std::string auth = req.Header("authorization");
  if (!auth.empty()) {
    if (auth.rfind("Bearer ", 0) != 0)
      return MakeError(Code::kUnauthenticated, "error.auth_scheme");
    auto caller = app.auth.FromApiToken(auth.substr(7), req.remote_addr);
    if (!caller.ok()) return caller.error();
    ctx.caller = std::move(*caller);
    return {};
  }
  std::string cookie = req.Cookie(kSessionCookie);
  if (cookie.empty()) return {};
  auto session = app.auth.FromSession(cookie, req.remote_addr);
  if (session.ok()) {
    ctx.caller = std::move(session->first);
    ctx.csrf_token = std::move(session->second);
  }
  return {};  // an unknown session is treated as no session
}

// Loopback, as the connection (or, behind a trusted proxy, X-Forwarded-For) says; or the token.
bool Server::Impl::MetricsAllowed(const HttpRequest& req) const {
  const std::string& from = req.remote_addr;
  if (from.rfind("127.", 0) == 0 || from == "::1" || from.rfind("::ffff:127.", 0) == 0) return true;
  std::string auth = req.Header("authorization");
  return !config.metrics_token.empty() && auth.rfind("Bearer ", 0) == 0 &&
         ConstantTimeEquals(auth.substr(7), config.metrics_token);
}

bool Server::Impl::CheckCsrf(RequestContext& ctx) {
  if (!ctx.caller || ctx.caller->session_id == 0 || !IsUnsafe(ctx.request.method)) return true;
  std::string sent = ctx.request.Header("x-csrf-token");
  if (sent.empty() && (ctx.request.IsForm() || ctx.request.IsMultipart()))
    sent = ctx.request.Param("_csrf");
  return !sent.empty() && ConstantTimeEquals(sent, ctx.csrf_token);
}

void Server::Impl::ChooseLanguage(RequestContext& ctx, HttpResponse& out) {
  std::string query = ctx.request.Param("lang");
  if (query == "sv" || query == "en") {
    ctx.language = query;
    ctx.language_from_query = true;
    if (!IsApi(ctx.request.path)) SetLanguageCookie(out, ctx.request, query);
    return;
  }
  std::string cookie = ctx.request.Cookie("lis_lang");
  if (cookie == "sv" || cookie == "en")
    ctx.language = cookie;
  else if (ctx.caller)
    ctx.language = ctx.caller->language;
  else
    ctx.language = config.default_language;
}

// Answers the request and returns the route label for the metrics.
std::string Server::Impl::Dispatch(RequestContext& ctx, HttpResponse& out) {
  const HttpRequest& req = ctx.request;
  if (req.path == "/healthz") {
    bool up = app.db.Ping();
    out.status = up ? 200 : 503;
    out.body = up ? "ok\n" : "database unavailable\n";
    return "/healthz";
  }
  if (req.path == "/metrics") {
    if (!MetricsAllowed(req)) {
      out.status = 403;
      out.body = "forbidden: /metrics answers loopback, or the configured metrics_token\n";
      return "/metrics";
    }
    out.content_type = "text/plain; version=0.0.4; charset=utf-8";
    out.body = metrics.Render();
    return "/metrics";
  }
  if (req.path.rfind("/static/", 0) == 0) {
    auto asset = FindAsset(req.path.substr(1));
    if (!asset || req.path.find("..") != std::string::npos) {
      out.status = 404;
      out.body = "not found\n";
    } else {
      out.content_type = ContentTypeFor(req.path);
      out.body = std::string(*asset);
      out.SetHeader("Cache-Control", "public, max-age=3600");
    }
    return "/static";
  }
  bool api = IsApi(req.path);
  if (Status text = CheckRequestText(req); !text.ok()) {
    if (api)
      WriteError(out, ctx, text.error());
    else
      WriteErrorPage(out, ctx, text.error());
    return "bad_text";
  }
  Status auth = Authenticate(ctx);
  ChooseLanguage(ctx, out);
  if (!auth.ok()) {
    if (api)
      WriteError(out, ctx, auth.error());
    else
      out.Redirect("/login");
    return "unauthenticated";
  }
  if (!CheckCsrf(ctx)) {
    Error e = MakeError(Code::kForbidden, "error.csrf");
    if (api)
      WriteError(out, ctx, e);
    else
      WriteErrorPage(out, ctx, e);
    return "csrf";
  }
  if (!api && ctx.caller)
    ctx.unread_notifications = [this, &ctx] {
      auto n = app.notifications.UnreadCount(*ctx.caller);
      return n.ok() ? *n : 0LL;
    };
  Router& router = api ? this->api : pages;
  auto match = router.Find(req.method, req.path);
  if (!match.handler) {
    if (match.path_known) {
      if (api)
        WriteError(out, ctx, MakeError(Code::kInvalid, "error.method_not_allowed"));
      else
        WriteErrorPage(out, ctx, MakeError(Code::kInvalid, "error.method_not_allowed"));
      out.status = 405;
      return "method_not_allowed";
    }
    if (api)
      WriteError(out, ctx, MakeError(Code::kNotFound, "error.route_not_found"));
    else
      WriteNotFoundPage(out, ctx);
    return "unmatched";
  }
  ctx.request.path_params = std::move(match.params);
  (*match.handler)(ctx, out);
  return match.pattern;
}

void Server::Impl::Handle(const httplib::Request& r, httplib::Response& res, std::string body,
                          Parts parts) {
  auto start = std::chrono::steady_clock::now();
  HttpRequest req = Convert(r, std::move(body), config.trust_proxy, std::move(parts));
  RequestContext ctx(req);
  ctx.language = config.default_language;
  HttpResponse out;
  std::string route;
  try {
    route = Dispatch(ctx, out);
  } catch (const std::exception& e) {
    spdlog::error("{} {}: {}", req.method, req.path, e.what());
    bool db_up = app.db.Ping();
    Error err = MakeError(db_up ? Code::kInternal : Code::kUnavailable,
                          db_up ? "error.internal" : "error.unavailable");
    out = HttpResponse();
    if (IsApi(req.path))
      WriteError(out, ctx, err);
    else {
      out.status = HttpStatusFor(err.code);
      out.body = Messages::Embedded().ErrorText(ctx.language, err) + "\n";
    }
    route = "exception";
  }
  if (out.status == 403 && ctx.caller) {
    try {
      app.audit.RecordDenied(*ctx.caller, req.method, req.path, route);
    } catch (const std::exception& e) {
      spdlog::error("recording a refusal failed: {}", e.what());
    }
  }
  res.status = out.status;
  for (auto& [k, v] : out.headers) res.set_header(k.c_str(), v);
  AddSecurityHeaders(res);
  if (!out.body.empty() || out.status != 204) res.set_content(out.body, out.content_type.c_str());
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  metrics.Observe(req.method, route, out.status, seconds);
  if (access_log) {
    access_log->info("{} \"{} {}\" {} {} {:.1f}ms user={}", req.remote_addr, req.method, req.path,
                     out.status, out.body.size(), seconds * 1000,
                     ctx.caller ? ctx.caller->username : "-");
  }
}

bool Server::Listen() {
  return impl_->server.listen(impl_->config.listen_host.c_str(), impl_->config.listen_port);
}

int Server::BindToAnyPort() {
  return impl_->server.bind_to_any_port(impl_->config.listen_host);
}

bool Server::ListenAfterBind() {
  return impl_->server.listen_after_bind();
}

void Server::Stop() {
  impl_->server.stop();
}

}  // namespace lis::http
