#include "service/incidents/incident_report_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/stockholm_time.h"
#include "domain/incidents/incident_clocks.h"
#include "service/incidents/incident_access.h"
#include "service/incidents/incident_deadlines.h"
#include "service/incidents/incident_support.h"
#include "service/input.h"
#include "store/incidents/incident_tables.h"
#include "store/records.h"

namespace lis::service {

using domain::Clock;
using domain::ClockKind;
using nlohmann::json;
using store::Tx;
using store::Value;

namespace {

const std::vector<InputField>& SubmissionFields() {
  static const std::vector<InputField> kFields = {
      {"kind", InputType::kText, true, false, 40},
      {"outcome", InputType::kText, true, false, 40},
      {"made_at", InputType::kText, false, true, 40},
      {"reference", InputType::kText, false, true, 200},
      {"recipient", InputType::kText, false, true, 200},
      {"reason", InputType::kLongText, false, true, 4000},
      {"late_reason", InputType::kLongText, false, true, 4000},
  };
  return kFields;
}

// The fields a correction may carry: every field but kind.
const std::vector<InputField>& CorrectionFields() {
  static const std::vector<InputField> kFields(SubmissionFields().begin() + 1,
                                               SubmissionFields().end());
  return kFields;
}

std::vector<std::string> KindNames() {
  std::vector<std::string> out;
  for (ClockKind k : domain::AllClockKinds()) out.emplace_back(domain::ClockKindName(k));
  return out;
}

Result<ClockKind> KindOf(const std::string& name) {
  auto kind = domain::ParseClockKind(name);
  if (!kind)
    return Invalid("error.incident_report_kind", "kind").With("allowed", JoinedList(KindNames()));
  return *kind;
}

std::vector<json> ReportsOf(Tx& tx, long long incident_id) {
  store::Filter f;
  f.And("incident_reports.incident_id = ?", {Value(incident_id)});
  return store::ListRecords(tx, store::IncidentReportTable(), f, "incident_reports.id", 100, 0)
      .items;
}

std::optional<json> ReportOf(Tx& tx, long long incident_id, ClockKind kind) {
  for (auto& r : ReportsOf(tx, incident_id))
    if (r["kind"] == domain::ClockKindName(kind)) return r;
  return std::nullopt;
}

bool NotificationMade(const std::vector<Clock>& clocks) {
  return std::any_of(clocks.begin(), clocks.end(), [](const Clock& c) {
    return c.kind == ClockKind::kCslNotification && c.state == domain::ClockState::kDone;
  });
}

// The clock of `kind` of the incident now, or invalid naming kind when it does not apply or
// (the final report) the incident notification it follows has not been made.
Result<Clock> ApplyingClock(Tx& tx, const json& incident, ClockKind kind,
                            const domain::ClockPeriods& periods, TimePoint now) {
  std::string name(domain::ClockKindName(kind));
  auto clocks = IncidentClocksOf(tx, incident, periods, now);
  for (const Clock& c : clocks) {
    if (c.kind != kind) continue;
    if (kind == ClockKind::kCslFinalReport && !NotificationMade(clocks))
      return Invalid("error.incident_report_final_first", "kind");
    return c;
  }
  return Invalid("error.incident_clock_not_applicable", "kind").With("kind", name);
}

std::string TextOf(const json& r, const char* key) {
  return r[key].is_string() ? Trimmed(r[key].get<std::string>()) : std::string();
}

// Checks and completes the report `r` (all fields present, nulls allowed) for `clock` of
// `incident` at `now`: outcome, made_at (default now), reference, reason, late_reason, and
// the default recipient.
Status CheckReport(json& r, const Clock& clock, const json& incident, const Config& config,
                   TimePoint now) {
  std::string outcome = TextOf(r, "outcome");
  if (outcome != "made" && outcome != "not_required")
    return Invalid("error.incident_report_outcome", "outcome");
  if (outcome == "not_required" && !domain::MayBeNotRequired(clock.kind))
    return Invalid("error.incident_report_not_required", "outcome")
        .With("kind", std::string(domain::ClockKindName(clock.kind)));
  TimePoint made = now;
  if (!TextOf(r, "made_at").empty()) {
    auto checked = incidents::InputTime(r, "made_at", now);
    if (!checked.ok()) return checked.error();
    made = ParseTime(*checked).value();
  }
  auto awareness = ParseTime(incident["awareness_at"].get<std::string>());
  if (awareness && made < *awareness)
    return Invalid("error.incident_report_before_awareness", "made_at")
        .With("awareness_at", FormatStockholm(*awareness));
  for (const char* key : {"reference", "recipient", "reason", "late_reason"})
    r[key] = TextOf(r, key);
  if (outcome == "made" && r["reference"] == "")
    return Invalid("error.incident_report_reference", "reference");
  if (outcome == "not_required" && r["reason"] == "")
    return Invalid("error.incident_report_reason", "reason");
  if (domain::ReportIsLate(clock, made) && r["late_reason"] == "")
    return Invalid("error.incident_report_late_reason", "late_reason")
        .With("due_at", FormatStockholm(clock.due_at));
  if (r["recipient"] == "") r["recipient"] = ClockRecipient(config, clock.kind);
  r["outcome"] = outcome;
  r["made_at"] = FormatTime(made);
  return {};
}

// The timeline entry of a recorded report, in the caller's language.
std::string TimelineText(const Caller& caller, const json& report) {
  const Messages& msg = Messages::Embedded();
  std::string clock =
      msg.Text(caller.language, "incident_clock.kind." + report["kind"].get<std::string>());
  if (report["outcome"] == "not_required")
    return msg.Text(caller.language, "incident_clock.timeline.not_required",
                    {{"clock", clock}, {"reason", report["reason"].get<std::string>()}});
  return msg.Text(caller.language, "incident_clock.timeline.made",
                  {{"clock", clock},
                   {"recipient", report["recipient"].get<std::string>()},
                   {"reference", report["reference"].get<std::string>()}});
}

// The report answered by Record and Correct: the record with the clock it settles.
json WithClock(Tx& tx, json report, const json& incident, const domain::ClockPeriods& periods,
               TimePoint now) {
  for (const Clock& c : IncidentClocksOf(tx, incident, periods, now))
    if (domain::ClockKindName(c.kind) == report["kind"]) report["clock"] = ClockJson(c, now);
  return report;
}

// The report table's fields of `r`, null where `r` has none.
json ReportFields(const json& r) {
  json out;
  for (const auto& f : store::IncidentReportTable().fields)
    out[f.name] = r.value(f.name, json(nullptr));
  return out;
}

}  // namespace

IncidentReportService::IncidentReportService(store::Database& db, const Config& config)
    : db_(db), config_(config) {}

Result<json> IncidentReportService::List(const Caller& caller, long long incident_id) {
  auto periods = ClockPeriodsFrom(config_);
  return db_.ReadResult<json>([&](Tx& tx) -> Result<json> {
    auto incident = incidents::FullyVisibleIncident(tx, caller, incident_id);
    if (!incident.ok()) return incident.error();
    TimePoint now = std::chrono::system_clock::now();
    json items = ReportsOf(tx, incident_id);
    json deadlines = json::array();
    for (const Clock& c : IncidentClocksOf(tx, *incident, periods, now)) {
      json clock = ClockJson(c, now);
      clock["recipient"] = ClockRecipient(config_, c.kind);
      clock["report"] = nullptr;
      for (const auto& r : items)
        if (r["kind"] == clock["kind"]) clock["report"] = r;
      deadlines.push_back(std::move(clock));
    }
    return json{{"items", items},
                {"deadlines", deadlines},
                {"title", (*incident)["title"]},
                {"awareness_at", (*incident)["awareness_at"]},
                {"can_handle", CanHandleIncident(tx, caller, *incident)}};
  });
}

Result<json> IncidentReportService::Record(const Caller& caller, long long incident_id,
                                           const json& body) {
  Status s = CheckInput(body, SubmissionFields(), false);
  if (!s.ok()) return s.error();
  auto kind = KindOf(body["kind"].get<std::string>());
  if (!kind.ok()) return kind.error();
  auto periods = ClockPeriodsFrom(config_);
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto incident = incidents::HandledIncident(tx, caller, incident_id);
    if (!incident.ok()) return incident.error();
    TimePoint now = std::chrono::system_clock::now();
    auto clock = ApplyingClock(tx, *incident, *kind, periods, now);
    if (!clock.ok()) return clock.error();
    json r = ReportFields(body);
    Status checked = CheckReport(r, *clock, *incident, config_, now);
    if (!checked.ok()) return checked.error();
    if (ReportOf(tx, incident_id, *kind))
      return MakeError(Code::kConflict, "error.incident_report_exists").WithField("kind");
    r["incident_id"] = incident_id;
    r["org_unit_id"] = (*incident)["org_unit_id"];
    r["kind"] = domain::ClockKindName(*kind);
    r["decided_by"] = caller.user_id;
    json created = store::InsertRecord(tx, store::IncidentReportTable(), r);
    incidents::AppendTimelineEntry(tx, caller, *incident,
                                   r["outcome"] == "made" ? "contact" : "decision",
                                   TimelineText(caller, created), created["made_at"]);
    return WithClock(tx, created, *incident, periods, now);
  });
}

Result<json> IncidentReportService::Correct(const Caller& caller, long long incident_id,
                                            const std::string& kind_name, const json& body) {
  Status s = CheckInput(body, CorrectionFields(), true);
  if (!s.ok()) return s.error();
  auto kind = KindOf(kind_name);
  if (!kind.ok()) return kind.error();
  auto periods = ClockPeriodsFrom(config_);
  return db_.WriteResult<json>(caller.ToActor(InputComment(body)), [&](Tx& tx) -> Result<json> {
    auto incident = incidents::HandledIncident(tx, caller, incident_id);
    if (!incident.ok()) return incident.error();
    auto current = ReportOf(tx, incident_id, *kind);
    if (!current) return NotFound();
    TimePoint now = std::chrono::system_clock::now();
    auto clock = ApplyingClock(tx, *incident, *kind, periods, now);
    if (!clock.ok()) return clock.error();
    json r = ReportFields(*current);
    for (auto it = body.begin(); it != body.end(); ++it)
      if (it.key() != "version" && it.key() != "comment") r[it.key()] = *it;
    Status checked = CheckReport(r, *clock, *incident, config_, now);
    if (!checked.ok()) return checked.error();
    auto updated = store::UpdateRecord(tx, store::IncidentReportTable(),
                                       (*current)["id"].get<long long>(), InputVersion(body), r);
    if (!updated.ok()) return updated;
    return WithClock(tx, *updated, *incident, periods, now);
  });
}

Result<std::vector<json>> IncidentReportService::Clocks(const Caller& caller, bool all_states) {
  auto periods = ClockPeriodsFrom(config_);
  return db_.ReadResult<std::vector<json>>([&](Tx& tx) -> Result<std::vector<json>> {
    store::Filter f;
    f.And("(incidents.personal_data_breach = 1 OR incidents.significant = 1)");
    FilterFullIncidents(f, caller);
    std::vector<store::ComputedField> unit = {
        {"org_unit",
         "(SELECT o.name FROM org_units o WHERE o.id = incidents.org_unit_id)",
         {},
         true}};
    auto page =
        store::ListRecords(tx, store::IncidentTable(), f, "incidents.id", 100000, 0, false, unit);
    TimePoint now = std::chrono::system_clock::now();
    std::vector<json> out;
    for (const auto& incident : page.items) {
      for (const Clock& c : IncidentClocksOf(tx, incident, periods, now)) {
        bool open =
            c.state == domain::ClockState::kRunning || c.state == domain::ClockState::kOverdue;
        if (!open && !all_states) continue;
        json clock = ClockJson(c, now);
        clock["incident_id"] = incident["id"];
        clock["title"] = incident["title"];
        clock["org_unit_id"] = incident["org_unit_id"];
        clock["org_unit"] = incident["org_unit"];
        clock["recipient"] = ClockRecipient(config_, c.kind);
        out.push_back(std::move(clock));
      }
    }
    std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
      return a["due_at"].get<std::string>() < b["due_at"].get<std::string>();
    });
    return out;
  });
}

}  // namespace lis::service
