#include "core/config.h"

#include <toml++/toml.h>
#include <fstream>
#include <sstream>

namespace lis {
namespace {

Error ConfigError(const std::string& key, const std::string& what) {
  return MakeError(Code::kInvalid, "error.config")
      .With("key", key)
      .With("detail", what)
      .WithField(key);
}

template <class T>
Status Read(const toml::node& node, const std::string& key, T& out) {
  if constexpr (std::is_same_v<T, bool>) {
    if (!node.is_boolean()) return ConfigError(key, "expected true or false");
    out = node.as_boolean()->get();
  } else if constexpr (std::is_integral_v<T>) {
    if (!node.is_integer()) return ConfigError(key, "expected an integer");
    long long v = node.as_integer()->get();
    if (v < 0) return ConfigError(key, "must not be negative");
    out = static_cast<T>(v);
  } else {
    if (!node.is_string()) return ConfigError(key, "expected a string");
    out = node.as_string()->get();
  }
  return {};
}

}  // namespace

Status ApplyListen(std::string_view listen, Config& config) {
  auto colon = listen.rfind(':');
  if (colon == std::string_view::npos) return ConfigError("listen", "expected HOST:PORT");
  std::string host(listen.substr(0, colon));
  std::string port(listen.substr(colon + 1));
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  int p = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return ConfigError("listen", "port must be a number");
    p = p * 10 + (c - '0');
    if (p > 65535) break;
  }
  if (port.empty() || p > 65535) return ConfigError("listen", "port must be 0 to 65535");
  config.listen_host = host.empty() ? "0.0.0.0" : host;
  config.listen_port = p;
  return {};
}

namespace {
Status CheckIncidentSettings(const Config& config) {
  const std::pair<const char*, int> kHours[] = {
      {"incident_gdpr_hours", config.incident_gdpr_hours},
      {"incident_csl_early_warning_hours", config.incident_csl_early_warning_hours},
      {"incident_csl_notification_hours", config.incident_csl_notification_hours}};
  for (const auto& [key, hours] : kHours)
    if (hours < 1 || hours > 24 * 365) return ConfigError(key, "must be 1 to 8760 hours");
  if (config.incident_csl_final_report_months < 1 || config.incident_csl_final_report_months > 12)
    return ConfigError("incident_csl_final_report_months", "must be 1 to 12");
  if (config.incident_gdpr_recipient.empty())
    return ConfigError("incident_gdpr_recipient", "must not be empty");
  if (config.incident_csl_recipient.empty())
    return ConfigError("incident_csl_recipient", "must not be empty");
  if (config.notification_sweep_seconds < 1)
    return ConfigError("notification_sweep_seconds", "must be at least 1");
  return {};
}
}  // namespace

Status ApplyConfigToml(std::string_view text, Config& config) {
  toml::table table;
  try {
    table = toml::parse(text);
  } catch (const toml::parse_error& e) {
    return ConfigError("(file)", std::string(e.description()));
  }
  for (auto&& [k, node] : table) {
    std::string key(k.str());
    Status s;
    if (key == "database")
      s = Read(node, key, config.database);
    else if (key == "listen") {
      std::string listen;
      s = Read(node, key, listen);
      if (s.ok()) s = ApplyListen(listen, config);
    } else if (key == "threads")
      s = Read(node, key, config.threads);
    else if (key == "db_pool")
      s = Read(node, key, config.db_pool);
    else if (key == "max_body_bytes")
      s = Read(node, key, config.max_body_bytes);
    else if (key == "max_import_bytes")
      s = Read(node, key, config.max_import_bytes);
    else if (key == "import_max_unpacked_bytes")
      s = Read(node, key, config.import_max_unpacked_bytes);
    else if (key == "import_max_table_bytes")
      s = Read(node, key, config.import_max_table_bytes);
    else if (key == "max_evidence_bytes")
      s = Read(node, key, config.max_evidence_bytes);
    else if (key == "read_timeout_seconds")
      s = Read(node, key, config.read_timeout_seconds);
    else if (key == "write_timeout_seconds")
      s = Read(node, key, config.write_timeout_seconds);
    else if (key == "keep_alive_seconds")
      s = Read(node, key, config.keep_alive_seconds);
    else if (key == "keep_alive_max_requests")
      s = Read(node, key, config.keep_alive_max_requests);
    else if (key == "session_hours")
      s = Read(node, key, config.session_hours);
    else if (key == "lockout_failures")
      s = Read(node, key, config.lockout_failures);
    else if (key == "lockout_minutes")
      s = Read(node, key, config.lockout_minutes);
    else if (key == "classification_max_level")
      s = Read(node, key, config.classification_max_level);
    else if (key == "review_months")
      s = Read(node, key, config.review_months);
    else if (key == "exception_max_months")
      s = Read(node, key, config.exception_max_months);
    else if (key == "trust_proxy")
      s = Read(node, key, config.trust_proxy);
    else if (key == "metrics_token")
      s = Read(node, key, config.metrics_token);
    else if (key == "incident_gdpr_hours")
      s = Read(node, key, config.incident_gdpr_hours);
    else if (key == "incident_csl_early_warning_hours")
      s = Read(node, key, config.incident_csl_early_warning_hours);
    else if (key == "incident_csl_notification_hours")
      s = Read(node, key, config.incident_csl_notification_hours);
    else if (key == "incident_csl_final_report_months")
      s = Read(node, key, config.incident_csl_final_report_months);
    else if (key == "incident_gdpr_recipient")
      s = Read(node, key, config.incident_gdpr_recipient);
    else if (key == "incident_csl_recipient")
      s = Read(node, key, config.incident_csl_recipient);
    else if (key == "notification_sweep_seconds")
      s = Read(node, key, config.notification_sweep_seconds);
    else if (key == "access_log")
      s = Read(node, key, config.access_log);
    else if (key == "lockout_by_address")
      s = Read(node, key, config.lockout_by_address);
    else if (key == "audit_key_file")
      s = Read(node, key, config.audit_key_file);
    else if (key == "audit_checkpoint_file")
      s = Read(node, key, config.audit_checkpoint_file);
    else if (key == "audit_checkpoint_events")
      s = Read(node, key, config.audit_checkpoint_events);
    else if (key == "audit_checkpoint_minutes")
      s = Read(node, key, config.audit_checkpoint_minutes);
    else if (key == "default_language") {
      s = Read(node, key, config.default_language);
      if (s.ok() && config.default_language != "sv" && config.default_language != "en")
        s = ConfigError(key, "must be \"sv\" or \"en\"");
    } else
      s = ConfigError(key, "unknown setting");
    if (!s.ok()) return s;
  }
  if (config.threads < 2) return ConfigError("threads", "must be at least 2");
  if (config.db_pool < 1) return ConfigError("db_pool", "must be at least 1");
  if (config.classification_max_level < 2 || config.classification_max_level > 4)
    return ConfigError("classification_max_level", "must be 2, 3 or 4");
  if (config.review_months < 1 || config.review_months > 60)
    return ConfigError("review_months", "must be 1 to 60");
  if (config.exception_max_months < 1 || config.exception_max_months > 36)
    return ConfigError("exception_max_months", "must be 1 to 36");
  if (config.audit_checkpoint_events < 1)
    return ConfigError("audit_checkpoint_events", "must be at least 1");
  if (config.audit_checkpoint_minutes < 1)
    return ConfigError("audit_checkpoint_minutes", "must be at least 1");
  return CheckIncidentSettings(config);
}

Status ApplyConfigFile(const std::string& path, Config& config) {
  std::ifstream in(path);
  if (!in) return ConfigError("--config", "cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ApplyConfigToml(ss.str(), config);
}

}  // namespace lis
