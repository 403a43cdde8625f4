// The stored checkpoints of the audit trail and the trail's head they are taken of.
#pragma once

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

// The newest event's sequence number and hash; nothing for an empty trail.
std::optional<std::pair<long long, std::string>> AuditHead(Tx& tx);
// The time of the first event after sequence number `seq`, as stored; nothing when there is
// none.
std::optional<std::string> AuditEventTimeAfter(Tx& tx, long long seq);
// The checkpoint of the highest sequence number; nothing before the first.
std::optional<AuditCheckpoint> LastAuditCheckpoint(Tx& tx);
void InsertAuditCheckpoint(Tx& tx, const AuditCheckpoint& checkpoint);
// Every checkpoint, by sequence number.
std::vector<AuditCheckpoint> AuditCheckpoints(Database& db);

}  // namespace lis::store
