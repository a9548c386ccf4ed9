#include "core/dates.hpp"
#include "core/japanese_era.hpp"

#include <algorithm>
#include <cstdio>

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

std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text) {
  // yyyy-mm-ddThh:mm:ss, then Z, or .f…Z
  if (text.size() < 20 || (text[10] != 'T' && text[10] != ' ') || text[13] != ':' || text[16] != ':') return std::nullopt;
  const auto date = parse_iso(text.substr(0, 10));
  const auto h = digits(text.substr(11, 2)), m = digits(text.substr(14, 2)), s = digits(text.substr(17, 2));
  if (!date || !h || !m || !s || *h > 23 || *m > 59 || *s > 59) return std::nullopt;
  auto rest = text.substr(19);
  if (rest.front() == '.') {
    rest.remove_prefix(1);
    std::size_t n = 0;
    while (n < rest.size() && rest[n] >= '0' && rest[n] <= '9') ++n;
    if (n == 0) return std::nullopt;
    rest.remove_prefix(n);
  }
  if (rest != "Z") return std::nullopt;
  return std::chrono::sys_days(*date) + std::chrono::hours(*h) + std::chrono::minutes(*m) + std::chrono::seconds(*s);
}

std::string to_utc_timestamp(std::chrono::sys_seconds at) {
  const auto day = std::chrono::floor<std::chrono::days>(at);
  const std::chrono::hh_mm_ss time(at - day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%sT%02d:%02d:%02dZ", to_iso(Date(day)).c_str(), static_cast<int>(time.hours().count()),
                static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count()));
  return buffer;
}

LocalTime japan_time(std::chrono::sys_seconds at) {
  // Japan's wall clock read as if it were UTC: the instant moved by the offset.
  const auto local = at + kJapanOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::hh_mm_ss time(local - day);
  return {Date(day), static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()), static_cast<int>(time.seconds().count())};
}

std::optional<LocalTime> japan_time(std::string_view utc_timestamp) {
  const auto at = parse_utc_timestamp(utc_timestamp);
  if (!at) return std::nullopt;
  return japan_time(*at);
}

std::string japan_day_start_utc(Date date) {
  return to_utc_timestamp(std::chrono::sys_seconds(std::chrono::sys_days(date)) - kJapanOffset);
}

Date today() {
  return japan_time(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())).date;
}

int fiscal_year_of(Date date) {
  const int year = static_cast<int>(date.year());
  return static_cast<unsigned>(date.month()) >= 4 ? year : year - 1;
}

Date fiscal_year_first(int fiscal_year) {
  return Date{std::chrono::year(fiscal_year), std::chrono::April, std::chrono::day(1)};
}

Date fiscal_year_last(int fiscal_year) {
  return Date{std::chrono::year(fiscal_year + 1), std::chrono::March, std::chrono::day(31)};
}

std::string fiscal_year_label(int fiscal_year) {
  // The era in force for most of the year, counted from the year it began in: 平成31年 ended on
  // 4月30日, so 2019年度 is 令和元年度; 1988年度 stays 昭和63年度 (平成 began in its tenth month).
  std::string era_part;
  for (auto it = eras().rbegin(); it != eras().rend(); ++it) {
    if (fiscal_year < it->first_year() || fiscal_year < 1926) continue;
    const int n = fiscal_year - it->first_year() + 1;
    era_part = std::string(it->name) + (n == 1 ? std::string("元") : std::to_string(n)) + "年度";
    break;
  }
  const auto western = std::to_string(fiscal_year) + "年度";
  return era_part.empty() ? western : era_part + "（" + western + "）";
}

}  // namespace sasaeai::dates
