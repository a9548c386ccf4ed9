// Walking-distance coverage in everyday use: why fewer sites than asked came back, where the
// walking network is loaded, places named in words (not coordinates), numbered result markers,
// the plain-word name of the detour setting, legends that do not rely on colour alone, and the
// share within walking distance by district as a chart with its numbers.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "http/test_server.hpp"
#include "web/http_io.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class CoverageEverydayTest : public ServerTest {
 protected:
  std::string salon() { return std::to_string(find_id("resource-categories", "name", "居場所・サロン")); }
  std::string points_query(const std::string& points, int how_many) {
    return "submitted=1&candidates=points&how_many=" + std::to_string(how_many) + "&points=" + web::url_encode(points) + "&category_id=" + salon();
  }
};

TEST_F(CoverageEverydayTest, FewerSitesThanAskedComeWithTheReason) {
  // One point that adds people, asked for three: every candidate was used.
  auto one = client().Get(("/coverage/suggest?" + points_query("36.3205, 139.038\n", 3)).c_str());
  ASSERT_EQ(one->status, 200) << one->body;
  EXPECT_TRUE(contains(one->body, "3か所を求めましたが、選べたのは1か所です。")) << one->body;
  EXPECT_TRUE(contains(one->body, "候補の場所が1か所しかなく、すべて選びました。"));

  // The same point twice: the second adds nobody once the first is chosen.
  auto twice = client().Get(("/coverage/suggest?" + points_query("36.3205, 139.038\n36.3205, 139.038\n", 3)).c_str());
  ASSERT_EQ(twice->status, 200);
  EXPECT_TRUE(contains(twice->body, "選べたのは1か所です。"));
  EXPECT_TRUE(contains(twice->body, "残りの候補1か所は、どれを加えても徒歩圏に入る65歳以上の方が増えません"));

  // The API says the same, and says nothing when every asked site was chosen.
  auto api = json_of(client().Get(("/api/v1/coverage/suggest?" + points_query("36.3205, 139.038\n36.3205, 139.038\n", 3)).c_str()));
  ASSERT_TRUE(api["shortfall"].is_string());
  EXPECT_TRUE(contains(api["shortfall"].get<std::string>(), "増えません"));
  auto enough = json_of(client().Get(("/api/v1/coverage/suggest?" + points_query("36.3205, 139.038\n", 1)).c_str()));
  EXPECT_TRUE(enough["shortfall"].is_null());
  auto page = client().Get(("/coverage/suggest?" + points_query("36.3205, 139.038\n", 1)).c_str());
  EXPECT_FALSE(contains(page->body, "を求めましたが"));
}

TEST_F(CoverageEverydayTest, TheNetworkErrorSaysWhereTheNetworkIsLoaded) {
  const std::string query = "/coverage/suggest?submitted=1&candidates=nodes&how_many=3&category_id=" + salon();
  auto as_admin = client().Get(query.c_str());
  ASSERT_EQ(as_admin->status, 422);
  EXPECT_TRUE(contains(as_admin->body, "<a href=\"/coverage/data\">歩行ネットワークと小地域の人口の取り込み</a>")) << as_admin->body;
  EXPECT_TRUE(contains(as_admin->body, "OpenStreetMap から取り込む、歩ける道の地図"));
  auto data = client().Get("/coverage/data");
  ASSERT_EQ(data->status, 200);
  EXPECT_TRUE(contains(data->body, "歩行ネットワークを取り込む"));  // the page linked to is where it is loaded

  // A read-only account is told who loads it, not sent to a page it may not open.
  auto as_reader = client_as("etsuran").Get(query.c_str());
  ASSERT_EQ(as_reader->status, 422);
  EXPECT_FALSE(contains(as_reader->body, "href=\"/coverage/data\""));
  EXPECT_TRUE(contains(as_reader->body, "取り込みは第1層コーディネーターと管理者ができます"));

  // The straight-line statement on the analysis page links there too.
  auto analysis = client().Get(("/coverage?submitted=1&category_id=" + salon()).c_str());
  ASSERT_EQ(analysis->status, 200);
  EXPECT_TRUE(contains(analysis->body, "道に沿って測るには、<a href=\"/coverage/data\">"));
}

TEST_F(CoverageEverydayTest, ResultsNameTheFacilityAndThePlaceInWords) {
  auto api = json_of(client().Get(("/api/v1/coverage/suggest?candidates=facilities&how_many=2&distance=800&category_id=" + salon()).c_str()));
  ASSERT_FALSE(api["picks"].empty());
  const auto first = api["picks"][0];
  const auto name = first["label"].get<std::string>();
  const auto place = first["place"].get<std::string>();
  EXPECT_FALSE(place.empty()) << first.dump();
  const auto id = find_id("resources", "name", name);

  auto page = client().Get(("/coverage/suggest?submitted=1&candidates=facilities&how_many=2&distance=800&category_id=" + salon()).c_str());
  ASSERT_EQ(page->status, 200);
  // The facility by name, linked to its page, with its address; the coordinates come after, smaller.
  EXPECT_TRUE(contains(page->body, "<a href=\"/resources/" + std::to_string(id) + "\">" + name + "</a>")) << page->body;
  EXPECT_TRUE(contains(page->body, "<td>" + place + "<span class=\"meta coordinates\">（緯度, 経度: "));
  // Numbered rows match numbered markers on the map.
  EXPECT_TRUE(contains(page->body, "<span class=\"rank-marker\" aria-label=\"地図の1番\">1</span>"));
  EXPECT_TRUE(contains(page->body, "<title>候補 1: " + name));
  EXPECT_TRUE(std::regex_search(page->body, std::regex(R"(<title>候補 1: [^<]*</title><circle [^>]*r="22\.0")")));  // larger than other markers

  // A typed point is named by the town it lies in.
  auto point = client().Get(("/coverage/suggest?" + points_query("36.3205, 139.038\n", 1)).c_str());
  ASSERT_EQ(point->status, 200);
  EXPECT_TRUE(std::regex_search(point->body, std::regex(R"(<td>[^<]+付近<span class="meta coordinates">)"))) << point->body;
}

TEST_F(CoverageEverydayTest, TheDetourSettingHasAPlainNameAndHelp) {
  auto page = client().Get(("/coverage?submitted=1&category_id=" + salon()).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<label for=\"c-detour\">道のりの補正（直線距離の何倍歩くか）</label>"));
  EXPECT_TRUE(contains(page->body, "直線で1 km なら1.3 km 歩く"));
  EXPECT_FALSE(contains(page->body, "回り道の係数"));
  auto bad = client().Get(("/coverage?submitted=1&detour=9&category_id=" + salon()).c_str());
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "道のりの補正（直線距離の何倍歩くか）は1.0〜3.0で指定してください"));
}

TEST_F(CoverageEverydayTest, LegendsNameEachShapeInWords) {
  auto page = client().Get(("/coverage?submitted=1&category_id=" + salon()).c_str());
  ASSERT_EQ(page->status, 200);
  for (const char* item : {"徒歩圏内の小地域（丸）", "一部が徒歩圏内の小地域（ひし形）", "徒歩圏外の小地域（四角）", "いまの場所（三角）"}) {
    EXPECT_TRUE(contains(page->body, std::string("<span>") + item + "</span>")) << item;
  }
  // The map draws the same shapes: sites as triangles (paths), not only coloured circles.
  const auto map_at = page->body.find("class=\"svg-map\"");
  ASSERT_NE(map_at, std::string::npos);
  const auto map = page->body.substr(map_at, page->body.find("</svg>", map_at) - map_at);
  EXPECT_TRUE(std::regex_search(map, std::regex(R"(<path d="M[-0-9.,]+L[-0-9.,]+L[-0-9.,]+Z" [^>]*fill="#1d4ed8")")));
  EXPECT_FALSE(contains(page->body, "候補（番号つきの大きな丸"));  // no suggestions on this page

  auto suggest = client().Get(("/coverage/suggest?" + points_query("36.3205, 139.038\n", 1)).c_str());
  EXPECT_TRUE(contains(suggest->body, "<span>候補（番号つきの大きな丸。番号は表の順位）</span>"));
}

TEST_F(CoverageEverydayTest, TheShareByDistrictIsAChartWithItsNumbersInTheTable) {
  auto page = client().Get(("/coverage?submitted=1&category_id=" + salon()).c_str());
  ASSERT_EQ(page->status, 200);
  const auto chart_at = page->body.find("<figure class=\"chart\">");
  ASSERT_NE(chart_at, std::string::npos) << "the coverage page draws the share by district";
  const auto chart = page->body.substr(chart_at, page->body.find("</figure>", chart_at) - chart_at);
  EXPECT_TRUE(contains(chart, "role=\"img\""));
  EXPECT_TRUE(contains(chart, "<title id=\"coverage-by-district-title\">地区ごとの徒歩圏内の割合（65歳以上）</title>"));
  EXPECT_TRUE(contains(chart, "点線は市全体の割合"));
  EXPECT_TRUE(contains(chart, "数値は下の表にもあります。"));
  // Every district of the table below is a bar labelled with its share, as the table shows it.
  const auto table_at = page->body.find("aria-labelledby=\"districts-title\"", chart_at);
  ASSERT_NE(table_at, std::string::npos);
  const std::regex row(R"(<tr><th scope="row">([^<]+)</th><td class="num">[^<]*</td><td class="num">[^<]*</td><td class="num">([0-9.]+)%</td>)");
  const auto table = page->body.substr(table_at, page->body.find("</table>", table_at) - table_at);
  int rows = 0;
  for (auto it = std::sregex_iterator(table.begin(), table.end(), row); it != std::sregex_iterator(); ++it) {
    ++rows;
    EXPECT_TRUE(contains(chart, (*it)[1].str())) << (*it)[1].str();
  }
  EXPECT_GT(rows, 20);
}

}  // namespace
}  // namespace sasaeai::test
