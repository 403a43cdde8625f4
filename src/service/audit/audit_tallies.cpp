#include "service/audit/audit_tallies.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "store/audit_tallies.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;

namespace {

constexpr auto kTallyPollPeriod = std::chrono::seconds(5);

// The event that closes a tally's minute: the tally's action, of its address and caller.
store::AuditEvent SummaryEventOf(Tx& tx, const store::AuditTally& t) {
  store::AuditEvent e;
  e.action = t.key.action;
  if (t.key.user_id != 0) {
    e.entity = "user";
    e.entity_id = t.key.user_id;
    e.scope_id = store::UserOrgUnit(tx, t.key.user_id);
  }
  json detail = {
      {"route", t.key.route}, {"minute", t.key.minute + ":00.000000Z"}, {"repeats", t.count - 1}};
  if (!t.usernames.empty()) detail["usernames"] = t.usernames;
  e.after_json = detail.dump();
  return e;
}

}  // namespace

void AppendTalliedEvent(Tx& tx, const store::AuditEvent& event, const std::string& route,
                        long long user_id, const std::string& username) {
  store::AuditTallyKey key{event.action, tx.actor().address, route, user_id,
                           store::MinuteOf(tx.Now())};
  if (store::CountAuditAttempt(tx, key, username)) store::AppendAuditEvent(tx, event);
}

Result<int> FlushAuditTallies(store::Database& db, TimePoint now, bool all) {
  const std::string before = all ? "" : store::MinuteOf(FormatTime(now));
  int written = 0;
  store::Actor actor;
  auto s = db.WriteIfDue(
      actor, [&](Tx& tx) { return store::HasAuditTallies(tx, before); },
      [&](Tx& tx) -> Status {
        written = 0;
        for (const auto& t : store::TakeAuditTallies(tx, before)) {
          if (t.count < 2) continue;
          // tx holds `actor`: each summary is of its tally's address and caller.
          actor.user_id = t.key.user_id != 0 ? std::optional(t.key.user_id) : std::nullopt;
          actor.name = t.usernames.size() == 1 ? t.usernames.front() : "";
          actor.address = t.key.address;
          store::AppendAuditEvent(tx, SummaryEventOf(tx, t));
          ++written;
        }
        return {};
      });
  if (!s.ok()) return s.error();
  return written;
}

AuditTallyWriter::AuditTallyWriter(store::Database& db) : db_(db) {
  Flush(false);
  ticker_.emplace(kTallyPollPeriod, [this] { Flush(false); });
}

AuditTallyWriter::~AuditTallyWriter() {
  ticker_.reset();
  Flush(true);
}

void AuditTallyWriter::Flush(bool all) {
  try {
    auto written = FlushAuditTallies(db_, std::chrono::system_clock::now(), all);
    if (!written.ok())
      spdlog::error("audit tallies: {}", written.error().message_key);
    else if (*written > 0)
      spdlog::info("audit tallies: {} events of repeated attempts written", *written);
  } catch (const std::exception& e) {
    spdlog::error("audit tallies: {}", e.what());
  }
}

}  // namespace lis::service
