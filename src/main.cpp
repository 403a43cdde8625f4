// The lis command: serve, migrate, demo, user, audit, notifications.
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>
#include <nlohmann/json.hpp>

#include <csignal>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <thread>

#include "core/clock.h"
#include "core/common_passwords.h"
#include "core/config.h"
#include "core/crypto.h"
#include "core/messages.h"
#include "http/app.h"
#include "http/server.h"
#include "service/assets/requirement_service.h"
#include "service/audit/audit_checkpoints.h"
#include "service/audit/audit_tallies.h"
#include "service/controls/framework_service.h"
#include "service/demo/demo_loader.h"
#include "service/deviations/exception_service.h"
#include "service/notifications/incident_notifications.h"
#include "service/notifications/notification_sweeper.h"
#include "service/org/user_service.h"
#include "store/audit_chain.h"
#include "store/database.h"

namespace {

using lis::Config;
using lis::store::Database;

constexpr int kExitError = 1;
constexpr int kExitUsage = 2;
constexpr int kExitNotEmpty = 3;

int Fail(const lis::Error& e) {
  std::cerr << "lis: " << lis::Messages::Embedded().ErrorText("en", e) << "\n";
  return e.code == lis::Code::kInvalid ? kExitUsage : kExitError;
}

// Opens and migrates the database named by `url`.
lis::Result<std::unique_ptr<Database>> OpenDatabase(const std::string& url, int pool) {
  auto db = Database::Open(url, pool);
  if (!db.ok()) return db.error();
  auto applied = (*db)->Migrate();
  if (!applied.ok()) return applied.error();
  auto frameworks = lis::service::FrameworkService::LoadShipped(**db);
  if (!frameworks.ok()) return frameworks.error();
  auto catalogue = lis::service::RequirementService::LoadShippedCatalogue(**db);
  if (!catalogue.ok()) return catalogue.error();
  return std::move(*db);
}

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

// Blocks SIGTERM and SIGINT in every thread and stops `server` when one arrives.
std::thread StopOnSignal(lis::http::Server& server) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  return std::thread([set, &server] {
    int sig = 0;
    sigwait(&set, &sig);
    spdlog::info("signal {}: finishing requests in flight, then stopping", sig);
    server.Stop();
  });
}

void SetUpLogging(const Config& config) {
  if (config.access_log.empty()) return;
  if (config.access_log == "-") {
    spdlog::stdout_color_mt("access");
  } else {
    spdlog::basic_logger_mt("access", config.access_log);
  }
  spdlog::get("access")->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %v", spdlog::pattern_time_type::utc);
  spdlog::get("access")->flush_on(spdlog::level::info);
}

int Serve(Config& config, const std::string& config_file, const std::string& listen) {
  if (!config_file.empty()) {
    auto s = lis::ApplyConfigFile(config_file, config);
    if (!s.ok()) return Fail(s.error());
  }
  if (!listen.empty()) {
    auto s = lis::ApplyListen(listen, config);
    if (!s.ok()) return Fail(s.error());
  }
  auto db = OpenDatabase(config.database, config.db_pool);
  if (!db.ok()) return Fail(db.error());
  SetUpLogging(config);
  (*db)->RefreshStatistics();
  if (!lis::CommonPasswordsLoaded())
    spdlog::warn(
        "no dictionary of common passwords at {} (Debian package cracklib-runtime): "
        "passwords are not checked against it",
        lis::kCommonPasswordFile);
  lis::http::App app(config, **db);
  lis::http::Server server(config, app);
  std::thread signals = StopOnSignal(server);
  signals.detach();
  // Started after StopOnSignal, so that its thread too has SIGTERM and SIGINT blocked; stopped
  // when Serve returns.
  // Declared before the sweeper, so that its last checkpoint, at shutdown, comes after the
  // sweeper's last events.
  lis::service::CheckpointWriter checkpoints(**db, config);
  // Between the two: its last flush, at shutdown, comes before the last checkpoint.
  lis::service::AuditTallyWriter tallies(**db);
  lis::service::NotificationSweeper sweeper(**db, config);
  spdlog::info("lis {} serving on http://{}:{}", LIS_VERSION, config.listen_host,
               config.listen_port);
  if (!server.Listen()) {
    spdlog::error("cannot listen on {}:{}", config.listen_host, config.listen_port);
    return kExitError;
  }
  spdlog::info("stopped");
  return 0;
}

// One sweep of the clock notifications (for cron), with the clock periods of `config_file`.
int SweepNotifications(Config& config, const std::string& config_file) {
  if (!config_file.empty()) {
    auto s = lis::ApplyConfigFile(config_file, config);
    if (!s.ok()) return Fail(s.error());
  }
  auto db = OpenDatabase(config.database, 1);
  if (!db.ok()) return Fail(db.error());
  auto r = lis::service::SweepClockNotifications(**db, config, std::chrono::system_clock::now());
  std::cout << "incidents with clocks: " << r.incidents
            << "; notifications written: " << r.notifications << "; failures: " << r.failures
            << "\n";
  return r.failures > 0 ? kExitError : 0;
}

// Expires the exceptions run out on the Swedish date of `at` (RFC 3339; empty: now).
int ExpireExceptionsNow(const Config& config, const std::string& at) {
  auto when = at.empty() ? std::optional<lis::TimePoint>(std::chrono::system_clock::now())
                         : lis::ParseTime(at);
  if (!when) {
    std::cerr << "lis: --at must be a time such as 2027-06-01T00:00:00Z\n";
    return kExitUsage;
  }
  auto db = OpenDatabase(config.database, 1);
  if (!db.ok()) return Fail(db.error());
  auto expired = lis::service::ExpireExceptions(**db, *when);
  if (!expired.ok()) return Fail(expired.error());
  auto reminded = lis::service::RemindEndingExceptions(**db, *when);
  if (!reminded.ok()) return Fail(reminded.error());
  std::cout << "exceptions expired: " << *expired << "; reminders written: " << *reminded << "\n";
  return 0;
}

int Demo(const Config& config, const std::string& accounts_out) {
  auto db = OpenDatabase(config.database, 1);
  if (!db.ok()) return Fail(db.error());
  auto accounts = lis::service::LoadDemo(**db, config);
  if (!accounts.ok()) {
    if (accounts.error().code == lis::Code::kConflict) {
      std::cerr << "lis: the database is not empty; demo data is only loaded into an empty one\n";
      return kExitNotEmpty;
    }
    return Fail(accounts.error());
  }
  nlohmann::json out = nlohmann::json::array();
  std::cout << "Demo accounts (username / password / role @ scope):\n";
  for (const auto& a : *accounts) {
    std::cout << "  " << a.username
              << std::string(18 - std::min<size_t>(17, a.username.size()), ' ') << a.password
              << "  " << a.role << " @ " << (a.scope.empty() ? "whole installation" : a.scope)
              << "\n";
    out.push_back(
        {{"username", a.username}, {"password", a.password}, {"role", a.role}, {"scope", a.scope}});
  }
  if (!accounts_out.empty()) {
    std::ofstream f(accounts_out);
    f << out.dump(2) << "\n";
    if (!f) {
      std::cerr << "lis: cannot write " << accounts_out << "\n";
      return kExitError;
    }
  }
  return 0;
}

struct AuditVerifyOptions {
  std::string file;         // an exported file instead of the database
  std::string checkpoints;  // a checkpoint file instead of the configured one
  std::string public_key;   // instead of the configured key's
  std::string config_file;
};

// The line on the checkpoints a verification held the trail to; `unchecked` says why there
// were none.
void PrintCheckpointLine(const lis::store::ChainReport& r, const std::string& unchecked) {
  if (r.last_checkpoint)
    std::cout << "checkpoints: " << r.checkpoints << " signed by the key, the newest at sequence "
              << "number " << r.last_checkpoint->seq << " (" << r.last_checkpoint->at << ")\n";
  else
    std::cout << "checkpoints: none checked (" << unchecked << ")\n";
}

int PrintChainReport(const lis::store::ChainReport& r, const std::string& unchecked) {
  if (r.ok) {
    std::cout << "ok: " << r.count << " events, head " << (r.head.empty() ? "(none)" : r.head)
              << "\n";
    PrintCheckpointLine(r, unchecked);
    return 0;
  }
  std::cout << "FAILED: " << r.fault_count << (r.fault_count == 1 ? " fault" : " faults") << " in "
            << r.read << " events; " << r.count << " events verified before the first\n";
  for (const auto& f : r.faults)
    std::cout << "fault at "
              << (f.seq > 0 || f.line == 0 ? "sequence number " + std::to_string(f.seq)
                                           : "line " + std::to_string(f.line))
              << ": " << f.problem << " (" << f.detail << ")\n";
  if (r.fault_count > static_cast<long long>(r.faults.size()))
    std::cout << "and " << r.fault_count - static_cast<long long>(r.faults.size())
              << " more faults\n";
  PrintCheckpointLine(r, unchecked);
  return kExitError;
}

// "2026-01-31" (the whole day, UTC) or an RFC 3339 time; `end` moves a date to the next day.
std::optional<std::string> ParseDateBound(const std::string& text, bool end) {
  if (auto t = lis::ParseTime(text)) return lis::FormatTime(*t);
  auto day = lis::ParseTime(text + "T00:00:00Z");
  if (!day) return std::nullopt;
  if (end && *day < lis::TimePoint::max() - std::chrono::hours(24)) *day += std::chrono::hours(24);
  return lis::FormatTime(*day);
}

int AuditExport(const Config& config, const std::string& from, const std::string& to,
                const std::string& out_path) {
  auto lo = ParseDateBound(from, false);
  auto hi = ParseDateBound(to, true);
  if (!lo || !hi) {
    std::cerr << "lis: --from and --to take a date (YYYY-MM-DD) or an RFC 3339 time\n";
    return kExitUsage;
  }
  auto db = OpenDatabase(config.database, 1);
  if (!db.ok()) return Fail(db.error());
  std::ofstream out(out_path);
  if (!out) {
    std::cerr << "lis: cannot write " << out_path << "\n";
    return kExitError;
  }
  long long n = 0, first = 0, last = 0;
  lis::store::ForEachAuditEvent(**db, *lo, *hi, [&](const lis::store::StoredAuditEvent& e) {
    out << lis::store::AuditEventToJson(e).dump() << "\n";
    if (n++ == 0) first = e.seq;
    last = e.seq;
  });
  // The checkpoints of the stretch, for `lis audit verify --file --public-key`.
  for (const auto& c : lis::store::AuditCheckpoints(**db))
    if (n > 0 && c.seq >= first && c.seq <= last)
      out << lis::store::CheckpointToJson(c).dump() << "\n";
  out.close();
  if (!out) {
    std::cerr << "lis: writing " << out_path << " failed\n";
    return kExitError;
  }
  std::cout << "exported " << n << " events to " << out_path << "\n";
  return 0;
}

// `lis audit key`: the public key that signs the audit checkpoints (the key made when missing).
int AuditKey(Config& config, const std::string& config_file) {
  if (!config_file.empty()) {
    auto s = lis::ApplyConfigFile(config_file, config);
    if (!s.ok()) return Fail(s.error());
  }
  auto settings = lis::service::CheckpointSettingsOf(config);
  if (!settings) {
    std::cerr << "lis: audit checkpoints are off: set audit_key_file and audit_checkpoint_file\n";
    return kExitError;
  }
  auto key = lis::LoadOrCreateSigningKey(settings->key_file);
  if (!key.ok()) return Fail(key.error());
  std::cout << key->public_hex << "\n";
  return 0;
}

// The public key checkpoints are held to: `given`, else the configured key's (when its file
// exists); "" when there is none, with the reason in `why`.
std::string CheckpointKey(const Config& config, const std::string& given, std::string& why) {
  if (!given.empty()) return given;
  if (auto key = lis::service::ConfiguredPublicKey(config)) return *key;
  why = "no key: give --public-key";
  return "";
}

int AuditVerify(Config& config, const AuditVerifyOptions& o) {
  if (!o.config_file.empty()) {
    auto s = lis::ApplyConfigFile(o.config_file, config);
    if (!s.ok()) return Fail(s.error());
  }
  std::string why;
  std::string key = CheckpointKey(config, o.public_key, why);
  if (!o.file.empty()) {
    std::ifstream in(o.file);
    if (!in) {
      std::cerr << "lis: cannot read " << o.file << "\n";
      return kExitError;
    }
    return PrintChainReport(lis::store::VerifyJsonLines(in, key), why);
  }
  auto db = lis::store::Database::Open(config.database, 1);
  if (!db.ok()) return Fail(db.error());
  // The checkpoints outside the database (the file) and those stored in it.
  std::vector<lis::store::AuditCheckpoint> checkpoints;
  auto settings = lis::service::CheckpointSettingsOf(config);
  std::string path =
      !o.checkpoints.empty() ? o.checkpoints : (settings ? settings->checkpoint_file : "");
  if (!path.empty()) {
    std::ifstream in(path);
    if (!in && !o.checkpoints.empty()) {
      std::cerr << "lis: cannot read " << path << "\n";
      return kExitError;
    }
    checkpoints = lis::store::ReadCheckpointLines(in);
  }
  for (auto& c : lis::store::AuditCheckpoints(**db)) checkpoints.push_back(std::move(c));
  return PrintChainReport(lis::store::VerifyChain(**db, checkpoints, key), why);
}

}  // namespace

int main(int argc, char** argv) {
  if (!lis::InitCrypto()) {
    std::cerr << "lis: libsodium failed to start\n";
    return kExitError;
  }
  Config config;
  if (const char* env = std::getenv("LIS_DATABASE"); env && *env) config.database = env;

  CLI::App cli{"LIS — ledningssystem för informationssäkerhet"};
  cli.set_version_flag("--version", std::string("lis ") + LIS_VERSION);
  cli.require_subcommand(1);
  cli.add_option("--database", config.database,
                 "sqlite:PATH or postgresql://... (env LIS_DATABASE)");

  std::string config_file, listen;
  auto* serve = cli.add_subcommand("serve", "Serve the web UI and API");
  serve->add_option("--listen", listen, "ADDR:PORT (default 127.0.0.1:8080)");
  serve->add_option("--config", config_file, "TOML settings file");

  auto* migrate = cli.add_subcommand("migrate", "Apply database migrations");

  std::string accounts_out;
  auto* demo = cli.add_subcommand("demo", "Load demo data into an empty database");
  demo->add_option("--accounts-out", accounts_out, "Also write the demo accounts as JSON to FILE");

  auto* user = cli.add_subcommand("user", "Manage accounts");
  user->require_subcommand(1);
  std::string username, name, email, role;
  long long scope_id = 0;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Create an account");
  user_add->add_option("--username", username)->required();
  user_add->add_option("--name", name)->required();
  user_add->add_option("--email", email)->required();
  auto* role_opt =
      user_add->add_option("--role", role, "Role; admin without a scope is installation-wide");
  user_add->add_option("--scope-id", scope_id, "Organisation node the role applies to")
      ->needs(role_opt);
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input")
      ->required();
  auto* user_passwd = user->add_subcommand("passwd", "Set an account's password");
  user_passwd->add_option("--username", username)->required();
  user_passwd->add_flag("--password-stdin", password_stdin)->required();
  auto* user_grant = user->add_subcommand(
      "grant", "Give an account a role (also a content role to an administrator)");
  user_grant->add_option("--username", username)->required();
  user_grant->add_option("--role", role)->required();
  user_grant->add_option("--scope-id", scope_id,
                         "Organisation node the role applies to (none: the whole installation)");

  auto* audit = cli.add_subcommand("audit", "Check and archive the audit trail");
  audit->require_subcommand(1);
  std::string audit_from, audit_to, audit_out;
  auto* audit_verify = audit->add_subcommand(
      "verify",
      "Verify the hash chain; every fault is named (the first 100, then a count), exit 1 on any");
  AuditVerifyOptions verify_options;
  audit_verify->add_option("--file", verify_options.file,
                           "Verify an exported JSON Lines file instead");
  audit_verify->add_option("--checkpoints", verify_options.checkpoints,
                           "Hold the trail to this checkpoint file (default: the configured one)");
  audit_verify->add_option("--public-key", verify_options.public_key,
                           "The key checkpoints must be signed by (default: the configured key's)");
  audit_verify->add_option("--config", verify_options.config_file,
                           "TOML settings file (audit_key_file, audit_checkpoint_file)");
  auto* audit_key = audit->add_subcommand(
      "key", "Print the public key that signs the audit checkpoints (made when missing)");
  audit_key->add_option("--config", config_file, "TOML settings file (audit_key_file)");
  auto* audit_export =
      audit->add_subcommand("export", "Write events with their hashes as JSON Lines");
  audit_export->add_option("--from", audit_from, "First day (YYYY-MM-DD) or time")->required();
  audit_export->add_option("--to", audit_to, "Last day (YYYY-MM-DD) or time")->required();
  audit_export->add_option("--out", audit_out, "Output file (.jsonl)")->required();

  auto* notifications = cli.add_subcommand("notifications", "In-app notifications (the bell)");
  notifications->require_subcommand(1);
  auto* notifications_sweep = notifications->add_subcommand(
      "sweep", "Write the clock notifications due now (what lis serve does every minute)");
  notifications_sweep->add_option("--config", config_file, "TOML settings file (clock periods)");

  auto* exceptions = cli.add_subcommand("exceptions", "Exceptions (undantag)");
  exceptions->require_subcommand(1);
  std::string expire_at;
  auto* exceptions_expire = exceptions->add_subcommand(
      "expire",
      "Expire the approved exceptions whose last valid day has passed and write the reminders "
      "due (what lis serve does every minute)");
  exceptions_expire->add_option("--at", expire_at,
                                "As at this time (RFC 3339) instead of now, e.g. to catch up");

  // The database option may also follow the subcommand.
  for (auto* sub : {serve, migrate, demo, user_add, user_passwd, user_grant, audit_verify,
                    audit_key, audit_export, notifications_sweep, exceptions_expire})
    sub->add_option("--database", config.database, "sqlite:PATH or postgresql://...");

  CLI11_PARSE(cli, argc, argv);

  if (*serve) return Serve(config, config_file, listen);
  if (*migrate) {
    auto db = Database::Open(config.database, 1);
    if (!db.ok()) return Fail(db.error());
    auto applied = (*db)->Migrate();
    if (!applied.ok()) return Fail(applied.error());
    auto frameworks = lis::service::FrameworkService::LoadShipped(**db);
    if (!frameworks.ok()) return Fail(frameworks.error());
    auto catalogue = lis::service::RequirementService::LoadShippedCatalogue(**db);
    if (!catalogue.ok()) return Fail(catalogue.error());
    std::cout << "migrations applied: " << *applied << "; requirements loaded: " << *catalogue
              << "; frameworks loaded: " << *frameworks << "\n";
    return 0;
  }
  if (*demo) return Demo(config, accounts_out);
  if (*audit_verify) return AuditVerify(config, verify_options);
  if (*audit_key) return AuditKey(config, config_file);
  if (*audit_export) return AuditExport(config, audit_from, audit_to, audit_out);
  if (*notifications_sweep) return SweepNotifications(config, config_file);
  if (*exceptions_expire) return ExpireExceptionsNow(config, expire_at);
  lis::store::Actor system;
  system.comment = "lis user";
  if (*user_add) {
    auto db = OpenDatabase(config.database, 1);
    if (!db.ok()) return Fail(db.error());
    lis::service::UserService users(**db);
    nlohmann::json body = {{"username", username},
                           {"name", name},
                           {"email", email},
                           {"password", ReadPasswordFromStdin()}};
    auto created =
        users.CreateAsSystem(system, body, role.empty() ? std::nullopt : std::optional(role),
                             scope_id > 0 ? std::optional(scope_id) : std::nullopt);
    if (!created.ok()) return Fail(created.error());
    std::cout << "created user " << username << " (id " << (*created)["id"] << ")\n";
    return 0;
  }
  if (*user_grant) {
    auto db = OpenDatabase(config.database, 1);
    if (!db.ok()) return Fail(db.error());
    lis::service::UserService users(**db);
    auto granted = users.GrantAsSystem(system, username, role,
                                       scope_id > 0 ? std::optional(scope_id) : std::nullopt);
    if (!granted.ok()) return Fail(granted.error());
    std::cout << "gave " << username << " the role " << role << " (assignment " << (*granted)["id"]
              << ")\n";
    return 0;
  }
  if (*user_passwd) {
    auto db = OpenDatabase(config.database, 1);
    if (!db.ok()) return Fail(db.error());
    lis::service::UserService users(**db);
    auto s = users.SetPasswordAsSystem(system, username, ReadPasswordFromStdin());
    if (!s.ok()) return Fail(s.error());
    std::cout << "password set for " << username << "\n";
    return 0;
  }
  return kExitUsage;
}
