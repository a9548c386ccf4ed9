#pragma once
// The one project exception type. Domain and store code throw it; the web layer maps its kind
// to an HTTP status and shows its Japanese message. Bugs throw anything else and become 500.
//
// Every Error also carries a stable, machine-readable code for API clients, who branch on it and
// never on the message: the kind's own code unless the thrower names a more specific one (the
// table is in docs/api.md; add a code there when you add one here).
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai {

enum class ErrorKind {
  invalid,         // input failed validation (422)
  bad_request,     // request could not be parsed at all (400)
  not_found,       // unknown id or path (404)
  conflict,        // the change contradicts stored data, e.g. a record still referenced (409)
  unauthorized,    // sign-in required (401)
  forbidden,       // signed in but not allowed (403)
  payload_too_large,
  unsupported_media_type,
  unavailable,     // the database is busy or locked by another writer; try again shortly (503)
};

// Specific codes, for cases a client may want to tell apart from others of the same kind.
namespace error_code {
inline constexpr std::string_view still_referenced = "still_referenced";    // conflict: delete blocked by references
inline constexpr std::string_view duplicate = "duplicate";                  // conflict/invalid: a unique value is taken
inline constexpr std::string_view reference_missing = "reference_missing";  // invalid: the referenced record does not exist
inline constexpr std::string_view login_required = "login_required";        // unauthorized: a change without an account
inline constexpr std::string_view invalid_token = "invalid_token";          // unauthorized: unknown or ended API token
inline constexpr std::string_view csrf = "csrf";                            // forbidden: missing or wrong CSRF token
inline constexpr std::string_view database_busy = "database_busy";          // unavailable: another writer holds the lock
inline constexpr std::string_view internal = "internal";                    // 500: a bug, details only in the log
}  // namespace error_code

// The code of an Error that names none.
constexpr std::string_view default_code(ErrorKind kind) noexcept {
  switch (kind) {
    case ErrorKind::invalid: return "invalid";
    case ErrorKind::bad_request: return "bad_request";
    case ErrorKind::not_found: return "not_found";
    case ErrorKind::conflict: return "conflict";
    case ErrorKind::unauthorized: return "unauthorized";
    case ErrorKind::forbidden: return "forbidden";
    case ErrorKind::payload_too_large: return "payload_too_large";
    case ErrorKind::unsupported_media_type: return "unsupported_media_type";
    case ErrorKind::unavailable: return "unavailable";
  }
  return "internal";
}

struct FieldError {
  std::string field;    // name of the field or CSV column; empty when not about one field
  std::string message;  // Japanese, for people
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), kind_(kind), code_(default_code(kind)) {
    if (!field.empty()) fields_.push_back({std::move(field), what()});
  }
  Error(ErrorKind kind, std::vector<FieldError> fields)
      : std::runtime_error(fields.empty() ? std::string("入力内容を確認してください。")
                                          : fields.front().message),
        kind_(kind),
        code_(default_code(kind)),
        fields_(std::move(fields)) {}

  // Names a specific code (one of error_code): `throw Error(kind, message).with_code(error_code::duplicate);`
  Error&& with_code(std::string_view code) && {
    code_ = code;
    return std::move(*this);
  }

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& code() const noexcept { return code_; }
  const std::vector<FieldError>& fields() const noexcept { return fields_; }

 private:
  ErrorKind kind_;
  std::string code_;
  std::vector<FieldError> fields_;
};

}  // namespace sasaeai
