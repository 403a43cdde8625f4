// Checking the audit trail's hash chain: in the database, or in an exported JSON Lines file
// that is verified years later without the database.
#pragma once

#include <functional>
#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

#include "store/audit_trail.h"
#include "store/database.h"

namespace lis::store {

struct ChainReport {
  bool ok = true;
  long long count = 0;
  std::string head;       // hash of the last good event
  long long bad_seq = 0;  // first sequence number at fault
  std::string problem;    // "changed", "missing", "out of order"
  std::string detail;     // a sentence for people
};

// Takes events in sequence order and stops at the first fault.
class ChainVerifier {
 public:
  // `first_prev_hash`: what the first event must link to (the genesis hash for a whole
  // trail); nothing accepts whatever the first event names (an exported slice).
  explicit ChainVerifier(std::optional<std::string> first_prev_hash);
  // False once a fault has been found (this event or an earlier one).
  bool Add(const StoredAuditEvent& event);
  const ChainReport& report() const { return report_; }

 private:
  void Fail(long long seq, const char* problem, std::string detail);

  std::optional<std::string> expected_prev_;
  long long expected_seq_ = 0;  // 0: take the first event's
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
