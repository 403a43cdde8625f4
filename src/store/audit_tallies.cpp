#include "store/audit_tallies.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace lis::store {

using nlohmann::json;

namespace {

const char* kTallyWhere =
    " WHERE action = ? AND address = ? AND route = ? AND user_id = ? AND minute = ?";

std::vector<Value> TallyKeyParams(const AuditTallyKey& k) {
  return {Value(k.action), Value(k.address), Value(k.route), Value(k.user_id), Value(k.minute)};
}

std::vector<std::string> TallyUsernamesOf(const std::string& text) {
  json list = json::parse(text, nullptr, false);
  std::vector<std::string> out;
  if (!list.is_array()) return out;
  for (const auto& name : list)
    if (name.is_string()) out.push_back(name.get<std::string>());
  return out;
}

}  // namespace

std::string MinuteOf(const std::string& at) {
  return at.substr(0, 16);
}

bool CountAuditAttempt(Tx& tx, const AuditTallyKey& key, const std::string& username) {
  auto params = TallyKeyParams(key);
  auto row = tx.QueryOne(std::string("SELECT usernames FROM audit_tallies") + kTallyWhere, params,
                         {Col::kText});
  if (!row) {
    json names = username.empty() ? json::array() : json::array({username});
    params.emplace_back(names.dump());
    tx.Exec(
        "INSERT INTO audit_tallies (action, address, route, user_id, minute, count, usernames) "
        "VALUES (?, ?, ?, ?, ?, 1, ?)",
        params);
    return true;
  }
  auto names = TallyUsernamesOf(row->Text(0));
  bool noted = username.empty() || names.size() >= kTallyUsernames ||
               std::find(names.begin(), names.end(), username) != names.end();
  if (!noted) names.push_back(username);
  std::vector<Value> update = {Value(json(names).dump())};
  update.insert(update.end(), params.begin(), params.end());
  tx.Exec(std::string("UPDATE audit_tallies SET count = count + 1, usernames = ?") + kTallyWhere,
          update);
  return false;
}

bool HasAuditTallies(Tx& tx, const std::string& before_minute) {
  if (before_minute.empty())
    return tx.QueryOne("SELECT 1 FROM audit_tallies LIMIT 1", {}, {Col::kInt}).has_value();
  return tx
      .QueryOne("SELECT 1 FROM audit_tallies WHERE minute < ? LIMIT 1", {Value(before_minute)},
                {Col::kInt})
      .has_value();
}

std::vector<AuditTally> TakeAuditTallies(Tx& tx, const std::string& before_minute) {
  std::string where = before_minute.empty() ? "" : " WHERE minute < ?";
  std::vector<Value> params;
  if (!before_minute.empty()) params.emplace_back(before_minute);
  std::vector<AuditTally> out;
  for (const auto& r : tx.Query(
           "SELECT action, address, route, user_id, minute, count, usernames FROM audit_tallies" +
               where + " ORDER BY minute, action, address, route, user_id",
           params,
           {Col::kText, Col::kText, Col::kText, Col::kInt, Col::kText, Col::kInt, Col::kText})) {
    AuditTally t;
    t.key = {r.Text(0), r.Text(1), r.Text(2), r.Int(3), r.Text(4)};
    t.count = r.Int(5);
    t.usernames = TallyUsernamesOf(r.Text(6));
    out.push_back(std::move(t));
  }
  tx.Exec("DELETE FROM audit_tallies" + where, params);
  return out;
}

}  // namespace lis::store
