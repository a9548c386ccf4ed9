// The boundary import's reading of GeoJSON (parse_features) on any bytes, then what the server
// does with what it accepts: write it back and read it again (same rings), dissolve it with GEOS,
// find a label point and draw it as SVG. Only sasaeai::Error may be thrown.
#include <cstddef>
#include <cstdint>

#include "core/error.hpp"
#include "fuzz_common.hpp"
#include "geo/geojson.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/svg_map.hpp"

using namespace sasaeai;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_view(data, size);
  std::vector<geo::Feature> features;
  try {
    features = geo::parse_features(input);
  } catch (const Error&) {
    return 0;
  }
  std::vector<geo::Area> areas;
  for (const auto& f : features) {
    for (const auto& polygon : f.area.polygons) {
      for (const auto& ring : polygon.rings) {
        if (ring.size() < 4 || ring.front() != ring.back()) fuzz::fail("accepted a ring that is open or too short", input);
        for (const auto& p : ring) {
          if (!geo::valid_lat_lng(p[1], p[0])) fuzz::fail("accepted a position outside the globe", input);
        }
      }
    }
    const auto again = geo::parse_area(geo::to_geometry(f.area));
    if (again.vertex_count() != f.area.vertex_count()) fuzz::fail("area does not survive writing and reading", input);
    areas.push_back(f.area);
  }
  try {
    const auto merged = geo::union_of(areas);
    if (!merged.empty()) (void)geo::label_point(merged);
    std::vector<geo::SvgArea> drawn;
    for (const auto& a : areas) drawn.push_back({&a, "map-district", "x", std::nullopt});
    (void)geo::render_svg(drawn, {}, {}, {200, 150, "t"});
  } catch (const Error&) {
    // GEOS may refuse a degenerate polygon: that is an Error with a message, never a crash.
  }
  return 0;
}
