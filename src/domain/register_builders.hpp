#pragma once
// The small builders that keep register declarations readable as a table. Only the files that
// declare registers (domain/registers*.cpp) include this.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/register_spec.hpp"

namespace sasaeai::domain::builders {

inline FieldSpec text(std::string name, std::string label, bool required = false, std::size_t max_length = 200) {
  FieldSpec f;
  f.name = std::move(name);
  f.label = std::move(label);
  f.required = required;
  f.max_length = max_length;
  return f;
}

inline FieldSpec typed(FieldType type, std::string name, std::string label, bool required = false) {
  auto f = text(std::move(name), std::move(label), required);
  f.type = type;
  return f;
}

inline FieldSpec number(std::string name, std::string label, std::optional<double> min, std::optional<double> max,
                 FieldType type = FieldType::integer) {
  auto f = typed(type, std::move(name), std::move(label));
  f.min = min;
  f.max = max;
  return f;
}

inline FieldSpec choice(std::string name, std::string label, std::vector<std::string> values, bool required = true) {
  auto f = typed(FieldType::choice, std::move(name), std::move(label), required);
  for (auto& v : values) f.choices.push_back({v, v});
  return f;
}

inline FieldSpec reference(std::string name, std::string label, std::string_view target, bool required,
                    OnDelete on_delete = OnDelete::restrict) {
  auto f = typed(FieldType::reference, std::move(name), std::move(label), required);
  f.ref_register = std::string(target);
  f.on_delete = on_delete;
  return f;
}

inline FieldSpec listed(FieldSpec f, bool filterable = false) {
  f.in_list = true;
  f.filterable = filterable;
  return f;
}

// Personal data: shown only to roles allowed to see it (app/policy.hpp).
inline FieldSpec personal(FieldSpec f) {
  f.personal = true;
  return f;
}

inline FieldSpec required(FieldSpec f) {
  f.required = true;
  return f;
}

inline FieldSpec with_help(FieldSpec f, std::string help) {
  f.help = std::move(help);
  return f;
}

// Years and display orders read as they are (2017, not 2,017).
inline FieldSpec plain(FieldSpec f) {
  f.digit_groups = false;
  return f;
}

// A year or 年度, stored as its Western number (2025): typed as 2025, 令和7, 令和7年度 or R7.
inline FieldSpec year(FieldSpec f) {
  f.year = true;
  f.digit_groups = false;
  return f;
}

inline std::vector<std::string> words(std::initializer_list<std::string_view> list) { return {list.begin(), list.end()}; }

}  // namespace sasaeai::domain::builders
