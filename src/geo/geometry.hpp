#pragma once
// Points and areas on the map, and the arithmetic on them. Plain data: no file format here
// (GeoJSON is read and written in geojson.hpp); polygon operations that need GEOS live in
// geometry_ops.hpp.
#include <array>
#include <cstddef>
#include <vector>

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

BBox bbox_of(const Area& area);

// Great-circle distance in metres (haversine on a sphere of the mean Earth radius).
double distance_m(LatLng a, LatLng b);

// Whether `p` lies inside the area (even-odd over all rings, so holes are outside).
bool contains(const Area& area, LatLng p);

bool valid_lat_lng(double lat, double lng);

}  // namespace sasaeai::geo
