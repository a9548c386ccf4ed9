#pragma once
// A register record as typed values keyed by field name. Registers are described by data
// (register_spec.hpp) so that forms, JSON, validation and storage share one definition.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>

namespace sasaeai::domain {

using Id = std::int64_t;

// Empty (monostate) means NULL / not given.
using Value = std::variant<std::monostate, std::int64_t, double, std::string>;

inline bool is_null(const Value& v) { return std::holds_alternative<std::monostate>(v); }
std::optional<std::int64_t> as_int(const Value& v);
std::optional<double> as_double(const Value& v);
std::string as_text(const Value& v);  // "" for null; numbers in their shortest form

// Field name → text as sent; nullopt means an explicit null (JSON null).
using Input = std::map<std::string, std::optional<std::string>, std::less<>>;

struct Record {
  Id id = 0;
  std::map<std::string, Value, std::less<>> values;
  // Display titles of referenced records, keyed by the reference field name (e.g. district_id).
  std::map<std::string, std::string, std::less<>> ref_titles;
  // Personal fields were emptied because the reader may not see them.
  bool personal_hidden = false;

  const Value& get(std::string_view field) const;
  std::string text(std::string_view field) const { return as_text(get(field)); }
  std::optional<std::int64_t> integer(std::string_view field) const { return as_int(get(field)); }
  std::string ref_title(std::string_view field) const;
};

}  // namespace sasaeai::domain
