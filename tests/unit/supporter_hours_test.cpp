// The pure rules of supporters' activity hours: a month read in its written forms (one month,
// never a span), the register's normalised month and its limits on hours, points by the city's
// rule (rounding, the yearly cap, off by default), hours as people read them, who sees the figures.
#include <gtest/gtest.h>

#include "app/policy.hpp"
#include "app/supporter_hours.hpp"
#include "domain/need_period.hpp"
#include "domain/registers.hpp"
#include "domain/validation.hpp"

namespace sasaeai {
namespace {

TEST(SupporterHoursMonth, ReadsTheWrittenFormsOfOneMonth) {
  EXPECT_EQ(domain::parse_year_month("2025-04"), "2025-04");
  EXPECT_EQ(domain::parse_year_month("2025/4"), "2025-04");
  EXPECT_EQ(domain::parse_year_month("令和7年4月"), "2025-04");
  EXPECT_EQ(domain::parse_year_month("２０２６年３月"), "2026-03");
  EXPECT_FALSE(domain::parse_year_month("2025-04〜2025-06"));  // a span is not a month
  EXPECT_FALSE(domain::parse_year_month("2025-13"));
  EXPECT_FALSE(domain::parse_year_month("来月"));
}

TEST(SupporterHoursMonth, TheRegisterStoresTheCanonicalMonthAndRefusesNoHours) {
  const auto& spec = domain::register_spec(domain::reg::supporter_hours);
  const auto parse = [&](const std::string& month, const std::string& hours) {
    return domain::parse_record(spec, {{"supporter_id", "1"}, {"activity", "清掃"}, {"month", month}, {"hours", hours}});
  };
  EXPECT_EQ(parse("令和7年5月", "2.5").text("month"), "2025-05");
  for (const char* hours : {"0", "-1", "745"}) EXPECT_THROW(parse("2025-05", hours), Error) << hours;
  try {
    parse("2025-05〜2025-06", "1");
    ADD_FAILURE() << "a span was accepted as a month";
  } catch (const Error& e) {
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields().front().field, "month");
  }
  EXPECT_NO_THROW(parse("2025-05", "744"));
}

TEST(SupporterPoints, FollowTheRuleAndAreOffByDefault) {
  app::PointsRule off;
  EXPECT_FALSE(off.on());
  EXPECT_EQ(off.points(100), 0);
  app::PointsRule rule{1, 0, 0};
  EXPECT_EQ(rule.points(5.5), 5);  // 切り捨て
  rule.rounding = 1;
  EXPECT_EQ(rule.points(5.5), 6);  // 四捨五入
  EXPECT_EQ(rule.points(5.4), 5);
  rule.rounding = 2;
  EXPECT_EQ(rule.points(5.1), 6);  // 切り上げ
  EXPECT_EQ(rule.points(5.0), 5);
  rule = {3, 0, 0};
  EXPECT_EQ(rule.points(0.1 + 0.2), 0);  // 0.9 rounds down to 0
  EXPECT_EQ(rule.points(0.1 * 10), 3);   // not 2.9999…
  rule.yearly_cap = 10;
  EXPECT_EQ(rule.points(100), 10);
  EXPECT_NE(rule.describe().find("上限 10"), std::string::npos);
}

TEST(SupporterHoursFormat, ReadsAsPeopleWriteThem) {
  EXPECT_EQ(app::format_hours(12), "12");
  EXPECT_EQ(app::format_hours(6.5), "6.5");
  EXPECT_EQ(app::format_hours(0.25), "0.25");
  EXPECT_EQ(app::format_hours(0.1 + 0.2), "0.3");
}

TEST(YearlyFiguresPolicy, EverySignedInPersonAndNoVisitor) {
  EXPECT_FALSE(app::can_read_figures(app::Actor::visitor("127.0.0.1")));
  for (const auto role : domain::kAllRoles) {
    app::Actor a;
    a.anonymous = false;
    a.role = role;
    EXPECT_TRUE(app::can_read_figures(a));
  }
}

}  // namespace
}  // namespace sasaeai
