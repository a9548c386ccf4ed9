// Supporters' activity hours over HTTP: one month of one activity entered for several people at
// once (all or nothing, the row named), the month read in its written forms, the 年度 totals
// equal to the records and cut at 3/31 | 4/1, names only for those who may see them, the
// printable statement, points by the city's rule (none by default), supporter statistics by 年度.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class SupporterHoursTest : public ServerTest {
 protected:
  std::int64_t yawata() { return find_id("districts", "name", "八幡"); }
  std::int64_t person(const std::string& name, const std::string& kana) {
    return create("supporters", {{"name", name}, {"kana", kana}, {"district_id", yawata()}, {"status", "活動中"}});
  }
  static std::string id(std::int64_t n) { return std::to_string(n); }
  json hours_of(std::int64_t supporter) {
    return json_of(client().Get(("/api/v1/supporter-hours?per_page=0&supporter_id=" + id(supporter)).c_str()))["items"];
  }
  // The value of a data attribute on the page, or "" when absent.
  static std::string attribute(const std::string& body, const std::string& attr, const std::string& after = "") {
    const auto from = after.empty() ? 0 : body.find(after);
    if (from == std::string::npos) return "";
    std::smatch m;
    const std::string rest = body.substr(from);
    if (!std::regex_search(rest, m, std::regex(attr + "=\"([^\"]*)\""))) return "";
    return m[1].str();
  }
  httplib::Result save(const std::string& login, std::initializer_list<std::pair<std::string, std::string>> fields) {
    return client_as(login).Post("/supporters/hours/entry", form(fields));
  }
};

TEST_F(SupporterHoursTest, AMonthOfOneActivityIsSavedForSeveralPeopleAtOnce) {
  const auto a = person("時間 一郎", "じかん いちろう");
  const auto b = person("時間 二郎", "じかん じろう");
  const std::string activity = "ふれあい清掃（時間の試験）";

  // The sheet lists the district's active supporters with an input each.
  auto sheet = client_as("yawata-sc").Get(("/supporters/hours/entry?activity=" + httplib::detail::encode_query_param(activity) + "&month=" +
                                           httplib::detail::encode_query_param("令和7年5月")).c_str());
  ASSERT_EQ(sheet->status, 200) << sheet->body;
  EXPECT_TRUE(contains(sheet->body, "name=\"hours_" + id(a) + "\""));
  EXPECT_TRUE(contains(sheet->body, "name=\"month\" value=\"2025-05\""));  // 令和7年5月 read as 2025-05

  // One submit: two people, the month written 令和7年5月.
  auto saved = save("yawata-sc", {{"activity", activity}, {"month", "令和7年5月"}, {"hours_" + id(a), "3.5"}, {"hours_" + id(b), "2"}});
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_TRUE(contains(saved->get_header_value("Location"), "added=2"));
  auto stored = hours_of(a);
  ASSERT_EQ(stored.size(), 1u);
  EXPECT_EQ(stored[0]["month"], "2025-05");
  EXPECT_EQ(stored[0]["activity"], activity);
  EXPECT_DOUBLE_EQ(stored[0]["hours"].get<double>(), 3.5);

  // A bad row refuses the whole sheet, names the person, and changes nothing.
  auto bad = save("yawata-sc", {{"activity", activity}, {"month", "2025/5"}, {"hours_" + id(a), "4"}, {"hours_" + id(b), "八時間"}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "時間 二郎さんの行"));
  EXPECT_DOUBLE_EQ(hours_of(a)[0]["hours"].get<double>(), 3.5);
  auto too_many = save("yawata-sc", {{"activity", activity}, {"month", "2025-05"}, {"hours_" + id(a), "745"}});
  EXPECT_EQ(too_many->status, 422);
  auto zero = save("yawata-sc", {{"activity", activity}, {"month", "2025-05"}, {"hours_" + id(a), "0"}});
  EXPECT_EQ(zero->status, 422);
  EXPECT_TRUE(contains(zero->body, "0より大きい"));
  auto no_month = save("yawata-sc", {{"activity", activity}, {"month", "2025-13"}, {"hours_" + id(a), "1"}});
  EXPECT_EQ(no_month->status, 422);
  EXPECT_TRUE(contains(no_month->body, "「月」"));

  // The same activity and month again: changed, not added; an empty input removes.
  auto again = save("yawata-sc", {{"activity", activity}, {"month", "2025-05"}, {"hours_" + id(a), "4"}, {"hours_" + id(b), ""}});
  ASSERT_EQ(again->status, 303);
  EXPECT_TRUE(contains(again->get_header_value("Location"), "changed=1"));
  EXPECT_TRUE(contains(again->get_header_value("Location"), "removed=1"));
  EXPECT_DOUBLE_EQ(hours_of(a)[0]["hours"].get<double>(), 4);
  EXPECT_TRUE(hours_of(b).empty());

  // The register refuses the same person, activity and month twice.
  EXPECT_EQ(client().Post("/api/v1/supporter-hours", json{{"supporter_id", a}, {"activity", activity}, {"month", "2025/5"}, {"hours", 1}}.dump(),
                          "application/json")->status, 422);

  // A resource as the activity: its name is the activity.
  const auto resource = json_of(client().Get("/api/v1/resources?per_page=1"))["items"][0];
  auto by_resource = save("yawata-sc", {{"resource_id", resource["id"].dump()}, {"month", "2025-06"}, {"hours_" + id(a), "1.25"}});
  ASSERT_EQ(by_resource->status, 303) << by_resource->body;
  bool found = false;
  for (const auto& h : hours_of(a)) found = found || (h["resource_id"] == resource["id"] && h["activity"] == resource["name"]);
  EXPECT_TRUE(found);
}

TEST_F(SupporterHoursTest, YearlyTotalsAreTheSumsOfTheRecordsCutAtTheEndOfMarch) {
  const auto a = person("年度 三郎", "ねんど さぶろう");
  const std::string activity = "見守り訪問（年度の試験）";
  ASSERT_EQ(save("sc1", {{"activity", activity}, {"month", "2025-04"}, {"hours_" + id(a), "2"}})->status, 303);
  ASSERT_EQ(save("sc1", {{"activity", activity}, {"month", "2026-03"}, {"hours_" + id(a), "3.5"}})->status, 303);
  ASSERT_EQ(save("sc1", {{"activity", activity}, {"month", "2026-04"}, {"hours_" + id(a), "10"}})->status, 303);

  auto page = client_as("sc1").Get("/supporters/hours?year=2025");
  ASSERT_EQ(page->status, 200);
  const auto row = "data-supporter=\"" + id(a) + "\"";
  ASSERT_TRUE(contains(page->body, row));
  EXPECT_EQ(attribute(page->body, "data-hours", row), "5.5");  // April 2025 and March 2026, not April 2026
  auto next = client_as("sc1").Get("/supporters/hours?year=2026");
  EXPECT_EQ(attribute(next->body, "data-hours", row), "10");

  // The total is the sum of every record of the 年度.
  double sum = 0;
  const auto all = json_of(client().Get("/api/v1/supporter-hours?per_page=0"));  // kept: the loop reads into it
  for (const auto& h : all["items"]) {
    const auto month = h["month"].get<std::string>();
    if (month >= "2025-04" && month <= "2026-03") sum += h["hours"].get<double>();
  }
  EXPECT_NEAR(std::stod(attribute(page->body, "data-total-hours")), sum, 0.01);

  // The statement: the 12 months, the total, no points (the city has none by default).
  auto statement = client_as("sc1").Get(("/supporters/" + id(a) + "/statement?year=2025").c_str());
  ASSERT_EQ(statement->status, 200);
  EXPECT_TRUE(contains(statement->body, "年度 三郎"));
  EXPECT_TRUE(contains(statement->body, "令和7年度"));
  EXPECT_EQ(attribute(statement->body, "data-total-hours"), "5.5");
  EXPECT_TRUE(contains(statement->body, "data-month=\"2026-03\""));
  EXPECT_FALSE(contains(statement->body, "data-month=\"2026-04\""));
  EXPECT_FALSE(contains(statement->body, "data-points"));
  EXPECT_FALSE(contains(page->body, ">ポイント</th>"));
  // Seeing a person's statement is in the audit trail.
  EXPECT_TRUE(contains(client().Get(("/admin/audit?register=supporters&record_id=" + id(a)).c_str())->body, "活動時間の明細"));

  // The download has the person and the district totals.
  auto csv = client_as("sc1").Get("/supporters/hours.csv?year=2025");
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(contains(csv->body, "年度 三郎"));
  EXPECT_TRUE(contains(csv->body, "八幡"));
  EXPECT_EQ(client_as("sc1").Get("/supporters/hours.xlsx?year=2025")->status, 200);
}

TEST_F(SupporterHoursTest, PointsFollowTheCityRuleAndAreOffByDefault) {
  const auto a = person("点数 四郎", "てんすう しろう");
  ASSERT_EQ(save("sc1", {{"activity", "サロンの手伝い（点数）"}, {"month", "2025-07"}, {"hours_" + id(a), "5.5"}})->status, 303);
  // Only the administrator sets the rule.
  EXPECT_EQ(client_as("sc1").Post("/supporters/hours/points", form({{"per_hour", "1"}}))->status, 403);
  ASSERT_EQ(client().Post("/supporters/hours/points", form({{"per_hour", "1"}, {"rounding", "0"}, {"yearly_cap", "0"}}))->status, 303);
  auto floor = client_as("sc1").Get(("/supporters/" + id(a) + "/statement?year=2025").c_str());
  EXPECT_EQ(attribute(floor->body, "data-points"), "5");  // 5.5 hours × 1, rounded down
  ASSERT_EQ(client().Post("/supporters/hours/points", form({{"per_hour", "1"}, {"rounding", "2"}, {"yearly_cap", "0"}}))->status, 303);
  EXPECT_EQ(attribute(client_as("sc1").Get(("/supporters/" + id(a) + "/statement?year=2025").c_str())->body, "data-points"), "6");
  ASSERT_EQ(client().Post("/supporters/hours/points", form({{"per_hour", "2"}, {"rounding", "0"}, {"yearly_cap", "4"}}))->status, 303);
  EXPECT_EQ(attribute(client_as("sc1").Get(("/supporters/" + id(a) + "/statement?year=2025").c_str())->body, "data-points"), "4");  // capped
  EXPECT_TRUE(contains(client_as("sc1").Get("/supporters/hours?year=2025")->body, ">ポイント</th>"));
  EXPECT_EQ(client().Post("/supporters/hours/points", form({{"per_hour", "-1"}}))->status, 422);
  ASSERT_EQ(client().Post("/supporters/hours/points", form({{"per_hour", "0"}, {"rounding", "0"}, {"yearly_cap", "0"}}))->status, 303);
  EXPECT_FALSE(contains(client_as("sc1").Get("/supporters/hours?year=2025")->body, ">ポイント</th>"));
}

TEST_F(SupporterHoursTest, NamesOnlyForThoseWhoMaySeeThem) {
  const auto a = person("秘密 五郎", "ひみつ ごろう");
  ASSERT_EQ(save("sc1", {{"activity", "配食の手伝い（権限）"}, {"month", "2025-08"}, {"hours_" + id(a), "2"}})->status, 303);
  for (const char* login : {"etsuran", "yawata-iin"}) {
    auto page = client_as(login).Get("/supporters/hours?year=2025");
    ASSERT_EQ(page->status, 200) << login;
    EXPECT_FALSE(contains(page->body, "秘密 五郎")) << login;
    EXPECT_TRUE(contains(page->body, "八幡")) << login;  // the district's totals
    EXPECT_FALSE(contains(client_as(login).Get("/supporters/hours.csv?year=2025")->body, "秘密 五郎")) << login;
    EXPECT_EQ(client_as(login).Get(("/supporters/" + id(a) + "/statement?year=2025").c_str())->status, 403) << login;
    EXPECT_EQ(client_as(login).Get("/supporters/hours/entry")->status, 403) << login;
    EXPECT_EQ(client_as(login).Post("/supporters/hours/entry", form({{"activity", "x"}, {"month", "2025-08"}, {"hours_" + id(a), "9"}}))->status, 403);
    // The register itself names the person only for those who may see the name.
    auto api = client_as(login).Get(("/api/v1/supporter-hours?per_page=0&supporter_id=" + id(a)).c_str());
    ASSERT_EQ(api->status, 200);
    EXPECT_FALSE(contains(api->body, "秘密 五郎")) << login;
  }
  EXPECT_TRUE(contains(client_as("yawata-sc").Get("/supporters/hours?year=2025")->body, "秘密 五郎"));
  EXPECT_EQ(client_as("").Get("/supporters/hours")->status, 303);
  EXPECT_DOUBLE_EQ(hours_of(a)[0]["hours"].get<double>(), 2);  // the refused write changed nothing
}

TEST_F(SupporterHoursTest, SupporterStatisticsCountCompletionsByFiscalYear) {
  const auto before = [&](int year) {
    return std::stoi(attribute(client().Get(("/supporters/stats?year=" + std::to_string(year)).c_str())->body, "data-trained"));
  };
  const int y2025 = before(2025), y2026 = before(2026);
  const auto a = person("修了 六郎", "しゅうりょう ろくろう");
  const auto b = person("修了 七郎", "しゅうりょう しちろう");
  const auto course = create("training-courses", {{"title", "年度の境目の講座"}, {"qualifies_for", "介護予防サポーター"}, {"first_date", "2026-03-30"},
                                                  {"last_date", "2026-04-02"}, {"district_id", yawata()}, {"status", "実施済み"}});
  create("course-participants", {{"course_id", course}, {"supporter_id", a}, {"completion", "修了"}, {"completed_on", "2026-03-31"}});
  create("course-participants", {{"course_id", course}, {"supporter_id", b}, {"completion", "修了"}, {"completed_on", "2026-04-01"}});
  EXPECT_EQ(before(2025), y2025 + 1);
  EXPECT_EQ(before(2026), y2026 + 1);
}

}  // namespace
}  // namespace sasaeai::test
