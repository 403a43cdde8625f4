#include "service/notifications/incident_notifications.h"

#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <set>

#include "core/stockholm_time.h"
#include "domain/incidents/incident_rules.h"
#include "domain/notifications/clock_thresholds.h"
#include "domain/org/roles.h"
#include "service/incidents/incident_deadlines.h"
#include "service/notifications/notification_service.h"
#include "store/incidents/incident_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

namespace {

// The incident statuses before "closed": clocks may still run in them.
const std::vector<std::string>& OpenStatuses() {
  static const std::vector<std::string> kOpen = [] {
    std::vector<std::string> out;
    for (const auto& s : domain::IncidentStatuses())
      if (s != "closed") out.push_back(s);
    return out;
  }();
  return kOpen;
}

// "?, ?, ..." for an IN list of texts; appends them to `params`.
std::string TextPlaceholders(const std::vector<std::string>& values, std::vector<Value>& params) {
  std::string marks;
  for (const auto& v : values) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(v);
  }
  return marks;
}

std::vector<std::string> RolesWith(domain::Permission permission) {
  std::vector<std::string> out;
  for (const auto& role : domain::AllRoles())
    if (domain::RoleGrants(role, permission)) out.push_back(role);
  return out;
}

bool UserActive(Tx& tx, long long user_id) {
  return tx
      .QueryOne("SELECT id FROM users WHERE id = ? AND active = 1 AND deleted_at IS NULL",
                {Value(user_id)}, {Col::kInt})
      .has_value();
}

NotificationInput AboutIncident(const json& incident, long long user) {
  const long long id = incident.at("id").get<long long>();
  NotificationInput n;
  n.user_id = user;
  n.org_unit_id = incident.at("org_unit_id").get<long long>();
  n.entity = "incident";
  n.entity_id = id;
  n.link = "/incidents/" + std::to_string(id);
  n.args = {{"title", incident.value("title", std::string())}};
  return n;
}

// The CISOs of the incident's unit and its handler (when active), each once.
std::set<long long> ClockRecipients(Tx& tx, const json& incident) {
  auto cisos = UsersWithRoleOver(tx, {"ciso"}, incident.at("org_unit_id").get<long long>());
  std::set<long long> out(cisos.begin(), cisos.end());
  const json& handler = incident.value("handler_id", json(nullptr));
  if (handler.is_number_integer() && UserActive(tx, handler.get<long long>()))
    out.insert(handler.get<long long>());
  return out;
}

// The clock notifications due for `incident` at `now` (written or not).
std::vector<NotificationInput> ClockNotifications(Tx& tx, const json& incident,
                                                  const domain::ClockPeriods& periods,
                                                  TimePoint now) {
  std::vector<NotificationInput> out;
  std::optional<std::set<long long>> recipients;
  for (const auto& clock : IncidentClocksOf(tx, incident, periods, now)) {
    if (clock.state != domain::ClockState::kRunning) continue;
    auto threshold = domain::ClockThresholdReached(domain::ClockElapsed(clock, now));
    if (!threshold) continue;
    if (!recipients) recipients = ClockRecipients(tx, incident);
    const std::string kind(domain::ClockKindName(clock.kind));
    for (long long user : *recipients) {
      NotificationInput n = AboutIncident(incident, user);
      n.kind = "clock_threshold";
      n.message_key = "notification.clock." + kind;
      n.args["percent"] = std::to_string(*threshold);
      n.args["due"] = FormatStockholm(clock.due_at);
      n.dedupe_key = "clock:" + std::to_string(n.entity_id) + ":" + kind + ":" +
                     std::to_string(*threshold) + ":" + std::to_string(user);
      out.push_back(std::move(n));
    }
  }
  return out;
}

// Ids of the incidents whose clocks may run: breaches, then significant ones that are not
// breaches, in statuses before closed. Each half matches a prefix of the index incidents_flags
// (personal_data_breach, significant, status).
std::vector<long long> IncidentsWithClocks(Tx& tx) {
  std::vector<long long> ids;
  for (const char* flags :
       {"personal_data_breach = 1", "personal_data_breach = 0 AND significant = 1"}) {
    std::vector<Value> params;
    std::string marks = TextPlaceholders(OpenStatuses(), params);
    auto rows = tx.Query(std::string("SELECT id FROM incidents WHERE ") + flags +
                             " AND status IN (" + marks + ") AND deleted_at IS NULL ORDER BY id",
                         params, {Col::kInt});
    for (const auto& r : rows) ids.push_back(r.Int(0));
  }
  return ids;
}

// Writes the clock notifications of incident `id` still missing at `now`; returns how many.
long long NotifyClocksOf(store::Database& db, long long id, const domain::ClockPeriods& periods,
                         TimePoint now) {
  long long written = 0;
  store::Actor system;
  system.comment = "notification sweep";
  auto s = db.WriteIfDue(
      system,
      [&](Tx& tx) {
        auto incident = store::GetRecord(tx, store::IncidentTable(), id);
        return incident && AnyUnwritten(tx, ClockNotifications(tx, *incident, periods, now));
      },
      [&](Tx& tx) -> Status {
        auto incident = store::GetRecord(tx, store::IncidentTable(), id);
        for (const auto& n : ClockNotifications(tx, *incident, periods, now))
          written += Notify(tx, n) ? 1 : 0;
        return {};
      });
  return s.ok() ? written : 0;
}

}  // namespace

std::vector<long long> UsersWithRoleOver(Tx& tx, const std::vector<std::string>& roles,
                                         long long org_unit_id) {
  std::vector<Value> params;
  std::string role_marks = TextPlaceholders(roles, params);
  std::string scope_marks = store::Placeholders(store::OrgPath(tx, org_unit_id), params);
  std::string scope = scope_marks.empty()
                          ? "r.scope_id IS NULL"
                          : "(r.scope_id IS NULL OR r.scope_id IN (" + scope_marks + "))";
  auto rows = tx.Query(
      "SELECT DISTINCT u.id FROM role_assignments r JOIN users u ON u.id = r.user_id"
      " WHERE r.deleted_at IS NULL AND r.object_id IS NULL AND r.role IN (" +
          role_marks + ") AND " + scope +
          " AND u.active = 1 AND u.deleted_at IS NULL ORDER BY u.id",
      params, {Col::kInt});
  std::vector<long long> ids;
  for (const auto& r : rows) ids.push_back(r.Int(0));
  return ids;
}

void NotifyNewIncident(Tx& tx, const json& incident) {
  static const std::vector<std::string> kHandlerRoles =
      RolesWith(domain::Permission::kIncidentHandle);
  const long long reporter = incident.value("reporter_id", 0LL);
  for (long long user :
       UsersWithRoleOver(tx, kHandlerRoles, incident.at("org_unit_id").get<long long>())) {
    if (user == reporter) continue;
    NotificationInput n = AboutIncident(incident, user);
    n.kind = "incident_new";
    n.message_key = "notification.incident_new";
    n.dedupe_key = "incident_new:" + std::to_string(n.entity_id) + ":" + std::to_string(user);
    Notify(tx, n);
  }
}

SweepResult SweepClockNotifications(store::Database& db, const Config& config, TimePoint now) {
  const domain::ClockPeriods periods = ClockPeriodsFrom(config);
  SweepResult result;
  std::vector<long long> ids;
  Status read = db.Read([&](Tx& tx) -> Status {
    ids = IncidentsWithClocks(tx);
    return {};
  });
  if (!read.ok()) {
    ++result.failures;
    return result;
  }
  for (long long id : ids) {
    ++result.incidents;
    try {
      result.notifications += NotifyClocksOf(db, id, periods, now);
    } catch (const std::exception& e) {
      // A unique violation here means another writer stored the notification: it is done.
      spdlog::warn("notification sweep: incident {}: {}", id, e.what());
      ++result.failures;
    }
  }
  return result;
}

}  // namespace lis::service
