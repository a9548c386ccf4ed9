// Geometry: GeoJSON reading and its errors, distances, point in polygon, dissolving, areas
// estimated from points, and the SVG map.
#include <gtest/gtest.h>

#include "app/maps.hpp"
#include "core/error.hpp"
#include "geo/geojson.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/svg_map.hpp"

namespace sasaeai::geo {
namespace {


Area square(double x0, double y0, double size) {
  return Area{{Polygon{{Ring{{x0, y0}, {x0 + size, y0}, {x0 + size, y0 + size}, {x0, y0 + size}, {x0, y0}}}}}};
}

double ring_area(const Ring& ring) {
  double a = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) a += ring[i][0] * ring[i + 1][1] - ring[i + 1][0] * ring[i][1];
  return std::abs(a) / 2;
}

TEST(GeoJson, ReadsPolygonsAndClosesOpenRings) {
  auto area = parse_area(R"({"type":"Polygon","coordinates":[[[139,36],[139.1,36],[139.1,36.1],[139,36.1]]]})");
  ASSERT_EQ(area.polygons.size(), 1u);
  EXPECT_EQ(area.polygons[0].rings[0].size(), 5u);
  EXPECT_EQ(area.polygons[0].rings[0].front(), area.polygons[0].rings[0].back());
  auto box = bbox_of(area);
  EXPECT_DOUBLE_EQ(box.min_lng, 139);
  EXPECT_DOUBLE_EQ(box.max_lat, 36.1);
  auto round_trip = parse_area(to_geometry(area));
  EXPECT_EQ(round_trip.vertex_count(), area.vertex_count());
}

TEST(GeoJson, RejectsWhatIsNotAnAreaWithAJapaneseMessage) {
  auto message = [](const char* text) {
    try {
      parse_features(text);
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_NE(message(R"({"type":"Point","coordinates":[1,2]})").find("Polygon か MultiPolygon"), std::string::npos);
  EXPECT_NE(message(R"({"type":"Polygon","coordinates":[[[1,2],[3,4],[1,2]]]})").find("4つ以上"), std::string::npos);
  EXPECT_NE(message(R"({"type":"Polygon","coordinates":[[[36,139],[36.1,139],[36.1,139.1],[36,139]]]})").find("地球の範囲外"), std::string::npos);
  EXPECT_NE(message("{not json").find("GeoJSON として読めません"), std::string::npos);
  EXPECT_NE(message(R"({"type":"FeatureCollection","features":[]})").find("地物がありません"), std::string::npos);
  EXPECT_NE(message(R"({"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}},{"type":"Feature","geometry":null}]})")
                .find("2番目の地物"),
            std::string::npos);
}

TEST(GeoJson, MembersOfTheWrongKindAreOurErrorNotAJsonLibraryException) {
  for (const char* text : {R"({"type":1})", R"({"type":"Feature","geometry":{"type":[]}})", R"({"type":"FeatureCollection","features":[1]})",
                           R"({"type":"FeatureCollection","features":[{"type":{"a":1}}]})", R"({"type":null,"coordinates":[]})"}) {
    try {
      (void)parse_features(text);
      ADD_FAILURE() << "accepted " << text;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid) << text;
    } catch (const std::exception& e) {
      ADD_FAILURE() << text << " threw a foreign exception: " << e.what();
    }
  }
}

TEST(GeoJson, FeaturesKeepTextAndNumberPropertiesAsWritten) {
  const auto features = parse_features(
      R"({"type":"Feature","properties":{"name":"中央地区","N03_007":10202,"flag":true,"nested":{"a":1}},)"
      R"("geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}})");
  ASSERT_EQ(features.size(), 1u);
  const auto& properties = features[0].properties;
  EXPECT_EQ(properties.at("name"), "中央地区");
  EXPECT_EQ(properties.at("N03_007"), "10202");
  EXPECT_EQ(properties.count("flag"), 0u);
  EXPECT_EQ(properties.count("nested"), 0u);
}

TEST(GeoJson, GeometryTextThatIsNotJsonIsAnError) {
  try {
    (void)parse_area("{not json");
    FAIL() << "accepted text that is not JSON";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_NE(std::string(e.what()).find("JSON の形"), std::string::npos);
  }
}

TEST(Distance, MatchesKnownLengths) {
  // One degree of latitude is 111.19 km on the mean sphere.
  EXPECT_NEAR(distance_m({36, 139}, {37, 139}), 111'195, 1);
  // 高崎駅 → 群馬県庁 (前橋): about 8.7 km in a straight line.
  EXPECT_NEAR(distance_m({36.3227, 139.0128}, {36.3907, 139.0604}), 8'680, 100);
  EXPECT_DOUBLE_EQ(distance_m({36.3, 139.0}, {36.3, 139.0}), 0);
}

TEST(Contains, HolesAreOutside) {
  Area with_hole = square(0, 0, 10);
  with_hole.polygons[0].rings.push_back(Ring{{4, 4}, {6, 4}, {6, 6}, {4, 6}, {4, 4}});
  EXPECT_TRUE(contains(with_hole, {1, 1}));
  EXPECT_FALSE(contains(with_hole, {5, 5}));
  EXPECT_FALSE(contains(with_hole, {11, 5}));
}

TEST(GeometryOps, UnionDissolvesSharedEdges) {
  auto merged = union_of({square(0, 0, 1), square(1, 0, 1)});
  ASSERT_EQ(merged.polygons.size(), 1u);
  EXPECT_NEAR(ring_area(merged.polygons[0].rings[0]), 2.0, 1e-9);
  auto apart = union_of({square(0, 0, 1), square(5, 0, 1)});
  EXPECT_EQ(apart.polygons.size(), 2u);
  EXPECT_TRUE(union_of({}).empty());
}

TEST(GeometryOps, AreasFromPointsSplitTheClipByNearestPoint) {
  // Two groups on the left and right halves of a 2×1 box: the cut is at x = 1.
  const std::vector<LatLng> points = {{0.5, 0.25}, {0.5, 0.75}, {0.5, 1.25}, {0.5, 1.75}};
  const std::vector<std::size_t> groups = {0, 0, 1, 1};
  Area clip{{Polygon{{Ring{{0, 0}, {2, 0}, {2, 1}, {0, 1}, {0, 0}}}}}};
  auto areas = areas_from_points(points, groups, 3, clip);
  ASSERT_EQ(areas.size(), 3u);
  ASSERT_EQ(areas[0].polygons.size(), 1u);
  EXPECT_NEAR(ring_area(areas[0].polygons[0].rings[0]), 1.0, 1e-9);
  EXPECT_NEAR(bbox_of(areas[0]).max_lng, 1.0, 1e-9);
  EXPECT_NEAR(bbox_of(areas[1]).min_lng, 1.0, 1e-9);
  EXPECT_TRUE(areas[2].empty());  // a group without points gets nothing
  EXPECT_TRUE(contains(areas[1], {0.5, 1.5}));
}

TEST(GeometryOps, LabelPointLiesInside) {
  // An L shape, whose centroid is outside.
  Area l{{Polygon{{Ring{{0, 0}, {3, 0}, {3, 1}, {1, 1}, {1, 3}, {0, 3}, {0, 0}}}}}};
  EXPECT_TRUE(contains(l, label_point(l)));
}

TEST(SvgMap, DrawsAreasPointsAndEscapesText) {
  Area area = square(139, 36, 0.1);
  std::vector<SvgArea> areas = {{&area, "map-city", "A&B", std::nullopt}};
  std::vector<SvgPoint> points = {{{36.05, 139.05}, "#c2410c", "1", "<サロン>"}};
  const auto svg = render_svg(areas, points, {}, {400, 300, "地図"});
  EXPECT_EQ(svg.rfind("<svg", 0), 0u);
  EXPECT_NE(svg.find("class=\"map-city\""), std::string::npos);
  EXPECT_NE(svg.find("A&amp;B"), std::string::npos);
  EXPECT_NE(svg.find("&lt;サロン&gt;"), std::string::npos);
  EXPECT_NE(svg.find("fill=\"#c2410c\""), std::string::npos);
  EXPECT_EQ(svg.find("style="), std::string::npos);  // the page's CSP forbids inline styles
  // The point in the middle of the square is drawn in the middle of the canvas.
  EXPECT_NE(svg.find("cx=\"200.0\" cy=\"150.0\""), std::string::npos);
}

TEST(SvgMap, AnAreaSeenCloseUpIsCutToThePicture) {
  // A city-sized outline with many points, seen through a view of a small part of it.
  Ring ring;
  for (int i = 0; i <= 2000; ++i) ring.push_back({138.8 + 0.4 * i / 2000.0, 36.2});
  for (int i = 0; i <= 2000; ++i) ring.push_back({139.2, 36.2 + 0.3 * i / 2000.0});
  for (int i = 0; i <= 2000; ++i) ring.push_back({139.2 - 0.4 * i / 2000.0, 36.5});
  ring.push_back({138.8, 36.2});
  Area city{{Polygon{{ring}}}};
  std::vector<SvgArea> areas = {{&city, "map-city", "", std::nullopt}};
  BBox view{36.30, 139.00, 36.31, 139.01};  // inside the outline, far from every edge
  const auto svg = render_svg(areas, {}, view, {400, 300, "地図"});
  const auto start = svg.find(" d=\"") + 4;
  const auto path = svg.substr(start, svg.find('"', start) - start);
  // The whole picture is inside: what is drawn is the frame, a handful of points, all near it.
  EXPECT_LT(path.size(), 200u) << path;
  std::size_t at = 0;
  while ((at = path.find_first_of("ML", at)) != std::string::npos) {
    const double x = std::stod(path.substr(at + 1));
    const double y = std::stod(path.substr(path.find(',', at) + 1));
    EXPECT_GE(x, -20.1);
    EXPECT_LE(x, 420.1);
    EXPECT_GE(y, -20.1);
    EXPECT_LE(y, 320.1);
    ++at;
  }
}

TEST(MonthsBefore, ClampsToTheEndOfShorterMonths) {
  EXPECT_EQ(app::months_before("2026-11-23", 12), "2025-11-23");
  EXPECT_EQ(app::months_before("2026-03-31", 1), "2026-02-28");
  EXPECT_EQ(app::months_before("2024-03-31", 1), "2024-02-29");
  EXPECT_EQ(app::months_before("2026-01-15", 2), "2025-11-15");
  EXPECT_THROW(app::months_before("yesterday", 1), Error);
}

}  // namespace
}  // namespace sasaeai::geo
