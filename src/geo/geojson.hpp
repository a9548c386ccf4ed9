#pragma once
// Areas and points on the map, read from and written to GeoJSON (RFC 7946: [longitude, latitude]).
// Pure data and arithmetic; polygon operations that need GEOS live in geometry_ops.hpp.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace sasaeai::geo {

struct LatLng {
  double lat = 0;
  double lng = 0;
};

using Position = std::array<double, 2>;  // [lng, lat], as GeoJSON writes it
using Ring = std::vector<Position>;       // closed: first == last

struct Polygon {
  std::vector<Ring> rings;  // outer ring, then holes
};

// A (multi)polygon: a city, a district, a neighbourhood.
struct Area {
  std::vector<Polygon> polygons;
  bool empty() const { return polygons.empty(); }
  std::size_t vertex_count() const;
};

struct BBox {
  double min_lat = 90, min_lng = 180, max_lat = -90, max_lng = -180;
  bool empty() const { return min_lat > max_lat; }
  void extend(LatLng p);
  void extend(const BBox& other);
  bool contains(LatLng p) const { return p.lat >= min_lat && p.lat <= max_lat && p.lng >= min_lng && p.lng <= max_lng; }
};

// A GeoJSON Polygon or MultiPolygon geometry; throws Error(invalid) with a Japanese message
// naming what is wrong (type, ring too short, coordinates outside the globe …).
Area parse_area(const nlohmann::json& geometry);
nlohmann::json to_geometry(const Area& area);
BBox bbox_of(const Area& area);

// One feature of an imported file: its properties and its area.
struct Feature {
  nlohmann::json properties;
  Area area;
};
// A FeatureCollection, a single Feature or a bare geometry. Throws Error(invalid) naming the
// feature number on the first bad one.
std::vector<Feature> parse_features(std::string_view text);

// Great-circle distance in metres (haversine on a sphere of the mean Earth radius).
double distance_m(LatLng a, LatLng b);

// Whether `p` lies inside the area (even-odd over all rings, so holes are outside).
bool contains(const Area& area, LatLng p);

bool valid_lat_lng(double lat, double lng);

}  // namespace sasaeai::geo
