#pragma once
// A map drawn on a PDF page without tiles: areas (the city, districts, 町内会) as outlines and
// points as numbered markers that match a numbered list beside the map. Longitude is scaled by
// the cosine of the middle latitude, so shapes keep their proportions at Japan's latitudes.
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"
#include "pdf/document.hpp"

namespace sasaeai::pdf {

struct MapArea {
  geo::Area area;
  std::optional<Colour> fill;
  Colour stroke = kGrey;
  double line_width = 0.6;
  std::string label;  // written at the area's middle when not empty
};

struct MapMarker {
  geo::LatLng at;
  std::string label;        // short: a number or one character, drawn inside the marker
  Colour colour = kAccent;
  bool approximate = false; // drawn as a dashed ring: the place is only roughly known
};

// Fits the areas (or, without areas, the markers) into `box` and draws them, with a frame, a
// north arrow and a scale bar. Markers that fall outside the box are left out; the return value
// counts them. With `view`, that part of the earth fills the box instead (e.g. one district, its
// neighbours around it): areas reaching out of the box are cut at its edge.
int draw_map(Canvas& canvas, const Box& box, const std::vector<MapArea>& areas, const std::vector<MapMarker>& markers,
             const std::optional<geo::BBox>& view = std::nullopt);

}  // namespace sasaeai::pdf
