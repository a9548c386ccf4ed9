#include "core/dates.hpp"

#include <algorithm>
#include <cstdio>
#include <ctime>

#include "core/error.hpp"

namespace sasaeai::dates {

namespace {

std::optional<unsigned> digits(std::string_view text) {
  unsigned value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  return value;
}

}  // namespace

std::optional<Date> parse_iso(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto y = digits(text.substr(0, 4)), m = digits(text.substr(5, 2)), d = digits(text.substr(8, 2));
  if (!y || !m || !d) return std::nullopt;
  const Date date{std::chrono::year(static_cast<int>(*y)), std::chrono::month(*m), std::chrono::day(*d)};
  if (!date.ok()) return std::nullopt;
  return date;
}

std::string to_iso(Date date) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return buffer;
}

Date months_before(Date date, int months) {
  const std::chrono::year_month month = std::chrono::year_month(date.year(), date.month()) - std::chrono::months(months);
  const auto last = std::chrono::year_month_day_last(month.year(), std::chrono::month_day_last(month.month())).day();
  return Date{month.year(), month.month(), std::min(date.day(), last)};
}

std::string months_before(std::string_view iso_date, int months) {
  const auto date = parse_iso(iso_date);
  if (!date) throw Error(ErrorKind::invalid, "日付は 2026-04-01 の形で書いてください");
  return to_iso(months_before(*date, months));
}

Date today() {
  // libstdc++ 12 has no time zone database (std::chrono::current_zone), so the C library
  // supplies the local calendar day.
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{std::chrono::year(local.tm_year + 1900), std::chrono::month(static_cast<unsigned>(local.tm_mon + 1)),
              std::chrono::day(static_cast<unsigned>(local.tm_mday))};
}

}  // namespace sasaeai::dates
