#include "http/multipart.h"

#include <string_view>

namespace lis::http {

namespace {

// The value of `name="..."` (or name=token) in a header line such as Content-Disposition.
std::string HeaderParam(std::string_view header, std::string_view name) {
  size_t pos = 0;
  while ((pos = header.find(name, pos)) != std::string_view::npos) {
    bool starts = pos == 0 || header[pos - 1] == ' ' || header[pos - 1] == ';';
    size_t eq = pos + name.size();
    pos = eq;
    if (!starts || eq >= header.size() || header[eq] != '=') continue;
    ++eq;
    if (eq < header.size() && header[eq] == '"') {
      size_t end = header.find('"', eq + 1);
      if (end == std::string_view::npos) return {};
      return std::string(header.substr(eq + 1, end - eq - 1));
    }
    size_t end = header.find(';', eq);
    return std::string(header.substr(eq, end == std::string_view::npos ? end : end - eq));
  }
  return {};
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void AddPart(HttpRequest& req, std::string_view part) {
  size_t split = part.find("\r\n\r\n");
  if (split == std::string_view::npos) return;
  std::string_view headers = part.substr(0, split), content = part.substr(split + 4);
  std::string disposition, type;
  size_t pos = 0;
  while (pos < headers.size()) {
    size_t end = headers.find("\r\n", pos);
    if (end == std::string_view::npos) end = headers.size();
    std::string_view line = headers.substr(pos, end - pos);
    pos = end + 2;
    size_t colon = line.find(':');
    if (colon == std::string_view::npos) continue;
    std::string key = Lower(line.substr(0, colon));
    std::string_view value = line.substr(colon + 1);
    while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    if (key == "content-disposition") disposition = value;
    if (key == "content-type") type = value;
  }
  std::string name = HeaderParam(disposition, "name");
  if (name.empty()) return;
  if (disposition.find("filename=") != std::string::npos)
    req.files[name] = {HeaderParam(disposition, "filename"), type, std::string(content)};
  else
    req.params.emplace(name, std::string(content));
}

}  // namespace

void ReadMultipart(HttpRequest& req) {
  std::string boundary = HeaderParam(req.Header("content-type"), "boundary");
  if (boundary.empty()) return;
  const std::string delimiter = "--" + boundary;
  std::string_view body = req.body;
  size_t pos = body.find(delimiter);
  while (pos != std::string_view::npos) {
    pos += delimiter.size();
    if (body.substr(pos, 2) == "--") return;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return;
    pos += 2;
    size_t next = body.find("\r\n" + delimiter, pos);
    if (next == std::string_view::npos) return;
    AddPart(req, body.substr(pos, next - pos));
    pos = next + 2;
  }
}

}  // namespace lis::http
