// Walking-distance coverage over HTTP: the analysis with the demo's straight-line fallback, a
// walking network uploaded as an OpenStreetMap file, the site suggestions, the residents' CSV
// import, the exports, and who may see and change what.
#include <gtest/gtest.h>

#include <regex>

#include <sstream>
#include <thread>
#include <vector>

#include "http/test_server.hpp"
#include "support/osm_grid.hpp"
#include "web/http_io.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class CoverageTest : public ServerTest {
 protected:
  json coverage(const std::string& query) {
    auto res = client().Get(("/api/v1/coverage?" + query).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res);
  }
  std::string salon() { return std::to_string(find_id("resource-categories", "name", "居場所・サロン")); }
};

TEST_F(CoverageTest, TheDemoUsesStraightLinesAndSaysSo) {
  const auto r = coverage("category_id=" + salon() + "&distance=500");
  EXPECT_EQ(r["method"], "straight_line");
  EXPECT_DOUBLE_EQ(r["detour_factor"].get<double>(), 1.3);
  EXPECT_EQ(r["population_year"], 2015);
  EXPECT_DOUBLE_EQ(r["aged_65"].get<double>(), 100'242);  // every small area of the demo
  EXPECT_GT(r["sites"].get<int>(), 0);
  EXPECT_GT(r["covered"].get<double>(), 0);
  EXPECT_LT(r["covered"].get<double>(), r["aged_65"].get<double>());
  double sum = 0;
  for (const auto& d : r["districts"]) sum += d["covered"].get<double>();
  EXPECT_DOUBLE_EQ(sum, r["covered"].get<double>());
  // Walking further covers at least as many people; the minutes form is distance = minutes × speed.
  const auto wider = coverage("category_id=" + salon() + "&distance=1000");
  EXPECT_GE(wider["covered"].get<double>(), r["covered"].get<double>());
  const auto minutes = coverage("category_id=" + salon() + "&distance=20&unit=min&speed=50");
  EXPECT_DOUBLE_EQ(minutes["distance_m"].get<double>(), 1000);
  EXPECT_DOUBLE_EQ(minutes["covered"].get<double>(), wider["covered"].get<double>());
  // Every area names its nearest site and the (detoured) straight-line distance to it.
  for (const auto& a : r["areas"]) {
    ASSERT_FALSE(a["nearest_m"].is_null());
    EXPECT_EQ(a["covered"].get<double>() > 0, a["nearest_m"].get<double>() <= 500) << a.dump();
  }

  auto page = client().Get(("/coverage?submitted=1&category_id=" + salon() + "&distance=500").c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "直線距離×1.30"));
  EXPECT_TRUE(contains(page->body, "推計"));
  EXPECT_TRUE(contains(page->body, "<svg"));
  auto csv = client().Get(("/coverage/areas.csv?submitted=1&category_id=" + salon()).c_str());
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(contains(csv->body, "小地域コード,名称,地区"));
  EXPECT_TRUE(contains(csv->body, "直線距離×1.30"));

  EXPECT_EQ(client().Get("/api/v1/coverage?distance=10")->status, 422);
  EXPECT_EQ(client_as("").Get("/api/v1/coverage")->status, 401);
  EXPECT_EQ(client_as("etsuran").Get("/api/v1/coverage")->status, 200);  // reading is for every account
}

TEST_F(CoverageTest, AnUploadedWalkingNetworkIsUsedAlongItsStreets) {
  // A salon on the grid at 中居町1丁目's point; the grid is the whole network.
  const double lat = 36.32046, lng = 139.038;
  json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"category_id", find_id("resource-categories", "name", "認知症カフェ")},
               {"name", "格子の上の試験カフェ"}, {"status", "活動中"}, {"latitude", lat}, {"longitude", lng}};
  ASSERT_EQ(client().Post("/api/v1/resources", body.dump(), "application/json")->status, 201);
  const auto cafe = std::to_string(find_id("resource-categories", "name", "認知症カフェ"));

  EXPECT_EQ(client_as("yawata-iin").Post("/coverage/network", httplib::MultipartFormDataItems{{"file", osm_grid(lat, lng), "grid.osm", ""}})->status, 403);
  auto bad = client().Post("/coverage/network", httplib::MultipartFormDataItems{{"file", "<osm version=\"0.6\"></osm>", "empty.osm", ""}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "歩ける道"));
  EXPECT_EQ(coverage("category_id=" + cafe)["method"], "straight_line");  // nothing changed

  auto up = client().Post("/coverage/network", httplib::MultipartFormDataItems{{"file", osm_grid(lat, lng), "grid.osm", ""}});
  ASSERT_EQ(up->status, 303) << up->body;
  EXPECT_TRUE(contains(client().Get("/coverage/data")->body, "「grid.osm」: 121 地点、220 区間"));

  const auto r = coverage("category_id=" + cafe + "&distance=300");
  EXPECT_EQ(r["method"], "network");
  EXPECT_EQ(r["network"]["nodes"], 121);
  bool found = false;
  for (const auto& a : r["areas"]) {
    if (a["name"] == "中居町1丁目") {
      found = true;
      EXPECT_GT(a["covered"].get<double>(), 0);
      EXPECT_LT(a["covered"].get<double>(), a["aged_65"].get<double>());  // its people spread 300 m around; some are further
      EXPECT_EQ(a["nearest_site"], "格子の上の試験カフェ");
      EXPECT_LT(a["nearest_m"].get<double>(), 1.0);  // the site is on the area's own point
    }
  }
  EXPECT_TRUE(found);
  auto page = client().Get(("/coverage?submitted=1&category_id=" + cafe + "&distance=300").c_str());
  EXPECT_TRUE(contains(page->body, "歩行ネットワーク「grid.osm」（121 地点）"));

  ASSERT_EQ(client().Post("/coverage/network/delete", form({{"go", "1"}}))->status, 303);
  EXPECT_EQ(coverage("category_id=" + cafe)["method"], "straight_line");
}

// Every request's analysis runs on the server's one pool: several suggestions at once give
// exactly the answer each gives alone.
TEST_F(CoverageTest, ConcurrentSuggestionsAnswerAsSequentialOnes) {
  const double lat = 36.32046, lng = 139.038;
  ASSERT_EQ(client().Post("/coverage/network", httplib::MultipartFormDataItems{{"file", osm_grid(lat, lng), "grid.osm", ""}})->status, 303);
  const std::vector<std::string> queries = {"candidates=nodes&how_many=3&distance=300", "candidates=nodes&how_many=5&distance=500",
                                            "candidates=facilities&how_many=4&distance=800"};
  std::vector<std::string> alone;
  for (const auto& q : queries) {
    auto res = client().Get(("/api/v1/coverage/suggest?" + q).c_str());
    ASSERT_EQ(res->status, 200) << res->body;
    alone.push_back(res->body);
  }
  ASSERT_FALSE(json::parse(alone[0])["picks"].empty());
  // Five clients at once (the test server allows six connections from one address), each asking
  // every query in its own order.
  constexpr std::size_t kClients = 5;
  std::vector<int> mismatches(kClients, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kClients; ++t) {
    threads.emplace_back([&, t] {
      auto c = client();
      for (std::size_t i = 0; i < queries.size() * 2; ++i) {
        const auto q = (i + t) % queries.size();
        auto res = c.Get(("/api/v1/coverage/suggest?" + queries[q]).c_str());
        if (!res || res->status != 200 || res->body != alone[q]) ++mismatches[t];
      }
    });
  }
  for (auto& th : threads) th.join();
  for (std::size_t t = 0; t < kClients; ++t) EXPECT_EQ(mismatches[t], 0) << "client " << t;
  ASSERT_EQ(client().Post("/coverage/network/delete", form({{"go", "1"}}))->status, 303);
}

TEST_F(CoverageTest, SuggestionsAddTheMostPeopleFirst) {
  auto res = client().Get(("/api/v1/coverage/suggest?candidates=facilities&how_many=4&distance=800&category_id=" + salon()).c_str());
  ASSERT_EQ(res->status, 200) << res->body;
  const auto s = json_of(res);
  EXPECT_GT(s["candidates"].get<int>(), 0);
  const auto& picks = s["picks"];
  ASSERT_FALSE(picks.empty());
  double before = s["before"]["covered"].get<double>();
  double last_added = 1e18;
  for (const auto& p : picks) {
    EXPECT_GT(p["added_aged_65"].get<double>(), 0);
    EXPECT_LE(p["added_aged_65"].get<double>(), last_added);  // greedy gains never grow
    last_added = p["added_aged_65"].get<double>();
    before += last_added;
    EXPECT_DOUBLE_EQ(p["covered_after"].get<double>(), before);
  }
  auto points = client().Get(("/coverage/suggest?submitted=1&candidates=points&how_many=1&points=" + web::url_encode("36.3205, 139.038\n") +
                              "&category_id=" + salon()).c_str());
  ASSERT_EQ(points->status, 200);
  EXPECT_TRUE(contains(points->body, "地点 1"));
  // A typed point becomes a new resource in one step: the form opens with the point filled in.
  const std::string register_href = "/resources/new?latitude=36.320500&amp;longitude=139.038000";
  EXPECT_TRUE(contains(points->body, register_href)) << points->body;
  auto form_page = client().Get("/resources/new?latitude=36.320500&longitude=139.038000");
  ASSERT_EQ(form_page->status, 200);
  EXPECT_TRUE(contains(form_page->body, "value=\"36.320500\""));
  auto as_reader = client_as("etsuran").Get(("/coverage/suggest?submitted=1&candidates=points&how_many=1&points=" + web::url_encode("36.3205, 139.038\n") +
                                             "&category_id=" + salon()).c_str());
  EXPECT_EQ(as_reader->status, 200);
  EXPECT_FALSE(contains(as_reader->body, "この場所を社会資源に登録"));  // offered only to those who register resources
  auto facilities = client().Get(("/coverage/suggest?submitted=1&candidates=facilities&how_many=1&category_id=" + salon()).c_str());
  EXPECT_FALSE(contains(facilities->body, "この場所を社会資源に登録"));  // a facility is one already
  auto bad = client().Get(("/coverage/suggest?submitted=1&candidates=points&points=" + web::url_encode("北の方")).c_str());
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "1行目"));
  auto nodes = client().Get("/api/v1/coverage/suggest?candidates=nodes");
  EXPECT_EQ(nodes->status, 422);  // needs a walking network
  auto csv = client().Get(("/coverage/suggest.csv?submitted=1&candidates=facilities&how_many=2&category_id=" + salon()).c_str());
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(contains(csv->body, "順位,場所,緯度,経度"));
}

TEST_F(CoverageTest, ResidentsAreImportedFromCsvWholeOrNotAtAll) {
  const auto before = count("small-areas");
  const std::string estat = "KEY_CODE,MOJI,年,JINKO,65歳以上,Y_CODE,X_CODE,地区\n"
                            "999000001,試験町1丁目,2020,1200,400,36.33,139.01,八幡\n"
                            "102021010,相生町,2015,202,80,36.33236,139.0007,\n";
  auto res = client().Post("/coverage/population", httplib::MultipartFormDataItems{{"file", estat, "areas.csv", "text/csv"}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "新規 1 件、更新 1 件"));
  EXPECT_EQ(count("small-areas"), before + 1);
  const std::string bad = "小地域コード,名称,年,65歳以上,緯度,経度\n1,甲,2020,10,36.3,139.0\n2,乙,2020,-5,36.3,139.0\n";
  auto rejected = client().Post("/coverage/population", httplib::MultipartFormDataItems{{"file", bad, "bad.csv", "text/csv"}});
  EXPECT_EQ(rejected->status, 422);
  EXPECT_TRUE(std::regex_search(rejected->body, std::regex("3行目 [0-9]+列目（65歳以上人口）")));  // the line, the column and its name
  EXPECT_EQ(count("small-areas"), before + 1);
  EXPECT_EQ(client_as("yawata-iin").Post("/coverage/population", httplib::MultipartFormDataItems{{"file", estat, "a.csv", "text/csv"}})->status, 403);
  // The newest year is analysed by default: only the 2020 area now.
  const auto r = coverage("distance=500");
  EXPECT_EQ(r["population_year"], 2020);
  EXPECT_DOUBLE_EQ(r["aged_65"].get<double>(), 400);
}

}  // namespace
}  // namespace sasaeai::test
