// Checking the audit trail's hash chain: in the database, or in an exported JSON Lines file
// that is verified years later without the database.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <vector>

#include "store/audit_trail.h"
#include "store/database.h"

namespace lis::store {

// One fault of the trail: where and what.
struct ChainFault {
  long long seq = 0;    // the sequence number at fault (0: a line of a file that is no event)
  long long line = 0;   // in a file, its line number
  std::string problem;  // "changed", "missing", "out of order"
  std::string detail;   // a sentence for people
};

struct ChainReport {
  static constexpr size_t kMaxFaults = 100;  // faults kept; more are only counted

  bool ok = true;
  long long count = 0;             // events verified before the first fault (all when ok)
  long long read = 0;              // events read
  std::string head;                // hash of the last event read
  std::vector<ChainFault> faults;  // the first kMaxFaults, in the order found
  long long fault_count = 0;       // every fault
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
  ChainReport report_;
};

const char* GenesisHash();

// Reads the whole trail from the database in sequence order, in batches.
ChainReport VerifyChain(Database& db);
// Calls `fn` for each event with `from` <= at < `to` (RFC 3339 text), in sequence order.
void ForEachAuditEvent(Database& db, const std::string& from, const std::string& to,
                       const std::function<void(const StoredAuditEvent&)>& fn);

nlohmann::json AuditEventToJson(const StoredAuditEvent& e);
// Nothing if `j` lacks a field or has one of the wrong type.
std::optional<StoredAuditEvent> AuditEventFromJson(const nlohmann::json& j);

// Verifies JSON Lines as written by `lis audit export`. A line that is not an event is a
// fault named by its line number.
ChainReport VerifyJsonLines(std::istream& in);

}  // namespace lis::store
