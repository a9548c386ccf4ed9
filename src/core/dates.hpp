#pragma once
// Calendar dates, the one place that computes with them: reading and writing yyyy-mm-dd,
// counting months back, today's local date. Built on std::chrono::year_month_day, so leap
// years and month lengths come from the standard library, not from tables of our own.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace sasaeai::dates {

using Date = std::chrono::year_month_day;

// A date written exactly as yyyy-mm-dd that exists in the calendar (2026-02-29 does not).
std::optional<Date> parse_iso(std::string_view text);
std::string to_iso(Date date);  // yyyy-mm-dd

// The same day `months` months earlier; a day the earlier month lacks becomes its last day
// (2026-03-31 minus one month is 2026-02-28).
Date months_before(Date date, int months);
// The same on yyyy-mm-dd text; throws Error(invalid) naming the format when it is not a date.
std::string months_before(std::string_view iso_date, int months);

// Today in the server's local time zone (the municipality's: the server runs there).
Date today();

}  // namespace sasaeai::dates
