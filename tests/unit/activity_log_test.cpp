// The words of the activity log (活動記録): MHLW's three functions, the starting activity types
// each with one of them, the partner kinds, and hours from minutes as the reports print them.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <fstream>
#include <set>
#include <sstream>

#include "domain/activity_log.hpp"
#include "domain/registers.hpp"

namespace sasaeai::domain {
namespace {

TEST(ActivityLogWords, TheThreeFunctionsInMhlwOrder) {
  EXPECT_EQ(activity::functions(), (std::vector<std::string>{"資源開発", "ネットワーク構築", "ニーズと取組のマッチング"}));
  EXPECT_TRUE(activity::is_function("ネットワーク構築"));
  EXPECT_FALSE(activity::is_function("ネットワーク"));
}

TEST(ActivityLogWords, EveryStartingTypeServesAFunctionAndIsNamedOnce) {
  std::set<std::string_view> names;
  int last = 0;
  for (const auto& t : activity::default_types()) {
    EXPECT_TRUE(activity::is_function(t.function)) << t.name;
    EXPECT_TRUE(names.insert(t.name).second) << t.name;
    EXPECT_GT(t.sort_order, last) << t.name;
    last = t.sort_order;
  }
  for (const auto* wanted : {"協議体の運営支援", "発足の支援", "事前打ち合わせ", "情報提供・助言", "先行地区の紹介", "オブザーバー参加", "未設置地区への働きかけ",
                             "見学・報告", "担い手養成", "普及啓発", "相談対応", "関係機関との連携"}) {
    EXPECT_TRUE(names.contains(wanted)) << wanted;
  }
}

TEST(ActivityLogWords, TheMigrationInsertsTheStartingTypes) {
  std::ifstream in(std::string(SASAEAI_SOURCE_DIR) + "/store/sqlite/migrations/0018_activity_log.sql");
  ASSERT_TRUE(in);
  std::stringstream sql;
  sql << in.rdbuf();
  for (const auto& t : activity::default_types()) {
    const auto row = fmt::format("('{}', '{}', {}, 'はい')", t.name, t.function, t.sort_order);
    EXPECT_NE(sql.str().find(row), std::string::npos) << row;
  }
}

TEST(ActivityLogWords, TheRegistersOfferTheSameWords) {
  const auto& types = register_spec(reg::activity_types);
  ASSERT_NE(types.field("function"), nullptr);
  EXPECT_EQ(types.field("function")->choices.size(), 3u);
  const auto& partners = register_spec(reg::partner_organisations);
  EXPECT_EQ(partners.field("kind")->choices.size(), activity::partner_kinds().size());
  const auto& logs = register_spec(reg::activity_logs);
  EXPECT_TRUE(logs.personal_records);
  EXPECT_TRUE(logs.field("consultation_id")->personal);  // consultations are personal records
  EXPECT_EQ(logs.field("counterparts")->list_of_register, reg::partner_organisations);
  EXPECT_EQ(logs.field("neighbourhood_id")->ref_must_match, "district_id");
  EXPECT_EQ(logs.field("activity_type_id")->ref_register, reg::activity_types);
}

TEST(ActivityLogWords, HoursFromMinutesToATenth) {
  EXPECT_EQ(activity::hours_text(0), "0");
  EXPECT_EQ(activity::hours_text(120), "2");
  EXPECT_EQ(activity::hours_text(90), "1.5");
  EXPECT_EQ(activity::hours_text(50), "0.8");   // 0.833…
  EXPECT_EQ(activity::hours_text(63), "1.1");   // 1.05 rounds up
  EXPECT_EQ(activity::hours_text(2), "0");      // under three minutes
  EXPECT_EQ(activity::hours_text(6000), "100");
}

}  // namespace
}  // namespace sasaeai::domain
