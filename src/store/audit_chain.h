// Checking the audit trail's hash chain: in the database, or in an exported JSON Lines file
// that is verified years later without the database.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include <map>

#include "store/audit_checkpoints.h"
#include "store/audit_trail.h"
#include "store/database.h"

namespace lis::store {

// One fault of the trail: where and what.
struct ChainFault {
  long long seq = 0;   // the sequence number at fault (0: a line of a file that is no event)
  long long line = 0;  // in a file, its line number
  // "changed", "missing", "out of order"; against checkpoints "rewritten", "truncated",
  // "bad checkpoint"
  std::string problem;
  std::string detail;  // a sentence for people
};

struct ChainReport {
  static constexpr size_t kMaxFaults = 100;  // faults kept; more are only counted

  bool ok = true;
  long long count = 0;             // events verified before the first fault (all when ok)
  long long read = 0;              // events read
  std::string head;                // hash of the last event read
  std::vector<ChainFault> faults;  // the first kMaxFaults, in the order found
  long long fault_count = 0;       // every fault
  long long checkpoints = 0;       // checkpoints held to (signed by the key)
  std::optional<AuditCheckpoint> last_checkpoint;  // the newest of them
};

// Takes events in sequence order and reports every fault, going on after each: a missing
// stretch is one fault, an event whose content belongs to another sequence number is "out of
// order", one that matches no hash "changed"; the link of the event after a faulty one is not
// judged again (it would only repeat the fault).
class ChainVerifier {
 public:
  // `first_prev_hash`: what the first event must link to (the genesis hash for a whole
  // trail); nothing accepts whatever the first event names (an exported slice).
  explicit ChainVerifier(std::optional<std::string> first_prev_hash);
  // `line`: its line in a file (0: from the database).
  void Add(const StoredAuditEvent& event, long long line = 0);
  // A line of a file that is no event: a fault in the place of the next event.
  void AddUnreadable(long long line);
  // Before the events: checkpoints the trail must match. One not signed by `public_key` is a
  // fault ("bad checkpoint") and is not held to; of two for one sequence number the first
  // counts.
  void ExpectCheckpoints(const std::vector<AuditCheckpoint>& checkpoints,
                         const std::string& public_key);
  // After the events: a checkpoint beyond the last event means the trail was cut short
  // ("truncated after N").
  void Finish();
  const ChainReport& report() const { return report_; }

 private:
  void Fail(long long seq, const char* problem, std::string detail);
  // The fault of an event whose hash does not match: its content belongs to another sequence
  // number, or it was changed.
  void FailHash(const StoredAuditEvent& e);
  void Accept(const StoredAuditEvent& e, bool faulty);

  std::optional<std::string> expected_prev_;
  long long expected_seq_ = 0;  // 0: take the first event's
  bool judge_link_ = true;      // false after a faulty event
  long long line_ = 0;          // the line being read, in a file
  long long last_seq_ = 0;      // of the last event taken
  std::map<long long, AuditCheckpoint> checkpoints_;
  ChainReport report_;
};

const char* GenesisHash();

// Reads the whole trail from the database in sequence order, in batches, held to
// `checkpoints` signed by `public_key` (no key: the chain alone).
ChainReport VerifyChain(Database& db, const std::vector<AuditCheckpoint>& checkpoints = {},
                        const std::string& public_key = "");
// Calls `fn` for each event with `from` <= at < `to` (RFC 3339 text), in sequence order.
void ForEachAuditEvent(Database& db, const std::string& from, const std::string& to,
                       const std::function<void(const StoredAuditEvent&)>& fn);

nlohmann::json AuditEventToJson(const StoredAuditEvent& e);
// Nothing if `j` lacks a field or has one of the wrong type.
std::optional<StoredAuditEvent> AuditEventFromJson(const nlohmann::json& j);

// Verifies JSON Lines as written by `lis audit export`: events, and the checkpoints of their
// stretch (lines with "checkpoint"), held to when `public_key` is given. A line that is
// neither is a fault named by its line number. Reads `in` twice (checkpoints first).
ChainReport VerifyJsonLines(std::istream& in, const std::string& public_key = "");

}  // namespace lis::store
