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
  report_.bad_seq = seq;
  report_.problem = problem;
  report_.detail = std::move(detail);
}

bool ChainVerifier::Add(const StoredAuditEvent& e) {
  if (!report_.ok) return false;
  if (expected_seq_ == 0) expected_seq_ = expected_prev_ ? 1 : e.seq;
  if (e.seq > expected_seq_) {
    Fail(expected_seq_, "missing",
         "event " + std::to_string(expected_seq_) +
             " is missing (next found: " + std::to_string(e.seq) + ")");
    return false;
  }
  if (e.seq < expected_seq_) {
    Fail(e.seq, "out of order",
         "event " + std::to_string(e.seq) + " appears again after " +
             std::to_string(expected_seq_ - 1));
    return false;
  }
  if (AuditEventHash(e) != e.hash) {
    if (auto other = HashedAsSeq(e)) {
      Fail(e.seq, "out of order",
           "event " + std::to_string(e.seq) + " holds the content of event " +
               std::to_string(*other));
    } else {
      Fail(e.seq, "changed", "event " + std::to_string(e.seq) + " does not match its hash");
    }
    return false;
  }
  if (expected_prev_ && e.prev_hash != *expected_prev_) {
    Fail(e.seq, "out of order",
         "event " + std::to_string(e.seq) + " does not link to the event before it");
    return false;
  }
  expected_prev_ = e.hash;
  ++expected_seq_;
  ++report_.count;
  report_.head = e.hash;
  return true;
}

ChainReport VerifyChain(Database& db) {
  ChainVerifier verifier{std::string(GenesisHash())};
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
        if (!verifier.Add(e)) {
          more = false;
          break;
        }
      }
      return Status();
    });
  }
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

ChainReport VerifyJsonLines(std::istream& in) {
  ChainVerifier verifier{std::nullopt};
  std::string line;
  long long line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty()) continue;
    auto e = AuditEventFromJson(json::parse(line, nullptr, false));
    if (!e) {
      ChainReport r = verifier.report();
      r.ok = false;
      r.problem = "changed";
      r.detail = "line " + std::to_string(line_no) + " is not an audit event";
      return r;
    }
    if (!verifier.Add(*e)) break;
  }
  ChainReport report = verifier.report();
  // A "missing" event that turns up further down the file was moved, not lost.
  if (!report.ok && report.problem == "missing") {
    while (std::getline(in, line)) {
      json j = json::parse(line, nullptr, false);
      if (j.is_object() && j.value("seq", 0LL) == report.bad_seq) {
        report.problem = "out of order";
        report.detail = "event " + std::to_string(report.bad_seq) + " stands after later events";
        break;
      }
    }
  }
  return report;
}

}  // namespace lis::store
