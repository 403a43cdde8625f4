#include "store/audit_chain.h"

#include <istream>
#include <nlohmann/json.hpp>

namespace lis::store {

using nlohmann::json;

namespace {

constexpr int kBatch = 5000;
constexpr int kReorderWindow = 64;

const std::vector<Col>& EventColumns() {
  static const std::vector<Col> kCols = {Col::kInt,  Col::kText, Col::kInt,  Col::kText, Col::kText,
                                         Col::kText, Col::kText, Col::kInt,  Col::kInt,  Col::kText,
                                         Col::kText, Col::kText, Col::kText, Col::kText};
  return kCols;
}

StoredAuditEvent FromRow(const Row& r) {
  return {r.Int(0),    r.Text(1),   r.OptInt(2), r.Text(3),  r.Text(4),  r.Text(5),  r.Text(6),
          r.OptInt(7), r.OptInt(8), r.Text(9),   r.Text(10), r.Text(11), r.Text(12), r.Text(13)};
}

const char* kSelect =
    "SELECT seq, at, actor_id, actor, address, action, entity, entity_id, scope_id, before_json, "
    "after_json, comment, prev_hash, hash FROM audit_events ";

// The sequence number whose hash this event's content carries, if it is a near one.
std::optional<long long> HashedAsSeq(StoredAuditEvent e) {
  long long stored = e.seq;
  for (long long s = std::max(1LL, stored - kReorderWindow); s <= stored + kReorderWindow; ++s) {
    if (s == stored) continue;
    e.seq = s;
    if (AuditEventHash(e) == e.hash) return s;
  }
  return std::nullopt;
}

}  // namespace

const char* GenesisHash() {
  return "0000000000000000000000000000000000000000000000000000000000000000";
}

ChainVerifier::ChainVerifier(std::optional<std::string> first_prev_hash)
    : expected_prev_(std::move(first_prev_hash)) {}

void ChainVerifier::Fail(long long seq, const char* problem, std::string detail) {
  report_.ok = false;
  ++report_.fault_count;
  if (report_.faults.size() < ChainReport::kMaxFaults)
    report_.faults.push_back({seq, line_, problem, std::move(detail)});
}

void ChainVerifier::FailHash(const StoredAuditEvent& e) {
  std::string seq = std::to_string(e.seq);
  if (auto other = HashedAsSeq(e))
    Fail(e.seq, "out of order",
         "event " + seq + " holds the content of event " + std::to_string(*other));
  else
    Fail(e.seq, "changed", "event " + seq + " does not match its hash");
}

void ChainVerifier::Accept(const StoredAuditEvent& e, bool faulty) {
  if (auto it = checkpoints_.find(e.seq); it != checkpoints_.end() && it->second.hash != e.hash)
    Fail(e.seq, "rewritten",
         "rewritten before " + std::to_string(e.seq) + ": event " + std::to_string(e.seq) +
             " is not the one the checkpoint of " + it->second.at + " signed");
  last_seq_ = e.seq;
  expected_prev_ = e.hash;
  expected_seq_ = e.seq + 1;
  judge_link_ = !faulty;
  report_.head = e.hash;
}

void ChainVerifier::Add(const StoredAuditEvent& e, long long line) {
  ++report_.read;
  line_ = line;
  if (expected_seq_ == 0) expected_seq_ = expected_prev_ ? 1 : e.seq;
  bool hashed = AuditEventHash(e) == e.hash;
  if (e.seq < expected_seq_) {
    // An event again, or one moved behind later ones: a missing event it fills is moved.
    for (auto& f : report_.faults)
      if (f.problem == "missing" &&
          f.detail.rfind("event " + std::to_string(e.seq) + " is missing", 0) == 0) {
        f.problem = "out of order";
        f.detail = "event " + std::to_string(e.seq) + " stands after later events";
        return;
      }
    Fail(e.seq, "out of order",
         "event " + std::to_string(e.seq) + " appears again after " +
             std::to_string(expected_seq_ - 1));
    return;
  }
  if (e.seq > expected_seq_) {
    std::string gap = std::to_string(expected_seq_);
    if (e.seq > expected_seq_ + 1) gap = "s " + gap + "–" + std::to_string(e.seq - 1);
    if (hashed) {
      Fail(expected_seq_, "missing",
           "event" + (gap[0] == 's' ? gap + " are" : " " + gap + " is") +
               " missing (next found: " + std::to_string(e.seq) + ")");
      expected_seq_ = e.seq;
      Accept(e, true);
      return;
    }
    // Its own sequence number was changed: it stands in the place of the one expected.
    Fail(expected_seq_, "missing",
         "event " + std::to_string(expected_seq_) +
             " is missing (in its place: an event numbered " + std::to_string(e.seq) + ")");
    StoredAuditEvent in_place = e;
    in_place.seq = expected_seq_;
    Accept(in_place, true);
    return;
  }
  if (!hashed) {
    FailHash(e);
    Accept(e, true);
    return;
  }
  if (judge_link_ && expected_prev_ && e.prev_hash != *expected_prev_) {
    Fail(e.seq, "out of order",
         "event " + std::to_string(e.seq) + " does not link to the event before it");
    Accept(e, true);
    return;
  }
  if (report_.ok) report_.count = report_.read;
  Accept(e, false);
}

void ChainVerifier::AddUnreadable(long long line) {
  ++report_.read;
  line_ = line;
  if (expected_seq_ == 0 && expected_prev_) expected_seq_ = 1;
  Fail(0, "changed", "line " + std::to_string(line) + " is not an audit event");
  if (expected_seq_ > 0) ++expected_seq_;
  judge_link_ = false;
}

void ChainVerifier::ExpectCheckpoints(const std::vector<AuditCheckpoint>& checkpoints,
                                      const std::string& public_key) {
  for (const auto& c : checkpoints) {
    if (checkpoints_.count(c.seq)) continue;
    if (!CheckpointSigned(c, public_key)) {
      Fail(c.seq, "bad checkpoint",
           "the checkpoint of " + std::to_string(c.seq) + " is not signed by the key");
      continue;
    }
    checkpoints_[c.seq] = c;
    ++report_.checkpoints;
  }
  if (!checkpoints_.empty()) report_.last_checkpoint = checkpoints_.rbegin()->second;
}

void ChainVerifier::Finish() {
  if (checkpoints_.empty()) return;
  const AuditCheckpoint& newest = checkpoints_.rbegin()->second;
  line_ = 0;
  if (newest.seq > last_seq_)
    Fail(last_seq_, "truncated",
         "truncated after " + std::to_string(last_seq_) + ": the checkpoint of " + newest.at +
             " signed events up to " + std::to_string(newest.seq));
}

ChainReport VerifyChain(Database& db, const std::vector<AuditCheckpoint>& checkpoints,
                        const std::string& public_key) {
  ChainVerifier verifier{std::string(GenesisHash())};
  if (!public_key.empty()) verifier.ExpectCheckpoints(checkpoints, public_key);
  long long after = 0;
  bool more = true;
  while (more) {
    db.Read([&](Tx& tx) {
      auto rows = tx.Query(std::string(kSelect) + "WHERE seq > ? ORDER BY seq LIMIT ?",
                           {Value(after), Value(static_cast<long long>(kBatch))}, EventColumns());
      more = static_cast<int>(rows.size()) == kBatch;
      for (const auto& r : rows) {
        StoredAuditEvent e = FromRow(r);
        after = e.seq;
        verifier.Add(e);
      }
      return Status();
    });
  }
  verifier.Finish();
  return verifier.report();
}

void ForEachAuditEvent(Database& db, const std::string& from, const std::string& to,
                       const std::function<void(const StoredAuditEvent&)>& fn) {
  long long after = 0;
  bool more = true;
  while (more) {
    db.Read([&](Tx& tx) {
      auto rows = tx.Query(
          std::string(kSelect) + "WHERE seq > ? AND at >= ? AND at < ? ORDER BY seq LIMIT ?",
          {Value(after), Value(from), Value(to), Value(static_cast<long long>(kBatch))},
          EventColumns());
      more = static_cast<int>(rows.size()) == kBatch;
      for (const auto& r : rows) {
        StoredAuditEvent e = FromRow(r);
        after = e.seq;
        fn(e);
      }
      return Status();
    });
  }
}

json AuditEventToJson(const StoredAuditEvent& e) {
  auto opt = [](const std::optional<long long>& v) { return v ? json(*v) : json(nullptr); };
  return {{"seq", e.seq},
          {"at", e.at},
          {"actor_id", opt(e.actor_id)},
          {"actor", e.actor},
          {"address", e.address},
          {"action", e.action},
          {"entity", e.entity},
          {"entity_id", opt(e.entity_id)},
          {"scope_id", opt(e.scope_id)},
          {"before", e.before_json},
          {"after", e.after_json},
          {"comment", e.comment},
          {"prev_hash", e.prev_hash},
          {"hash", e.hash}};
}

std::optional<StoredAuditEvent> AuditEventFromJson(const json& j) {
  if (!j.is_object()) return std::nullopt;
  try {
    auto opt = [&](const char* k) -> std::optional<long long> {
      const json& v = j.at(k);
      if (v.is_null()) return std::nullopt;
      return v.get<long long>();
    };
    StoredAuditEvent e;
    e.seq = j.at("seq").get<long long>();
    e.at = j.at("at").get<std::string>();
    e.actor_id = opt("actor_id");
    e.actor = j.at("actor").get<std::string>();
    e.address = j.at("address").get<std::string>();
    e.action = j.at("action").get<std::string>();
    e.entity = j.at("entity").get<std::string>();
    e.entity_id = opt("entity_id");
    e.scope_id = opt("scope_id");
    e.before_json = j.at("before").get<std::string>();
    e.after_json = j.at("after").get<std::string>();
    e.comment = j.at("comment").get<std::string>();
    e.prev_hash = j.at("prev_hash").get<std::string>();
    e.hash = j.at("hash").get<std::string>();
    return e;
  } catch (const json::exception&) {
    return std::nullopt;
  }
}

ChainReport VerifyJsonLines(std::istream& in, const std::string& public_key) {
  ChainVerifier verifier{std::nullopt};
  std::string line;
  std::vector<AuditCheckpoint> checkpoints;
  while (std::getline(in, line))
    if (line.find("\"checkpoint\"") != std::string::npos)
      if (auto c = CheckpointFromJson(json::parse(line, nullptr, false))) checkpoints.push_back(*c);
  if (!public_key.empty()) verifier.ExpectCheckpoints(checkpoints, public_key);
  in.clear();
  in.seekg(0);
  long long line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_object() && j.contains("checkpoint") && CheckpointFromJson(j)) continue;
    if (auto e = AuditEventFromJson(j))
      verifier.Add(*e, line_no);
    else
      verifier.AddUnreadable(line_no);
  }
  verifier.Finish();
  return verifier.report();
}

}  // namespace lis::store
