// The GeoJSON reader for resource imports: properties become columns, points become 緯度・経度,
// the map's own bookkeeping properties are left out, and a point the map publishes only as an
// area (a private home) keeps no position.
#include <gtest/gtest.h>

#include "core/error.hpp"
#include "io/geojson_import.hpp"

namespace sasaeai::io {
namespace {

std::string cell(const CsvTable& t, std::size_t row, const std::string& column) {
  const auto& header = t.rows.front().cells;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == column) return c < t.rows[row].cells.size() ? t.rows[row].cells[c] : "";
  }
  ADD_FAILURE() << "no column " << column;
  return "";
}

TEST(GeoJsonImport, PointsBecomeRowsWithLatitudeAndLongitude) {
  const auto t = table_from_geojson_points(
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","id":7,"geometry":{"type":"Point","coordinates":[138.95,36.33]},)"
      R"("properties":{"id":7,"name":"サロン","category_id":3,"category":"居場所・サロン","url":"/resources/7","tags":["茶話会","体操"]}},)"
      R"({"type":"Feature","geometry":{"type":"Point","coordinates":[138.9,36.3]},"properties":{"name":"自宅サロン","approximate_location":true}}]})");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.row_unit, "件目");
  EXPECT_EQ(t.rows[1].line, 1u);
  EXPECT_EQ(cell(t, 1, "name"), "サロン");
  EXPECT_EQ(cell(t, 1, "category"), "居場所・サロン");
  EXPECT_EQ(cell(t, 1, "tags"), "茶話会、体操");
  EXPECT_EQ(cell(t, 1, "緯度"), "36.3300000");
  EXPECT_EQ(cell(t, 1, "経度"), "138.9500000");
  for (const auto& h : t.rows.front().cells) {
    EXPECT_NE(h, "category_id") << "the id twin of a named value does not travel";
    EXPECT_NE(h, "url");
    EXPECT_NE(h, "id");
  }
  EXPECT_EQ(cell(t, 2, "緯度"), "") << "an area's point is not the place";
}

TEST(GeoJsonImport, RefusesWhatIsNotAPointNamingTheFeature) {
  try {
    table_from_geojson_points(R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]},"properties":{}},)"
                              R"({"type":"Feature","geometry":{"type":"LineString","coordinates":[[1,2],[3,4]]},"properties":{}}]})");
    FAIL() << "a line was read as a place";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_NE(std::string(e.what()).find("2件目"), std::string::npos) << e.what();
  }
  EXPECT_THROW(table_from_geojson_points("{not json"), Error);
  EXPECT_THROW(table_from_geojson_points(R"({"type":"Point","coordinates":[1,2]})"), Error);
  EXPECT_TRUE(looks_like_json("\xEF\xBB\xBF  {\"type\":1}"));
  EXPECT_FALSE(looks_like_json("名称,分類\n"));
}

}  // namespace
}  // namespace sasaeai::io
