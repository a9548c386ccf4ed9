#include "core/japanese_era.hpp"

#include <regex>
#include <string>

namespace sasaeai::dates {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;

constexpr Date ymd(int y, unsigned m, unsigned d) { return Date{year{y}, month{m}, day{d}}; }

std::string year_number(int era_year) { return era_year == 1 ? std::string("元") : std::to_string(era_year); }

}  // namespace

const std::vector<Era>& eras() {
  // 明治 is counted from 1873-01-01, the day the Gregorian calendar came into use; earlier days
  // were dated by the lunisolar calendar and do not map day for day.
  static const std::vector<Era> list = {
      {"明治", "M", ymd(1868, 1, 1), ymd(1912, 7, 29)},
      {"大正", "T", ymd(1912, 7, 30), ymd(1926, 12, 24)},
      {"昭和", "S", ymd(1926, 12, 25), ymd(1989, 1, 7)},
      {"平成", "H", ymd(1989, 1, 8), ymd(2019, 4, 30)},
      {"令和", "R", ymd(2019, 5, 1), ymd(9999, 12, 31)},
  };
  return list;
}

const Era* era_of(Date date) {
  if (date < ymd(1873, 1, 1)) return nullptr;
  for (const auto& era : eras()) {
    if (date >= era.first && date <= era.last) return &era;
  }
  return nullptr;
}

const Era* find_era(std::string_view name_or_letter) {
  for (const auto& era : eras()) {
    if (name_or_letter == era.name) return &era;
    if (name_or_letter.size() == 1 && (name_or_letter[0] == era.letter[0] || name_or_letter[0] == era.letter[0] - 'A' + 'a')) return &era;
  }
  return nullptr;
}

std::string era_date_label(Date date) {
  const auto y = static_cast<int>(date.year());
  const auto m = static_cast<unsigned>(date.month());
  const auto d = static_cast<unsigned>(date.day());
  const Era* era = era_of(date);
  if (!era) return std::to_string(y) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
  return std::string(era->name) + year_number(y - era->first_year() + 1) + "年" + std::to_string(m) + "月" + std::to_string(d) + "日";
}

std::string era_month_label(int y, unsigned m) {
  const Era* era = era_of(Date{year{y} / month{m} / std::chrono::last});
  if (!era) return "";
  return std::string(era->name) + year_number(y - era->first_year() + 1) + "年" + std::to_string(m) + "月";
}

std::string era_year_label(int y) {
  const Era* era = era_of(ymd(y, 12, 31));
  if (!era) return "";
  return std::string(era->name) + year_number(y - era->first_year() + 1) + "年";
}

std::optional<Date> parse_era_date(std::string_view text) {
  static const std::regex written(R"(^(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日$)");
  static const std::regex lettered(R"(^([MTSHRmtshr])(\d{1,2})([./-])(\d{1,2})\3(\d{1,2})$)");
  const std::string s(text);
  std::smatch m;
  std::string name, era_year, mon, dy;
  if (std::regex_match(s, m, written)) {
    name = m[1], era_year = m[2], mon = m[3], dy = m[4];
  } else if (std::regex_match(s, m, lettered)) {
    name = m[1], era_year = m[2], mon = m[4], dy = m[5];
  } else {
    return std::nullopt;
  }
  const Era* era = find_era(name);
  if (!era) return std::nullopt;
  const int n = era_year == "元" ? 1 : std::stoi(era_year);
  if (n < 1) return std::nullopt;
  const Date date = ymd(era->first_year() + n - 1, static_cast<unsigned>(std::stoi(mon)), static_cast<unsigned>(std::stoi(dy)));
  if (!date.ok() || date < era->first || date > era->last || !era_of(date)) return std::nullopt;
  return date;
}

std::optional<int> parse_era_year(std::string_view text) {
  static const std::regex written(R"(^(明治|大正|昭和|平成|令和|[MTSHRmtshr])(元|\d{1,2})(?:年(?:度)?)?$)");
  const std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, written)) return std::nullopt;
  const Era* era = find_era(m[1].str());
  if (!era) return std::nullopt;
  const int n = m[2] == "元" ? 1 : std::stoi(m[2]);
  const int y = era->first_year() + n - 1;
  if (n < 1 || y > static_cast<int>(era->last.year())) return std::nullopt;
  return y;
}

}  // namespace sasaeai::dates
