#pragma once
// The one project exception type. Domain and store code throw it; the web layer maps its kind
// to an HTTP status and shows its Japanese message. Bugs throw anything else and become 500.
#include <stdexcept>
#include <string>
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
};

struct FieldError {
  std::string field;    // name of the field or CSV column; empty when not about one field
  std::string message;  // Japanese, for people
};

class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, std::string message, std::string field = {})
      : std::runtime_error(std::move(message)), kind_(kind) {
    if (!field.empty()) fields_.push_back({std::move(field), what()});
  }
  Error(ErrorKind kind, std::vector<FieldError> fields)
      : std::runtime_error(fields.empty() ? std::string("入力内容を確認してください。")
                                          : fields.front().message),
        kind_(kind),
        fields_(std::move(fields)) {}

  ErrorKind kind() const noexcept { return kind_; }
  const std::vector<FieldError>& fields() const noexcept { return fields_; }

 private:
  ErrorKind kind_;
  std::vector<FieldError> fields_;
};

}  // namespace sasaeai
