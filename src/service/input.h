// Checks a JSON request body against the fields a call accepts, before anything is written.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "core/status.h"

namespace lis::service {

enum class InputType { kInt, kText, kBool, kIntList /* array of integers */, kObject };

struct InputField {
  std::string name;
  InputType type;
  bool required = false;    // must be present on create
  bool nullable = false;    // may be JSON null
  size_t max_length = 200;  // for text, in bytes
};

// `body` must be an object whose every member is one of `fields` (or "version"/"comment" when
// `for_update`) with the right type; on create, required fields must be present and, if text,
// not blank. On update "version" is required. Errors name the field.
Status CheckInput(const nlohmann::json& body, const std::vector<InputField>& fields,
                  bool for_update);

// The "version" of an update body (CheckInput has made sure it is there).
long long InputVersion(const nlohmann::json& body);
// The optional "comment" (why) of a change.
std::string InputComment(const nlohmann::json& body);
// Text value trimmed of surrounding white space.
std::string Trimmed(const std::string& s);

// `values` joined with ", ", for telling a user what is allowed.
std::string JoinedList(const std::vector<std::string>& values);
// A request parameter `name` with a value outside `allowed` (as a user reads it: "a, b, c",
// "0–4", "YYYY-MM-DD"): kInvalid "error.param_value" naming the parameter.
Error BadParamValue(const std::string& name, const std::string& allowed);

}  // namespace lis::service
