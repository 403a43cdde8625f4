// Expected errors as values. A Status or Result crosses layer boundaries; exceptions are
// kept for the unexpected (a lost database connection, a bug).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace lis {

// Stable error codes. The HTTP layer maps each to one status code; clients rely on the names.
enum class Code {
  kInvalid,          // 400: the input is wrong; `field` names the part
  kUnauthenticated,  // 401
  kForbidden,        // 403
  kNotFound,         // 404
  kConflict,         // 409: stale version or a rule about other records
  kTooLarge,         // 413
  kLocked,           // 429: too many failed logins
  kUnavailable,      // 503: the database does not answer
  kInternal,         // 500
};

const char* CodeName(Code code);

// An error for a user. `message_key` is a key in the message catalogue and `args` fill its
// {placeholders}, so the same error reads in Swedish on a page and in English in the API.
struct Error {
  Code code = Code::kInternal;
  std::string message_key;
  std::map<std::string, std::string> args;
  std::string field;         // the input field at fault, if any
  std::string current_json;  // for kConflict: the record as it is now, as JSON
  // For a refused batch (an import): every problem, each naming its entry (args "index",
  // "code") and field.
  std::vector<Error> details;

  Error& WithField(std::string f) {
    field = std::move(f);
    return *this;
  }
  Error& With(const std::string& name, std::string value) {
    args[name] = std::move(value);
    return *this;
  }
};

inline Error MakeError(Code code, std::string key) {
  Error e;
  e.code = code;
  e.message_key = std::move(key);
  return e;
}
inline Error Invalid(std::string key, std::string field) {
  Error e = MakeError(Code::kInvalid, std::move(key));
  e.field = field;
  e.args["field"] = std::move(field);
  return e;
}
inline Error NotFound() {
  return MakeError(Code::kNotFound, "error.not_found");
}
inline Error Forbidden() {
  return MakeError(Code::kForbidden, "error.forbidden");
}

// Either success or an Error.
class Status {
 public:
  Status() = default;
  Status(Error e) : error_(std::move(e)) {}  // NOLINT: implicit by design
  bool ok() const { return !error_.has_value(); }
  const Error& error() const { return *error_; }

 private:
  std::optional<Error> error_;
};

// Either a value or an Error.
template <class T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT
  Result(Error e) : v_(std::move(e)) {}      // NOLINT
  bool ok() const { return v_.index() == 0; }
  T& value() { return std::get<0>(v_); }
  const T& value() const { return std::get<0>(v_); }
  T& operator*() { return value(); }
  T* operator->() { return &value(); }
  const Error& error() const { return std::get<1>(v_); }
  Status status() const { return ok() ? Status() : Status(error()); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace lis
