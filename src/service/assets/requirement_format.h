// The protection-requirement catalogue as data: the record a requirement is stored as, the
// documented file format it is shipped, exported and imported in (README, "Requirement
// catalogue"), and the checks both go through. Pure functions.
#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "core/status.h"
#include "domain/assets/classification.h"

namespace lis::service {

// A requirement as stored and shown by the API: code, area, aspect, min_level, text_sv,
// text_en, guidance_sv, guidance_en (text) and controls (an array of control references).
// Problems of `record` (its field types already right): every one, each naming its field.
std::vector<Error> CheckRequirementRecord(const nlohmann::json& record,
                                          const domain::ClassificationScale& scale);

// One entry of the file format ({"id", "area", "aspect", "min_level", "text": {"sv", "en"},
// "guidance": {"sv", "en"}, "controls": [...]}) as a record; `errors` gets every problem of
// form (unknown or missing fields, wrong types) and of content (CheckRequirementRecord), each
// naming the entry's field ("text.sv").
nlohmann::json RequirementFromEntry(const nlohmann::json& entry,
                                    const domain::ClassificationScale& scale,
                                    std::vector<Error>& errors);
// The record as a file entry.
nlohmann::json RequirementEntry(const nlohmann::json& record);

// A stored row as shown: controls parsed, "requirement_id" the code.
nlohmann::json ShownRequirement(nlohmann::json row);
// The values to store for a record (controls as JSON text).
nlohmann::json StoredRequirement(const nlohmann::json& record);

// Whether two records say the same (code, texts, aspect, level, area, guidance, controls).
bool SameRequirement(const nlohmann::json& a, const nlohmann::json& b);

// The fields of a record that hold its content, in file order.
const std::vector<const char*>& RequirementFields();

}  // namespace lis::service
