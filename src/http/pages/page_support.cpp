#include "http/pages/page_support.h"

#include <algorithm>

#include <mstch/mstch.hpp>
#include <nlohmann/json.hpp>

#include "core/assets.h"
#include "core/clock.h"
#include "core/messages.h"
#include "core/stockholm_time.h"
#include "http/api/api_support.h"
#include "service/incidents/incident_access.h"

namespace lis::http {

using nlohmann::json;

namespace {

mstch::node ToNode(const json& j) {
  switch (j.type()) {
    case json::value_t::object: {
      mstch::map m;
      for (auto it = j.begin(); it != j.end(); ++it) m.emplace(it.key(), ToNode(*it));
      return m;
    }
    case json::value_t::array: {
      mstch::array a;
      a.reserve(j.size());
      for (const auto& v : j) a.push_back(ToNode(v));
      return a;
    }
    case json::value_t::string:
      return j.get<std::string>();
    case json::value_t::boolean:
      return j.get<bool>();
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
      return std::to_string(j.get<long long>());
    case json::value_t::number_float:
      return std::to_string(j.get<double>());
    default:
      return std::string();
  }
}

const std::string& Template(const std::string& name) {
  static std::mutex mu;
  static std::map<std::string, std::string> cache;
  std::lock_guard<std::mutex> lock(mu);
  auto it = cache.find(name);
  if (it != cache.end()) return it->second;
  auto asset = FindAsset("templates/" + name + ".mustache");
  if (!asset) throw std::runtime_error("no template " + name);
  return cache.emplace(name, std::string(*asset)).first->second;
}

std::function<bool(const service::Caller&)>& IncidentNavExtra() {
  static std::function<bool(const service::Caller&)> check;
  return check;
}

bool ShowsIncidents(const RequestContext& ctx) {
  if (!ctx.caller) return false;
  if (service::ReadsIncidentsByRole(*ctx.caller)) return true;
  return IncidentNavExtra() && IncidentNavExtra()(*ctx.caller);
}

json Nav(const RequestContext& ctx, const std::string& section) {
  struct Item {
    const char* id;
    const char* href;
    const char* key;
    bool shown;
  };
  const Item items[] = {
      {"home", "/", "nav.home", true},
      {"org", "/org", "nav.org", HoldsOnANode(ctx, domain::Permission::kOrgRead)},
      {"assets", "/assets", "nav.assets", HoldsOnANode(ctx, domain::Permission::kAssetRead)},
      {"risks", "/risks", "nav.risks",
       HoldsOnANode(ctx, domain::Permission::kRiskRead) ||
           (ctx.caller &&
            !domain::ObjectsFor(ctx.caller->grants, domain::Permission::kRiskRead).empty())},
      {"actions", "/actions", "nav.actions", true},
      {"incidents", "/incidents", "nav.incidents", ShowsIncidents(ctx)},
      {"deviations", "/deviations", "nav.deviations", true},
      {"exceptions", "/exceptions", "nav.exceptions",
       HoldsOnANode(ctx, domain::Permission::kExceptionRead) ||
           !domain::ObjectsFor(ctx.caller->grants, domain::Permission::kExceptionRead).empty()},
      {"frameworks", "/frameworks", "nav.frameworks", true},
      {"soa", "/soa", "nav.soa", HoldsOnANode(ctx, domain::Permission::kControlRead)},
      {"incident_stats", "/incidents/statistics", "nav.incident_stats",
       HoldsOnANode(ctx, domain::Permission::kIncidentStats)},
      {"users", "/users", "nav.users", HoldsOnANode(ctx, domain::Permission::kUserRead)},
      {"audit", "/audit", "nav.audit", HoldsOnANode(ctx, domain::Permission::kAuditRead)},
      {"account", "/account", "nav.account", true},
  };
  json nav = json::array();
  for (const auto& i : items) {
    if (!i.shown) continue;
    nav.push_back({{"href", i.href},
                   {"label", Messages::Embedded().Text(ctx.language, i.key)},
                   {"current", section == i.id}});
  }
  return nav;
}

// The bell in the header: the unread count as text, "(3 olästa)".
json BellData(const RequestContext& ctx, long long unread) {
  return {{"unread", unread > 0},
          {"current", ctx.request.path == "/notifications"},
          {"count_text", Text(ctx, "layout.bell_unread", {{"count", std::to_string(unread)}})}};
}

}  // namespace

bool HoldsOnANode(const RequestContext& ctx, domain::Permission p) {
  return ctx.caller && domain::ScopesFor(ctx.caller->grants, p).any();
}

void SetIncidentNavCheck(std::function<bool(const service::Caller&)> check) {
  IncidentNavExtra() = std::move(check);
}

std::string RenderTemplate(const std::string& name, const json& data) {
  return mstch::render(Template(name), ToNode(data));
}

void WritePage(HttpResponse& out, const RequestContext& ctx, const std::string& name,
               const std::string& title_key, const std::string& section, json data, int status) {
  const Messages& msg = Messages::Embedded();
  data["t"] = msg.Tree(ctx.language);
  data["lang"] = ctx.language;
  data["csrf"] = ctx.csrf_token;
  if (!title_key.empty()) data["title"] = msg.Text(ctx.language, title_key);
  if (!data.contains("path")) data["path"] = ctx.request.path;
  std::string notice = ctx.request.Param("notice");
  const json& notices = data["t"].value("notice", json::object());
  if (!notice.empty() && notices.contains(notice) && notices[notice].is_string())
    data["notice"] = notices[notice];
  data["other_lang"] = ctx.language == "sv" ? "en" : "sv";
  data["other_lang_label"] = ctx.language == "sv" ? "English" : "Svenska";
  if (ctx.caller) {
    data["user"] = {{"name", ctx.caller->name}, {"username", ctx.caller->username}};
    data["nav"] = Nav(ctx, section);
    if (ctx.unread_notifications) data["bell"] = BellData(ctx, ctx.unread_notifications());
  }
  std::string content = RenderTemplate(name, data);
  data["content"] = content;
  out.status = status;
  out.content_type = "text/html; charset=utf-8";
  out.body = RenderTemplate("layout", data);
}

int PageStatus(const Error* error) {
  return error ? HttpStatusFor(error->code) : 200;
}

std::string LocalTimeText(const std::string& utc) {
  auto t = ParseTime(utc);
  return t ? FormatStockholm(*t) : utc;
}

std::optional<std::string> LocalDayStartUtc(const std::string& date, int add_days) {
  using namespace std::chrono;
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (date[i] < '0' || date[i] > '9') return std::nullopt;
  year_month_day ymd{year(std::stoi(date.substr(0, 4))),
                     month(static_cast<unsigned>(std::stoi(date.substr(5, 2)))),
                     day(static_cast<unsigned>(std::stoi(date.substr(8, 2))))};
  if (!ymd.ok() || ymd.year() < year(1900) || ymd.year() > year(9998)) return std::nullopt;
  sys_seconds midnight = sys_days{ymd} + days(add_days);
  // Local midnight is an hour or two before midnight UTC; an hour before it, the offset is
  // already the one that holds at local midnight (the clocks change at 01:00 UTC).
  return FormatTime(midnight - minutes(StockholmOffsetMinutes(midnight - hours(1))));
}

std::string UrlEncode(const std::string& value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string KeptParams(const service::ParamLookup& param, std::span<const char* const> names,
                       const std::string& skip) {
  std::string out;
  for (const char* name : names) {
    auto v = param(name);
    if (name != skip && v && !v->empty()) out += std::string("&") + name + "=" + UrlEncode(*v);
  }
  return out;
}

std::string Text(const RequestContext& ctx, const std::string& key,
                 const std::map<std::string, std::string>& args) {
  return Messages::Embedded().Text(ctx.language, key, args);
}

std::string IdOf(const nlohmann::json& record, const std::string& key) {
  return record.contains(key) && record[key].is_number_integer()
             ? std::to_string(record[key].get<long long>())
             : "";
}

std::string Str(const nlohmann::json& record, const std::string& key) {
  return record.contains(key) && record[key].is_string() ? record[key].get<std::string>() : "";
}

long long PageNumberParam(const RequestContext& ctx) {
  auto n = Digits(ctx.request.Param("page"));
  return n && *n <= 999999999 ? std::max(1LL, *n) : 1;
}

std::optional<long long> Digits(const std::string& text) {
  if (text.empty() || text.size() > 17 || text.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  return std::stoll(text);
}

void WriteErrorPage(HttpResponse& out, const RequestContext& ctx, const Error& error) {
  json data = {{"message", Messages::Embedded().ErrorText(ctx.language, error)},
               {"status", HttpStatusFor(error.code)}};
  WritePage(out, ctx, "error", "page.error.title", "", data, HttpStatusFor(error.code));
}

void WriteNotFoundPage(HttpResponse& out, const RequestContext& ctx) {
  WriteErrorPage(out, ctx, MakeError(Code::kNotFound, "error.page_not_found"));
}

bool RequirePageCaller(const RequestContext& ctx, HttpResponse& out) {
  if (ctx.caller) return true;
  out.Redirect("/login");
  return false;
}

namespace {
// "-12", "2.5" or "2,5" (a Swedish decimal comma) as a number; nothing for anything else.
std::optional<double> DecimalOf(std::string text) {
  if (text.empty() || text.size() > 30) return std::nullopt;
  std::replace(text.begin(), text.end(), ',', '.');
  size_t digits = 0, points = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9')
      ++digits;
    else if (c == '.')
      ++points;
    else if (!(c == '-' && i == 0))
      return std::nullopt;
  }
  if (digits == 0 || points > 1) return std::nullopt;
  return std::stod(text);
}
}  // namespace

Result<json> FormToJson(const HttpRequest& req, const std::vector<FormField>& fields) {
  json body = json::object();
  for (const auto& f : fields) {
    bool present = req.HasParam(f.name);
    std::string v = req.Param(f.name);
    switch (f.type) {
      case FormField::kText:
        if (!present) continue;
        body[f.name] = (f.empty_is_null && v.empty()) ? json(nullptr) : json(v);
        break;
      case FormField::kInt: {
        if (!present) continue;
        if (v.empty()) {
          body[f.name] = nullptr;
          break;
        }
        if (v.size() > 18 || v.find_first_not_of("0123456789") != std::string::npos)
          return Invalid("error.field_not_integer", f.name);
        body[f.name] = std::stoll(v);
        break;
      }
      case FormField::kBool:
        body[f.name] = (v == "on" || v == "true" || v == "1");
        break;
      case FormField::kNumber: {
        if (!present) continue;
        auto number = DecimalOf(v);
        if (!v.empty() && !number) return Invalid("error.field_not_number", f.name);
        body[f.name] = number ? json(*number) : json(nullptr);
        break;
      }
    }
  }
  return body;
}

json FormErrorData(const RequestContext& ctx, const Error& error) {
  std::string message = Messages::Embedded().ErrorText(ctx.language, error);
  json data = {{"error", message}, {"error_field", error.field}};
  if (!error.field.empty()) data["errors"][error.field] = message;
  return data;
}

}  // namespace lis::http
