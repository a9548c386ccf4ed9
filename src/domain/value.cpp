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
  if (const auto* d = std::get_if<double>(&v)) return fmt::format("{}", *d);
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
