#include "service/audit/audit_checkpoints.h"

#include <spdlog/spdlog.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

namespace lis::service {

using nlohmann::json;
using store::AuditCheckpoint;
using store::Tx;

namespace {

constexpr auto kPollPeriod = std::chrono::seconds(5);

bool Due(Tx& tx, const CheckpointSettings& s, TimePoint now, bool at_shutdown, long long head,
         long long covered) {
  if (head <= covered) return false;
  if (at_shutdown || head - covered >= s.every_events) return true;
  auto oldest = store::AuditEventTimeAfter(tx, covered);
  auto since = oldest ? ParseTime(*oldest) : std::nullopt;
  return since && now - *since >= s.max_age;
}

// Whether a checkpoint is due at `now`, judged on the trail's head and newest checkpoint.
bool CheckpointDue(Tx& tx, const CheckpointSettings& s, TimePoint now, bool at_shutdown) {
  auto head = store::AuditHead(tx);
  auto last = store::LastAuditCheckpoint(tx);
  return head && Due(tx, s, now, at_shutdown, head->first, last ? last->seq : 0);
}

void AppendToFile(const std::string& path, const AuditCheckpoint& c) {
  std::error_code ec;
  auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty()) std::filesystem::create_directories(dir, ec);
  std::ofstream out(path, std::ios::app);
  out << store::CheckpointToJson(c).dump() << "\n";
  out.close();
  if (!out) spdlog::error("audit checkpoint {}: cannot append to {}", c.seq, path);
}

}  // namespace

std::optional<CheckpointSettings> CheckpointSettingsOf(const Config& config) {
  CheckpointSettings s;
  s.key_file = config.audit_key_file;
  s.checkpoint_file = config.audit_checkpoint_file;
  s.every_events = config.audit_checkpoint_events;
  s.max_age = std::chrono::minutes(config.audit_checkpoint_minutes);
  const std::string sqlite = "sqlite:";
  if (config.database.rfind(sqlite, 0) == 0) {
    auto dir = std::filesystem::path(config.database.substr(sqlite.size())).parent_path();
    if (s.key_file.empty()) s.key_file = (dir / "audit-signing.key").string();
    if (s.checkpoint_file.empty()) s.checkpoint_file = (dir / "audit-checkpoints.jsonl").string();
  }
  if (s.key_file.empty() || s.checkpoint_file.empty()) return std::nullopt;
  return s;
}

Result<std::optional<AuditCheckpoint>> WriteCheckpointIfDue(store::Database& db,
                                                            const SigningKey& key,
                                                            const CheckpointSettings& s,
                                                            TimePoint now, bool at_shutdown) {
  std::optional<AuditCheckpoint> made;
  auto written = db.WriteIfDue(
      store::Actor(), [&](Tx& tx) { return CheckpointDue(tx, s, now, at_shutdown); },
      [&](Tx& tx) -> Status {
        auto head = store::AuditHead(tx);
        AuditCheckpoint c{head->first, head->second, FormatTime(now), key.public_hex, ""};
        c.signature = SignHex(key, store::CheckpointMessage(c.seq, c.hash, c.at));
        store::InsertAuditCheckpoint(tx, c);
        made = c;
        return {};
      });
  if (!written.ok()) return written.error();
  if (made) {
    AppendToFile(s.checkpoint_file, *made);
    spdlog::info("audit checkpoint: {}", store::CheckpointToJson(*made).dump());
  }
  return made;
}

std::optional<std::string> ConfiguredPublicKey(const Config& config) {
  auto settings = CheckpointSettingsOf(config);
  std::error_code ec;
  if (!settings || !std::filesystem::exists(settings->key_file, ec)) return std::nullopt;
  auto key = LoadOrCreateSigningKey(settings->key_file);
  if (!key.ok()) return std::nullopt;
  return key->public_hex;
}

std::optional<CheckpointStatus> LatestCheckpointStatus(store::Database& db, const Config& config) {
  auto settings = CheckpointSettingsOf(config);
  if (!settings) return std::nullopt;
  std::ifstream in(settings->checkpoint_file);
  std::vector<AuditCheckpoint> from_file = store::ReadCheckpointLines(in);
  std::optional<AuditCheckpoint> newest;
  if (!from_file.empty()) newest = from_file.back();
  std::optional<std::string> key = ConfiguredPublicKey(config);
  std::optional<CheckpointStatus> status;
  db.Read([&](Tx& tx) {
    if (!newest) newest = store::LastAuditCheckpoint(tx);
    if (!newest) return Status();
    CheckpointStatus s;
    s.checkpoint = *newest;
    s.signed_by_key = key && store::CheckpointSigned(*newest, *key);
    auto hash = store::AuditEventHashAt(tx, newest->seq);
    s.event_found = hash.has_value();
    s.event_matches = hash && *hash == newest->hash;
    auto head = store::AuditHead(tx);
    s.head = head ? head->first : 0;
    status = s;
    return Status();
  });
  return status;
}

CheckpointWriter::CheckpointWriter(store::Database& db, const Config& config)
    : db_(db), settings_(CheckpointSettingsOf(config)) {
  if (!settings_) {
    spdlog::warn(
        "audit checkpoints are off: set audit_key_file and audit_checkpoint_file to sign the "
        "trail");
    return;
  }
  auto key = LoadOrCreateSigningKey(settings_->key_file);
  if (!key.ok()) {
    spdlog::error("audit checkpoints are off: the key {} cannot be used", settings_->key_file);
    return;
  }
  key_ = *key;
  spdlog::info("audit checkpoints signed by {} (key {}), appended to {}", key_->public_hex,
               settings_->key_file, settings_->checkpoint_file);
  WriteIfDue(false);
  ticker_.emplace(kPollPeriod, [this] { WriteIfDue(false); });
}

CheckpointWriter::~CheckpointWriter() {
  if (!ticker_) return;
  ticker_.reset();
  WriteIfDue(true);
}

void CheckpointWriter::WriteIfDue(bool at_shutdown) {
  try {
    auto written =
        WriteCheckpointIfDue(db_, *key_, *settings_, std::chrono::system_clock::now(), at_shutdown);
    if (!written.ok()) spdlog::error("audit checkpoint failed: {}", written.error().message_key);
  } catch (const std::exception& e) {
    spdlog::error("audit checkpoint failed: {}", e.what());
  }
}

}  // namespace lis::service
