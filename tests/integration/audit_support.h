// Helpers shared by the traceability tests: the events a write added, the outcome of
// `lis audit verify`, and times for ?at= and from/to.
#pragma once

#include <chrono>
#include <ctime>
#include <fstream>
#include <regex>
#include <string>
#include <tuple>
#include <vector>

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "lis_server.h"

namespace lis_test {

// The events added since the audit total was `total_before`, oldest first (at most 500).
inline std::vector<json> EventsSince(LisServer& s, long long total_before) {
  long long total = s.AuditTotal();
  std::vector<json> out;
  long long added = total - total_before;
  if (added <= 0) return out;
  EXPECT_LE(added, 500) << "too many events to look at";
  json page = s.AuditPage("limit=" + std::to_string(std::min(added, 500LL)));
  for (const auto& e : page.value("items", json::array())) out.insert(out.begin(), e);
  return out;
}

// What `lis audit verify` said.
struct VerifyOutcome {
  bool ok = false;
  long long count = -1;   // events verified (ok) or verified before the first fault
  std::string head;       // the newest hash when ok
  long long bad_seq = 0;  // the sequence number of the first fault (0: a line of a file)
  std::string problem;    // of the first fault: changed, missing, out of order
  // Every fault printed, as (sequence number or 0, problem); `fault_count` counts those not
  // printed too.
  std::vector<std::pair<long long, std::string>> faults;
  long long fault_count = 0;
  std::vector<std::string> details;  // each fault's sentence
  std::string checkpoints;           // what the line on checkpoints said
  int exit_code = -1;
  std::string output;
};

inline VerifyOutcome ParseVerify(const CommandResult& r) {
  VerifyOutcome v;
  v.exit_code = r.exit_code;
  v.output = r.output;
  static const std::regex ok(
      R"(^ok: (\d+) events, head ([0-9a-f]{64}|\(none\))\ncheckpoints: ([^\n]*)\n$)");
  static const std::regex failed(
      R"(^FAILED: (\d+) faults? in \d+ events; (\d+) events verified before the first\n)"
      R"(((?:fault at (?:sequence number|line) \d+: [a-z ]+ \(.*\)\n)+))"
      R"((and \d+ more faults\n)?checkpoints: ([^\n]*)\n$)");
  static const std::regex fault(R"(fault at (sequence number|line) (\d+): ([a-z ]+) \((.*)\)\n)");
  std::smatch m;
  if (std::regex_match(r.output, m, ok)) {
    v.ok = true;
    v.count = std::stoll(m[1]);
    v.head = m[2];
    v.checkpoints = m[3];
  } else if (std::regex_match(r.output, m, failed)) {
    v.fault_count = std::stoll(m[1]);
    v.count = std::stoll(m[2]);
    v.checkpoints = m[5];
    std::string lines = m[3];
    for (std::sregex_iterator it(lines.begin(), lines.end(), fault), end; it != end; ++it) {
      long long seq = (*it)[1] == "line" ? 0 : std::stoll((*it)[2]);
      v.faults.emplace_back(seq, (*it)[3]);
      v.details.push_back((*it)[4]);
    }
    if (!v.faults.empty()) std::tie(v.bad_seq, v.problem) = v.faults.front();
  }
  return v;
}

// Puts the trail back from the table audit_backup (made before the tampering began), then runs
// `sql` on it behind the server's back; a failure names the step that failed.
inline ::testing::AssertionResult TamperFromBackup(LisServer& s, const std::string& sql) {
  CommandResult back =
      s.Sql("DELETE FROM audit_events; INSERT INTO audit_events SELECT * FROM audit_backup");
  if (back.exit_code != 0) return ::testing::AssertionFailure() << "restoring: " << back.output;
  if (sql.empty()) return ::testing::AssertionSuccess();
  CommandResult tampered = s.Sql(sql);
  if (tampered.exit_code != 0)
    return ::testing::AssertionFailure() << sql << ": " << tampered.output;
  return ::testing::AssertionSuccess();
}

inline std::ostream& operator<<(std::ostream& out, const VerifyOutcome& v) {
  return out << "exit " << v.exit_code << ": " << v.output;
}

// Asserts that `lis audit verify` said ok with `count` events (any count when negative).
#define EXPECT_VERIFY_OK(outcome, expected_count)                           \
  do {                                                                      \
    const VerifyOutcome& v_ = (outcome);                                    \
    EXPECT_EQ(v_.exit_code, 0) << v_;                                       \
    EXPECT_TRUE(v_.ok) << v_;                                               \
    if ((expected_count) >= 0) EXPECT_EQ(v_.count, (expected_count)) << v_; \
  } while (0)

// `at` (RFC 3339) moved by `delta`, in the server's own format (UTC, microseconds, Z).
inline std::string ShiftTime(const std::string& at, std::chrono::microseconds delta) {
  auto t = lis::ParseTime(at);
  EXPECT_TRUE(t.has_value()) << "not a time: " << at;
  return t ? lis::FormatTime(*t + delta) : at;
}

// The Swedish calendar date (Europe/Stockholm, as the server counts days) `days` from today,
// YYYY-MM-DD.
inline std::string SwedishDate(int days) {
  return lis::StockholmDate(std::chrono::system_clock::now() + std::chrono::hours(24 * days));
}

// `text` with the characters a query string cannot carry as they are percent-encoded.
inline std::string UrlEncode(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == ':') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

inline std::vector<std::string> ReadLines(const std::string& path) {
  std::ifstream in(path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// Exports the whole trail of `s` and checks that the events' times never go back as their
// sequence numbers go up, so that any time slice of the trail (export --from/--to, the audit
// API's from/to) is an unbroken run of the chain; and that such a slice verifies on its own.
inline void ExpectTimesFollowSequence(LisServer& s) {
  std::string file = s.TempPath("whole-trail.jsonl");
  CommandResult exported = RunLis({"audit", "export", "--database", s.database_url(), "--from",
                                   "2000-01-01", "--to", SwedishDate(1), "--out", file});
  ASSERT_EQ(exported.exit_code, 0) << exported;
  auto lines = ReadLines(file);
  ASSERT_GE(lines.size(), 2u);
  std::vector<json> events;
  for (const auto& line : lines) events.push_back(json::parse(line));
  int backwards = 0;
  std::string example;
  // Where the slice below starts: the middle of the trail, or where the times go back (a slice
  // from there holds the newer event and not the older one after it).
  std::string from = events[events.size() / 2]["at"];
  for (size_t i = 1; i < events.size(); ++i) {
    if (events[i]["at"].get<std::string>() >= events[i - 1]["at"].get<std::string>()) continue;
    if (backwards++ == 0) {
      example = "event " + events[i]["seq"].dump() + " at " + events[i]["at"].get<std::string>() +
                " follows event " + events[i - 1]["seq"].dump() + " at " +
                events[i - 1]["at"].get<std::string>();
      from = events[i - 1]["at"];
    }
  }
  EXPECT_EQ(backwards, 0) << backwards << " events are older than the one before them, e.g. "
                          << example;
  // The trail from a time on, as an archive would cut it, verifies on its own.
  std::string slice = s.TempPath("time-slice.jsonl");
  CommandResult sliced = RunLis({"audit", "export", "--database", s.database_url(), "--from", from,
                                 "--to", SwedishDate(1), "--out", slice});
  ASSERT_EQ(sliced.exit_code, 0) << sliced;
  CommandResult verified = RunLis({"audit", "verify", "--file", slice});
  EXPECT_EQ(verified.exit_code, 0) << "a time slice from " << from << ": " << verified;
}

}  // namespace lis_test
