// The 時点 of a needs table: every accepted way of writing a month reads as one YYYY-MM, 和暦
// within the months each era had, and the label shows the 和暦 beside it.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "domain/need_period.hpp"

namespace sasaeai::domain {
namespace {

TEST(NeedPeriod, WesternFormsReadAsOneMonth) {
  for (const char* text : {"2017-04", "2017-4", "2017/4", "2017/04", "2017.4", "2017年4月", "2017年04月", " 2017 年 4 月 ", "２０１７年４月",
                           "２０１７－０４", "2017／4"}) {
    EXPECT_EQ(parse_need_period(text), std::optional<std::string>("2017-04")) << text;
  }
  EXPECT_EQ(parse_need_period("2019-12"), std::optional<std::string>("2019-12"));
}

TEST(NeedPeriod, JapaneseErasReadAsTheSameMonth) {
  for (const char* text : {"平成31年4月", "平成３１年４月", "H31.4", "h31.4", "Ｈ３１．４", "H31/4", "H31年4月"}) {
    EXPECT_EQ(parse_need_period(text), std::optional<std::string>("2019-04")) << text;
  }
  for (const char* text : {"令和元年5月", "令和1年5月", "R1.5", "R01.05", "Ｒ１．５"}) {
    EXPECT_EQ(parse_need_period(text), std::optional<std::string>("2019-05")) << text;
  }
  EXPECT_EQ(parse_need_period("平成29年4月"), std::optional<std::string>("2017-04"));
  EXPECT_EQ(parse_need_period("平成元年1月"), std::optional<std::string>("1989-01"));
  EXPECT_EQ(parse_need_period("昭和64年1月"), std::optional<std::string>("1989-01"));
  EXPECT_EQ(parse_need_period("令和6年10月"), std::optional<std::string>("2024-10"));
}

TEST(NeedPeriod, MonthsAnEraDidNotHaveAreRefused) {
  for (const char* text : {"平成32年1月", "平成31年5月", "令和元年4月", "昭和65年1月", "平成0年4月", "令和6年13月", "2017-13", "2017-00"}) {
    EXPECT_FALSE(parse_need_period(text)) << text;
  }
}

TEST(NeedPeriod, OtherTextIsRefused) {
  for (const char* text : {"", "  ", "去年", "2017", "17-04", "4月", "平成31年", "2017年4月末", "2017-04-01", "X31.4", "2017-04/2018"}) {
    EXPECT_FALSE(parse_need_period(text)) << text;
  }
}

TEST(NeedPeriod, SpansReadAsTwoMonths) {
  EXPECT_EQ(parse_need_period("2015-04〜2017-04"), std::optional<std::string>("2015-04〜2017-04"));
  EXPECT_EQ(parse_need_period("平成27年4月～平成29年4月"), std::optional<std::string>("2015-04〜2017-04"));
  EXPECT_EQ(parse_need_period("2015/4~2017/4"), std::optional<std::string>("2015-04〜2017-04"));
  EXPECT_EQ(parse_need_period("2015年4月から2017年4月まで"), std::optional<std::string>("2015-04〜2017-04"));
  EXPECT_EQ(parse_need_period("2017-04〜2017-04"), std::optional<std::string>("2017-04"));
  EXPECT_FALSE(parse_need_period("2017-04〜2015-04"));  // ends before it begins
  EXPECT_FALSE(parse_need_period("2017-04〜"));
}

TEST(NeedPeriod, RefusalNamesTheField) {
  try {
    normalise_need_period("去年の春");
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    ASSERT_EQ(e.fields().size(), 1u);
    EXPECT_EQ(e.fields()[0].field, "period");
    EXPECT_NE(e.fields()[0].message.find("時点・期間「去年の春」"), std::string::npos) << e.fields()[0].message;
  }
  EXPECT_EQ(normalise_need_period("平成31年4月"), "2019-04");
}

TEST(NeedPeriod, LabelShowsTheEraBeside) {
  EXPECT_EQ(need_period_label("2019-04"), "2019年4月（平成31年4月）");
  EXPECT_EQ(need_period_label("2019-05"), "2019年5月（令和元年5月）");
  EXPECT_EQ(need_period_label("2024-10"), "2024年10月（令和6年10月）");
  EXPECT_EQ(need_period_label("2015-04〜2017-04"), "2015年4月〜2017年4月（平成27年4月〜平成29年4月）");
  EXPECT_EQ(need_period_label("昔の調査"), "昔の調査");  // not a period: as stored
  EXPECT_EQ(japanese_era_month(1989, 1), "平成元年1月");  // the newer era of a shared month
  EXPECT_EQ(japanese_era_month(2019, 4), "平成31年4月");
  EXPECT_EQ(japanese_era_month(1989, 2), "平成元年2月");
}

}  // namespace
}  // namespace sasaeai::domain
