// 通いの場 (domain/gathering_place.hpp): the 開催頻度 band of MHLW's survey derived from a
// schedule as coordinators write it, and which venues are private homes.
#include <gtest/gtest.h>

#include "domain/gathering_place.hpp"

namespace sasaeai::domain::gathering {
namespace {

std::string band(std::string_view schedule) { return frequency_band(schedule).value_or("（なし）"); }

TEST(GatheringFrequency, TheIssuesThreeExamples) {
  EXPECT_EQ(band("毎週火曜"), "週1回以上");
  EXPECT_EQ(band("第2・第4木曜"), "月2回以上4回未満");
  EXPECT_EQ(band("毎月第1月曜"), "月1回以上2回未満");
}

TEST(GatheringFrequency, TimesAndSeveralRulesCount) {
  EXPECT_EQ(band("毎週火曜 10:00-12:00"), "週1回以上");
  EXPECT_EQ(band("第2・第4木曜 13:30-15:00"), "月2回以上4回未満");
  EXPECT_EQ(band("毎月第1月曜 10:00〜11:30"), "月1回以上2回未満");
  // Once a month on two days is twice a month.
  EXPECT_EQ(band("第1月曜、第3水曜"), "月2回以上4回未満");
  // Four named weeks are as many meetings as every week.
  EXPECT_EQ(band("第1・第2・第3・第4金曜"), "週1回以上");
  EXPECT_EQ(band("第1・第2・第3金曜"), "月2回以上4回未満");
  // Every week on one day, whatever else, is 週1回以上.
  EXPECT_EQ(band("毎週月・木曜"), "週1回以上");
}

TEST(GatheringFrequency, NoDayNoBand) {
  EXPECT_FALSE(frequency_band("").has_value());
  EXPECT_FALSE(frequency_band("よくわからない").has_value());
}

TEST(GatheringFrequency, MeetingsPerMonth) {
  const auto count = [](std::string_view text) { return meetings_per_month(*parse_schedule(text).schedule); };
  EXPECT_EQ(count("毎週火曜"), 4);
  EXPECT_EQ(count("第2・第4木曜"), 2);
  EXPECT_EQ(count("毎月第1月曜"), 1);
  EXPECT_EQ(count("毎週月・木曜"), 8);
}

TEST(GatheringPrivateVenue, PrivateHomeOrMarkedPrivate) {
  Record home;
  home.values["venue_type"] = std::string(private_home);
  EXPECT_TRUE(is_private_venue(home));
  Record marked;
  marked.values["venue_type"] = std::string("公民館・自治会館・集会所");
  marked.values["private_venue"] = std::string("はい");
  EXPECT_TRUE(is_private_venue(marked));
  Record hall;
  hall.values["venue_type"] = std::string("公民館・自治会館・集会所");
  hall.values["private_venue"] = std::string("いいえ");
  EXPECT_FALSE(is_private_venue(hall));
  EXPECT_FALSE(is_private_venue(Record{}));
}

TEST(GatheringLists, MhlwClassificationWords) {
  EXPECT_EQ(operators().size(), 9u);
  EXPECT_EQ(venue_types().size(), 8u);
  EXPECT_EQ(activities().size(), 10u);
  EXPECT_EQ(venue_types().front(), "個人宅・空き家");
  EXPECT_EQ(frequency_bands().back(), "月1回未満");
}

}  // namespace
}  // namespace sasaeai::domain::gathering
