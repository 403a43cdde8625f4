#include "http/api/api_support.h"

#include <nlohmann/json.hpp>

#include "core/messages.h"
#include "service/input.h"

namespace lis::http {

using nlohmann::json;

int HttpStatusFor(Code code) {
  switch (code) {
    case Code::kInvalid:
      return 400;
    case Code::kUnauthenticated:
      return 401;
    case Code::kForbidden:
      return 403;
    case Code::kNotFound:
      return 404;
    case Code::kConflict:
      return 409;
    case Code::kTooLarge:
      return 413;
    case Code::kLocked:
      return 429;
    case Code::kUnavailable:
      return 503;
    case Code::kInternal:
      return 500;
  }
  return 500;
}

void WriteJson(HttpResponse& out, int status, const json& body) {
  out.status = status;
  out.content_type = "application/json; charset=utf-8";
  out.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
}

namespace {
// [{"index"?, "code"?, "field", "message"}] of a refused batch.
json DetailsJson(const RequestContext& ctx, const Error& error) {
  json out = json::array();
  for (const auto& d : error.details) {
    json item = {{"field", d.field}, {"message", Messages::Embedded().ErrorText(ctx.language, d)}};
    auto index = d.args.find("index");
    if (index != d.args.end()) item["index"] = std::stoll(index->second);
    auto code = d.args.find("code");
    if (code != d.args.end()) item["code"] = code->second;
    out.push_back(std::move(item));
  }
  return out;
}
}  // namespace

void WriteError(HttpResponse& out, const RequestContext& ctx, const Error& error) {
  json e = {{"code", CodeName(error.code)},
            {"message", Messages::Embedded().ErrorText(ctx.language, error)}};
  if (!error.field.empty()) e["field"] = error.field;
  if (!error.current_json.empty()) e["current"] = json::parse(error.current_json);
  if (!error.details.empty()) e["errors"] = DetailsJson(ctx, error);
  WriteJson(out, HttpStatusFor(error.code), {{"error", e}});
}

Result<json> ReadJsonBody(const RequestContext& ctx) {
  const std::string& body = ctx.request.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos)
    return Invalid("error.body_required", "");
  json parsed = json::parse(body, nullptr, false);
  if (parsed.is_discarded()) {
    if (!service::CheckText("", body, true).ok()) return Invalid("error.body_bad_utf8", "");
    return Invalid("error.json_malformed", "");
  }
  if (!parsed.is_object()) return Invalid("error.body_not_object", "");
  Status text = service::CheckJsonText(parsed);
  if (!text.ok()) return text.error();
  return parsed;
}

Result<json> ReadUpdateBody(const RequestContext& ctx) {
  auto body = ReadJsonBody(ctx);
  if (!body.ok()) return body;
  std::string match = ctx.request.Header("if-match");
  if (match.empty() || body->contains("version")) return body;
  if (match.rfind("W/", 0) == 0) match = match.substr(2);
  if (match.size() >= 2 && match.front() == '"' && match.back() == '"')
    match = match.substr(1, match.size() - 2);
  long long v = 0;
  for (char c : match) {
    if (c < '0' || c > '9' || v > 1000000000000LL)
      return Invalid("error.field_not_version", "If-Match");
    v = v * 10 + (c - '0');
  }
  if (match.empty() || v < 1) return Invalid("error.field_not_version", "If-Match");
  (*body)["version"] = v;
  return body;
}

namespace {
std::optional<long long> ParseInt(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return std::nullopt;
  long long v = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return std::nullopt;
    v = v * 10 + (s[i] - '0');
  }
  return s[0] == '-' ? -v : v;
}
}  // namespace

Result<std::optional<long long>> OptionalIntParam(const RequestContext& ctx,
                                                  const std::string& name) {
  if (!ctx.request.HasParam(name)) return std::optional<long long>();
  auto v = ParseInt(ctx.request.Param(name));
  if (!v) return Invalid("error.field_not_integer", name);
  return std::optional<long long>(*v);
}

Result<service::PageRequest> ReadPage(const RequestContext& ctx, long long default_limit) {
  service::PageRequest page;
  page.limit = default_limit;
  auto limit = OptionalIntParam(ctx, "limit");
  if (!limit.ok()) return limit.error();
  if (*limit) {
    if (**limit < 1 || **limit > 500) return Invalid("error.limit_range", "limit");
    page.limit = **limit;
  }
  auto offset = OptionalIntParam(ctx, "offset");
  if (!offset.ok()) return offset.error();
  if (*offset) {
    if (**offset < 0) return Invalid("error.offset_range", "offset");
    page.offset = **offset;
  }
  return page;
}

service::ParamLookup QueryParams(const RequestContext& ctx) {
  return [&ctx](const std::string& name) -> std::optional<std::string> {
    if (!ctx.request.HasParam(name)) return std::nullopt;
    return ctx.request.Param(name);
  };
}

long long PathId(const RequestContext& ctx, const std::string& name) {
  return std::stoll(ctx.request.path_params.at(name));
}

json ListBody(const store::Page& page, const service::PageRequest& request) {
  return {{"items", page.items},
          {"total", page.total},
          {"limit", request.limit},
          {"offset", request.offset}};
}

template <class T>
void Reply(HttpResponse& out, const RequestContext& ctx, const Result<T>& result, int ok_status) {
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, ok_status, json(result.value()));
}
template void Reply<json>(HttpResponse&, const RequestContext&, const Result<json>&, int);

void ReplyHistory(HttpResponse& out, const RequestContext& ctx,
                  const Result<std::vector<json>>& result) {
  if (!result.ok()) return WriteError(out, ctx, result.error());
  WriteJson(out, 200, {{"items", result.value()}});
}

bool RequireCaller(const RequestContext& ctx, HttpResponse& out) {
  if (ctx.caller) return true;
  WriteError(out, ctx, MakeError(Code::kUnauthenticated, "error.unauthenticated"));
  return false;
}

}  // namespace lis::http
