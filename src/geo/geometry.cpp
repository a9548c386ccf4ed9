#include "geo/geometry.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace sasaeai::geo {

namespace {

// Even-odd crossing test of one ring.
bool crosses(const Ring& ring, LatLng p) {
  bool inside = false;
  for (std::size_t i = 0, j = ring.size() - 1; i < ring.size(); j = i++) {
    const double xi = ring[i][0], yi = ring[i][1], xj = ring[j][0], yj = ring[j][1];
    if ((yi > p.lat) != (yj > p.lat) && p.lng < (xj - xi) * (p.lat - yi) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

}  // namespace

std::size_t Area::vertex_count() const {
  std::size_t n = 0;
  for (const auto& polygon : polygons) {
    for (const auto& ring : polygon.rings) n += ring.size();
  }
  return n;
}

void BBox::extend(LatLng p) {
  min_lat = std::min(min_lat, p.lat);
  max_lat = std::max(max_lat, p.lat);
  min_lng = std::min(min_lng, p.lng);
  max_lng = std::max(max_lng, p.lng);
}

void BBox::extend(const BBox& other) {
  if (other.empty()) return;
  extend(LatLng{other.min_lat, other.min_lng});
  extend(LatLng{other.max_lat, other.max_lng});
}

bool valid_lat_lng(double lat, double lng) {
  return std::isfinite(lat) && std::isfinite(lng) && lat >= -90 && lat <= 90 && lng >= -180 && lng <= 180;
}

BBox bbox_of(const Area& area) {
  BBox box;
  for (const auto& polygon : area.polygons) {
    if (polygon.rings.empty()) continue;
    for (const auto& p : polygon.rings.front()) box.extend(LatLng{p[1], p[0]});
  }
  return box;
}

double distance_m(LatLng a, LatLng b) {
  constexpr double kEarthRadiusM = 6'371'008.8;
  constexpr double kRad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlng = (b.lng - a.lng) * kRad;
  const double h = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * std::sin(dlng / 2) * std::sin(dlng / 2);
  return 2 * kEarthRadiusM * std::asin(std::min(1.0, std::sqrt(h)));
}

bool contains(const Area& area, LatLng p) {
  bool inside = false;
  for (const auto& polygon : area.polygons) {
    for (const auto& ring : polygon.rings) {
      if (crosses(ring, p)) inside = !inside;
    }
  }
  return inside;
}

}  // namespace sasaeai::geo
