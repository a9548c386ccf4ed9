#pragma once
// GeoJSON (RFC 7946: [longitude, latitude]) read into areas and written from them. Text in,
// text out: the JSON library stays inside geojson.cpp, so nothing that includes this sees it.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "geo/geometry.hpp"

namespace sasaeai::geo {

// A GeoJSON Polygon or MultiPolygon geometry; throws Error(invalid) with a Japanese message
// naming what is wrong (not JSON, type, ring too short, coordinates outside the globe …).
Area parse_area(std::string_view geometry);
// The area as a GeoJSON geometry (Polygon when it has one polygon, else MultiPolygon).
std::string to_geometry(const Area& area);

// One feature of an imported file: its area and those properties that are text or numbers
// (numbers as written in the file), which is what names a feature.
struct Feature {
  std::map<std::string, std::string> properties;
  Area area;
};
// A FeatureCollection, a single Feature or a bare geometry. Throws Error(invalid) naming the
// feature number on the first bad one.
std::vector<Feature> parse_features(std::string_view text);

}  // namespace sasaeai::geo
