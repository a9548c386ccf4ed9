// The one date library: yyyy-mm-dd read strictly, months counted back with the day clamped,
// leap years from std::chrono; stored UTC timestamps read as Japan's wall-clock time.
#include <gtest/gtest.h>

#include <cstdlib>
#include <ctime>

#include "core/dates.hpp"
#include "core/error.hpp"

namespace sasaeai::dates {
namespace {

using namespace std::chrono;

TEST(Dates, ReadsOnlyDatesThatExist) {
  EXPECT_EQ(parse_iso("2026-04-01"), (Date{year(2026), month(4), day(1)}));
  EXPECT_TRUE(parse_iso("2024-02-29"));   // leap year
  EXPECT_TRUE(parse_iso("2000-02-29"));   // divisible by 400
  EXPECT_FALSE(parse_iso("1900-02-29"));  // divisible by 100, not by 400
  EXPECT_FALSE(parse_iso("2026-02-29"));
  EXPECT_FALSE(parse_iso("2026-04-31"));
  EXPECT_FALSE(parse_iso("2026-13-01"));
  EXPECT_FALSE(parse_iso("2026-00-10"));
  for (const char* text : {"", "2026-4-01", "2026/04/01", "20260401", "2026-04-01 ", "２０２６-04-01", "2026-04-0a", "+026-04-01"}) {
    EXPECT_FALSE(parse_iso(text)) << text;
  }
}

TEST(Dates, WritesIsoDates) {
  EXPECT_EQ(to_iso(Date{year(7), month(1), day(2)}), "0007-01-02");
  EXPECT_EQ(to_iso(*parse_iso("2026-12-31")), "2026-12-31");
}

TEST(Dates, MonthsBeforeClampsTheDayToTheMonthsEnd) {
  EXPECT_EQ(months_before("2026-11-23", 12), "2025-11-23");
  EXPECT_EQ(months_before("2026-03-31", 1), "2026-02-28");
  EXPECT_EQ(months_before("2024-03-31", 1), "2024-02-29");
  EXPECT_EQ(months_before("2026-01-15", 2), "2025-11-15");
  EXPECT_EQ(months_before("2026-05-31", 1), "2026-04-30");
  EXPECT_EQ(months_before("2026-05-31", 0), "2026-05-31");
  EXPECT_EQ(months_before("2025-02-28", 12), "2024-02-28");
  EXPECT_EQ(months_before("2030-01-31", 120), "2020-01-31");
}

TEST(Dates, MonthsBeforeRefusesWhatIsNotADate) {
  for (const char* text : {"yesterday", "2026-02-30", ""}) {
    try {
      (void)months_before(text, 1);
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid);
      EXPECT_NE(std::string(e.what()).find("2026-04-01 の形"), std::string::npos);
    }
  }
}

TEST(Dates, TodayIsARealDate) {
  const auto now = today();
  EXPECT_TRUE(now.ok());
  EXPECT_TRUE(parse_iso(to_iso(now)));
  EXPECT_GE(now.year(), year(2024));
}

LocalTime at(int y, unsigned m, unsigned d, int hour, int minute, int second = 0) {
  return {Date{year(y), month(m), day(d)}, hour, minute, second};
}

TEST(Dates, ReadsStoredUtcTimestamps) {
  const auto t = parse_utc_timestamp("2026-11-30T20:05:42Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(to_utc_timestamp(*t), "2026-11-30T20:05:42Z");
  // SQLite's %f (stored files) and a space for the T read as the same second.
  EXPECT_EQ(parse_utc_timestamp("2026-11-30T20:05:42.123Z"), t);
  EXPECT_EQ(parse_utc_timestamp("2026-11-30 20:05:42Z"), t);
  for (const char* text : {"", "2026-11-30", "2026-11-30T20:05:42", "2026-11-30T20:05:42+09:00", "2026-11-30T24:00:00Z",
                           "2026-11-30T20:60:00Z", "2026-02-30T10:00:00Z", "2026-11-30T20:05:42.Z", "2026-11-30T20:05:42Zx",
                           "2026-11-30T2a:05:42Z"}) {
    EXPECT_FALSE(parse_utc_timestamp(text)) << text;
  }
}

TEST(Dates, JapanTimeIsNineHoursAheadOfUtc) {
  EXPECT_EQ(japan_time("2026-06-15T03:04:05Z"), at(2026, 6, 15, 12, 4, 5));
  EXPECT_EQ(japan_time("2026-06-15T14:59:59Z"), at(2026, 6, 15, 23, 59, 59));
}

TEST(Dates, JapanTimeCrossesMidnightMonthAndYearEnd) {
  // 20:11 UTC on 30 November is 5:11 on 1 December in Japan.
  EXPECT_EQ(japan_time("2026-11-30T20:11:00Z"), at(2026, 12, 1, 5, 11));
  EXPECT_EQ(japan_time("2026-06-15T15:00:00Z"), at(2026, 6, 16, 0, 0));
  // New Year's Eve in UTC is already New Year's Day in Japan.
  EXPECT_EQ(japan_time("2026-12-31T15:00:00Z"), at(2027, 1, 1, 0, 0));
  EXPECT_EQ(japan_time("2026-12-31T14:59:00Z"), at(2026, 12, 31, 23, 59));
  // The end of February in a leap year.
  EXPECT_EQ(japan_time("2028-02-28T16:30:00Z"), at(2028, 2, 29, 1, 30));
  EXPECT_EQ(japan_time("2027-02-28T16:30:00Z"), at(2027, 3, 1, 1, 30));
  // Summer and winter alike: no daylight saving time.
  EXPECT_EQ(japan_time("2026-01-10T00:00:00Z")->hour, 9);
  EXPECT_EQ(japan_time("2026-07-10T00:00:00Z")->hour, 9);
  EXPECT_FALSE(japan_time("yesterday"));
}

TEST(Dates, JapanDayStartsAtFifteenHundredUtcTheDayBefore) {
  EXPECT_EQ(japan_day_start_utc(*parse_iso("2026-12-01")), "2026-11-30T15:00:00Z");
  EXPECT_EQ(japan_day_start_utc(*parse_iso("2027-01-01")), "2026-12-31T15:00:00Z");
  EXPECT_EQ(japan_day_start_utc(*parse_iso("2024-03-01")), "2024-02-29T15:00:00Z");
}

TEST(Dates, TodayIsJapansDateWhateverTheServersZone) {
  // The C library's zone is set to one far from Japan's; today() must not follow it.
  const char* old = std::getenv("TZ");
  const std::string saved = old ? old : "";
  setenv("TZ", "America/Los_Angeles", 1);
  tzset();
  const auto now = floor<seconds>(system_clock::now());
  const auto got = today();
  const auto after = floor<seconds>(system_clock::now());
  if (old) setenv("TZ", saved.c_str(), 1); else unsetenv("TZ");
  tzset();
  // Japan's date at some instant while today() ran (the two differ only across midnight).
  const Date expected_first = Date(floor<days>(now + hours(9))), expected_last = Date(floor<days>(after + hours(9)));
  EXPECT_TRUE(got == expected_first || got == expected_last) << to_iso(got);
}

}  // namespace
}  // namespace sasaeai::dates

namespace sasaeai::dates {
namespace {

TEST(Dates, FiscalYearRunsFromAprilToMarch) {
  EXPECT_EQ(fiscal_year_of(*parse_iso("2026-03-31")), 2025);
  EXPECT_EQ(fiscal_year_of(*parse_iso("2026-04-01")), 2026);
  EXPECT_EQ(fiscal_year_of(*parse_iso("2026-12-31")), 2026);
  EXPECT_EQ(fiscal_year_of(*parse_iso("2027-01-01")), 2026);
  EXPECT_EQ(to_iso(fiscal_year_first(2025)), "2025-04-01");
  EXPECT_EQ(to_iso(fiscal_year_last(2025)), "2026-03-31");
}

TEST(Dates, FiscalYearLabelsGiveTheEraAndTheWesternYear) {
  EXPECT_EQ(fiscal_year_label(2025), "令和7年度（2025年度）");
  EXPECT_EQ(fiscal_year_label(2019), "令和元年度（2019年度）");
  EXPECT_EQ(fiscal_year_label(2018), "平成30年度（2018年度）");
  EXPECT_EQ(fiscal_year_label(1989), "平成元年度（1989年度）");
}

}  // namespace
}  // namespace sasaeai::dates
