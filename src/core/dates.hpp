#pragma once
// Calendar dates and times of day, the one place that computes with them: reading and writing
// yyyy-mm-dd, counting months back, today's date in Japan, and stored UTC timestamps turned into
// Japan's wall-clock time. Built on std::chrono::year_month_day, so leap years and month lengths
// come from the standard library, not from tables of our own.
//
// Time zone: timestamps are stored in UTC (2026-11-30T20:05:42Z) and shown in Japan Standard
// Time, the zone of every municipality this serves (Asia/Tokyo). Japan has kept UTC+9 without
// daylight saving time since 1951, so a fixed offset is exact for every date the data holds.
// A fixed offset is also what we can do well here: libstdc++ 12 has no time zone database
// (no std::chrono::locate_zone), and setting TZ for localtime_r is process-wide and not safe
// while other threads format times. The server's own TZ does not matter: a server running in
// UTC still shows and counts Japan's time and date.
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

// Japan Standard Time: UTC+9, all year.
inline constexpr std::chrono::minutes kJapanOffset{9 * 60};

// A wall-clock time in Japan.
struct LocalTime {
  Date date;
  int hour = 0;    // 0-23
  int minute = 0;  // 0-59
  int second = 0;  // 0-59
  bool operator==(const LocalTime&) const = default;
};

// A stored UTC timestamp: yyyy-mm-ddThh:mm:ssZ, optionally with fractions of a second
// (…ss.fffZ) or a space for the T; nullopt for anything else.
std::optional<std::chrono::sys_seconds> parse_utc_timestamp(std::string_view text);
std::string to_utc_timestamp(std::chrono::sys_seconds at);  // yyyy-mm-ddThh:mm:ssZ

// The wall-clock time in Japan at an instant, and of a stored UTC timestamp.
LocalTime japan_time(std::chrono::sys_seconds at);
std::optional<LocalTime> japan_time(std::string_view utc_timestamp);
// The instant a day begins in Japan (its 0:00), as a stored UTC timestamp: 2026-12-01 begins
// at 2026-11-30T15:00:00Z. For comparing stored timestamps with a day the user names.
std::string japan_day_start_utc(Date date);

// Today in Japan, wherever the server's clock is set.
Date today();

// 年度: the fiscal year a Japanese municipality counts in, April to March, named by the year
// it begins in. 2026-03-31 lies in 2025年度 and 2026-04-01 in 2026年度.
int fiscal_year_of(Date date);
Date fiscal_year_first(int fiscal_year);  // yyyy-04-01
Date fiscal_year_last(int fiscal_year);   // (yyyy+1)-03-31
// 「令和7年度（2025年度）」; a year that began in an era's first year reads 元年度
// (2019年度 is 令和元年度: the era changed in its first month).
std::string fiscal_year_label(int fiscal_year);

}  // namespace sasaeai::dates
