#include "http/pages/incident_parts.h"

#include "core/clock.h"
#include "core/stockholm_time.h"
#include "domain/incidents/incident_rules.h"
#include "http/pages/page_support.h"
#include "service/incidents/incident_categories.h"

namespace lis::http {

using nlohmann::json;

namespace {

std::optional<TimePoint> TimeOf(const json& record, const std::string& key) {
  if (!record.contains(key) || !record[key].is_string()) return std::nullopt;
  return ParseTime(record[key].get<std::string>());
}

}  // namespace

std::string IncidentTimeText(const json& record, const std::string& key) {
  auto t = TimeOf(record, key);
  return t ? FormatStockholm(*t) : "";
}

std::string IncidentTimeInput(const json& record, const std::string& key) {
  auto t = TimeOf(record, key);
  return t ? FormatStockholmLocalInput(*t) : "";
}

std::string NowInput() {
  return FormatStockholmLocalInput(std::chrono::system_clock::now());
}

std::string IncidentStatusText(const RequestContext& ctx, const json& incident) {
  return Text(ctx, "incidents.status." + Str(incident, "status"));
}

std::string SeverityText(const RequestContext& ctx, const json& severity) {
  if (!severity.is_number_integer()) return Text(ctx, "incidents.severity_none");
  std::string n = std::to_string(severity.get<long long>());
  return n + " – " + Text(ctx, "incidents.severity." + n);
}

std::vector<SelectOption> StatusOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out;
  for (const auto& s : domain::IncidentStatuses())
    out.push_back({s, Text(ctx, "incidents.status." + s)});
  return out;
}

std::vector<SelectOption> SeverityOptions(const RequestContext& ctx) {
  std::vector<SelectOption> out;
  for (int i = 1; i <= 4; ++i) out.push_back({std::to_string(i), SeverityText(ctx, i)});
  return out;
}

std::vector<SelectOption> CategoryOptions(const RequestContext& ctx) {
  const auto& list = service::IncidentCategories();
  std::map<std::string, std::string> classes;
  for (const auto& c : list.classes)
    classes[c.value("code", "")] = c.value(ctx.language == "en" ? "en" : "sv", "");
  std::vector<SelectOption> out;
  for (const auto& c : list.categories)
    out.push_back({c.code, classes[c.class_code] + ": " + (ctx.language == "en" ? c.en : c.sv)});
  return out;
}

std::string CategoryText(const RequestContext& ctx, const json& code) {
  if (!code.is_string() || code.get<std::string>().empty()) return "";
  return service::IncidentCategoryName(code.get<std::string>(), ctx.language);
}

Status WallTimesToUtc(json& body, const std::vector<std::string>& fields, bool optional) {
  for (const auto& name : fields) {
    if (!body.contains(name)) continue;
    std::string text = body[name].is_string() ? body[name].get<std::string>() : "";
    if (text.empty() && optional) {
      body[name] = nullptr;
      continue;
    }
    auto t = ParseStockholmLocal(text);
    if (!t) return Invalid("error.incident_form_local_time", name);
    body[name] = FormatTime(*t);
  }
  return {};
}

}  // namespace lis::http
