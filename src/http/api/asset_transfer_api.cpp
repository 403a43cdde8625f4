// Import (POST .../import) and export (GET .../export?format=csv|xlsx) of the asset registers,
// and the export of the deviation and exception registers.
#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "domain/assets/object_record.h"
#include "domain/assets/system_record.h"
#include "domain/deviations/deviation_record.h"
#include "domain/deviations/exception_record.h"
#include "http/api/api_routes.h"
#include "http/api/api_support.h"
#include "http/api/asset_queries.h"
#include "http/api/asset_transfer.h"
#include "http/download.h"
#include "http/pages/org_tree.h"
#include "http/pages/page_support.h"
#include "http/pages/record_view.h"
#include "service/assets/asset_import.h"
#include "service/assets/information_set_service.h"
#include "service/assets/object_service.h"
#include "service/assets/system_service.h"
#include "service/deviations/deviation_service.h"
#include "service/deviations/exception_service.h"

namespace lis::http {

using nlohmann::json;
using service::ImportKind;

namespace {
constexpr long long kExportPage = 5000;
constexpr long long kExportMax = 200000;

json ProblemJson(const RequestContext& ctx, long long row, const std::string& column,
                 const Error& e) {
  return {{"row", row > 0 ? json(row) : json(nullptr)},
          {"column", column.empty() ? json(nullptr) : json(column)},
          {"code", CodeName(e.code)},
          {"message", Messages::Embedded().ErrorText(ctx.language, e)}};
}
}  // namespace

tables::Format UploadFormat(const std::string& content_type, std::string_view bytes) {
  std::string type = content_type.substr(0, content_type.find(';'));
  if (type == kXlsxType) return tables::Format::kXlsx;
  if (type == "text/csv" || type == "application/csv" || type == "text/plain")
    return tables::Format::kCsv;
  return bytes.substr(0, 4) == std::string_view("PK\x03\x04", 4) ? tables::Format::kXlsx
                                                                 : tables::Format::kCsv;
}

Result<ImportAnswer> RunImport(App& app, const RequestContext& ctx, ImportKind kind,
                               std::string_view bytes, tables::Format format, bool dry_run) {
  ImportAnswer answer;
  auto report = app.imports.Import(*ctx.caller, kind, bytes, format, dry_run);
  if (!report.ok()) return report.error();
  if (report->problems.empty()) {
    answer.body = {{"created", report->created}, {"dry_run", dry_run}};
    return answer;
  }
  bool too_large = report->unreadable && report->problems[0].error.code == Code::kTooLarge;
  answer.status = too_large ? 413 : report->unreadable ? 400 : report->Forbidden() ? 403 : 422;
  answer.body = {{"errors", json::array()}};
  for (const auto& p : report->problems)
    answer.body["errors"].push_back(ProblemJson(ctx, p.row, p.column, p.error));
  return answer;
}

namespace {

template <ImportKind K>
void Import(App& app, RequestContext& ctx, HttpResponse& out) {
  if (!RequireCaller(ctx, out)) return;
  const std::string& body = ctx.request.body;
  auto answer = RunImport(app, ctx, K, body, UploadFormat(ctx.request.Header("content-type"), body),
                          ctx.request.Param("dry_run") == "true");
  if (!answer.ok()) return WriteError(out, ctx, answer.error());
  WriteJson(out, answer->status, answer->body);
}

// ---- Export ----

std::string Str(const json& r, const char* key) {
  return r.contains(key) && r[key].is_string() ? r[key].get<std::string>() : std::string();
}

std::string Label(const RequestContext& ctx, const std::string& prefix, const json& r,
                  const char* key) {
  std::string v = Str(r, key);
  return v.empty() ? v : Text(ctx, prefix + v);
}

std::string ClassCell(const json& r) {
  return r.contains("security_class") && r["security_class"].is_number_integer()
             ? std::to_string(r["security_class"].get<long long>())
             : std::string();
}

// Every record the list with `q` shows the caller, read page by page through the service.
template <class Query, class Service>
Result<std::vector<json>> ListAll(Service& service, const service::Caller& caller, Query q) {
  std::vector<json> out;
  for (long long offset = 0; offset < kExportMax; offset += kExportPage) {
    q.page = {kExportPage, offset};
    auto page = service.List(caller, q);
    if (!page.ok()) return page.error();
    for (auto& item : page->items) out.push_back(std::move(item));
    if (page->items.empty() || static_cast<long long>(out.size()) >= page->total) break;
  }
  return out;
}

struct Sheet {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
};

std::string Column(const RequestContext& ctx, ImportKind kind, const std::string& field) {
  return service::ImportColumnName(kind, field, ctx.language);
}

// `items` of a declared type as a sheet: the id, the fields with file columns in words (a
// reference by the name `name_of` gives), and for a classified register the security class.
Sheet DeclaredSheet(const RequestContext& ctx, const domain::RecordType& type,
                    const std::vector<json>& items, const ReferenceName& name_of,
                    bool classified = true) {
  Sheet s;
  s.header.push_back("id");
  for (const auto& f : type.fields)
    if (f.header_sv) s.header.push_back(ctx.language == "sv" ? f.header_sv : f.header_en);
  if (classified) s.header.push_back(Text(ctx, "export.security_class"));
  for (const auto& r : items) {
    std::vector<std::string> row = {std::to_string(r["id"].get<long long>())};
    for (const auto& f : type.fields)
      if (f.header_sv)
        row.push_back(DeclaredValueText(ctx, f, r.value(f.name, json(nullptr)), name_of));
    if (classified) row.push_back(ClassCell(r));
    s.rows.push_back(std::move(row));
  }
  return s;
}

// A register of the deviations area (deviations, exceptions) as a sheet: what its list with the
// request's filters shows the caller, units by name.
template <class Query, class Service>
Result<Sheet> HandlingSheet(App& app, const RequestContext& ctx, Service& service,
                            Result<Query> (*read)(const service::ParamLookup&, long long),
                            const domain::RecordType& type) {
  auto q = read(QueryParams(ctx), ctx.caller->user_id);
  if (!q.ok()) return q.error();
  auto items = ListAll(service, *ctx.caller, *q);
  if (!items.ok()) return items.error();
  auto tree = OrgTree::Load(app, *ctx.caller);
  auto name_of = [&](const domain::FieldDecl&, long long id) {
    return tree.ok() ? tree->NameOf(id) : "";
  };
  return DeclaredSheet(ctx, type, *items, name_of, false);
}

Result<Sheet> DeviationsSheet(App& app, const RequestContext& ctx) {
  return HandlingSheet(app, ctx, app.deviations, service::ReadDeviationListQuery,
                       domain::DeviationRecord());
}

Result<Sheet> ExceptionsSheet(App& app, const RequestContext& ctx) {
  return HandlingSheet(app, ctx, app.exceptions, service::ReadExceptionListQuery,
                       domain::ExceptionRecord());
}

Result<Sheet> ObjectsSheet(App& app, const RequestContext& ctx) {
  auto q = ReadObjectQuery(ctx);
  if (q.ok()) q->class_reasons = false;  // an export lists fields, not reasons
  if (!q.ok()) return q.error();
  auto items = ListAll(app.objects, *ctx.caller, *q);
  if (!items.ok()) return items.error();
  auto tree = OrgTree::Load(app, *ctx.caller);
  auto name_of = [&](const domain::FieldDecl&, long long id) {
    return tree.ok() ? tree->NameOf(id) : "";
  };
  return DeclaredSheet(ctx, domain::ObjectRecord(), *items, name_of);
}

Result<Sheet> SystemsSheet(App& app, const RequestContext& ctx) {
  auto q = ReadSystemQuery(ctx);
  if (q.ok()) q->class_reasons = false;  // an export lists fields, not reasons
  if (!q.ok()) return q.error();
  auto items = ListAll(app.systems, *ctx.caller, *q);
  if (!items.ok()) return items.error();
  auto objects = ListAll(app.objects, *ctx.caller, service::ObjectListQuery{});
  std::map<long long, std::string> object_names;
  if (objects.ok())
    for (const auto& o : *objects) object_names[o["id"].get<long long>()] = Str(o, "name");
  auto name_of = [&](const domain::FieldDecl&, long long id) { return object_names[id]; };
  return DeclaredSheet(ctx, domain::SystemRecord(), *items, name_of);
}

Result<Sheet> SetsSheet(App& app, const RequestContext& ctx) {
  auto q = ReadSetQuery(ctx);
  if (q.ok()) q->class_reasons = false;  // an export lists fields, not reasons
  if (!q.ok()) return q.error();
  auto items = ListAll(app.sets, *ctx.caller, *q);
  if (!items.ok()) return items.error();
  auto tree = OrgTree::Load(app, *ctx.caller);
  Sheet s;
  s.header.push_back("id");
  for (const char* f :
       {"name", "org_unit_id", "description", "personal_data", "secrecy", "retention"})
    s.header.push_back(Column(ctx, ImportKind::kInformationSets, f));
  s.header.push_back(Text(ctx, "export.security_class"));
  // Secrecy-marked details the caller may not read come redacted (null) from the service.
  for (const auto& r : *items)
    s.rows.push_back({std::to_string(r["id"].get<long long>()), Str(r, "name"),
                      tree.ok() ? tree->NameOf(r["org_unit_id"].get<long long>()) : "",
                      Str(r, "description"),
                      Label(ctx, "assets.personal_data.", r, "personal_data"), Str(r, "secrecy"),
                      Str(r, "retention"), ClassCell(r)});
  return s;
}

using SheetFn = Result<Sheet> (*)(App&, const RequestContext&);

void Export(App& app, RequestContext& ctx, HttpResponse& out, SheetFn fn, const std::string& name) {
  if (!RequireCaller(ctx, out)) return;
  std::string format = ctx.request.Param("format");
  if (format.empty()) format = "csv";
  if (format != "csv" && format != "xlsx")
    return WriteError(out, ctx, Invalid("error.export_format", "format"));
  auto sheet = fn(app, ctx);
  if (!sheet.ok()) return WriteError(out, ctx, sheet.error());
  std::string file = name + "." + format;
  if (format == "csv")
    return SendAttachment(out, kCsvType, file, tables::WriteCsv(sheet->header, sheet->rows));
  SendAttachment(out, kXlsxType, file,
                 tables::WriteXlsx(Text(ctx, "export.sheet." + name), sheet->header, sheet->rows));
}

}  // namespace

void RegisterAssetTransferApi(Router& router, App& app) {
  router.Add("POST", "/api/v1/systems/import", Bind(app, Import<ImportKind::kSystems>));
  router.Add("POST", "/api/v1/information-sets/import",
             Bind(app, Import<ImportKind::kInformationSets>));
  router.Add("GET", "/api/v1/objects/export", [&app](RequestContext& c, HttpResponse& o) {
    Export(app, c, o, ObjectsSheet, "objects");
  });
  router.Add("GET", "/api/v1/systems/export", [&app](RequestContext& c, HttpResponse& o) {
    Export(app, c, o, SystemsSheet, "systems");
  });
  router.Add("GET", "/api/v1/deviations/export", [&app](RequestContext& c, HttpResponse& o) {
    Export(app, c, o, DeviationsSheet, "deviations");
  });
  router.Add("GET", "/api/v1/exceptions/export", [&app](RequestContext& c, HttpResponse& o) {
    Export(app, c, o, ExceptionsSheet, "exceptions");
  });
  router.Add("GET", "/api/v1/information-sets/export", [&app](RequestContext& c, HttpResponse& o) {
    Export(app, c, o, SetsSheet, "information-sets");
  });
}

}  // namespace lis::http
