#pragma once
// Errors of forms that save many rows at once (an attendance sheet, a month's hours).
#include <string>
#include <utility>
#include <vector>

#include "core/error.hpp"

namespace sasaeai::app {

// The same error with the row's person before each message (「山田 花子さんの行: …」). A conflict
// with stored data is that row's mistake to correct: invalid.
inline Error about_row(const Error& e, const std::string& who) {
  std::vector<FieldError> fields;
  if (e.fields().empty()) {
    fields.push_back({"", who + "さんの行: " + e.what()});
  } else {
    for (const auto& f : e.fields()) fields.push_back({f.field, who + "さんの行: " + f.message});
  }
  return Error(e.kind() == ErrorKind::conflict ? ErrorKind::invalid : e.kind(), std::move(fields));
}

}  // namespace sasaeai::app
