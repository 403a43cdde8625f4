#include "service/incidents/incident_service.h"

#include <chrono>
#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "domain/actions/action_rules.h"
#include "domain/incidents/incident_rules.h"
#include "service/audit/audit_service.h"
#include "service/incidents/incident_categories.h"
#include "service/incidents/incident_deadlines.h"
#include "service/incidents/incident_query.h"
#include "service/incidents/incident_support.h"
#include "service/input.h"
#include "store/incidents/incident_tables.h"
#include "store/org/org_tables.h"

namespace lis::service {

using nlohmann::json;
using store::Tx;
using store::Value;
using namespace incidents;

namespace {

TimePoint NowUtc() {
  return std::chrono::system_clock::now();
}

const std::vector<InputField>& ReportFields() {
  static const std::vector<InputField> kFields = {
      {"title", InputType::kText, true, false, 200},
      {"description", InputType::kLongText, false, false, 8000},
      {"occurred_at", InputType::kText, true, false, 40},
      {"discovered_at", InputType::kText, true, false, 40},
      {"org_unit_id", InputType::kInt, true, false},
      {"system_id", InputType::kInt, false, true},
      {"personal_data", InputType::kBool, false, false},
      {"ongoing", InputType::kBool, false, false},
      {"reporter_contact", InputType::kText, false, false, 400},
  };
  return kFields;
}

// The fields a handler changes; "aspects" (an array of letters) is read apart.
const std::vector<InputField>& HandlingFields() {
  static const std::vector<InputField> kFields = {
      {"title", InputType::kText, false, false, 200},
      {"description", InputType::kLongText, false, false, 8000},
      {"org_unit_id", InputType::kInt, false, false},
      {"system_id", InputType::kInt, false, true},
      {"personal_data", InputType::kBool, false, false},
      {"ongoing", InputType::kBool, false, false},
      {"status", InputType::kText, false, false, 40},
      {"severity", InputType::kInt, false, true},
      {"category", InputType::kText, false, true, 100},
      {"handler_id", InputType::kInt, false, true},
      {"personal_data_breach", InputType::kBool, false, false},
      {"significant", InputType::kBool, false, false},
      {"awareness_at", InputType::kText, false, false, 40},
      {"breach_subjects", InputType::kLongText, false, false, 4000},
      {"breach_records", InputType::kLongText, false, false, 4000},
      {"breach_consequences", InputType::kLongText, false, false, 4000},
      {"breach_measures", InputType::kLongText, false, false, 4000},
      {"breach_subjects_informed", InputType::kLongText, false, false, 4000},
  };
  return kFields;
}

const std::vector<InputField>& TimelineFields() {
  static const std::vector<InputField> kFields = {
      {"kind", InputType::kText, true, false, 40},
      {"body", InputType::kLongText, true, false, 8000},
      {"happened_at", InputType::kText, false, false, 40},
  };
  return kFields;
}

// The record a report body describes, its times checked (not its unit or system).
Result<json> ReportRecord(const Caller& caller, const json& body) {
  Status s = CheckInput(body, ReportFields(), false);
  if (!s.ok()) return s.error();
  TimePoint now = NowUtc();
  auto occurred = InputTime(body, "occurred_at", now);
  if (!occurred.ok()) return occurred.error();
  auto discovered = InputTime(body, "discovered_at", now);
  if (!discovered.ok()) return discovered.error();
  if (*discovered < *occurred)
    return Invalid("error.incident_discovered_before_occurred", "discovered_at");
  std::string title = Trimmed(body["title"].get<std::string>());
  return json{{"org_unit_id", body["org_unit_id"]},
              {"system_id", body.value("system_id", json(nullptr))},
              {"title", title},
              {"description", Trimmed(body.value("description", std::string()))},
              {"occurred_at", *occurred},
              {"discovered_at", *discovered},
              {"awareness_at", *discovered},
              {"personal_data", body.value("personal_data", false)},
              {"ongoing", body.value("ongoing", false)},
              {"reporter_id", caller.user_id},
              {"reporter_contact", Trimmed(body.value("reporter_contact", std::string()))},
              {"reported_via", caller.token_id != 0 ? "api" : "web"},
              {"status", "new"},
              {"severity", nullptr},
              {"category", nullptr},
              {"aspects", ""},
              {"handler_id", nullptr},
              {"personal_data_breach", false},
              {"significant", false},
              {"triaged_at", nullptr},
              {"closed_at", nullptr},
              {"triage_seconds", nullptr},
              {"close_seconds", nullptr},
              {"breach_subjects", ""},
              {"breach_records", ""},
              {"breach_consequences", ""},
              {"breach_measures", ""},
              {"breach_subjects_informed", ""}};
}

Status CheckPlace(Tx& tx, const json& r) {
  long long unit = r["org_unit_id"].get<long long>();
  Status s = CheckUnit(tx, unit);
  if (s.ok() && r["system_id"].is_number_integer())
    s = CheckSystem(tx, r["system_id"].get<long long>(), unit);
  return s;
}

}  // namespace

IncidentService::IncidentService(store::Database& db, const Config& config)
    : db_(db), config_(config) {}

json IncidentService::Decorated(Tx& tx, const Caller& caller, const json& incident) {
  IncidentView view = IncidentViewFor(tx, caller, incident);
  if (view != IncidentView::kFull) return ReporterView(tx, incident);
  json out = FullView(tx, incident, caller.language);
  out["deadlines"] = DeadlinesJson(tx, incident, ClockPeriodsFrom(config_), NowUtc());
  out["links"] = LinksOf(tx, caller, incident["id"].get<long long>());
  bool handle = CanHandleIncident(tx, caller, incident);
  out["can"] = {
      {"handle", handle}, {"add_timeline", CanAddTimeline(tx, caller, incident)}, {"link", handle}};
  return out;
}

Result<json> IncidentService::Report(const Caller& caller, const json& body) {
  auto r = ReportRecord(caller, body);
  if (!r.ok()) return r.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    Status s = CheckPlace(tx, *r);
    if (!s.ok()) return s.error();
    json created = store::InsertRecord(tx, store::IncidentTable(), *r);
    for (const auto& hook : on_reported_) hook(tx, created);
    return Decorated(tx, caller, created);
  });
}

Result<store::Page> IncidentService::List(const Caller& caller, const IncidentListQuery& q) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    FilterFullIncidents(f, caller);
    ApplyIncidentFilter(f, tx.dialect(), q);
    auto page = store::ListRecords(tx, store::IncidentTable(), f, IncidentOrder(q.sort),
                                   q.page.limit, q.page.offset, false, IncidentNames());
    for (auto& i : page.items) i = FullView(tx, i, caller.language);
    return page;
  });
}

Result<store::Page> IncidentService::ListReported(const Caller& caller, const PageRequest& page) {
  return db_.ReadResult<store::Page>([&](Tx& tx) -> Result<store::Page> {
    store::Filter f;
    f.And("incidents.reporter_id = ?", {Value(caller.user_id)});
    auto out = store::ListRecords(tx, store::IncidentTable(), f, IncidentOrder(""), page.limit,
                                  page.offset, false, IncidentNames());
    for (auto& i : out.items) i = ReporterView(tx, i);
    return out;
  });
}

Result<json> IncidentService::Get(const Caller& caller, long long id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto incident = store::GetRecord(tx, store::IncidentTable(), id);
    if (!incident || IncidentViewFor(tx, caller, *incident) == IncidentView::kNone)
      return NotFound();
    return Decorated(tx, caller, *incident);
  });
}

namespace {

Status CheckStatus(const json& current, const json& r) {
  const std::string from = current["status"], to = r["status"];
  if (!domain::IsOneOf(to, domain::IncidentStatuses()))
    return Invalid("error.incident_status", "status")
        .With("allowed", JoinedList(domain::IncidentStatuses()));
  if (!domain::IncidentMoveAllowed(from, to))
    return Invalid("error.incident_status_move", "status").With("from", from).With("to", to);
  if (to == "closed" && !r["category"].is_string())
    return Invalid("error.incident_close_incomplete", "category");
  if (to == "closed" && !r["severity"].is_number_integer())
    return Invalid("error.incident_close_incomplete", "severity");
  return {};
}

// The values of the incident as it would be, without the database.
Status CheckHandlingValues(const json& current, json& r, const json& body) {
  r["title"] = Trimmed(r["title"].get<std::string>());
  if (r["title"].get<std::string>().empty()) return Invalid("error.field_blank", "title");
  Status s = CheckStatus(current, r);
  if (!s.ok()) return s;
  if (r["severity"].is_number_integer() &&
      (r["severity"].get<long long>() < domain::kMinIncidentSeverity ||
       r["severity"].get<long long>() > domain::kMaxIncidentSeverity))
    return Invalid("error.incident_severity", "severity");
  if (r["category"].is_string() && !IsIncidentCategory(r["category"].get<std::string>()))
    return Invalid("error.incident_category", "category");
  if (body.contains("awareness_at")) {
    auto awareness = InputTime(body, "awareness_at", NowUtc());
    if (!awareness.ok()) return awareness.error();
    if (*awareness < current["discovered_at"].get<std::string>())
      return Invalid("error.incident_awareness_before_discovery", "awareness_at");
    r["awareness_at"] = *awareness;
  }
  return {};
}

// Applies the body to `r` (a copy of the record); aspects as letters become their stored form.
Status ApplyBody(const json& body, json& r) {
  for (auto it = body.begin(); it != body.end(); ++it) {
    const std::string& k = it.key();
    if (k == "version" || k == "comment" || k == "awareness_at") continue;
    r[k] = *it;
  }
  if (!body.contains("aspects")) return {};
  const json& a = body["aspects"];
  std::vector<std::string> letters;
  bool strings = a.is_array();
  for (const auto& l : strings ? a : json::array()) {
    if (!l.is_string()) strings = false;
    if (l.is_string()) letters.push_back(l.get<std::string>());
  }
  auto stored = strings ? domain::AspectsFromLetters(letters) : std::nullopt;
  if (!stored) return Invalid("error.incident_aspects", "aspects");
  r["aspects"] = *stored;
  return {};
}

// The checks that read the database: a new place, a new handler, the right to move.
Status CheckHandlingRefs(Tx& tx, const Caller& caller, const json& current, const json& r) {
  bool moved = r["org_unit_id"] != current["org_unit_id"];
  if (moved) {
    Status s = CheckUnit(tx, r["org_unit_id"].get<long long>());
    if (!s.ok()) return s;
    if (!domain::Allows(caller.grants, domain::Permission::kIncidentHandle,
                        store::OrgPath(tx, r["org_unit_id"].get<long long>())))
      return Forbidden();
  }
  if ((moved || r["system_id"] != current["system_id"]) && r["system_id"].is_number_integer()) {
    Status s = CheckSystem(tx, r["system_id"].get<long long>(), r["org_unit_id"].get<long long>());
    if (!s.ok()) return s;
  }
  if ((moved || r["handler_id"] != current["handler_id"]) && r["handler_id"].is_number_integer())
    return CheckHandler(tx, r["handler_id"].get<long long>(), r["org_unit_id"].get<long long>());
  return {};
}

// Seconds from the incident's report (created_at) to the time in `field`; null without one.
json SecondsSinceReport(const json& r, const char* field) {
  if (!r[field].is_string()) return nullptr;
  auto reported = ParseTime(r.value("created_at", std::string()));
  auto at = ParseTime(r[field].get<std::string>());
  if (!reported || !at) return nullptr;
  return std::chrono::duration_cast<std::chrono::seconds>(*at - *reported).count();
}

void SetStatusTimes(Tx& tx, const json& current, json& r) {
  const std::string from = current["status"], to = r["status"];
  if (domain::LeavesTriage(from, to) && !r["triaged_at"].is_string()) r["triaged_at"] = tx.Now();
  if (to == "closed" && from != "closed") r["closed_at"] = tx.Now();
  if (to != "closed") r["closed_at"] = nullptr;
  r["triage_seconds"] = SecondsSinceReport(r, "triaged_at");
  r["close_seconds"] = SecondsSinceReport(r, "closed_at");
}

json Changes(const json& r) {
  json c;
  for (const auto& f : store::IncidentTable().fields) c[f.name] = r[f.name];
  return c;
}

// The automatic entries of a change: the status moved ("triage → investigating"), the
// handler changed (the new handler's name; empty when removed).
void AppendAutomaticEntries(Tx& tx, const Caller& caller, const json& before, const json& after) {
  if (before["status"] != after["status"])
    AppendTimelineEntry(
        tx, caller, after, domain::kTimelineStatus,
        before["status"].get<std::string>() + " → " + after["status"].get<std::string>(), tx.Now());
  if (before["handler_id"] != after["handler_id"]) {
    std::string name;
    if (after["handler_id"].is_number_integer()) {
      auto row = tx.QueryOne("SELECT name FROM users WHERE id = ?",
                             {Value(after["handler_id"].get<long long>())}, {store::Col::kText});
      name = row ? row->Text(0) : "";
    }
    AppendTimelineEntry(tx, caller, after, domain::kTimelineHandler, name, tx.Now());
  }
}

}  // namespace

Result<json> IncidentService::Update(const Caller& caller, long long id, const json& body) {
  json plain = body;
  plain.erase("aspects");
  Status s = CheckInput(plain, HandlingFields(), true);
  if (!s.ok()) return s.error();
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto current = HandledIncident(tx, caller, id);
    if (!current.ok()) return current.error();
    json r = *current;
    Status checked = ApplyBody(body, r);
    if (checked.ok()) checked = CheckHandlingValues(*current, r, body);
    if (checked.ok()) checked = CheckHandlingRefs(tx, caller, *current, r);
    if (!checked.ok()) return checked.error();
    SetStatusTimes(tx, *current, r);
    auto updated =
        store::UpdateRecord(tx, store::IncidentTable(), id, InputVersion(body), Changes(r));
    if (!updated.ok()) return updated;
    AppendAutomaticEntries(tx, caller, *current, *updated);
    return Decorated(tx, caller, *updated);
  });
}

Result<std::vector<json>> IncidentService::Timeline(const Caller& caller, long long id) {
  return db_.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    auto incident = FullyVisibleIncident(tx, caller, id);
    if (!incident.ok()) return incident.error();
    store::Filter f;
    f.And("incident_id = ?", {Value(id)});
    return store::ListRecords(tx, store::IncidentTimelineTable(), f, "happened_at, id", 100000, 0)
        .items;
  });
}

Result<json> IncidentService::TimelineEntry(const Caller& caller, long long id,
                                            long long entry_id) {
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto incident = FullyVisibleIncident(tx, caller, id);
    if (!incident.ok()) return incident.error();
    auto entry = store::GetRecord(tx, store::IncidentTimelineTable(), entry_id);
    if (!entry || (*entry)["incident_id"] != json(id)) return NotFound();
    return *entry;
  });
}

Result<json> IncidentService::AddTimelineEntry(const Caller& caller, long long id,
                                               const json& body) {
  Status s = CheckInput(body, TimelineFields(), false);
  if (!s.ok()) return s.error();
  if (!domain::IsOneOf(body["kind"].get<std::string>(), domain::TimelineEntryKinds()))
    return Invalid("error.incident_timeline_kind", "kind")
        .With("allowed", JoinedList(domain::TimelineEntryKinds()));
  std::optional<std::string> happened;
  if (body.contains("happened_at")) {
    auto t = InputTime(body, "happened_at", NowUtc());
    if (!t.ok()) return t.error();
    happened = *t;
  }
  return db_.WriteResult<json>(caller.ToActor(), [&](Tx& tx) -> Result<json> {
    auto incident = store::GetRecord(tx, store::IncidentTable(), id);
    if (!incident) return NotFound();
    if (!CanAddTimeline(tx, caller, *incident))
      return Refusal(IncidentViewFor(tx, caller, *incident));
    return AppendTimelineEntry(tx, caller, *incident, body["kind"].get<std::string>(),
                               Trimmed(body["body"].get<std::string>()),
                               happened.value_or(tx.Now()));
  });
}

Result<std::vector<json>> IncidentService::History(const Caller& caller, long long id) {
  return history::ReadHistory(db_, store::IncidentTable(), id, [&](Tx& tx, const json& record) {
    return IncidentViewFor(tx, caller, record) == IncidentView::kFull;
  });
}

}  // namespace lis::service
