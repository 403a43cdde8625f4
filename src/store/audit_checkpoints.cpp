#include "store/audit_checkpoints.h"

namespace lis::store {

namespace {

const char* kCheckpointSelect =
    "SELECT seq, hash, at, public_key, signature FROM audit_checkpoints ";

AuditCheckpoint CheckpointOfRow(const Row& r) {
  return {r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4)};
}

const std::vector<Col>& CheckpointColumns() {
  static const std::vector<Col> kCols = {Col::kInt, Col::kText, Col::kText, Col::kText, Col::kText};
  return kCols;
}

}  // namespace

std::optional<std::pair<long long, std::string>> AuditHead(Tx& tx) {
  auto row = tx.QueryOne("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", {},
                         {Col::kInt, Col::kText});
  if (!row) return std::nullopt;
  return std::make_pair(row->Int(0), row->Text(1));
}

std::optional<std::string> AuditEventTimeAfter(Tx& tx, long long seq) {
  auto row = tx.QueryOne("SELECT at FROM audit_events WHERE seq > ? ORDER BY seq LIMIT 1",
                         {Value(seq)}, {Col::kText});
  if (!row) return std::nullopt;
  return row->Text(0);
}

std::optional<AuditCheckpoint> LastAuditCheckpoint(Tx& tx) {
  auto row = tx.QueryOne(std::string(kCheckpointSelect) + "ORDER BY seq DESC LIMIT 1", {},
                         CheckpointColumns());
  if (!row) return std::nullopt;
  return CheckpointOfRow(*row);
}

void InsertAuditCheckpoint(Tx& tx, const AuditCheckpoint& c) {
  tx.Exec(
      "INSERT INTO audit_checkpoints (seq, hash, at, public_key, signature) VALUES (?, ?, ?, ?, "
      "?)",
      {Value(c.seq), Value(c.hash), Value(c.at), Value(c.public_key), Value(c.signature)});
}

std::vector<AuditCheckpoint> AuditCheckpoints(Database& db) {
  std::vector<AuditCheckpoint> out;
  db.Read([&](Tx& tx) {
    for (const auto& r :
         tx.Query(std::string(kCheckpointSelect) + "ORDER BY seq", {}, CheckpointColumns()))
      out.push_back(CheckpointOfRow(r));
    return Status();
  });
  return out;
}

}  // namespace lis::store
