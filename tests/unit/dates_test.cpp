// The one date library: yyyy-mm-dd read strictly, months counted back with the day clamped,
// leap years from std::chrono.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sasaeai::dates
