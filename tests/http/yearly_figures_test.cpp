// The yearly figures page (/figures) over HTTP: 通いの場 counted by each axis with 未入力, the
// participants by sex and age band, the participation rate as numerator ÷ denominator with the
// denominator named, councils and supporters trained, each cut at 3/31 | 4/1; the totals equal
// the sums of the records; every figure leads to the records it counts; no names; CSV/XLSX.
#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class YearlyFiguresTest : public ServerTest {
 protected:
  std::int64_t yawata() { return find_id("districts", "name", "八幡"); }
  static std::string id(std::int64_t n) { return std::to_string(n); }
  // The download as (区分, 項目) → 数.
  std::map<std::pair<std::string, std::string>, std::string> figures(int year, const std::string& login = "sc1") {
    auto res = client_as(login).Get(("/figures.csv?year=" + std::to_string(year)).c_str());
    EXPECT_EQ(res->status, 200);
    std::map<std::pair<std::string, std::string>, std::string> out;
    for (const auto& row : io::read_csv(res->body).rows) {
      if (row.cells.size() >= 4) out[{row.cells[1], row.cells[2]}] = row.cells[3];
    }
    return out;
  }
  static int n(const std::map<std::pair<std::string, std::string>, std::string>& f, const std::string& section, const std::string& item) {
    const auto it = f.find({section, item});
    return it == f.end() || it->second.empty() ? 0 : std::stoi(it->second);
  }
  std::int64_t municipality() { return json_of(client().Get("/api/v1/municipalities?per_page=1"))["items"][0]["id"]; }
};

TEST_F(YearlyFiguresTest, GatheringPlacesParticipantsCouncilsAndTrainedByFiscalYear) {
  const auto before25 = figures(2025), before26 = figures(2026);
  const auto category = create("resource-categories", {{"name", "通いの場（集計の試験）"}, {"sort_order", 900}, {"gathering_place", "はい"}});
  const auto other_category = create("resource-categories", {{"name", "通いの場でない（集計の試験）"}, {"sort_order", 901}, {"gathering_place", "いいえ"}});
  const json base = {{"municipality_id", municipality()}, {"category_id", category}, {"district_id", yawata()}, {"status", "活動中"}};
  auto with = [&](json extra) {
    json body = base;
    for (auto& [k, v] : extra.items()) body[k] = v;
    return create("resources", body);
  };
  const auto weekly = with({{"name", "火曜いきいき体操（集計）"}, {"tsudoi_operator", "住民団体"}, {"venue_type", "公民館・自治会館・集会所"},
                            {"tsudoi_activities", "体操（運動）、茶話会"}, {"schedule", "毎週火曜 10:00-12:00"}, {"started_on", "2026-03-31"}});
  const auto later = with({{"name", "四月からのサロン（集計）"}, {"started_on", "2026-04-01"}});
  with({{"name", "終わったサロン（集計）"}, {"status", "終了"}, {"tsudoi_operator", "住民個人"}});
  with({{"name", "分類の違う場（集計）"}, {"category_id", other_category}, {"tsudoi_operator", "住民個人"}});
  create("gathering-participants", {{"resource_id", weekly}, {"fiscal_year", 2025}, {"men_65_74", 3}, {"men_75_over", 2}, {"women_65_74", 4},
                                    {"women_75_over", 6}, {"under_65", 1}});
  create("councils", {{"municipality_id", municipality()}, {"name", "年度末に発足した協議体（集計）"}, {"layer", 2}, {"kind", "地域支え合い"},
                      {"district_id", yawata()}, {"founded_on", "2026-03-31"}});
  create("councils", {{"municipality_id", municipality()}, {"name", "四月に発足した協議体（集計）"}, {"layer", 2}, {"kind", "地域支え合い"},
                      {"district_id", yawata()}, {"founded_on", "2026-04-01"}});
  const auto person = create("supporters", {{"name", "集計 花子"}, {"district_id", yawata()}, {"status", "活動中"}});
  const auto course = create("training-courses", {{"title", "オレンジ講座（集計）"}, {"qualifies_for", "オレンジサポーター"}, {"first_date", "2026-03-31"},
                                                  {"status", "実施済み"}});
  create("course-participants", {{"course_id", course}, {"supporter_id", person}, {"completion", "修了"}, {"completed_on", "2026-03-31"}});

  const auto after25 = figures(2025), after26 = figures(2026);
  // 2025年度: the weekly place only (the later one starts on 4/1; ended and other categories never).
  EXPECT_EQ(n(after25, "通いの場", "通いの場の数"), n(before25, "通いの場", "通いの場の数") + 1);
  EXPECT_EQ(n(after26, "通いの場", "通いの場の数"), n(before26, "通いの場", "通いの場の数") + 2);
  EXPECT_EQ(n(after25, "運営（国の類型）", "住民団体"), n(before25, "運営（国の類型）", "住民団体") + 1);
  EXPECT_EQ(n(after25, "運営（国の類型）", "住民個人"), n(before25, "運営（国の類型）", "住民個人"));
  EXPECT_EQ(n(after26, "運営（国の類型）", "未入力"), n(before26, "運営（国の類型）", "未入力") + 1);
  EXPECT_EQ(n(after25, "場所（国の類型）", "公民館・自治会館・集会所"), n(before25, "場所（国の類型）", "公民館・自治会館・集会所") + 1);
  EXPECT_EQ(n(after25, "活動（国の類型）", "体操（運動）"), n(before25, "活動（国の類型）", "体操（運動）") + 1);
  EXPECT_EQ(n(after25, "活動（国の類型）", "茶話会"), n(before25, "活動（国の類型）", "茶話会") + 1);
  EXPECT_EQ(n(after25, "開催頻度（開催日時から）", "週1回以上"), n(before25, "開催頻度（開催日時から）", "週1回以上") + 1);
  EXPECT_EQ(n(after26, "開催頻度（開催日時から）", "未入力"), n(before26, "開催頻度（開催日時から）", "未入力") + 1);
  // Each axis with one value per place sums to the number of places.
  for (const char* axis : {"運営（国の類型）", "場所（国の類型）", "開催頻度（開催日時から）"}) {
    EXPECT_EQ(n(after25, axis, "計"), n(after25, "通いの場", "通いの場の数")) << axis;
  }
  // Participants: the records of the 年度, summed.
  EXPECT_EQ(n(after25, "通いの場の参加者（実人数）", "65歳以上 計"), n(before25, "通いの場の参加者（実人数）", "65歳以上 計") + 15);
  EXPECT_EQ(n(after25, "通いの場の参加者（実人数）", "男性 75歳以上"), n(before25, "通いの場の参加者（実人数）", "男性 75歳以上") + 2);
  std::int64_t sum = 0;
  const auto participants = json_of(client().Get("/api/v1/gathering-participants?per_page=0&fiscal_year=2025"));
  for (const auto& p : participants["items"]) {
    for (const char* f : {"men_65_74", "men_75_over", "women_65_74", "women_75_over"}) sum += p.value(f, json(0)).is_null() ? 0 : p.value(f, 0);
  }
  EXPECT_EQ(n(after25, "通いの場の参加者（実人数）", "65歳以上 計"), sum);
  EXPECT_EQ(n(after25, "参加率", "分子: 参加実人数（65歳以上）"), sum);
  // Councils: founded by 3/31 count in 2025, on 4/1 in 2026.
  EXPECT_EQ(n(after25, "協議体（層ごと）", "第2層"), n(before25, "協議体（層ごと）", "第2層") + 1);
  EXPECT_EQ(n(after26, "協議体（層ごと）", "第2層"), n(before26, "協議体（層ごと）", "第2層") + 2);
  // Supporters trained: the completion on 3/31 is 2025's.
  EXPECT_EQ(n(after25, "養成講座の修了者（サポーターの種類ごと）", "オレンジサポーター"),
            n(before25, "養成講座の修了者（サポーターの種類ごと）", "オレンジサポーター") + 1);
  EXPECT_EQ(n(after26, "養成講座の修了者（サポーターの種類ごと）", "オレンジサポーター"),
            n(before26, "養成講座の修了者（サポーターの種類ごと）", "オレンジサポーター"));

  // Each figure leads to the records it counts.
  auto page = client_as("sc1").Get("/figures?year=2025");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "href=\"/figures/records?year=2025&amp;key=places\""));
  EXPECT_TRUE(contains(page->body, "key=operator%3A"));
  auto places = client_as("sc1").Get("/figures/records?year=2025&key=places");
  ASSERT_EQ(places->status, 200);
  EXPECT_TRUE(contains(places->body, "href=\"/resources/" + id(weekly) + "\""));
  EXPECT_FALSE(contains(places->body, "href=\"/resources/" + id(later) + "\""));
  auto ops = client_as("sc1").Get(("/figures/records?year=2025&key=" + httplib::detail::encode_query_param("operator:住民団体")).c_str());
  EXPECT_TRUE(contains(ops->body, "火曜いきいき体操（集計）"));
  auto trained = client_as("sc1").Get(("/figures/records?year=2025&key=" + httplib::detail::encode_query_param("trained:オレンジサポーター")).c_str());
  EXPECT_TRUE(contains(trained->body, "href=\"/training-courses/" + id(course) + "\""));
  EXPECT_FALSE(contains(trained->body, "集計 花子"));  // the course, not the person
  EXPECT_EQ(client_as("sc1").Get("/figures/records?year=2025&key=nothing")->status, 404);
}

TEST_F(YearlyFiguresTest, TheRateNamesItsDenominator) {
  create("city-figures", {{"municipality_id", municipality()}, {"as_of", "2026-03-31"}, {"aged_65", 100000}, {"source", "住民基本台帳（集計の試験）"}});
  auto f = figures(2025);
  EXPECT_EQ(n(f, "参加率", "分母: 65歳以上人口"), 100000);
  auto page = client_as("sc1").Get("/figures?year=2025");
  EXPECT_TRUE(contains(page->body, "基準日 2026-03-31"));
  EXPECT_TRUE(contains(page->body, "住民基本台帳（集計の試験）"));
  // A figure of 4/1 is not the denominator of the 年度 that ended the day before.
  create("city-figures", {{"municipality_id", municipality()}, {"as_of", "2026-04-01"}, {"aged_65", 5}, {"source", "翌年度の数値（集計の試験）"}});
  EXPECT_EQ(n(figures(2025), "参加率", "分母: 65歳以上人口"), 100000);
  EXPECT_EQ(n(figures(2026), "参加率", "分母: 65歳以上人口"), 5);
}

TEST_F(YearlyFiguresTest, CountsOnlyForEverySignedInPersonAndNothingForVisitors) {
  for (const char* login : {"etsuran", "yawata-iin", "yawata-sc"}) {
    auto page = client_as(login).Get("/figures?year=2025");
    ASSERT_EQ(page->status, 200) << login;
    EXPECT_FALSE(contains(page->body, "/admin/accounts/")) << login;
    auto coordinators = client_as(login).Get(("/figures/records?year=2025&key=" + httplib::detail::encode_query_param("coordinators:第1層")).c_str());
    EXPECT_FALSE(contains(coordinators->body, "/admin/accounts/")) << login;
  }
  EXPECT_EQ(client_as("").Get("/figures")->status, 303);
  EXPECT_EQ(client_as("").Get("/figures.csv")->status, 303);
  EXPECT_EQ(client_as("sc1").Get("/figures.xlsx?year=2025")->status, 200);
  // The default is this 年度.
  EXPECT_EQ(client_as("sc1").Get("/figures")->status, 200);
}

}  // namespace
}  // namespace sasaeai::test
