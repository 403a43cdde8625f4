// Signed checkpoints of the audit trail (issue 29): the trail's head — sequence number and hash
// — at a time, signed with an Ed25519 key kept outside the database, stored in the database and
// appended to a file outside it (and the log). A trail cut short after a checkpoint, or rewritten
// before one, no longer matches it, which the hash chain alone cannot show.
//
// A checkpoint is due after `every_events` new events, or `max_age` after the last one when
// there are new events, and at a clean shutdown when there are new events. Writers are
// serialised (store::Database::Write), so several processes on one database write one sequence
// of checkpoints, each of a later head than the one before.
#pragma once

#include <chrono>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "core/clock.h"
#include "core/config.h"
#include "core/periodic.h"
#include "core/signing.h"
#include "store/audit_checkpoints.h"
#include "store/database.h"

namespace lis::service {

struct CheckpointSettings {
  std::string key_file;
  std::string checkpoint_file;
  long long every_events = 1000;
  std::chrono::minutes max_age{60};
};

// The settings of `config` for its database: empty files beside a SQLite database's file;
// nothing (no checkpoints) on PostgreSQL unless both files are set.
std::optional<CheckpointSettings> CheckpointSettingsOf(const Config& config);

// The public key of the configured key file when it exists (never makes one): what a
// verification holds checkpoints to by default.
std::optional<std::string> ConfiguredPublicKey(const Config& config);

// Writes a checkpoint of the head at `now` when one is due (`at_shutdown`: whenever there are
// new events), in one transaction, then appends it to the checkpoint file and logs it. Returns
// the checkpoint written, if any.
Result<std::optional<store::AuditCheckpoint>> WriteCheckpointIfDue(store::Database& db,
                                                                   const SigningKey& key,
                                                                   const CheckpointSettings& s,
                                                                   TimePoint now, bool at_shutdown);

// The newest checkpoint of the checkpoint file (outside the database; without one, the
// database's) and what it says of the trail now, for the audit log.
struct CheckpointStatus {
  store::AuditCheckpoint checkpoint;
  bool signed_by_key = false;  // by the configured key
  bool event_found = false;    // the trail still holds the event it signed...
  bool event_matches = false;  // ...with the hash it signed
  long long head = 0;          // the trail's newest sequence number now
};
// Nothing when checkpoints are off or none has been written yet.
std::optional<CheckpointStatus> LatestCheckpointStatus(store::Database& db, const Config& config);

// The background writer of `lis serve`: loads (or makes) the key, looks every few seconds
// whether a checkpoint is due, and writes the last one when it is destroyed. Does nothing when
// the settings turn checkpoints off or the key cannot be used (logged).
class CheckpointWriter {
 public:
  CheckpointWriter(store::Database& db, const Config& config);
  ~CheckpointWriter();
  CheckpointWriter(const CheckpointWriter&) = delete;
  CheckpointWriter& operator=(const CheckpointWriter&) = delete;

 private:
  void WriteIfDue(bool at_shutdown);  // logs failures, never throws

  store::Database& db_;
  std::optional<CheckpointSettings> settings_;
  std::optional<SigningKey> key_;
  std::optional<Periodic> ticker_;
};

}  // namespace lis::service
