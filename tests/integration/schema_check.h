// Answers checked against the API document (/api/v1/openapi.json), as an integrator's
// validator would: the subset of JSON Schema the document uses.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace lis_test {

// The faults of `value` against `schema` of document `doc` (type, enum, required, properties,
// additionalProperties, items, $ref, oneOf, minimum, maximum, maxItems), each naming where it
// is ("items[3].hosting: ..."); empty when it conforms.
std::vector<std::string> SchemaFaults(const nlohmann::json& doc, const nlohmann::json& schema,
                                      const nlohmann::json& value, const std::string& where = "");

// The JSON schema of answer `status` to `method` on `path` (below the document's server URL,
// without a query), or null when the document describes none.
const nlohmann::json* AnswerSchema(const nlohmann::json& doc, const std::string& method,
                                   const std::string& path, int status);

}  // namespace lis_test
