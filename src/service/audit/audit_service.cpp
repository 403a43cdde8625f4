#include "service/audit/audit_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "service/audit/audit_tallies.h"
#include "service/authorizer.h"
#include "service/input.h"
#include "store/audit_trail.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Col;
using store::Tx;
using store::Value;

namespace {

const char* kEventColumns =
    "seq, at, actor_id, actor, address, action, entity, entity_id, scope_id, before_json, "
    "after_json, comment, hash";

json ParsedOrNull(const std::string& text) {
  if (text.empty()) return nullptr;
  json j = json::parse(text, nullptr, false);
  return j.is_discarded() ? json(text) : j;
}

json EventJson(const store::Row& r) {
  auto opt = [&](size_t i) { return r.IsNull(i) ? json(nullptr) : json(r.Int(i)); };
  return {{"seq", r.Int(0)},
          {"at", r.Text(1)},
          {"actor_id", opt(2)},
          {"actor", r.Text(3)},
          {"address", r.Text(4)},
          {"action", r.Text(5)},
          {"entity", r.Text(6)},
          {"entity_id", opt(7)},
          {"scope_id", opt(8)},
          {"before", ParsedOrNull(r.Text(9))},
          {"after", ParsedOrNull(r.Text(10))},
          {"comment", r.Text(11)},
          {"hash", r.Text(12)}};
}

// What a reader of the log must hold, where an event belongs, to see the content of a record:
// the permission that reads the record elsewhere (nothing: the record is open to everyone
// signed in), and kSecrecyRead for the fields a secrecy reference protects. The log's readers
// (the CISO, the security chief, the platform administrator) all see every event; one without
// the permission sees which fields changed but not their values. An entity without a rule
// shows no values to anyone: a new record type is hidden until it is given its rule.
struct ContentRule {
  const char* entity;
  std::optional<domain::Permission> read;
  std::vector<const char*> secret_fields;
};

const std::vector<ContentRule>& ContentRules() {
  using P = domain::Permission;
  static const std::vector<ContentRule> kRules = {
      // Security events about no user (a failed login with an unknown name): the log's own.
      {"", std::nullopt, {}},
      {"org_unit", P::kOrgRead, {}},
      {"user", P::kUserRead, {}},
      {"role_assignment", P::kUserRead, {}},
      {"api_token", P::kUserRead, {}},
      {"framework", std::nullopt, {}},
      {"framework_control", std::nullopt, {}},
      {"requirement", P::kAssetRead, {}},
      {"object", P::kAssetRead, {}},
      {"system", P::kAssetRead, {}},
      {"information_set", P::kAssetRead, {"description", "retention"}},
      {"classification", P::kAssetRead, {"motivations"}},
      {"system_requirement", P::kAssetRead, {}},
      {"risk_settings", P::kRiskRead, {}},
      {"risk_analysis", P::kRiskRead, {}},
      {"risk", P::kRiskRead, {}},
      {"action", P::kActionRead, {}},
      {"soa_entry", P::kControlRead, {}},
      {"soa_evidence", P::kControlRead, {}},
      {"soa_version", P::kControlRead, {}},
      // Incidents are confidential (service/incidents/incident_access.h): the log shows their
      // content only to those who read incidents in full by role there.
      {"incident", P::kIncidentRead, {}},
      {"incident_timeline_entry", P::kIncidentRead, {}},
      {"incident_link", P::kIncidentRead, {}},
      {"incident_report", P::kIncidentRead, {}},
      {"incident_review", P::kIncidentRead, {}},
      // A notification about an incident carries its title in `args`.
      {"notification", P::kIncidentRead, {"args"}},
  };
  return kRules;
}

// Nulls the values of `fields` (when empty: every field but the record's id, version and
// times) in the event's before and after, marks the event "redacted" and names the hidden
// fields whose value changed in "redacted_fields".
void HideFields(json& event, const std::vector<const char*>& fields) {
  static const std::vector<std::string> kKept = {"id", "version", "created_at", "updated_at",
                                                 "deleted_at"};
  auto hidden = [&](const std::string& key) {
    if (fields.empty()) return std::find(kKept.begin(), kKept.end(), key) == kKept.end();
    return std::find(fields.begin(), fields.end(), key) != fields.end();
  };
  json& before = event["before"];
  json& after = event["after"];
  json changed = json::array();
  for (json* side : {&before, &after}) {
    if (!side->is_object()) continue;
    for (auto it = side->begin(); it != side->end(); ++it) {
      if (!hidden(it.key()) || it.value().is_null()) continue;
      const json* other = side == &before ? &after : &before;
      bool differs = !other->is_object() || other->value(it.key(), json(nullptr)) != it.value();
      if (differs && std::find(changed.begin(), changed.end(), it.key()) == changed.end())
        changed.push_back(it.key());
    }
  }
  for (json* side : {&before, &after}) {
    if (!side->is_object()) continue;
    for (auto it = side->begin(); it != side->end(); ++it)
      if (hidden(it.key()) && !it.value().is_null()) {
        it.value() = nullptr;
        event["redacted"] = true;
      }
  }
  if (event.contains("redacted")) event["redacted_fields"] = changed;
}

// Applies the content rules to one event as `caller` reads it.
void RedactContent(Tx& tx, const Caller& caller, json& event) {
  for (const auto& rule : ContentRules()) {
    if (event["entity"] != rule.entity) continue;
    std::optional<long long> node;
    if (event["scope_id"].is_number()) node = event["scope_id"].get<long long>();
    if (rule.read && !Can(tx, caller, *rule.read, node))
      HideFields(event, {});
    else if (!rule.secret_fields.empty() &&
             !Can(tx, caller, domain::Permission::kSecrecyRead, node))
      HideFields(event, rule.secret_fields);
    return;
  }
  HideFields(event, {});
}

const std::vector<Col>& EventCols() {
  static const std::vector<Col> kCols = {Col::kInt,  Col::kText, Col::kInt, Col::kText, Col::kText,
                                         Col::kText, Col::kText, Col::kInt, Col::kInt,  Col::kText,
                                         Col::kText, Col::kText, Col::kText};
  return kCols;
}

std::vector<std::string> ChangedFields(const json& before, const json& after) {
  std::vector<std::string> out;
  if (!after.is_object()) return out;
  for (auto it = after.begin(); it != after.end(); ++it) {
    const std::string& k = it.key();
    if (k == "version" || k == "updated_at" || k == "created_at") continue;
    if (!before.is_object() || !before.contains(k) || before[k] != *it) out.push_back(k);
  }
  return out;
}

}  // namespace

Result<store::Page> AuditService::Query(const Caller& caller, const AuditQuery& q) {
  auto scopes = ScopesOf(caller, domain::Permission::kAuditRead);
  if (!scopes.any()) return Forbidden();
  for (const auto* bound : {&q.from, &q.to})
    if (!bound->empty() && !ParseTime(*bound))
      return Invalid("error.field_not_time", bound == &q.from ? "from" : "to");
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    if (!scopes.everywhere) store::FilterToSubtrees(f, "scope_id", scopes);
    if (!q.entity.empty()) f.And("entity = ?", {Value(q.entity)});
    if (q.id) f.And("entity_id = ?", {Value(*q.id)});
    if (!q.action.empty()) f.And("action = ?", {Value(q.action)});
    if (!q.actor.empty()) {
      if (q.actor.find_first_not_of("0123456789") == std::string::npos && q.actor.size() < 18)
        f.And("actor_id = ?", {Value(std::stoll(q.actor))});
      else
        f.And("actor = ?", {Value(q.actor)});
    }
    if (!q.from.empty()) f.And("at >= ?", {Value(FormatTime(*ParseTime(q.from)))});
    if (!q.to.empty()) f.And("at < ?", {Value(FormatTime(*ParseTime(q.to)))});
    std::string where = f.sql.empty() ? "" : " WHERE " + f.sql;
    store::Page page;
    page.total =
        tx.QueryOne("SELECT COUNT(*) FROM audit_events" + where, f.params, {Col::kInt})->Int(0);
    auto params = f.params;
    params.emplace_back(q.page.limit);
    params.emplace_back(q.page.offset);
    for (const auto& r : tx.Query(std::string("SELECT ") + kEventColumns + " FROM audit_events" +
                                      where + " ORDER BY seq DESC LIMIT ? OFFSET ?",
                                  params, EventCols())) {
      page.items.push_back(EventJson(r));
      RedactContent(tx, caller, page.items.back());
    }
    return page;
  });
}

Status AuditService::RecordDenied(const Caller& caller, const std::string& method,
                                  const std::string& path, const std::string& route) {
  return db_.Write(caller.ToActor(), [&](Tx& tx) -> Status {
    store::AuditEvent e;
    e.action = "permission_denied";
    e.entity = "user";
    e.entity_id = caller.user_id;
    e.scope_id = store::UserOrgUnit(tx, caller.user_id);
    e.after_json = json{{"method", method}, {"path", path}}.dump();
    AppendTalliedEvent(tx, e, method + " " + route, caller.user_id, caller.username);
    return {};
  });
}

namespace history {

namespace {
// The audit actions that make a new version of a record (store::UpdateRecord's `action`): the
// generic ones, a risk's acceptance, the steps of a deviation and of an exception. Other events of
// a record (links, sign-ins) are not versions. An action added to UpdateRecord is added here.
const char* const kVersionActions =
    "'create', 'update', 'delete', 'restore', 'accept', 'analyse', 'plan_actions', 'verify', "
    "'reject', 'verdict', 'decide', 'revoke', 'expire'";

std::vector<store::Row> RecordEvents(Tx& tx, const store::TableSpec& spec, long long id,
                                     const std::string& extra = "",
                                     std::vector<Value> params = {}) {
  std::vector<Value> all = {Value(spec.entity), Value(id)};
  for (auto& p : params) all.push_back(std::move(p));
  return tx.Query(std::string("SELECT ") + kEventColumns +
                      " FROM audit_events WHERE entity = ? AND entity_id = ? AND after_json IS NOT "
                      "NULL AND action IN (" +
                      kVersionActions + ")" + extra + " ORDER BY seq",
                  all, EventCols());
}
}  // namespace

std::vector<json> Entries(Tx& tx, const store::TableSpec& spec, long long id) {
  std::vector<json> out;
  for (const auto& r : RecordEvents(tx, spec, id)) {
    json before = ParsedOrNull(r.Text(9));
    json after = ParsedOrNull(r.Text(10));
    json changes = json::array();
    auto fields = ChangedFields(before, after);
    for (const auto& f : fields)
      changes.push_back(
          {{"field", f},
           {"before", before.is_object() ? before.value(f, json(nullptr)) : json(nullptr)},
           {"after", after[f]}});
    out.push_back({{"version", after.value("version", 0LL)},
                   {"at", r.Text(1)},
                   {"actor", r.Text(3)},
                   {"action", r.Text(5)},
                   {"changed_fields", fields},
                   {"changes", changes},
                   {"comment", r.Text(11)},
                   {"seq", r.Int(0)}});
  }
  return out;
}

std::optional<json> At(Tx& tx, const store::TableSpec& spec, long long id, const std::string& at) {
  auto rows = RecordEvents(tx, spec, id, " AND at <= ?", {Value(at)});
  if (rows.empty()) return std::nullopt;
  json record = ParsedOrNull(rows.back().Text(10));
  if (!record.is_object() || !record["deleted_at"].is_null()) return std::nullopt;
  return record;
}

std::optional<json> Version(Tx& tx, const store::TableSpec& spec, long long id, long long version) {
  for (const auto& r : RecordEvents(tx, spec, id)) {
    json record = ParsedOrNull(r.Text(10));
    if (record.is_object() && record.value("version", 0LL) == version) return record;
  }
  return std::nullopt;
}

Result<std::vector<json>> ReadHistory(store::Database& db, const store::TableSpec& spec,
                                      long long id, const ReadableCheck& readable) {
  return db.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    auto record = store::GetRecord(tx, spec, id, true);
    if (!record || !readable(tx, *record)) return NotFound();
    return Entries(tx, spec, id);
  });
}

Result<json> ReadAt(store::Database& db, const store::TableSpec& spec, long long id,
                    const std::string& at, const ReadableCheck& readable) {
  auto t = ParseTime(at);
  if (!t) return Invalid("error.field_not_time", "at");
  return db.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto record = store::GetRecord(tx, spec, id, true);
    if (!record || !readable(tx, *record)) return NotFound();
    auto then = At(tx, spec, id, FormatTime(*t));
    if (!then) return MakeError(Code::kNotFound, "error.not_at_time");
    return *then;
  });
}

Result<long long> RestoreTarget(const json& body) {
  static const std::vector<InputField> kFields = {{"version", InputType::kInt, true, false}};
  Status s = CheckInput(body, kFields, false);
  if (!s.ok()) return s.error();
  long long v = body["version"].get<long long>();
  if (v < 1) return Invalid("error.field_not_version", "version");
  return v;
}

}  // namespace history

}  // namespace lis::service
