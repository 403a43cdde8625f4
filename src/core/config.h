// Server settings: defaults, overridden by a TOML file, overridden by command-line options.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace lis {

struct Config {
  std::string database = "sqlite:data/lis.db";
  std::string listen_host = "127.0.0.1";
  int listen_port = 8080;
  int threads = 64;                     // HTTP workers; each open keep-alive connection holds one
  int db_pool = 8;                      // database connections per process
  size_t max_body_bytes = 1024 * 1024;  // request bodies above this get 413
  size_t max_import_bytes = 20u * 1024 * 1024;    // the same for spreadsheet imports
  size_t max_evidence_bytes = 10u * 1024 * 1024;  // largest evidence file of the SoA
  // Reading a spreadsheet: the unpacked size of an XLSX file's parts in all, and the memory
  // its cells (and shared strings) may take; beyond either the import answers 413.
  size_t import_max_unpacked_bytes = 64u * 1024 * 1024;
  size_t import_max_table_bytes = 64u * 1024 * 1024;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 10;
  int keep_alive_seconds = 5;
  int keep_alive_max_requests = 1000;
  int session_hours = 10;    // idle sessions expire after this
  int lockout_failures = 5;  // failed logins that lock a client address...
  int lockout_minutes = 15;  // ...within this window, for this long
  // The lockout locks the client address (any username from it) and only slows down the failed
  // logins of a username tried from many addresses, so that nobody locks an account out from
  // outside. False: the older rule, which locks the username itself.
  bool lockout_by_address = true;
  bool trust_proxy = false;  // honour X-Forwarded-Proto/For from a reverse proxy
  // /metrics answers requests from loopback, and others that send "Authorization: Bearer
  // <metrics_token>" when it is set.
  std::string metrics_token;
  std::string default_language = "sv";
  int classification_max_level = 4;  // the classification scale is 0..this (2 to 4)
  int review_months = 12;            // an approved classification is due for review after this
  int exception_max_months = 12;     // an exception is valid for at most this many months
  std::string access_log = "-";      // "-" is standard output; empty turns it off
  // Incident clocks (GLOSSARY.md): periods from awareness, and who receives each report.
  int incident_gdpr_hours = 72;               // GDPR art. 33 notification
  int incident_csl_early_warning_hours = 24;  // cybersäkerhetslag early warning
  int incident_csl_notification_hours = 72;   // cybersäkerhetslag incident notification
  int incident_csl_final_report_months = 1;   // final report after the notification
  std::string incident_gdpr_recipient = "Integritetsskyddsmyndigheten (IMY)";
  std::string incident_csl_recipient = "CERT-SE, Myndigheten för civilt försvar";
  int notification_sweep_seconds = 60;  // how often clocks are checked for notifications
  // Signed checkpoints of the audit trail: the Ed25519 key (made at first start) and the file
  // each checkpoint is appended to. Empty: beside a SQLite database's file
  // (audit-signing.key, audit-checkpoints.jsonl); on PostgreSQL, checkpoints are written only
  // when both are set.
  std::string audit_key_file;
  std::string audit_checkpoint_file;
  int audit_checkpoint_events = 1000;  // a checkpoint after this many new events...
  int audit_checkpoint_minutes = 60;   // ...or this long after the last one, when there are any
};

// Applies the settings in the TOML text `toml` on top of `config`. Unknown keys and values
// of the wrong type are errors naming the key.
Status ApplyConfigToml(std::string_view toml, Config& config);
// Reads the file at `path` and applies it.
Status ApplyConfigFile(const std::string& path, Config& config);
// Parses "host:port" (or ":port", or "[v6]:port").
Status ApplyListen(std::string_view listen, Config& config);

}  // namespace lis
