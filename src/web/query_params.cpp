#include "web/query_params.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>

#include "core/error.hpp"
#include "text/normalize.hpp"

namespace sasaeai::web {

namespace {

std::optional<std::string> given(const httplib::Request& req, const char* name) {
  if (!req.has_param(name)) return std::nullopt;
  auto text = text::trim(text::nfkc(req.get_param_value(name)));
  if (text.empty()) return std::nullopt;
  return text;
}

std::string range_text(std::int64_t min, std::int64_t max) {
  constexpr auto lowest = std::numeric_limits<std::int64_t>::min(), highest = std::numeric_limits<std::int64_t>::max();
  if (min == lowest && max == highest) return "";
  if (max == highest) return fmt::format("{}以上の", min);
  return fmt::format("{}〜{}の", min, max);
}

}  // namespace

std::int64_t parse_int(const std::string& raw, const char* name, const char* label, std::int64_t min, std::int64_t max) {
  const auto text = text::trim(text::nfkc(raw));
  std::int64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw Error(ErrorKind::invalid, fmt::format("「{}」は{}整数で指定してください", label, range_text(min, max)), name);
  }
  return value;
}

std::optional<std::int64_t> int_param(const httplib::Request& req, const char* name, const char* label, std::int64_t min, std::int64_t max) {
  const auto text = given(req, name);
  if (!text) return std::nullopt;
  return parse_int(*text, name, label, min, max);
}

std::int64_t int_param(const httplib::Request& req, const char* name, const char* label, std::int64_t min, std::int64_t max, std::int64_t fallback) {
  return int_param(req, name, label, min, max).value_or(fallback);
}

std::optional<double> number_param(const httplib::Request& req, const char* name, const char* label, double min, double max) {
  const auto text = given(req, name);
  if (!text) return std::nullopt;
  double value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size() || !std::isfinite(value) || value < min || value > max) {
    const bool bounded = min > std::numeric_limits<double>::lowest() || max < std::numeric_limits<double>::max();
    throw Error(ErrorKind::invalid, bounded ? fmt::format("「{}」は{}〜{}の数で指定してください", label, min, max) : fmt::format("「{}」は数で指定してください", label),
                name);
  }
  return value;
}

double number_param(const httplib::Request& req, const char* name, const char* label, double min, double max, double fallback) {
  return number_param(req, name, label, min, max).value_or(fallback);
}

std::optional<domain::Id> id_param(const httplib::Request& req, const char* name, const char* label) {
  const auto text = given(req, name);
  if (!text) return std::nullopt;
  domain::Id id = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), id);
  if (ec != std::errc() || end != text->data() + text->size() || id <= 0) {
    throw Error(ErrorKind::invalid, fmt::format("「{}」の指定が正しくありません（番号で指定してください）", label), name);
  }
  return id;
}

std::optional<domain::Id> district_param(const httplib::Request& req) { return id_param(req, "district_id", "地区"); }

}  // namespace sasaeai::web
