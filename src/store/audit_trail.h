// The audit trail: an append-only hash chain of events, written inside the transaction of
// the change it records.
#pragma once

#include <optional>
#include <string>

#include "store/database.h"

namespace lis::store {

struct AuditEvent {
  std::string action;  // create, update, delete, restore, login, login_failed, ...
  std::string entity;  // empty for events about no record
  std::optional<long long> entity_id;
  std::optional<long long> scope_id;  // organisation node the record belongs to
  std::string before_json;            // empty when there was no record before
  std::string after_json;             // empty when there is no record after
};

// Appends `event` for tx.actor() and returns its sequence number. Database::Write serialises
// writers, so the chain stays one line even with several processes on one database.
long long AppendAuditEvent(Tx& tx, const AuditEvent& event);

// SHA-256 over the canonical form of an event's fields and the previous hash. Used both to
// write and to verify.
struct StoredAuditEvent {
  long long seq = 0;
  std::string at;
  std::optional<long long> actor_id;
  std::string actor;
  std::string address;
  std::string action;
  std::string entity;
  std::optional<long long> entity_id;
  std::optional<long long> scope_id;
  std::string before_json;
  std::string after_json;
  std::string comment;
  std::string prev_hash;
  std::string hash;
};
std::string AuditEventHash(const StoredAuditEvent& e);

}  // namespace lis::store
