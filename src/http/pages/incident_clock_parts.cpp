#include "http/pages/incident_clock_parts.h"

#include <nlohmann/json.hpp>

#include "core/stockholm_time.h"
#include "http/pages/page_support.h"
#include "service/incidents/incident_access.h"
#include "service/incidents/incident_report_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// "2 dygn 5 h", "31 h 20 min", "2 h", "20 min" for a positive number of seconds.
std::string DurationText(const RequestContext& ctx, long long seconds) {
  long long minutes_total = seconds / 60;
  long long days = minutes_total / (24 * 60), hours = minutes_total / 60 % 24,
            minutes = minutes_total % 60;
  if (minutes_total >= 48 * 60)
    return Text(ctx, "incident_clock.duration.days",
                {{"days", std::to_string(days)}, {"hours", std::to_string(hours)}});
  hours += days * 24;
  if (hours == 0)
    return Text(ctx, "incident_clock.duration.minutes", {{"minutes", std::to_string(minutes)}});
  if (minutes == 0)
    return Text(ctx, "incident_clock.duration.hours_only", {{"hours", std::to_string(hours)}});
  return Text(ctx, "incident_clock.duration.hours",
              {{"hours", std::to_string(hours)}, {"minutes", std::to_string(minutes)}});
}

std::string KindText(const RequestContext& ctx, const json& clock) {
  return Text(ctx, "incident_clock.kind." + Str(clock, "kind"));
}

// The reference, or the reason of a not-required decision, and a stated reason for delay.
std::string NoteText(const RequestContext& ctx, const json& report) {
  if (!report.is_object()) return "";
  std::string note =
      Str(report, "outcome") == "not_required" ? Str(report, "reason") : Str(report, "reference");
  if (!Str(report, "late_reason").empty())
    note += (note.empty() ? "" : " – ") +
            Text(ctx, "incident_clock.late_reason_note", {{"reason", Str(report, "late_reason")}});
  return note;
}

json ClockRow(const RequestContext& ctx, const json& clock) {
  std::string state = Text(ctx, "incident_clock.state." + Str(clock, "state"));
  if (clock.value("late", false)) state += " – " + Text(ctx, "incident_clock.done_late");
  return {{"clock", KindText(ctx, clock)},
          {"recipient", Str(clock, "recipient")},
          {"due", LocalTimeText(Str(clock, "due_at"))},
          {"left", ClockLeftText(ctx, clock)},
          {"state", state},
          {"overdue", Str(clock, "state") == "overdue"},
          {"done", Str(clock, "done_at").empty() ? "" : LocalTimeText(Str(clock, "done_at"))},
          {"note", NoteText(ctx, clock.value("report", json(nullptr)))}};
}

std::string FormAction(long long incident_id, const json& clock) {
  return "/incidents/" + std::to_string(incident_id) + "/reports/" + Str(clock, "kind");
}

// The form recording that the report of `clock` was made.
json ReportForm(const RequestContext& ctx, long long incident_id, const json& clock,
                const FormFailure* failure) {
  std::string id = "clock-report-" + Str(clock, "kind");
  Form form(ctx, id, FormAction(incident_id, clock),
            failure && failure->form == id ? failure : nullptr);
  form.Hidden("outcome", "made")
      .Text("made_at", "incident_clock.field.made_at", "",
            FormInput().Type("datetime-local").Hint("incident_clock.hint.made_at"))
      .Text("reference", "incident_clock.field.reference", "", FormInput().Required())
      .Text("recipient", "incident_clock.field.recipient", Str(clock, "recipient"))
      .Text("late_reason", "incident_clock.field.late_reason", "",
            FormInput().Hint("incident_clock.hint.late_reason"))
      .Submit("incident_clock.submit.made", "", " – " + KindText(ctx, clock));
  return {{"id", id},
          {"heading", Text(ctx, "incident_clock.form_heading", {{"clock", KindText(ctx, clock)}})},
          {"html", form.Html()}};
}

// The form recording the decision that no notification is required (gdpr_art33).
json DecisionForm(const RequestContext& ctx, long long incident_id, const json& clock,
                  const FormFailure* failure) {
  std::string id = "clock-decision-" + Str(clock, "kind");
  Form form(ctx, id, FormAction(incident_id, clock),
            failure && failure->form == id ? failure : nullptr);
  form.Hidden("outcome", "not_required")
      .Text("reason", "incident_clock.field.reason", "",
            FormInput().Required().Hint("incident_clock.hint.reason"))
      .Text("made_at", "incident_clock.field.decided_at", "",
            FormInput().Type("datetime-local").Hint("incident_clock.hint.made_at"))
      .Text("late_reason", "incident_clock.field.late_reason", "",
            FormInput().Hint("incident_clock.hint.late_reason"))
      .Submit("incident_clock.submit.not_required", "secondary");
  return {
      {"id", id}, {"heading", Text(ctx, "incident_clock.decision_heading")}, {"html", form.Html()}};
}

bool Open(const json& clock) {
  return Str(clock, "state") == "running" || Str(clock, "state") == "overdue";
}

// Whether the report of `clock` may be recorded now: it is open and, for the final report, the
// incident notification has been made.
bool Recordable(const json& clock, const json& deadlines) {
  if (!Open(clock)) return false;
  if (Str(clock, "kind") != "csl_final_report") return true;
  for (const auto& c : deadlines)
    if (Str(c, "kind") == "csl_notification") return Str(c, "state") == "done";
  return false;
}

}  // namespace

std::string ClockLeftText(const RequestContext& ctx, const json& clock) {
  if (!clock.contains("seconds_left") || !clock["seconds_left"].is_number_integer()) return "";
  long long left = clock["seconds_left"].get<long long>();
  if (left >= 0) return Text(ctx, "incident_clock.left", {{"duration", DurationText(ctx, left)}});
  return Text(ctx, "incident_clock.overdue_by", {{"duration", DurationText(ctx, -left)}});
}

std::string IncidentClocksHtml(App& app, const RequestContext& ctx, long long incident_id,
                               const FormFailure* failure) {
  auto listed = app.incident_reports.List(*ctx.caller, incident_id);
  if (!listed.ok() || (*listed)["deadlines"].empty()) return "";
  const json& data = *listed;
  json rows = json::array(), forms = json::array();
  bool handler = data.value("can_handle", false);
  for (const auto& clock : data["deadlines"]) {
    rows.push_back(ClockRow(ctx, clock));
    if (!handler || !Recordable(clock, data["deadlines"])) continue;
    forms.push_back(ReportForm(ctx, incident_id, clock, failure));
    if (Str(clock, "kind") == "gdpr_art33")
      forms.push_back(DecisionForm(ctx, incident_id, clock, failure));
  }
  json view = {
      {"heading", Text(ctx, "incident_clock.heading")},
      {"caption", Text(ctx, "incident_clock.caption")},
      {"awareness",
       Text(ctx, "incident_clock.awareness", {{"time", LocalTimeText(Str(data, "awareness_at"))}})},
      {"t_clock", Text(ctx, "incident_clock.column.clock")},
      {"t_recipient", Text(ctx, "incident_clock.column.recipient")},
      {"t_due", Text(ctx, "incident_clock.column.due")},
      {"t_left", Text(ctx, "incident_clock.column.left")},
      {"t_state", Text(ctx, "incident_clock.column.state")},
      {"t_done", Text(ctx, "incident_clock.column.done")},
      {"t_note", Text(ctx, "incident_clock.column.note")},
      {"rows", rows},
      {"forms", forms},
  };
  return RenderTemplate("incident_clocks", view);
}

json RunningClocksWork(App& app, const RequestContext& ctx) {
  auto clocks = app.incident_reports.Clocks(*ctx.caller, false);
  if (!clocks.ok()) return nullptr;
  if (clocks->empty() && !service::ReadsIncidentsByRole(*ctx.caller)) return nullptr;
  json rows = json::array();
  for (const auto& c : *clocks)
    rows.push_back({{"href", "/incidents/" + std::to_string(c["incident_id"].get<long long>())},
                    {"incident", Str(c, "title")},
                    {"org_unit", Str(c, "org_unit")},
                    {"clock", KindText(ctx, c)},
                    {"due", LocalTimeText(Str(c, "due_at"))},
                    {"left", ClockLeftText(ctx, c)},
                    {"overdue", Str(c, "state") == "overdue"}});
  return {{"rows", rows}, {"has_rows", !rows.empty()}};
}

}  // namespace lis::http
