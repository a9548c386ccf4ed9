#pragma once
// 和暦: Japan's era names (元号) for reading and writing dates as people in a city office do —
// 令和7年4月1日, R7.4.1, 平成31年4月 — beside the Western calendar the data is stored in.
//
// Each era is kept to the day it began and ended: 平成 ended on 2019-04-30 and 令和 began on
// 2019-05-01, so 平成31年5月1日 and 令和元年4月30日 are not dates. The first year of an era is
// written 元年 (令和元年5月1日); 令和1年 is read as the same year.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/dates.hpp"

namespace sasaeai::dates {

struct Era {
  std::string_view name;    // 令和
  std::string_view letter;  // R (R7.4.1)
  Date first;               // the day it began
  Date last;                // the day it ended (far in the future for the current era)
  int first_year() const { return static_cast<int>(first.year()); }  // the Western year of its 元年
};

// 明治 (from 1873, when Japan took up the Gregorian calendar) to 令和, oldest first.
const std::vector<Era>& eras();
// The era of a day; nullopt before 1873-01-01.
const Era* era_of(Date date);
// An era by its name (令和) or letter (R or r).
const Era* find_era(std::string_view name_or_letter);

// 「令和7年4月1日」「令和元年5月1日」; the Western form 「1872年1月1日」 before the eras we know.
std::string era_date_label(Date date);
// 「平成31年4月」「令和元年5月」: the era in force at the month's end (1989年1月 is 平成元年1月).
std::string era_month_label(int year, unsigned month);
// 「令和7年」 for the era in force at the year's end; empty before 1873.
std::string era_year_label(int year);

// A day written in 和暦 (ASCII digits; fold full-width ones first): 令和7年4月1日, 令和元年5月1日,
// R7.4.1, R7/4/1, R7-4-1, r7.4.1, and 平成31年4月30日. Nullopt for anything else, including a
// day outside its era (平成31年5月1日) or the calendar (令和7年2月29日).
std::optional<Date> parse_era_date(std::string_view text);
// A year (or 年度) written in 和暦: 令和7, 令和7年, 令和7年度, 令和元年度, R7, H31 → its Western
// year (2025 …). Nullopt for anything else or a year the era did not have (平成32年).
std::optional<int> parse_era_year(std::string_view text);

}  // namespace sasaeai::dates
