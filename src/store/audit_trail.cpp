#include "store/audit_trail.h"

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/crypto.h"
#include "store/audit_chain.h"

namespace lis::store {

namespace {
nlohmann::json OptionalInt(const std::optional<long long>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
}  // namespace

std::string AuditEventHash(const StoredAuditEvent& e) {
  nlohmann::json canonical =
      nlohmann::json::array({e.seq, e.at, OptionalInt(e.actor_id), e.actor, e.address, e.action,
                             e.entity, OptionalInt(e.entity_id), OptionalInt(e.scope_id),
                             e.before_json, e.after_json, e.comment, e.prev_hash});
  return Sha256Hex(canonical.dump());
}

long long AppendAuditEvent(Tx& tx, const AuditEvent& event) {
  auto head = tx.QueryOne("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", {},
                          {Col::kInt, Col::kText});
  StoredAuditEvent e;
  e.seq = head ? head->Int(0) + 1 : 1;
  e.prev_hash = head ? head->Text(1) : GenesisHash();
  e.at = tx.Now();
  e.actor_id = tx.actor().user_id;
  e.actor = tx.actor().name;
  e.address = tx.actor().address;
  e.action = event.action;
  e.entity = event.entity;
  e.entity_id = event.entity_id;
  e.scope_id = event.scope_id;
  e.before_json = event.before_json;
  e.after_json = event.after_json;
  e.comment = tx.actor().comment;
  e.hash = AuditEventHash(e);
  auto opt = [](const std::optional<long long>& v) { return v ? Value(*v) : Value(); };
  auto text = [](const std::string& s) { return s.empty() ? Value() : Value(s); };
  tx.Exec(
      "INSERT INTO audit_events (seq, at, actor_id, actor, address, action, entity, entity_id, "
      "scope_id, before_json, after_json, comment, prev_hash, hash) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {Value(e.seq), Value(e.at), opt(e.actor_id), Value(e.actor), text(e.address), Value(e.action),
       text(e.entity), opt(e.entity_id), opt(e.scope_id), text(e.before_json), text(e.after_json),
       text(e.comment), Value(e.prev_hash), Value(e.hash)});
  return e.seq;
}

}  // namespace lis::store
