// The input checks of a declared record type (domain/records/record_type.h).
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <vector>

#include "core/status.h"
#include "domain/records/record_type.h"
#include "service/input.h"

namespace lis::service {

// The declared fields as CheckInput takes them: a choice, a date and a time as text, a
// reference as an integer, a list of references as a list of integers.
std::vector<InputField> InputFieldsOf(const domain::RecordType& type);

// A create (or, with `for_update`, an update) body checked against the declaration: what
// CheckInput checks (unknown, missing, null, wrong type, too long, bad text), then each value
// present against what its declaration says beyond its type — one of its choices
// ("error.field_not_choice", listing them), an integer within its range
// ("error.field_out_of_range"), a date ("error.field_not_date"), a time
// ("error.field_not_time"). Errors name the field; nothing when the body may be written.
Status CheckRecordInput(const domain::RecordType& type, const nlohmann::json& body,
                        bool for_update);

// The stored fields of a new record from a create body that CheckRecordInput accepted: each
// input field as given, else its default, else "" (text that may not be null), an empty list
// (references) or null; the
// service sets the others.
nlohmann::json RecordFromInput(const domain::RecordType& type, const nlohmann::json& body);

// `record` as an earlier version was stored, with null for each stored field declared since.
nlohmann::json WithDeclaredFields(const domain::RecordType& type, nlohmann::json record);

// The stored fields of `record` (null where it has none): what an update writes.
nlohmann::json StoredValues(const domain::RecordType& type, const nlohmann::json& record);

}  // namespace lis::service
