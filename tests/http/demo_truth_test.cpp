// The demo city tells the truth: the dashboard's city figure is the published one with its date
// and source (never district rows of different years added up), the first-layer council is one
// council, and names are as printed.
#include <gtest/gtest.h>

#include "http/test_server.hpp"
#include "web/http_io.hpp"

namespace sasaeai::test {
namespace {

class DemoTruthTest : public ServerTest {};

TEST_F(DemoTruthTest, TheDashboardShowsThePublishedCityFigureWithItsDateAndSource) {
  auto res = client().Get("/");
  ASSERT_EQ(res->status, 200);
  const auto& page = res->body;
  EXPECT_TRUE(contains(page, "平成29年9月30日現在")) << page;
  EXPECT_TRUE(contains(page, "374,707"));
  EXPECT_TRUE(contains(page, "101,270"));
  EXPECT_TRUE(contains(page, "27.03%"));
  EXPECT_TRUE(contains(page, "出典：高崎市第1層SC発表資料 H30.1.22「高崎市の概要」（平成29年9月末現在）"));
  // The old total added 25 districts' 2015 rows to 八幡's 2017 row.
  EXPECT_FALSE(contains(page, "372,348"));
  // The district total adds only one year's rows, and says which.
  EXPECT_TRUE(contains(page, "合計は2015年度の数値がある26地区（26地区中）だけを足したものです"));
  EXPECT_TRUE(contains(page, "370,884"));  // the 2015 census total of the 26 districts
}

TEST_F(DemoTruthTest, TheOverviewApiNamesTheYearOfItsTotalsAndGivesTheCityFigure) {
  const auto body = json_of(client().Get("/api/v1/overview"));
  EXPECT_EQ(body["totals_year"], 2015);
  EXPECT_EQ(body["population_total"], 370884);
  EXPECT_EQ(body["city_figure"]["as_of"], "2017-09-30");
  EXPECT_EQ(body["city_figure"]["population"], 374707);
  EXPECT_EQ(body["city_figure"]["aged_65"], 101270);
  const auto figures = json_of(client().Get("/api/v1/city-figures"));
  EXPECT_EQ(figures["total"], 2);  // the 2015 census and September 2017
  // An ordinary register: its list and form pages work like the others.
  EXPECT_EQ(client().Get("/city-figures")->status, 200);
  EXPECT_EQ(client().Get("/city-figures/new")->status, 200);
}

TEST_F(DemoTruthTest, TheFirstLayerCouncilIsOneCouncil) {
  const auto body = json_of(client().Get("/api/v1/councils?layer=1"));
  ASSERT_EQ(body["total"], 1) << body.dump();
  EXPECT_EQ(body["items"][0]["name"], "第1層協議体");
}

TEST_F(DemoTruthTest, NamesAreAsPrintedAndTheFirstSessionsVenueIsListed) {
  EXPECT_GT(find_id("resources", "name", "井野さんぼ"), 0);
  EXPECT_EQ(count("resources", "q=" + web::url_encode("井野さんぽ")), 0);
  const auto venue = find_id("resources", "name", "西部公民館");
  const auto record = json_of(client().Get(("/api/v1/resources/" + std::to_string(venue)).c_str()));
  EXPECT_TRUE(contains(record["description"].get<std::string>(), "令和6年2月13日"));
  // Where it is is not known, so it is not placed on the map at a made-up spot.
  EXPECT_TRUE(record["latitude"].is_null());
}

// The meetings of seed 002 with their figures as printed, and how each was counted.
TEST_F(DemoTruthTest, MeetingsCarryThePublishedFiguresAndSayWhichAreApproximate) {
  auto meeting = [&](const std::string& title) {
    const auto id = find_id("meetings", "title", title);
    return json_of(client().Get(("/api/v1/meetings/" + std::to_string(id)).c_str()));
  };
  const auto forum = meeting("市民向けフォーラム（平成28年2月）");
  EXPECT_EQ(forum["held_on"], "2016-02-21");
  EXPECT_EQ(forum["attended_count"], 450);
  EXPECT_EQ(forum["figures_basis"], "概数");
  const auto july = meeting("区長・民生委員勉強会（平成28年7月）");
  EXPECT_EQ(july["invited_count"], 141 + 165);
  EXPECT_EQ(july["attended_count"], 150);
  const auto august = meeting("区長・民生委員勉強会（平成28年8月）");
  EXPECT_EQ(august["invited_count"], 389 + 536);
  EXPECT_EQ(august["attended_count"], 420);
  EXPECT_EQ(meeting("庁内勉強会 ～部局間連携の強化～")["attended_count"], 137);
  const int councils[] = {7, 14, 16, 25};
  for (int i = 0; i < 4; ++i) {
    EXPECT_EQ(meeting("第2層協議体情報交換会（第" + std::to_string(i + 1) + "回）")["council_count"], councils[i]);
  }
  // The forum's page says the figure is approximate.
  const auto page = client().Get(("/meetings/" + std::to_string(forum["id"].get<std::int64_t>())).c_str());
  EXPECT_TRUE(contains(page->body, "約450人（概数）"));
  // 八幡's 和アップ講座 as training courses with their numbers.
  const auto courses = json_of(client().Get("/api/v1/training-courses?per_page=0"))["items"];
  int found = 0;
  for (const auto& c : courses) {
    if (c["first_date"] == "2017-01-30") {
      EXPECT_EQ(c["walk_ins"], 65);
      ++found;
    } else if (c["first_date"] == "2017-06-17") {
      EXPECT_EQ(c["walk_ins"], 45);
      ++found;
    }
  }
  EXPECT_EQ(found, 2);
}

}  // namespace
}  // namespace sasaeai::test
