#include "store/audit_checkpoints.h"

#include <istream>
#include <nlohmann/json.hpp>

#include "core/signing.h"

namespace lis::store {

using nlohmann::json;

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

std::string CheckpointMessage(long long seq, const std::string& hash, const std::string& at) {
  return "lis audit checkpoint\nseq " + std::to_string(seq) + "\nhash " + hash + "\nat " + at +
         "\n";
}

bool CheckpointSigned(const AuditCheckpoint& c, const std::string& public_key) {
  if (!public_key.empty() && public_key != c.public_key) return false;
  return VerifySignatureHex(c.public_key, CheckpointMessage(c.seq, c.hash, c.at), c.signature);
}

json CheckpointToJson(const AuditCheckpoint& c) {
  return {{"checkpoint", c.seq},
          {"hash", c.hash},
          {"at", c.at},
          {"public_key", c.public_key},
          {"signature", c.signature}};
}

std::optional<AuditCheckpoint> CheckpointFromJson(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    return AuditCheckpoint{j.at("checkpoint").get<long long>(), j.at("hash").get<std::string>(),
                           j.at("at").get<std::string>(), j.at("public_key").get<std::string>(),
                           j.at("signature").get<std::string>()};
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

std::optional<std::pair<long long, std::string>> AuditHead(Tx& tx) {
  auto row = tx.QueryOne("SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1", {},
                         {Col::kInt, Col::kText});
  if (!row) return std::nullopt;
  return std::make_pair(row->Int(0), row->Text(1));
}

std::optional<std::string> AuditEventHashAt(Tx& tx, long long seq) {
  auto row = tx.QueryOne("SELECT hash FROM audit_events WHERE seq = ?", {Value(seq)}, {Col::kText});
  if (!row) return std::nullopt;
  return row->Text(0);
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

std::vector<AuditCheckpoint> ReadCheckpointLines(std::istream& in) {
  std::vector<AuditCheckpoint> out;
  for (std::string line; std::getline(in, line);)
    if (auto c = CheckpointFromJson(json::parse(line, nullptr, false))) out.push_back(*c);
  return out;
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
