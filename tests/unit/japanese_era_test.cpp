// 和暦: reading and writing dates in Japan's eras, at the era change and in 元年.
#include <gtest/gtest.h>

#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/validation.hpp"

namespace sasaeai {
namespace {

dates::Date d(const char* iso) { return *dates::parse_iso(iso); }

TEST(JapaneseEra, WritesTheEraInForceOnTheDay) {
  EXPECT_EQ(dates::era_date_label(d("2019-04-30")), "平成31年4月30日");
  EXPECT_EQ(dates::era_date_label(d("2019-05-01")), "令和元年5月1日");
  EXPECT_EQ(dates::era_date_label(d("2020-01-01")), "令和2年1月1日");
  EXPECT_EQ(dates::era_date_label(d("2025-04-01")), "令和7年4月1日");
  EXPECT_EQ(dates::era_date_label(d("1989-01-07")), "昭和64年1月7日");
  EXPECT_EQ(dates::era_date_label(d("1989-01-08")), "平成元年1月8日");
  EXPECT_EQ(dates::era_date_label(d("1926-12-25")), "昭和元年12月25日");
  EXPECT_EQ(dates::era_date_label(d("1872-12-31")), "1872年12月31日");  // before the Gregorian calendar in Japan
}

TEST(JapaneseEra, MonthsAndYearsTakeTheEraAtTheirEnd) {
  EXPECT_EQ(dates::era_month_label(2019, 4), "平成31年4月");
  EXPECT_EQ(dates::era_month_label(2019, 5), "令和元年5月");
  EXPECT_EQ(dates::era_month_label(1989, 1), "平成元年1月");
  EXPECT_EQ(dates::era_year_label(2019), "令和元年");
  EXPECT_EQ(dates::era_year_label(2025), "令和7年");
}

TEST(JapaneseEra, ReadsDatesWrittenInAnEra) {
  EXPECT_EQ(dates::parse_era_date("令和7年4月1日"), d("2025-04-01"));
  EXPECT_EQ(dates::parse_era_date("R7.4.1"), d("2025-04-01"));
  EXPECT_EQ(dates::parse_era_date("r7/4/1"), d("2025-04-01"));
  EXPECT_EQ(dates::parse_era_date("R7-04-01"), d("2025-04-01"));
  EXPECT_EQ(dates::parse_era_date("令和元年5月1日"), d("2019-05-01"));
  EXPECT_EQ(dates::parse_era_date("令和1年5月1日"), d("2019-05-01"));
  EXPECT_EQ(dates::parse_era_date("平成31年4月30日"), d("2019-04-30"));
  EXPECT_EQ(dates::parse_era_date("H31.4.30"), d("2019-04-30"));
}

TEST(JapaneseEra, RefusesDaysOutsideTheirEraOrTheCalendar) {
  EXPECT_FALSE(dates::parse_era_date("平成31年5月1日"));  // 令和 had begun
  EXPECT_FALSE(dates::parse_era_date("令和元年4月30日"));  // 令和 had not begun
  EXPECT_FALSE(dates::parse_era_date("昭和64年1月8日"));
  EXPECT_FALSE(dates::parse_era_date("令和7年2月29日"));  // 2025 is not a leap year
  EXPECT_TRUE(dates::parse_era_date("令和6年2月29日"));
  EXPECT_FALSE(dates::parse_era_date("令和0年4月1日"));
  EXPECT_FALSE(dates::parse_era_date("R7.4"));
  EXPECT_FALSE(dates::parse_era_date("R7.4/1"));  // one separator throughout
  EXPECT_FALSE(dates::parse_era_date("X7.4.1"));
  EXPECT_FALSE(dates::parse_era_date("令和7年4月1日です"));
}

TEST(JapaneseEra, FiscalYearsAreNamedByTheEraOfMostOfTheYear) {
  EXPECT_EQ(dates::fiscal_year_label(2019), "令和元年度（2019年度）");
  EXPECT_EQ(dates::fiscal_year_label(2018), "平成30年度（2018年度）");
  EXPECT_EQ(dates::fiscal_year_label(2025), "令和7年度（2025年度）");
  EXPECT_EQ(dates::fiscal_year_label(1988), "昭和63年度（1988年度）");
  EXPECT_EQ(dates::fiscal_year_label(1989), "平成元年度（1989年度）");
}

TEST(DateInput, AcceptsWesternAndJapaneseWritings) {
  EXPECT_EQ(domain::parse_date_input("2025-04-01"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("2025/4/1"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("2025年4月1日"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("令和7年4月1日"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("令和 7年 4月 1日"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("Ｒ７．４．１"), "2025-04-01");  // full width
  EXPECT_EQ(domain::parse_date_input("令和７年４月１日"), "2025-04-01");
  EXPECT_EQ(domain::parse_date_input("令和元年5月1日"), "2019-05-01");
  EXPECT_FALSE(domain::parse_date_input("平成31年5月1日"));
  EXPECT_FALSE(domain::parse_date_input("2025年4月"));
  EXPECT_FALSE(domain::parse_date_input("2025年2月30日"));
  EXPECT_FALSE(domain::parse_date_input(""));
}

}  // namespace
}  // namespace sasaeai

namespace sasaeai {
namespace {

TEST(JapaneseEra, ReadsYearsAndFiscalYearsWrittenInAnEra) {
  EXPECT_EQ(dates::parse_era_year("令和7"), 2025);
  EXPECT_EQ(dates::parse_era_year("令和7年度"), 2025);
  EXPECT_EQ(dates::parse_era_year("令和元年度"), 2019);
  EXPECT_EQ(dates::parse_era_year("R7"), 2025);
  EXPECT_EQ(dates::parse_era_year("H31"), 2019);
  EXPECT_EQ(dates::parse_era_year("平成30年"), 2018);
  EXPECT_FALSE(dates::parse_era_year("平成32年"));  // 平成 ended in its 31st year
  EXPECT_FALSE(dates::parse_era_year("令和"));
  EXPECT_FALSE(dates::parse_era_year("2025"));
}

}  // namespace
}  // namespace sasaeai
