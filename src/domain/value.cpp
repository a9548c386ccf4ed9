#include "domain/value.hpp"

#include <fmt/format.h>

#include <cmath>

namespace sasaeai::domain {

std::optional<std::int64_t> as_int(const Value& v) {
  if (const auto* i = std::get_if<std::int64_t>(&v)) return *i;
  if (const auto* d = std::get_if<double>(&v)) return static_cast<std::int64_t>(std::llround(*d));
  return std::nullopt;
}

std::optional<double> as_double(const Value& v) {
  if (const auto* d = std::get_if<double>(&v)) return *d;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return static_cast<double>(*i);
  return std::nullopt;
}

std::string as_text(const Value& v) {
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* i = std::get_if<std::int64_t>(&v)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&v)) {
    // Plain decimals (0.00001, not 1e-05): the text must parse back as the same field.
    auto text = fmt::format("{:.12f}", *d);
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    return text == "-0" ? "0" : text;
  }
  return {};
}

const Value& Record::get(std::string_view field) const {
  static const Value kNull;
  auto it = values.find(field);
  return it == values.end() ? kNull : it->second;
}

std::string Record::ref_title(std::string_view field) const {
  auto it = ref_titles.find(field);
  return it == ref_titles.end() ? std::string() : it->second;
}

}  // namespace sasaeai::domain
