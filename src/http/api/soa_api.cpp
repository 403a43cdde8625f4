// The statement of applicability under /api/v1/org-units/{id}/soa (service/controls/
// soa_service.h): the SoA, its gap view, entries, evidence, issued versions and exports.
#include <nlohmann/json.hpp>

#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/soa_export.h"
#include "http/download.h"
#include "service/controls/soa_service.h"

namespace lis::http {

using nlohmann::json;

namespace {

// The organisation from the path and ?framework_id= (required).
Result<service::SoaKey> ReadKey(const RequestContext& ctx) {
  auto framework = OptionalIntParam(ctx, "framework_id");
  if (!framework.ok()) return framework.error();
  if (!*framework) return Invalid("error.field_missing", "framework_id");
  return service::SoaKey{PathId(ctx), **framework};
}

std::string Ref(const RequestContext& ctx) {
  return ctx.request.path_params.at("control_ref");
}

// The version number of the path, or nothing when it is not a positive integer.
std::optional<long long> Number(const RequestContext& ctx) {
  const std::string& s = ctx.request.path_params.at("number");
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos ||
      s[0] == '0')
    return std::nullopt;
  return std::stoll(s);
}

// Runs `fn(key)` for a signed-in caller with a readable key and answers its result.
template <class Fn>
void WithKey(RequestContext& ctx, HttpResponse& out, Fn fn, int ok_status = 200) {
  if (!RequireCaller(ctx, out)) return;
  auto key = ReadKey(ctx);
  if (!key.ok()) return WriteError(out, ctx, key.error());
  Reply(out, ctx, fn(*key), ok_status);
}

void GetSoa(App& app, RequestContext& ctx, HttpResponse& out) {
  WithKey(ctx, out, [&](const service::SoaKey& k) { return app.soa.Get(*ctx.caller, k); });
}

void GetSummary(App& app, RequestContext& ctx, HttpResponse& out) {
  WithKey(ctx, out, [&](const service::SoaKey& k) { return app.soa.Summary(*ctx.caller, k); });
}

void GetEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  WithKey(ctx, out,
          [&](const service::SoaKey& k) { return app.soa.Entry(*ctx.caller, k, Ref(ctx)); });
}

void PatchEntry(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto body = ReadUpdateBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  WithKey(ctx, out, [&](const service::SoaKey& k) {
    return app.soa.Update(*ctx.caller, k, Ref(ctx), *body);
  });
}

// A multipart/form-data body with the file in "file" (and an optional "title") adds a file;
// a JSON body {"url", "title"?} a link.
void AddEvidence(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  if (ctx.request.IsMultipart()) {
    auto file = ctx.request.files.find("file");
    WithKey(
        ctx, out,
        [&](const service::SoaKey& k) -> Result<json> {
          if (file == ctx.request.files.end()) return Invalid("error.field_missing", "file");
          return app.soa.AddFile(*ctx.caller, k, Ref(ctx), file->second.filename,
                                 file->second.content, ctx.request.Param("title"));
        },
        201);
    return;
  }
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return WriteError(out, ctx, body.error());
  WithKey(
      ctx, out,
      [&](const service::SoaKey& k) { return app.soa.AddLink(*ctx.caller, k, Ref(ctx), *body); },
      201);
}

void DownloadEvidence(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto file = app.soa.File(*ctx.caller, PathId(ctx), PathId(ctx, "evidence_id"));
  if (!file.ok()) return WriteError(out, ctx, file.error());
  SendAttachment(out, "application/octet-stream", file->file_name, std::move(file->bytes));
}

void DeleteEvidence(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto version = OptionalIntParam(ctx, "version");
  if (!version.ok()) return WriteError(out, ctx, version.error());
  Status s = app.soa.DeleteEvidence(*ctx.caller, PathId(ctx), PathId(ctx, "evidence_id"), *version);
  if (!s.ok()) return WriteError(out, ctx, s.error());
  out.status = 204;
}

void IssueVersion(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  json body = json::object();
  if (!ctx.request.body.empty()) {
    auto read = ReadJsonBody(ctx);
    if (!read.ok()) return WriteError(out, ctx, read.error());
    body = *read;
  }
  WithKey(
      ctx, out, [&](const service::SoaKey& k) { return app.soa.Issue(*ctx.caller, k, body); }, 201);
}

void ListVersions(App& app, RequestContext& ctx, HttpResponse& out) {
  WithKey(ctx, out, [&](const service::SoaKey& k) -> Result<json> {
    auto page = app.soa.Versions(*ctx.caller, k);
    if (!page.ok()) return page.error();
    return json{{"items", page->items}, {"total", page->total}};
  });
}

void GetSoaVersion(App& app, RequestContext& ctx, HttpResponse& out) {
  WithKey(ctx, out, [&](const service::SoaKey& k) -> Result<json> {
    auto n = Number(ctx);
    if (!n) return NotFound();
    return app.soa.Version(*ctx.caller, k, *n);
  });
}

// Sends the export of `document` (and `version`, null for the current SoA).
void SendExport(RequestContext& ctx, HttpResponse& out, const json& document, const json& version) {
  auto file = ExportSoa(service::LocalisedSoa(document, ctx.language), version,
                        ctx.request.Param("format"), ctx.language);
  if (!file.ok()) return WriteError(out, ctx, file.error());
  SendAttachment(out, file->content_type, file->file_name, std::move(file->bytes));
}

void ExportCurrent(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto key = ReadKey(ctx);
  if (!key.ok()) return WriteError(out, ctx, key.error());
  auto document = app.soa.Get(*ctx.caller, *key);
  if (!document.ok()) return WriteError(out, ctx, document.error());
  SendExport(ctx, out, *document, nullptr);
}

void ExportVersion(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  auto key = ReadKey(ctx);
  if (!key.ok()) return WriteError(out, ctx, key.error());
  auto n = Number(ctx);
  if (!n) return WriteError(out, ctx, NotFound());
  auto version = app.soa.Version(*ctx.caller, *key, *n);
  if (!version.ok()) return WriteError(out, ctx, version.error());
  SendExport(ctx, out, (*version)["soa"], *version);
}

}  // namespace

void RegisterSoaApi(Router& router, App& app) {
  const std::string base = "/api/v1/org-units/{id}/soa";
  router.Add("GET", base, Bind(app, GetSoa));
  router.Add("GET", base + "/summary", Bind(app, GetSummary));
  router.Add("GET", base + "/export", Bind(app, ExportCurrent));
  router.Add("GET", base + "/versions", Bind(app, ListVersions));
  router.Add("POST", base + "/versions", Bind(app, IssueVersion));
  router.Add("GET", base + "/versions/{number}", Bind(app, GetSoaVersion));
  router.Add("GET", base + "/versions/{number}/export", Bind(app, ExportVersion));
  router.Add("GET", base + "/evidence/{evidence_id}/file", Bind(app, DownloadEvidence));
  router.Add("DELETE", base + "/evidence/{evidence_id}", Bind(app, DeleteEvidence));
  router.Add("GET", base + "/{control_ref}", Bind(app, GetEntry));
  router.Add("PATCH", base + "/{control_ref}", Bind(app, PatchEntry));
  router.Add("POST", base + "/{control_ref}/evidence", Bind(app, AddEvidence));
}

}  // namespace lis::http
