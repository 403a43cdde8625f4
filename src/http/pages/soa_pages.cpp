// The statement of applicability pages: /soa (choose organisation and framework),
// /org-units/{id}/soa (gap view and one table per theme), an entry page with the edit form,
// evidence and history, the issued versions and one version. Every change goes through
// SoaService like the API; exports are the API's download links.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "http/api/soa_export.h"
#include "http/pages/action_parts.h"
#include "http/pages/page_routes.h"
#include "http/pages/page_support.h"
#include "service/controls/framework_service.h"
#include "service/controls/soa_service.h"
#include "service/deviations/exception_service.h"

namespace lis::http {

using nlohmann::json;
using service::SoaKey;

namespace {

std::string Str(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return "";
}

// The frameworks of the library ([{id, name}]), ISO/IEC 27001 Annex A first, the others by ref.
json Frameworks(App& app, const RequestContext& ctx) {
  auto page = service::FrameworkService(app.db).List(*ctx.caller);
  json out = json::array();
  if (!page.ok()) return out;
  for (const auto& f : page->items) {
    json item = {{"id", f["id"]}, {"name", f["name"]}};
    if (f["ref"] == domain::kAnnexAFramework)
      out.insert(out.begin(), item);
    else
      out.push_back(item);
  }
  return out;
}

// The key of the page: the organisation of the path, ?framework_id= or the first framework.
Result<SoaKey> PageKey(App& app, const RequestContext& ctx) {
  long long org = std::stoll(ctx.request.path_params.at("id"));
  if (auto fw = Digits(ctx.request.Param("framework_id"))) return SoaKey{org, *fw};
  json frameworks = Frameworks(app, ctx);
  if (frameworks.empty()) return Invalid("error.soa_framework", "framework_id");
  return SoaKey{org, frameworks[0]["id"].get<long long>()};  // Frameworks puts ISO 27001 first
}

std::string Base(const SoaKey& k) {
  return "/org-units/" + std::to_string(k.org_unit_id) + "/soa";
}
std::string Query(const SoaKey& k) {
  return "?framework_id=" + std::to_string(k.framework_id);
}
std::string ApiBase(const SoaKey& k) {
  return "/api/v1" + Base(k);
}

std::string ApplicableText(const RequestContext& ctx, const json& item) {
  return SoaApplicableText(ctx.language, item);
}

json GapData(const RequestContext& ctx, const json& document, const std::string& caption) {
  json summary = service::SummariseSoa(document);
  json rows = json::array();
  auto add = [&](const std::string& name, json c, bool total) {
    c["name"] = name;
    c["total"] = total;
    c["has_percent"] = !c["implemented_percent"].is_null();
    c["percent"] = c["implemented_percent"];
    c["meter_label"] = Text(ctx, "soa.gap.meter", {{"theme", name}});
    rows.push_back(c);
  };
  for (const auto& t : summary["themes"])
    add(Str(t[ctx.language == "en" ? "name_en" : "name_sv"]), t, false);
  add(Text(ctx, "soa.gap.total"), summary["total"], true);
  return {{"rows", rows}, {"caption", caption}, {"t", Messages::Embedded().Tree(ctx.language)}};
}

// The tables per theme; rows link to the entry pages when `link` is set, and show the
// exceptions in force (`exceptions`: control ref → {"id", "valid_until"}) when given.
json TablesData(const RequestContext& ctx, const json& document, const SoaKey* link,
                const std::map<std::string, json>* exceptions) {
  json themes = json::array();
  for (const auto& theme : document["themes"]) {
    json items = json::array();
    for (const auto& item : document["items"]) {
      if (item["theme"] != theme["code"]) continue;
      json row = {{"control_ref", item["control_ref"]},
                  {"title", item["title"]},
                  {"applicable_text", ApplicableText(ctx, item)},
                  {"status_text", Text(ctx, "soa.status." + Str(item["status"]))},
                  {"responsible_name", Str(item["responsible_name"])},
                  {"last_reviewed", Str(item["last_reviewed"])},
                  {"evidence_count", item["evidence"].size()}};
      if (link)
        row["href"] = Base(*link) + "/" + UrlEncode(Str(item["control_ref"])) + Query(*link);
      if (exceptions)
        if (auto e = exceptions->find(Str(item["control_ref"])); e != exceptions->end())
          row["exception_text"] =
              Text(ctx, "exceptions.in_force_until", {{"date", Str(e->second["valid_until"])}});
      items.push_back(row);
    }
    if (!items.empty())
      themes.push_back({{"code", theme["code"]}, {"name", theme["name"]}, {"items", items}});
  }
  return {{"themes", themes}, {"t", Messages::Embedded().Tree(ctx.language)}};
}

// The gap view and the tables of `document` as HTML built from their templates.
void AddSoaHtml(const RequestContext& ctx, json& data, const json& document, const SoaKey* link,
                const std::map<std::string, json>* exceptions = nullptr) {
  data["gap_html"] =
      RenderTemplate("soa_gap", GapData(ctx, document, Text(ctx, "soa.gap.caption")));
  data["tables_html"] = RenderTemplate("soa_tables", TablesData(ctx, document, link, exceptions));
}

void GetChoose(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto org = Digits(ctx.request.Param("org_unit_id"));
  auto fw = Digits(ctx.request.Param("framework_id"));
  if (org && fw) {
    out.status = 303;
    out.SetHeader("Location", Base({*org, *fw}) + Query({*org, *fw}));
    return;
  }
  auto orgs = app.soa.Organisations(*ctx.caller);
  if (!orgs.ok()) return WriteErrorPage(out, ctx, orgs.error());
  WritePage(out, ctx, "soa_choose", "soa.title", "soa",
            {{"organisations", *orgs},
             {"has_organisations", !orgs->empty()},
             {"frameworks", Frameworks(app, ctx)}});
}

void GetSoa(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  auto document = app.soa.Get(*ctx.caller, *key);
  if (!document.ok()) return WriteErrorPage(out, ctx, document.error());
  json frameworks = Frameworks(app, ctx);
  for (auto& f : frameworks) f["selected"] = f["id"] == key->framework_id;
  json data = {{"org_name", (*document)["org_unit"]},
               {"base", Base(*key)},
               {"frameworks", frameworks},
               {"versions_href", Base(*key) + "/versions" + Query(*key)},
               {"xlsx_href", ApiBase(*key) + "/export" + Query(*key) + "&format=xlsx"},
               {"pdf_href", ApiBase(*key) + "/export" + Query(*key) + "&format=pdf"}};
  auto exceptions =
      app.exceptions.InForceForControls(*ctx.caller, key->org_unit_id, key->framework_id);
  AddSoaHtml(ctx, data, *document, &*key, exceptions.ok() ? &*exceptions : nullptr);
  data["title"] = Text(ctx, "soa.title") + " – " + Str((*document)["framework_name"]);
  WritePage(out, ctx, "soa", "", "soa", std::move(data));
}

json Options(const RequestContext& ctx, const std::vector<std::pair<std::string, std::string>>& o,
             const std::string& selected) {
  json out = json::array();
  for (const auto& [value, key] : o)
    out.push_back({{"value", value}, {"label", Text(ctx, key)}, {"selected", value == selected}});
  return out;
}

json EvidenceRows(const RequestContext& ctx, const SoaKey& key, const json& item) {
  json rows = json::array();
  for (const auto& e : item["evidence"]) {
    bool link = e["kind"] == "link";
    std::string id = Str(e["id"]);
    rows.push_back(
        {{"title", e["title"]},
         {"is_link", link},
         {"file_name", link ? "" : Str(e["file_name"])},
         {"href", link ? Str(e["url"]) : ApiBase(key) + "/evidence/" + id + "/file"},
         {"kind_text", Text(ctx, link ? "soa.evidence.kind_link" : "soa.evidence.kind_file")},
         {"size_text", link ? "" : Text(ctx, "soa.evidence.bytes", {{"size", Str(e["size"])}})},
         {"added", LocalTimeText(Str(e["created_at"]))},
         {"version", e["version"]},
         {"delete_action", Base(key) + "/evidence/" + id + "/delete" + Query(key) +
                               "&ref=" + UrlEncode(Str(item["control_ref"]))}});
  }
  return rows;
}

json HistoryRows(const json& item) {
  json rows = json::array();
  for (const auto& h : item["history"]) {
    std::string fields;
    for (const auto& f : h.value("changed_fields", json::array()))
      fields += (fields.empty() ? "" : ", ") + Str(f);
    rows.push_back({{"version", h["version"]},
                    {"at", LocalTimeText(Str(h["at"]))},
                    {"actor", h["actor"]},
                    {"fields", fields}});
  }
  return rows;
}

// The choices of the entry form: applicability, status and the responsible person.
void AddFormOptions(App& app, const RequestContext& ctx, const SoaKey& key, const json& item,
                    json& data) {
  std::string applicable =
      item["applicable"].is_null() ? "" : (item["applicable"].get<bool>() ? "yes" : "no");
  data["applicable_options"] = Options(
      ctx,
      {{"", "soa.applicable.unset"}, {"yes", "soa.applicable.yes"}, {"no", "soa.applicable.no"}},
      applicable);
  data["status_options"] = Options(ctx,
                                   {{"not_started", "soa.status.not_started"},
                                    {"partly_implemented", "soa.status.partly_implemented"},
                                    {"implemented", "soa.status.implemented"}},
                                   Str(item["status"]));
  auto people = app.soa.Responsibles(*ctx.caller, key.org_unit_id);
  json options = json::array();
  if (people.ok())
    for (const auto& p : *people)
      options.push_back({{"value", p["id"]},
                         {"label", p["name"]},
                         {"selected", p["id"] == item["responsible_id"]}});
  data["responsible_options"] = options;
}

// The error of a failed form, linking to the field at fault.
void AddFailure(const RequestContext& ctx, const Error& failure, json& data) {
  static const std::map<std::string, std::string> kAnchors = {
      {"applicable", "soa-applicable"},
      {"justification", "soa-justification"},
      {"status", "soa-status"},
      {"responsible_id", "soa-responsible"},
      {"implementation", "soa-implementation"},
      {"last_reviewed", "soa-last-reviewed"},
      {"file", "soa-file"},
      {"url", "soa-url"}};
  data["error"] = Messages::Embedded().ErrorText(ctx.language, failure);
  auto a = kAnchors.find(failure.field);
  if (a != kAnchors.end()) data["error_href"] = "#" + a->second;
}

// The exception in force for the entry's control ("undantag t.o.m. DATE"), else, for a gap,
// the link that requests one and the one-click deviation (for those who may).
void AddControlException(App& app, const RequestContext& ctx, const SoaKey& key, const json& i,
                         json& data) {
  std::string ref = Str(i["control_ref"]);
  auto exceptions =
      app.exceptions.InForceForControls(*ctx.caller, key.org_unit_id, key.framework_id);
  if (exceptions.ok())
    if (auto e = exceptions->find(ref); e != exceptions->end()) {
      data["exception_text"] =
          Text(ctx, "exceptions.in_force_until", {{"date", Str(e->second["valid_until"])}});
      data["exception_href"] = "/exceptions/" + std::to_string(e->second["id"].get<long long>());
      return;
    }
  bool gap = i["applicable"] == true && i["status"] != "implemented";
  if (!gap) return;
  if (app.exceptions.MayRequestAt(*ctx.caller, key.org_unit_id))
    data["exception_request_href"] =
        "/exceptions/new?org_unit_id=" + std::to_string(key.org_unit_id) +
        "&framework_id=" + std::to_string(key.framework_id) + "&control_ref=" + UrlEncode(ref);
  if (i["entry_id"].is_number_integer()) {
    Form deviation(ctx, "soa-deviation",
                   "/soa-entries/" + std::to_string(i["entry_id"].get<long long>()) + "/deviation",
                   nullptr);
    deviation.Inline().Submit("deviations.from_origin_submit", "secondary");
    data["deviation_form"] = deviation.Html();
  }
}

// The entry page of `ref`; with `failure` the form shows its error (and the status follows it).
void ShowEntry(App& app, RequestContext& ctx, HttpResponse& out, const SoaKey& key,
               const std::string& ref, const Error* failure) {
  auto item = app.soa.Entry(*ctx.caller, key, ref);
  if (!item.ok()) return WriteErrorPage(out, ctx, item.error());
  auto document = app.soa.Get(*ctx.caller, key);
  if (!document.ok()) return WriteErrorPage(out, ctx, document.error());
  bool may_write = app.soa.MayWrite(*ctx.caller, key.org_unit_id);
  const json& i = *item;
  std::string entry = Base(key) + "/" + UrlEncode(ref);
  json data = {
      {"org_name", (*document)["org_unit"]},
      {"framework_name", (*document)["framework_name"]},
      {"theme_name", i["theme_name"]},
      {"back_href", Base(key) + Query(key)},
      {"may_write", may_write},
      {"action", entry + Query(key)},
      {"upload_action", entry + "/evidence" + Query(key)},
      {"link_action", entry + "/links" + Query(key)},
      {"version", i["version"]},
      {"applicable_text", ApplicableText(ctx, i)},
      {"justification", i["justification"]},
      {"status_text", Text(ctx, "soa.status." + Str(i["status"]))},
      {"responsible_name", Str(i["responsible_name"])},
      {"implementation", i["implementation"]},
      {"last_reviewed", Str(i["last_reviewed"])},
      {"evidence", EvidenceRows(ctx, key, i)},
      {"has_evidence", !i["evidence"].empty()},
      {"history", HistoryRows(i)},
      {"has_history", !i["history"].empty()},
      {"file_hint", Text(ctx, "soa.evidence.file_hint",
                         {{"max", std::to_string(app.soa.max_evidence_bytes() / (1024 * 1024))}})}};
  if (may_write) AddFormOptions(app, ctx, key, i, data);
  if (failure) AddFailure(ctx, *failure, data);
  if (i["entry_id"].is_number_integer()) {
    bool gap = i["applicable"] == true && i["status"] != "implemented";
    data["actions_html"] = OriginActionsHtml(app, ctx,
                                             {.origin = "control_gap",
                                              .origin_id = i["entry_id"].get<long long>(),
                                              .org_unit_id = key.org_unit_id,
                                              .create_path = entry + "/action" + Query(key),
                                              .form_id = "soa-action",
                                              .may_create_here = gap});
  }
  AddControlException(app, ctx, key, i, data);
  data["title"] = Str(i["control_ref"]) + " " + Str(i["title"]);
  WritePage(out, ctx, "soa_entry", "", "soa", std::move(data), PageStatus(failure));
}

void GetEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  ShowEntry(app, ctx, out, *key, ctx.request.path_params.at("control_ref"), nullptr);
}

void Redirect(HttpResponse& out, const std::string& location) {
  out.status = 303;
  out.SetHeader("Location", location);
}

std::string EntryHref(const SoaKey& key, const std::string& ref, const std::string& notice) {
  return Base(key) + "/" + UrlEncode(ref) + Query(key) + "&notice=" + notice;
}

// The form's fields as the API's PATCH body.
json EntryBody(const HttpRequest& req) {
  std::string applicable = req.Param("applicable");
  std::string reviewed = req.Param("last_reviewed");
  auto responsible = Digits(req.Param("responsible_id"));
  return {{"justification", req.Param("justification")},
          {"status", req.Param("status")},
          {"implementation", req.Param("implementation")},
          {"applicable", applicable.empty() ? json(nullptr) : json(applicable == "yes")},
          {"last_reviewed", reviewed.empty() ? json(nullptr) : json(reviewed)},
          {"responsible_id", responsible ? json(*responsible) : json(nullptr)},
          {"version", Digits(req.Param("version")).value_or(-1)}};
}

void PostEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  std::string ref = ctx.request.path_params.at("control_ref");
  auto r = app.soa.Update(*ctx.caller, *key, ref, EntryBody(ctx.request));
  if (!r.ok()) return ShowEntry(app, ctx, out, *key, ref, &r.error());
  Redirect(out, EntryHref(*key, ref, "soa_saved"));
}

void PostUpload(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  std::string ref = ctx.request.path_params.at("control_ref");
  auto file = ctx.request.files.find("file");
  Result<json> r = Invalid("error.field_missing", "file");
  if (file != ctx.request.files.end())
    r = app.soa.AddFile(*ctx.caller, *key, ref, file->second.filename, file->second.content,
                        ctx.request.Param("title"));
  if (!r.ok()) return ShowEntry(app, ctx, out, *key, ref, &r.error());
  Redirect(out, EntryHref(*key, ref, "soa_evidence_added"));
}

void PostLink(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  std::string ref = ctx.request.path_params.at("control_ref");
  json body = {{"url", ctx.request.Param("url")}, {"title", ctx.request.Param("title")}};
  auto r = app.soa.AddLink(*ctx.caller, *key, ref, body);
  if (!r.ok()) return ShowEntry(app, ctx, out, *key, ref, &r.error());
  Redirect(out, EntryHref(*key, ref, "soa_evidence_added"));
}

void PostDeleteEvidence(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  std::string ref = ctx.request.Param("ref");
  Status s = app.soa.DeleteEvidence(*ctx.caller, key->org_unit_id,
                                    std::stoll(ctx.request.path_params.at("evidence_id")),
                                    Digits(ctx.request.Param("version")));
  if (!s.ok()) return ShowEntry(app, ctx, out, *key, ref, &s.error());
  Redirect(out, EntryHref(*key, ref, "soa_evidence_removed"));
}

void ShowVersions(App& app, RequestContext& ctx, HttpResponse& out, const SoaKey& key,
                  const Error* failure) {
  auto document = app.soa.Get(*ctx.caller, key);
  if (!document.ok()) return WriteErrorPage(out, ctx, document.error());
  auto versions = app.soa.Versions(*ctx.caller, key);
  if (!versions.ok()) return WriteErrorPage(out, ctx, versions.error());
  json rows = json::array();
  for (const auto& v : versions->items) {
    json row = v;
    row["href"] = Base(key) + "/versions/" + Str(v["number"]) + Query(key);
    rows.push_back(row);
  }
  json data = {{"org_name", (*document)["org_unit"]},
               {"framework_name", (*document)["framework_name"]},
               {"back_href", Base(key) + Query(key)},
               {"versions", rows},
               {"has_versions", !rows.empty()},
               {"may_issue", app.soa.MayIssue(*ctx.caller, key.org_unit_id)},
               {"issue_action", Base(key) + "/versions" + Query(key)}};
  if (failure) data["error"] = Messages::Embedded().ErrorText(ctx.language, *failure);
  WritePage(out, ctx, "soa_versions", "soa.versions.title", "soa", std::move(data),
            PageStatus(failure));
}

void GetVersions(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  ShowVersions(app, ctx, out, *key, nullptr);
}

void PostIssue(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  auto r = app.soa.Issue(*ctx.caller, *key, {{"note", ctx.request.Param("note")}});
  if (!r.ok()) return ShowVersions(app, ctx, out, *key, &r.error());
  Redirect(out,
           Base(*key) + "/versions/" + Str((*r)["number"]) + Query(*key) + "&notice=soa_issued");
}

void GetSoaVersionPage(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequirePageCaller(ctx, out)) return;
  auto key = PageKey(app, ctx);
  if (!key.ok()) return WriteErrorPage(out, ctx, key.error());
  const std::string& n = ctx.request.path_params.at("number");
  auto number = Digits(n);
  if (!number) return WriteNotFoundPage(out, ctx);
  auto version = app.soa.Version(*ctx.caller, *key, *number);
  if (!version.ok()) return WriteErrorPage(out, ctx, version.error());
  const json& v = *version;
  std::string api = ApiBase(*key) + "/versions/" + n + "/export" + Query(*key);
  json data = {{"org_name", v["soa"]["org_unit"]},
               {"framework_name", v["soa"]["framework_name"]},
               {"number", v["number"]},
               {"issued_on", v["issued_on"]},
               {"approved_by_name", v["approved_by_name"]},
               {"note", v["note"]},
               {"back_href", Base(*key) + "/versions" + Query(*key)},
               {"xlsx_href", api + "&format=xlsx"},
               {"pdf_href", api + "&format=pdf"}};
  AddSoaHtml(ctx, data, v["soa"], nullptr);
  data["title"] = Text(ctx, "soa.version_title", {{"number", n}});
  WritePage(out, ctx, "soa_version", "", "soa", std::move(data));
}

}  // namespace

void RegisterSoaPages(Router& router, App& app) {
  const std::string base = "/org-units/{id}/soa";
  router.Add("GET", "/soa", Bind(app, GetChoose));
  router.Add("GET", base, Bind(app, GetSoa));
  router.Add("GET", base + "/versions", Bind(app, GetVersions));
  router.Add("POST", base + "/versions", Bind(app, PostIssue));
  router.Add("GET", base + "/versions/{number}", Bind(app, GetSoaVersionPage));
  router.Add("POST", base + "/evidence/{evidence_id}/delete", Bind(app, PostDeleteEvidence));
  router.Add("GET", base + "/{control_ref}", Bind(app, GetEntry));
  router.Add("POST", base + "/{control_ref}", Bind(app, PostEntry));
  router.Add("POST", base + "/{control_ref}/evidence", Bind(app, PostUpload));
  router.Add("POST", base + "/{control_ref}/links", Bind(app, PostLink));
}

}  // namespace lis::http
