// The checkpoints of the audit trail (service/audit/audit_checkpoints.h): their form — what a
// signature covers, one JSON object a line in files — and their storage.
#pragma once

#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/database.h"

namespace lis::store {

struct AuditCheckpoint {
  long long seq = 0;       // the newest event it covers
  std::string hash;        // that event's hash
  std::string at;          // when it was taken (RFC 3339, UTC)
  std::string public_key;  // hex of the key that signed it
  std::string signature;   // hex
};

// What a checkpoint's signature covers.
std::string CheckpointMessage(long long seq, const std::string& hash, const std::string& at);
// Whether `c` carries a valid signature of its own public key, and that key is `public_key`
// when one is given.
bool CheckpointSigned(const AuditCheckpoint& c, const std::string& public_key = "");
// A checkpoint as one JSON object (a line of the checkpoint file or of an export: it has the
// key "checkpoint", an event has none) and back; nothing when a field is missing or of the
// wrong type.
nlohmann::json CheckpointToJson(const AuditCheckpoint& c);
std::optional<AuditCheckpoint> CheckpointFromJson(const nlohmann::json& j);

// The newest event's sequence number and hash; nothing for an empty trail.
std::optional<std::pair<long long, std::string>> AuditHead(Tx& tx);
// The hash of event `seq`; nothing when there is no such event.
std::optional<std::string> AuditEventHashAt(Tx& tx, long long seq);
// The time of the first event after sequence number `seq`, as stored; nothing when there is
// none.
std::optional<std::string> AuditEventTimeAfter(Tx& tx, long long seq);
// The checkpoint of the highest sequence number; nothing before the first.
std::optional<AuditCheckpoint> LastAuditCheckpoint(Tx& tx);
void InsertAuditCheckpoint(Tx& tx, const AuditCheckpoint& checkpoint);
// The checkpoints of a checkpoint file (one JSON object a line; other lines are skipped).
std::vector<AuditCheckpoint> ReadCheckpointLines(std::istream& in);
// Every checkpoint, by sequence number.
std::vector<AuditCheckpoint> AuditCheckpoints(Database& db);

}  // namespace lis::store
