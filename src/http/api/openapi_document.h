// The API document served at /api/v1/openapi.json: web/openapi.json, written by hand for what
// is not declared, with the schemas of the declared record types (domain/records) generated
// from their declarations and an operationId on every operation.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>

namespace lis::http {

// The document, made once.
const nlohmann::json& OpenApiDocument();
// The document as the API serves it.
const std::string& OpenApiText();

}  // namespace lis::http
