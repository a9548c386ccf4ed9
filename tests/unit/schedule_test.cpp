#include "domain/schedule.hpp"

#include <gtest/gtest.h>

namespace sasaeai::domain {

TEST(Schedule, ParsesEveryWeek) {
  auto p = parse_schedule("毎週火曜 10:00-12:00");
  ASSERT_TRUE(p.schedule) << p.error;
  ASSERT_EQ(p.schedule->rules.size(), 1u);
  const auto& r = p.schedule->rules[0];
  EXPECT_EQ(r.weekdays, 1u << 1);
  EXPECT_EQ(r.weeks, 0u);
  EXPECT_EQ(*r.start_minute, 600);
  EXPECT_EQ(*r.end_minute, 720);
}

TEST(Schedule, ParsesNthWeeksAndSeveralRules) {
  auto p = parse_schedule("毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00");
  ASSERT_TRUE(p.schedule) << p.error;
  ASSERT_EQ(p.schedule->rules.size(), 2u);
  EXPECT_EQ(p.schedule->rules[1].weeks, (1u << 2) | (1u << 4));
  EXPECT_EQ(p.schedule->rules[1].weekdays, 1u << 3);
  EXPECT_EQ(p.schedule->weekday_mask(), (1u << 1) | (1u << 3));
  EXPECT_EQ(format_schedule(*p.schedule), "毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00");
}

TEST(Schedule, AcceptsFullWidthAndOtherSeparators) {
  auto p = parse_schedule("第１・第３水曜日　１０：００〜１１：３０");
  ASSERT_TRUE(p.schedule) << p.error;
  EXPECT_EQ(format_schedule(*p.schedule), "第1・第3水曜 10:00-11:30");
}

TEST(Schedule, AcceptsSeveralWeekdaysAndNoTime) {
  auto p = parse_schedule("毎週月・水・金曜");
  ASSERT_TRUE(p.schedule) << p.error;
  EXPECT_EQ(p.schedule->weekday_mask(), (1u << 0) | (1u << 2) | (1u << 4));
  EXPECT_EQ(format_schedule(*p.schedule), "毎週月・水・金曜");
}

TEST(Schedule, MonthlyNeedsTheWeek) {
  EXPECT_FALSE(parse_schedule("毎月火曜").schedule);
  auto p = parse_schedule("毎月第1火曜 10:00-11:00");
  ASSERT_TRUE(p.schedule) << p.error;
  EXPECT_EQ(format_schedule(*p.schedule), "第1火曜 10:00-11:00");
}

TEST(Schedule, AcceptsImeDashAndSpaceAfterMonthly) {
  auto p = parse_schedule("毎月 第2火曜 10:00ー12:00");
  ASSERT_TRUE(p.schedule) << p.error;
  EXPECT_EQ(format_schedule(*p.schedule), "第2火曜 10:00-12:00");
}

TEST(Schedule, EmptyTextIsEmptySchedule) {
  auto p = parse_schedule("  ");
  ASSERT_TRUE(p.schedule);
  EXPECT_TRUE(p.schedule->rules.empty());
}

TEST(Schedule, RejectsEndBeforeStart) {
  auto p = parse_schedule("毎週火曜 12:00-10:00");
  EXPECT_FALSE(p.schedule);
  EXPECT_NE(p.error.find("終了時刻"), std::string::npos);
}

TEST(Schedule, RejectsImpossibleTimesAndWeeks) {
  EXPECT_FALSE(parse_schedule("毎週火曜 25:00-26:00").schedule);
  EXPECT_FALSE(parse_schedule("第6火曜 10:00-11:00").schedule);
  EXPECT_FALSE(parse_schedule("ときどき").schedule);
}

TEST(Schedule, ErrorQuotesTheRuleAndSaysWhatIsWrong) {
  auto p = parse_schedule("毎週火曜 10:00-12:00、毎週 10時");
  ASSERT_FALSE(p.schedule);
  EXPECT_EQ(p.error, "「毎週 10時」を読み取れません（曜日（月火水木金土日）が見つかりません）");
}

}  // namespace sasaeai::domain
