// Maps and the public portal over HTTP: the GeoJSON API and its filters, town and postal-code
// lookup, boundary and town imports, the MBTiles tile route, the stale-resources list, and the
// portal's search, resource and print pages.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <sstream>

#include "http/test_server.hpp"
#include "web/http_io.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(SASAEAI_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string q(const std::string& text) { return web::url_encode(text); }

class MapsTest : public ServerTest {
 protected:
  // A resource through the API; returns its id.
  std::int64_t create_resource(const json& fields) {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                 {"category_id", find_id("resource-categories", "name", "居場所・サロン")},
                 {"status", "活動中"}};
    for (auto& [k, v] : fields.items()) body[k] = v;
    auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json_of(res)["id"].get<std::int64_t>();
  }
  json features(const std::string& query) {
    auto res = client_as("").Get(("/api/v1/map/resources?" + query).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res)["features"];
  }
  static bool has_feature(const json& features, std::int64_t id) {
    for (const auto& f : features) {
      if (f["properties"]["id"] == id) return true;
    }
    return false;
  }
};

TEST_F(MapsTest, ResourcesGeoJsonFollowsTheFiltersAndCarriesNoPersonalData) {
  const auto yawata = find_id("districts", "name", "八幡");
  const auto tuesday = create_resource({{"name", "火曜サロン地図試験"}, {"district_id", yawata}, {"schedule", "毎週火曜 10:00-12:00"},
                                        {"latitude", 36.341}, {"longitude", 138.945}, {"contact_phone", "027-999-0001"}});
  const auto unplaced = create_resource({{"name", "位置なし地図試験"}, {"district_id", yawata}});

  auto all = features("");
  ASSERT_TRUE(has_feature(all, tuesday));
  EXPECT_FALSE(has_feature(all, unplaced));  // a map shows only resources with a location
  for (const auto& f : all) {
    EXPECT_EQ(f["geometry"]["type"], "Point");
    EXPECT_FALSE(f["properties"].contains("contact_phone"));
  }
  const auto& feature = *std::find_if(all.begin(), all.end(), [&](const json& f) { return f["properties"]["id"] == tuesday; });
  EXPECT_DOUBLE_EQ(feature["geometry"]["coordinates"][0].get<double>(), 138.945);
  EXPECT_DOUBLE_EQ(feature["geometry"]["coordinates"][1].get<double>(), 36.341);
  EXPECT_EQ(feature["properties"]["colour"], "#c2410c");

  EXPECT_TRUE(has_feature(features("weekday=1"), tuesday));
  EXPECT_TRUE(has_feature(features("weekday=" + q("火")), tuesday));
  EXPECT_FALSE(has_feature(features("weekday=2"), tuesday));
  EXPECT_FALSE(has_feature(features("status=" + q("休止")), tuesday));
  const auto in_yawata = features("district_id=" + std::to_string(yawata));
  EXPECT_TRUE(has_feature(in_yawata, tuesday));
  for (const auto& f : in_yawata) EXPECT_EQ(f["properties"]["district_id"], yawata);
  EXPECT_LT(in_yawata.size(), all.size());

  auto bad = client().Get("/api/v1/map/resources?weekday=xyz");
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(json_of(bad)["field"], "weekday");
}

TEST_F(MapsTest, BoundariesOfTheDemoCityAreTheN03OutlineAndEstimatedDistricts) {
  auto city = json_of(client_as("").Get("/api/v1/map/boundaries?level=municipality"));
  ASSERT_EQ(city["features"].size(), 1u);
  EXPECT_EQ(city["features"][0]["properties"]["name"], "高崎市");
  EXPECT_TRUE(contains(city["features"][0]["properties"]["source"].get<std::string>(), "国土数値情報"));
  EXPECT_EQ(city["features"][0]["geometry"]["type"], "MultiPolygon");

  auto districts = json_of(client_as("").Get("/api/v1/map/boundaries?level=district"));
  EXPECT_EQ(districts["features"].size(), 26u);
  for (const auto& f : districts["features"]) EXPECT_EQ(f["properties"]["origin"], "代表点から推計");

  const auto yawata = find_id("districts", "name", "八幡");
  auto one = json_of(client_as("").Get(("/api/v1/map/boundaries?level=district&district_id=" + std::to_string(yawata)).c_str()));
  ASSERT_EQ(one["features"].size(), 1u);
  EXPECT_EQ(one["features"][0]["properties"]["name"], "八幡");
  // 八幡町's representative point lies inside the estimated 八幡 district.
  const auto& bbox = one["features"][0]["bbox"];
  EXPECT_LT(bbox[0].get<double>(), 138.94495);
  EXPECT_GT(bbox[2].get<double>(), 138.94495);

  EXPECT_EQ(client().Get("/api/v1/map/boundaries?level=planet")->status, 422);
}

TEST_F(MapsTest, TownsAreFoundByAddressNameAndPostalCode) {
  auto by_address = json_of(client_as("").Get(("/api/v1/towns?q=" + q("群馬県高崎市中居町1-2-3")).c_str()))["towns"];
  ASSERT_FALSE(by_address.empty());
  EXPECT_EQ(by_address[0]["name"], "中居町1丁目");  // names are stored NFKC-normalised

  auto by_name = json_of(client_as("").Get(("/api/v1/towns?q=" + q("やわた")).c_str()))["towns"];
  EXPECT_TRUE(by_name.empty());  // names are matched as written (kanji), not by reading
  auto partial = json_of(client_as("").Get(("/api/v1/towns?q=" + q("八幡町")).c_str()))["towns"];
  ASSERT_FALSE(partial.empty());
  EXPECT_EQ(partial[0]["name"], "八幡町");
  EXPECT_EQ(partial[0]["district"], "八幡");

  auto postal = json_of(client_as("").Get("/api/v1/postal/370-0001"))["towns"];
  ASSERT_EQ(postal.size(), 1u);
  EXPECT_EQ(postal[0]["name"], "中尾町");
  EXPECT_EQ(json_of(client_as("").Get(("/api/v1/towns?q=" + q("〒３７０−０００１")).c_str()))["towns"][0]["name"], "中尾町");
  EXPECT_TRUE(json_of(client_as("").Get("/api/v1/postal/9990000"))["towns"].empty());
}

TEST_F(MapsTest, MapPageShowsTheSameInformationAsAListWithoutJavaScript) {
  auto res = client_as("").Get(("/map?status=" + q("活動中")).c_str());
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "<svg"));                       // the server-drawn map
  EXPECT_TRUE(contains(res->body, "class=\"map-city\""));
  EXPECT_TRUE(contains(res->body, "<ol id=\"map-items\""));       // the same resources as a list
  EXPECT_TRUE(contains(res->body, "国土数値情報"));                 // boundary attribution
  EXPECT_TRUE(contains(res->body, "data-tiles=\"https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png\""));
  EXPECT_TRUE(contains(res->body, "地理院タイル"));
  EXPECT_TRUE(contains(res->get_header_value("Content-Security-Policy"), "img-src 'self' data: https://cyberjapandata.gsi.go.jp;"));
  EXPECT_TRUE(contains(res->body, "/static/vendor/leaflet/leaflet.js"));
  // The live map opens on the city's boundary (高崎市: about 36.2–36.5 N, 138.7–139.1 E).
  std::smatch bounds;
  ASSERT_TRUE(std::regex_search(res->body, bounds, std::regex(R"re(data-bounds="([0-9.]+),([0-9.]+),([0-9.]+),([0-9.]+)")re")));
  EXPECT_GT(std::stod(bounds[1]), 36.1);
  EXPECT_GT(std::stod(bounds[2]), 138.6);
  EXPECT_LT(std::stod(bounds[3]), 36.6);
  EXPECT_LT(std::stod(bounds[4]), 139.2);
  EXPECT_LT(std::stod(bounds[1]), std::stod(bounds[3]));
  auto leaflet = client_as("").Get("/static/vendor/leaflet/leaflet.js");
  EXPECT_EQ(leaflet->status, 200);
  EXPECT_TRUE(contains(leaflet->body, "Leaflet"));
  EXPECT_EQ(client_as("").Get("/static/vendor/leaflet/images/layers.png")->status, 200);
}

TEST_F(MapsTest, CityBoundaryImportTakesTheMatchingFeatureAndReportsTheOthers) {
  httplib::MultipartFormDataItems items = {{"level", "municipality", "", ""},
                                           {"source", "国土数値情報（テスト）", "", ""},
                                           {"file", read_fixture("geo/gunma-municipalities-N03-2021-simplified1pct.json"), "gunma.json", "application/json"}};
  auto res = client().Post("/map/boundaries", items);
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "境界を取り込みました: 高崎市"));
  EXPECT_TRUE(contains(res->body, "前橋市"));  // listed as not imported
  auto city = json_of(client_as("").Get("/api/v1/map/boundaries?level=municipality"));
  ASSERT_EQ(city["features"].size(), 1u);
  EXPECT_EQ(city["features"][0]["properties"]["source"], "国土数値情報（テスト）");
}

TEST_F(MapsTest, NeighbourhoodBoundariesMakeTheirDistrictAndBadFilesChangeNothing) {
  const auto yawata = find_id("districts", "name", "八幡");
  const std::string before = client_as("").Get("/api/v1/map/boundaries?level=district")->body;
  // Two adjacent squares: 金井淵 and 下大島 (both 八幡); 「どこでもない町」 matches nothing.
  const std::string geojson = R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"name":"金井淵"},"geometry":{"type":"Polygon","coordinates":[[[138.90,36.30],[138.95,36.30],[138.95,36.35],[138.90,36.35],[138.90,36.30]]]}},
    {"type":"Feature","properties":{"name":"下大島"},"geometry":{"type":"Polygon","coordinates":[[[138.95,36.30],[139.00,36.30],[139.00,36.35],[138.95,36.35],[138.95,36.30]]]}},
    {"type":"Feature","properties":{"name":"どこでもない町"},"geometry":{"type":"Polygon","coordinates":[[[1,1],[2,1],[2,2],[1,1]]]}}]})";
  auto bad = client().Post("/map/boundaries", httplib::MultipartFormDataItems{{"level", "neighbourhood", "", ""},
                                                                              {"file", R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{"name":"金井淵"},"geometry":{"type":"Point","coordinates":[1,2]}}]})", "bad.json", ""}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "1番目の地物"));
  EXPECT_EQ(client_as("").Get("/api/v1/map/boundaries?level=district")->body, before);

  EXPECT_EQ(client_as("yawata-iin").Post("/map/boundaries", httplib::MultipartFormDataItems{{"level", "neighbourhood", "", ""}, {"file", geojson, "n.json", ""}})->status, 403);

  auto res = client().Post("/map/boundaries", httplib::MultipartFormDataItems{{"level", "neighbourhood", "", ""}, {"file", geojson, "n.json", ""}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "どこでもない町"));
  auto district = json_of(client_as("").Get(("/api/v1/map/boundaries?level=district&district_id=" + std::to_string(yawata)).c_str()));
  ASSERT_EQ(district["features"].size(), 1u);
  EXPECT_EQ(district["features"][0]["properties"]["origin"], "町内会から合成");
  // The union of the two squares is one rectangle: the shared edge is dissolved.
  EXPECT_EQ(district["features"][0]["geometry"]["type"], "Polygon");
  EXPECT_DOUBLE_EQ(district["features"][0]["bbox"][0].get<double>(), 138.90);
  EXPECT_DOUBLE_EQ(district["features"][0]["bbox"][2].get<double>(), 139.00);
  auto neighbourhoods = json_of(client().Get("/api/v1/map/boundaries?level=neighbourhood"));
  EXPECT_EQ(neighbourhoods["features"].size(), 2u);
  EXPECT_EQ(client_as("").Get("/api/v1/map/boundaries?level=neighbourhood")->status, 401);  // 町内会 are for signed-in users

  // Estimating again keeps the district made from its neighbourhoods.
  ASSERT_EQ(client().Post("/map/boundaries/estimate", form({{"go", "1"}}))->status, 303);
  district = json_of(client_as("").Get(("/api/v1/map/boundaries?level=district&district_id=" + std::to_string(yawata)).c_str()));
  EXPECT_EQ(district["features"][0]["properties"]["origin"], "町内会から合成");
}

TEST_F(MapsTest, TownTableImportsFromGeoloniaFormAndRejectsBadLinesWhole) {
  const auto before = count("town-areas");
  const std::string geolonia = "town,koaza,lat,lng\n八幡町,,36.35,138.95\n新しい試験町,,36.30,139.01\n八幡町,大字試験,36.1,139.1\n";
  auto res = client().Post("/map/towns", httplib::MultipartFormDataItems{{"file", geolonia, "towns.csv", "text/csv"}});
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "新規 1 件、更新 1 件"));
  EXPECT_EQ(count("town-areas"), before + 1);
  auto moved = json_of(client_as("").Get(("/api/v1/towns?q=" + q("八幡町")).c_str()))["towns"][0];
  EXPECT_DOUBLE_EQ(moved["latitude"].get<double>(), 36.35);
  EXPECT_EQ(moved["postal_code"], "3700884");  // kept: the file had no postal codes

  const std::string bad = "町丁目名,緯度,経度,郵便番号\n試験一丁目,36.3,139.0,370-9999\n試験二丁目,abc,139.0,\n";
  auto rejected = client().Post("/map/towns", httplib::MultipartFormDataItems{{"file", bad, "bad.csv", "text/csv"}});
  EXPECT_EQ(rejected->status, 422);
  EXPECT_TRUE(std::regex_search(rejected->body, std::regex("3行目 [0-9]+列目（緯度（代表点））")));  // the line, the column and its name
  EXPECT_EQ(count("town-areas"), before + 1);  // line 2 was not kept either

  auto missing = client().Post("/map/towns", httplib::MultipartFormDataItems{{"file", "名前,x\n", "m.csv", "text/csv"}});
  EXPECT_EQ(missing->status, 422);
  EXPECT_TRUE(contains(missing->body, "「町丁目名」の列がありません"));
}

TEST_F(MapsTest, StaleResourcesAreListedForCoordinatorsUntilChecked) {
  const auto id = create_resource({{"name", "確認待ち試験サロン"}, {"last_verified_on", "2020-04-01"}});
  const auto fresh = create_resource({{"name", "確認済み試験サロン"}, {"last_verified_on", "2099-01-01"}});
  auto page = client_as("sc1").Get("/resources/stale");
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_TRUE(contains(page->body, "確認待ち試験サロン"));
  EXPECT_FALSE(contains(page->body, "確認済み試験サロン"));
  EXPECT_EQ(client_as("").Get("/resources/stale")->status, 303);  // visitors sign in first
  EXPECT_EQ(client_as("etsuran").Get("/resources/stale")->status, 403);
  auto record_page = client().Get(("/resources/" + std::to_string(id)).c_str());
  EXPECT_TRUE(contains(record_page->body, "内容の確認が必要です"));
  EXPECT_TRUE(contains(record_page->body, "/sagasu/" + std::to_string(id)));
  EXPECT_FALSE(contains(client().Get(("/resources/" + std::to_string(fresh)).c_str())->body, "内容の確認が必要です"));
  EXPECT_TRUE(contains(client().Get("/")->body, "確認が必要な社会資源が"));

  auto checked = client().Post(("/resources/" + std::to_string(id) + "/verified").c_str(), form({{"back", "list"}}));
  EXPECT_EQ(checked->status, 303);
  EXPECT_FALSE(contains(client().Get("/resources/stale")->body, "確認待ち試験サロン"));
  auto record = json_of(client().Get(("/api/v1/resources/" + std::to_string(id)).c_str()));
  EXPECT_NE(record["last_verified_on"], "2020-04-01");

  EXPECT_EQ(client().Post("/resources/stale/months", httplib::MultipartFormDataItems{{"months", "0", "", ""}})->status, 422);
  EXPECT_EQ(client().Post("/resources/stale/months", httplib::MultipartFormDataItems{{"months", "6", "", ""}})->status, 303);
  EXPECT_TRUE(contains(client().Get("/resources/stale")->body, "<strong>6 か月</strong>"));
}

TEST_F(MapsTest, PortalFindsNearbyPlacesAndShowsOnlyPublicFields) {
  const auto near = create_resource({{"name", "中居町の近くの試験サロン"}, {"latitude", 36.3205}, {"longitude", 139.0381},
                                     {"schedule", "毎週水曜 13:00-15:00"}, {"public_contact", "試験窓口 027-111-2222"},
                                     {"contact_phone", "027-999-0002"}, {"fee", "100円"}});
  auto res = client_as("").Get(("/sagasu?near=" + q("中居町1丁目")).c_str());
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_TRUE(contains(res->body, "中居町1丁目</strong>"));
  EXPECT_TRUE(contains(res->body, "直線距離"));
  const auto first_card = res->body.find("class=\"portal-card\"");
  ASSERT_NE(first_card, std::string::npos);
  EXPECT_TRUE(contains(res->body.substr(first_card, 600), "中居町の近くの試験サロン"));  // nearest first
  EXPECT_TRUE(contains(res->body, "約 "));

  auto page = client_as("").Get(("/sagasu/" + std::to_string(near)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "試験窓口 027-111-2222"));
  EXPECT_FALSE(contains(page->body, "027-999-0002"));
  EXPECT_TRUE(contains(page->body, "毎週水曜 13:00-15:00"));

  auto wednesday = client_as("").Get(("/sagasu?weekday=2&near=" + q("中居町1丁目")).c_str());
  EXPECT_TRUE(contains(wednesday->body, "中居町の近くの試験サロン"));
  auto thursday = client_as("").Get(("/sagasu?weekday=3&near=" + q("中居町1丁目")).c_str());
  EXPECT_FALSE(contains(thursday->body, "中居町の近くの試験サロン"));

  auto unknown = client_as("").Get(("/sagasu?near=" + q("どこにもない町")).c_str());
  EXPECT_TRUE(contains(unknown->body, "場所が見つかりませんでした"));

  auto print = client_as("").Get(("/sagasu/print?near=" + q("中居町1丁目")).c_str());
  ASSERT_EQ(print->status, 200);
  EXPECT_TRUE(contains(print->body, "居場所・支え合いの一覧"));
  EXPECT_TRUE(contains(print->body, "<svg"));
  EXPECT_TRUE(contains(print->body, "中居町の近くの試験サロン"));
}

// A server whose base map is a local MBTiles file: tiles come from Sasaeai itself.
class LocalTilesTest : public ServerTest {
 protected:
  static inline std::string tile_png;
  static void SetUpTestSuite() {
    dir_for_tiles = new TempDir();
    const auto path = dir_for_tiles->file("base.mbtiles");
    SQLite::Database db(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("CREATE TABLE metadata (name TEXT, value TEXT); CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);");
    db.exec("INSERT INTO metadata VALUES ('format', 'png'), ('attribution', '試験タイル'), ('maxzoom', '16')");
    tile_png = std::string("\x89PNG\r\n\x1a\n", 8) + "tile z1 x0 tms-row1";
    SQLite::Statement insert(db, "INSERT INTO tiles VALUES (1, 0, 1, ?)");
    insert.bind(1, tile_png.data(), static_cast<int>(tile_png.size()));
    insert.exec();
    web::TileConfig tiles;
    tiles.mbtiles_path = path;
    start(tiles);
  }
  static void TearDownTestSuite() {
    ServerTest::TearDownTestSuite();
    delete dir_for_tiles;
  }
  static inline TempDir* dir_for_tiles = nullptr;
};

TEST_F(LocalTilesTest, TilesAreServedFromTheFileInXyzOrder) {
  auto tile = client_as("").Get("/tiles/1/0/0.png");  // XYZ row 0 is TMS row 1 at zoom 1
  ASSERT_EQ(tile->status, 200);
  EXPECT_EQ(tile->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(tile->body, tile_png);
  EXPECT_EQ(client_as("").Get("/tiles/1/0/1.png")->status, 404);
  EXPECT_EQ(client_as("").Get("/tiles/1/5/0.png")->status, 404);

  auto map = client_as("").Get("/map");
  EXPECT_TRUE(contains(map->body, "data-tiles=\"/tiles/{z}/{x}/{y}.png\""));
  EXPECT_TRUE(contains(map->body, "試験タイル"));
  EXPECT_TRUE(contains(map->get_header_value("Content-Security-Policy"), "img-src 'self' data:;"));
}

class NoTilesTest : public ServerTest {
 protected:
  static void SetUpTestSuite() {
    web::TileConfig none;
    none.url.clear();
    start(none);
  }
};

TEST_F(NoTilesTest, WithoutTilesTheMapStillHasBoundariesAndPoints) {
  auto map = client_as("").Get("/map");
  ASSERT_EQ(map->status, 200);
  EXPECT_TRUE(contains(map->body, "data-tiles=\"\""));
  EXPECT_TRUE(contains(map->body, "class=\"map-city\""));
  EXPECT_TRUE(contains(map->body, "class=\"map-point\""));
  EXPECT_EQ(client_as("").Get("/tiles/1/0/0.png")->status, 404);
}

// The server keeps drawn boundary layers; they are keyed by each geometry's content, so a
// changed boundary is drawn in its new shape, and the old shape comes back when it is restored.
TEST_F(MapsTest, AChangedBoundaryIsDrawnInItsNewShape) {
  auto square = [](double west, double south, double size) {
    return fmt::format(R"({{"type":"FeatureCollection","features":[{{"type":"Feature","properties":{{"name":"八幡"}},"geometry":{{"type":"Polygon","coordinates":[[[{0},{1}],[{2},{1}],[{2},{3}],[{0},{3}],[{0},{1}]]]}}}}]}})",
                       west, south, west + size, south + size);
  };
  auto import = [&](const std::string& geojson) {
    auto res = client().Post("/map/boundaries", httplib::MultipartFormDataItems{{"level", "district", "", ""}, {"file", geojson, "d.json", ""}});
    ASSERT_EQ(res->status, 200) << res->body;
  };
  auto city_svg = [&] {
    const auto body = client_as("").Get("/map")->body;
    const auto from = body.find("<svg"), to = body.find("</svg>");
    EXPECT_NE(from, std::string::npos);
    return from == std::string::npos ? std::string() : body.substr(from, to - from);
  };
  import(square(138.93, 36.33, 0.02));
  const auto small = city_svg();
  import(square(138.91, 36.31, 0.05));
  const auto large = city_svg();
  EXPECT_NE(large, small);
  import(square(138.93, 36.33, 0.02));
  EXPECT_EQ(city_svg(), small);
}

}  // namespace
}  // namespace sasaeai::test
