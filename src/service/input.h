// Checks a JSON request body against the fields a call accepts, before anything is written.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace lis::service {

// kText is one line: valid UTF-8 without control characters (C0, DEL) or bidirectional
// overrides. kLongText is multi-line text: tab, CR and LF are allowed as well.
enum class InputType {
  kInt,
  kNumber,  // an integer or a decimal
  kText,
  kLongText,
  kBool,
  kIntList,  // array of integers
  kObject,
};

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
// Why `text` may not be stored as a text value, as an error naming `field`: invalid UTF-8
// ("error.field_bad_utf8"), a control character other than tab, CR and LF (or any control
// character unless `multiline`: "error.field_control"), or, unless `multiline`, an invisible
// character that can make a name or a file name read as something else: a bidirectional
// control (U+200E, U+200F, U+202A..U+202E, U+2066..U+2069), a zero-width character (U+200B..
// U+200D, U+2060..U+2064, U+FEFF) or a C1 control ("error.field_bidi"). Nothing when it may.
Status CheckText(const std::string& field, std::string_view text, bool multiline);

// Refuses a JSON value that holds a string or an object key with a control character other
// than tab, CR and LF, as CheckText does (multi-line), naming the top-level member it is in.
// Nothing when there is none. (The JSON parser has refused invalid UTF-8 already.)
Status CheckJsonText(const nlohmann::json& body);

// Text value trimmed of surrounding white space.
std::string Trimmed(const std::string& s);

// `values` joined with ", ", for telling a user what is allowed.
std::string JoinedList(const std::vector<std::string>& values);
// A request parameter `name` with a value outside `allowed` (as a user reads it: "a, b, c",
// "0–4", "YYYY-MM-DD"): kInvalid "error.param_value" naming the parameter.
Error BadParamValue(const std::string& name, const std::string& allowed);

}  // namespace lis::service
