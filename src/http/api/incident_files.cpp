#include "http/api/incident_files.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "core/pdf/pdf_document.h"
#include "http/export_texts.h"
#include "http/pages/page_support.h"

namespace lis::http {

using nlohmann::json;

namespace {

using Texts = ExportTexts;

std::string S(const json& v) {
  return ScalarText(v);
}

std::string Field(const json& r, const char* key) {
  return r.contains(key) ? S(r[key]) : "";
}

std::string Time(const json& r, const char* key) {
  std::string v = Field(r, key);
  return v.empty() ? v : LocalTimeText(v);
}

std::string YesNo(const Texts& t, const json& r, const char* key) {
  return t(r.value(key, false) ? "common.yes" : "common.no");
}

std::string OrNone(const Texts& t, const std::string& v) {
  return v.empty() ? t("incident_summary.not_recorded") : v;
}

// The stored aspect letters ("KRT") as "K, R, T".
std::string Aspects(const json& r) {
  std::string out;
  if (r.contains("aspects") && r["aspects"].is_array()) {
    for (const auto& a : r["aspects"]) out += (out.empty() ? "" : ", ") + S(a);
    return out;
  }
  for (char c : Field(r, "aspects")) {
    if (c == ',' || c == ' ' || c == '"' || c == '[' || c == ']') continue;
    out += (out.empty() ? "" : ", ") + std::string(1, c);
  }
  return out;
}

std::string StatusText(const Texts& t, const json& r) {
  std::string s = Field(r, "status");
  return s.empty() ? s : t("incident_summary.status." + s);
}

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs Facts(const Texts& t, const json& s) {
  const json& i = s["incident"];
  std::string dpo;
  for (const auto& d : s["dpo"])
    dpo += (dpo.empty() ? "" : "; ") + S(d["name"]) +
           (S(d["email"]).empty() ? "" : ", " + S(d["email"]));
  const json& c = s["controller"];
  std::string handler = S(s["handler_name"]);
  if (!S(s["handler_email"]).empty()) handler += ", " + S(s["handler_email"]);
  return {{t("incident_summary.controller"), c.is_object() ? S(c["name"]) : ""},
          {t("incident_summary.org_number"), OrNone(t, c.is_object() ? S(c["org_number"]) : "")},
          {t("incident_summary.org_unit"), S(s["org_unit"])},
          {t("incident_summary.contact"), OrNone(t, handler)},
          {t("incident_summary.dpo"), OrNone(t, dpo)},
          {t("incident_summary.reporter"), S(s["reporter_name"])},
          {t("incident_summary.status_label"), StatusText(t, i)},
          {t("incident_summary.severity"), OrNone(t, Field(i, "severity"))},
          {t("incident_summary.category"), OrNone(t, S(s["category_name"]))},
          {t("incident_summary.personal_data_breach"), YesNo(t, i, "personal_data_breach")},
          {t("incident_summary.significant"), YesNo(t, i, "significant")}};
}

Pairs Times(const Texts& t, const json& i) {
  return {{t("incident_summary.occurred_at"), Time(i, "occurred_at")},
          {t("incident_summary.discovered_at"), Time(i, "discovered_at")},
          {t("incident_summary.awareness_at"), Time(i, "awareness_at")},
          {t("incident_summary.ongoing"), YesNo(t, i, "ongoing")},
          {t("incident_summary.created_at"), Time(i, "created_at")},
          {t("incident_summary.triaged_at"), OrNone(t, Time(i, "triaged_at"))},
          {t("incident_summary.closed_at"), OrNone(t, Time(i, "closed_at"))}};
}

// Reasons given for late reports, one line per report.
std::string LateReasons(const Texts& t, const json& reports) {
  std::string out;
  for (const auto& r : reports)
    if (!S(r["late_reason"]).empty())
      out += (out.empty() ? "" : "\n") + t("incident_summary.clock." + S(r["kind"])) + ": " +
             S(r["late_reason"]);
  return out;
}

Pairs Breach(const Texts& t, const json& s) {
  const json& i = s["incident"];
  return {
      {t("incident_summary.nature"), Field(i, "description")},
      {t("incident_summary.aspects"), OrNone(t, Aspects(i))},
      {t("incident_summary.subjects"), OrNone(t, Field(i, "breach_subjects"))},
      {t("incident_summary.records"), OrNone(t, Field(i, "breach_records"))},
      {t("incident_summary.consequences"), OrNone(t, Field(i, "breach_consequences"))},
      {t("incident_summary.measures"), OrNone(t, Field(i, "breach_measures"))},
      {t("incident_summary.subjects_informed"), OrNone(t, Field(i, "breach_subjects_informed"))},
      {t("incident_summary.delay_reasons"), OrNone(t, LateReasons(t, s["reports"]))}};
}

// The report recorded for clock `kind`, or null.
json ReportOf(const json& reports, const std::string& kind) {
  for (const auto& r : reports)
    if (S(r["kind"]) == kind) return r;
  return nullptr;
}

pdf::Table ClockTable(const Texts& t, const json& s) {
  pdf::Table table{{{t("incident_summary.col.clock"), 2.2},
                    {t("incident_summary.col.due"), 1.3},
                    {t("incident_summary.col.state"), 1.1},
                    {t("incident_summary.col.done"), 1.3},
                    {t("incident_summary.col.report"), 2.6}},
                   {},
                   true};
  for (const auto& c : s["deadlines"]) {
    json r = ReportOf(s["reports"], S(c["kind"]));
    std::string report;
    if (r.is_object()) {
      report = S(r["recipient"]);
      if (!S(r["reference"]).empty()) report += " (" + S(r["reference"]) + ")";
      if (!S(r["reason"]).empty()) report += (report.empty() ? "" : "\n") + S(r["reason"]);
    }
    table.rows.push_back({t("incident_summary.clock." + S(c["kind"])), S(c["due_at_local"]),
                          t("incident_summary.clock_state." + S(c["state"])),
                          c["done_at"].is_string() ? LocalTimeText(S(c["done_at"])) : "", report});
  }
  return table;
}

pdf::Table TimelineTable(const Texts& t, const json& s) {
  pdf::Table table{{{t("incident_summary.col.time"), 1.3},
                    {t("incident_summary.col.kind"), 1},
                    {t("incident_summary.col.author"), 1.4},
                    {t("incident_summary.col.text"), 4.5}},
                   {},
                   true};
  for (const auto& e : s["timeline"]) {
    std::string kind = S(e["kind"]);
    std::string key = "incident_summary.entry." + kind;
    std::string label = t(key);
    table.rows.push_back({LocalTimeText(S(e["happened_at"])), label == key ? kind : label,
                          S(e["author_name"]), S(e["body"])});
  }
  return table;
}

void AddReview(pdf::PdfDocument& doc, const Texts& t, const json& review) {
  if (!review.is_object()) return;
  doc.AddHeading(2, t("incident_summary.review"));
  doc.AddKeyValues({{t("incident_review.cause"), S(review["cause"])},
                    {t("incident_review.what_worked"), S(review["what_worked"])},
                    {t("incident_review.to_improve"), S(review["to_improve"])}});
}

}  // namespace

std::string IncidentSummaryFileName(long long id, const std::string& language) {
  return Texts{language}("incident_summary.file", {{"id", std::to_string(id)}}) + ".pdf";
}

Result<std::string> IncidentSummaryPdf(const json& s, const std::string& language) {
  Texts t{language};
  const json& i = s["incident"];
  std::string id = S(i["id"]);
  pdf::DocumentOptions options;
  options.title = t("incident_summary.title", {{"id", id}});
  options.footer = [&t](int page, int pages) {
    return t("pdf.page_of", {{"page", std::to_string(page)}, {"pages", std::to_string(pages)}});
  };
  pdf::PdfDocument doc(std::move(options));
  doc.AddHeading(1, t("incident_summary.title", {{"id", id}}) + ": " + S(i["title"]));
  doc.AddParagraph(t("incident_summary.made_at", {{"at", LocalTimeText(NowText())}}));
  doc.AddKeyValues(Facts(t, s));
  doc.AddHeading(2, t("incident_summary.times"));
  doc.AddKeyValues(Times(t, i));
  doc.AddHeading(2, t("incident_summary.breach"));
  doc.AddKeyValues(Breach(t, s));
  doc.AddHeading(2, t("incident_summary.clocks"));
  if (s["deadlines"].empty())
    doc.AddParagraph(t("incident_summary.no_clocks"));
  else
    doc.AddTable(ClockTable(t, s));
  doc.AddHeading(2, t("incident_summary.timeline"));
  if (s["timeline"].empty())
    doc.AddParagraph(t("incident_summary.no_timeline"));
  else
    doc.AddTable(TimelineTable(t, s));
  AddReview(doc, t, s["review"]);
  return doc.Render();
}

std::vector<std::string> IncidentSheetHeader(const std::string& language) {
  Texts t{language};
  std::vector<std::string> h;
  for (const char* k :
       {"id", "title", "org_unit", "status", "severity", "category", "aspects", "occurred_at",
        "discovered_at", "personal_data_breach", "significant", "handler", "clocks"})
    h.push_back(t(std::string("incident_export.col.") + k));
  return h;
}

std::string ClocksCell(const json& deadlines, const std::string& language) {
  Texts t{language};
  std::string out;
  if (!deadlines.is_array()) return out;
  for (const auto& c : deadlines)
    out +=
        (out.empty() ? "" : "\n") +
        t("incident_export.clock", {{"clock", t("incident_summary.clock." + S(c["kind"]))},
                                    {"state", t("incident_summary.clock_state." + S(c["state"]))},
                                    {"due", S(c["due_at_local"])}});
  return out;
}

std::vector<std::string> IncidentSheetRow(const json& i, const std::string& language) {
  Texts t{language};
  return {Field(i, "id"),
          Field(i, "title"),
          Field(i, "org_unit"),
          StatusText(t, i),
          Field(i, "severity"),
          Field(i, i.contains("category_name") ? "category_name" : "category"),
          Aspects(i),
          Time(i, "occurred_at"),
          Time(i, "discovered_at"),
          YesNo(t, i, "personal_data_breach"),
          YesNo(t, i, "significant"),
          Field(i, "handler_name"),
          ClocksCell(i.value("deadlines", json::array()), language)};
}

}  // namespace lis::http
