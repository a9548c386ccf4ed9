#pragma once
// A map drawn on the server as SVG: boundaries, numbered points and labels on a plain
// background. It needs no tiles and no JavaScript, so it prints and works offline as it is.
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace sasaeai::geo {

struct SvgArea {
  const Area* area = nullptr;
  std::string css_class;  // e.g. "map-city", "map-district"
  std::string label;      // drawn at the area's label point; empty for none
  std::optional<LatLng> label_at;  // precomputed label point (else computed here)
};

struct SvgPoint {
  LatLng at;
  std::string colour;  // #rrggbb
  std::string label;   // short text in the marker, e.g. its number in a list
  std::string title;   // tooltip / accessible name
  std::string href{};  // when set, the marker is a link (out of the tab order: the list has the same links)
  // The marker's outline, so that legends and markers do not rely on colour alone (and print in
  // black and white): "" or "circle", "square", "diamond", "triangle".
  std::string shape{};
  double scale = 1;  // times the map's marker size (and number size), e.g. 1.5 for results to find
};

// The path of a marker shape centred on (x, y) with "radius" r, for an SVG <path d="…">; "" for a
// circle (drawn as <circle>). Shared with the HTML legends, so they show the same shapes.
std::string marker_shape_path(const std::string& shape, double x, double y, double r);

struct SvgMapOptions {
  int width = 800;
  int height = 600;
  std::string title;  // accessible name of the whole map
  // Marker radius and the size of the number in it, in drawing units. A drawing shown narrower
  // than it is wide (a phone) needs larger ones to stay a finger's size and legible.
  double marker_radius = 11;
  double marker_font = 12;
  bool linked = false;  // some markers are links: the map is a group, not a single image
};

// A canvas fitted to `view`: the parts render separately, so callers can keep the boundary
// layer (the costly part, and the same for every page) and add the points of each request.
class SvgCanvas {
 public:
  // More points than this are drawn as small plain dots without labels or titles.
  static constexpr std::size_t kCompactAbove = 300;

  SvgCanvas(const BBox& view, SvgMapOptions options);
  std::string open() const;
  std::string areas(const std::vector<SvgArea>& areas) const;
  std::string points(const std::vector<SvgPoint>& points) const;
  static std::string close() { return "</svg>"; }
  // The place a search measured from: a dark ring with a dot and a label (e.g. 「検索した場所」),
  // unlike any result marker. `part` "under" is the dot (drawn before the results), "over" the
  // ring and label (drawn after them, so a result at the same spot stays visible inside the ring).
  std::string start_marker(LatLng at, const std::string& label, const std::string& title, bool over) const;
  double x(double lng) const { return offset_x_ + (lng - origin_lng_) * x_scale_ * scale_; }
  double y(double lat) const { return offset_y_ + (origin_lat_ - lat) * scale_; }

 private:
  SvgMapOptions options_;
  double x_scale_ = 1, scale_ = 1, origin_lng_ = 0, origin_lat_ = 0, offset_x_ = 0, offset_y_ = 0;
};

// The whole map at once. Fits `view` (or, when empty, everything given) into the canvas.
std::string render_svg(const std::vector<SvgArea>& areas, const std::vector<SvgPoint>& points, BBox view, const SvgMapOptions& options);

}  // namespace sasaeai::geo
