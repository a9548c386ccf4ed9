#include "geo/svg_map.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <iterator>
#include <numbers>
#include <vector>

#include "geo/geometry_ops.hpp"
#include "geo/svg_escape.hpp"

namespace sasaeai::geo {

namespace {


struct Pt {
  double x, y;
};

// Sutherland–Hodgman against one side of the drawing's frame: keeps the part of a ring inside.
template <class Inside, class Cross>
std::vector<Pt> clip_side(const std::vector<Pt>& ring, Inside inside, Cross cross) {
  std::vector<Pt> out;
  if (ring.empty()) return out;
  Pt previous = ring.back();
  for (const auto& p : ring) {
    const bool in = inside(p), was_in = inside(previous);
    if (in != was_in) out.push_back(cross(previous, p));
    if (in) out.push_back(p);
    previous = p;
  }
  return out;
}

// The ring in canvas units, clipped to the canvas and a margin beyond it: a district seen close
// up would otherwise carry the whole city's outline, far outside the picture (hundreds of KB in a
// page). Filled areas look the same; the cut edges run outside the visible frame.
std::vector<Pt> clipped(const std::vector<std::array<double, 2>>& ring, const SvgCanvas& proj, double width, double height) {
  std::vector<Pt> pts;
  pts.reserve(ring.size());
  for (const auto& p : ring) pts.push_back({proj.x(p[0]), proj.y(p[1])});
  constexpr double margin = 20;
  const double x0 = -margin, y0 = -margin, x1 = width + margin, y1 = height + margin;
  auto at_x = [](double x) {
    return [x](const Pt& a, const Pt& b) { return Pt{x, a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)}; };
  };
  auto at_y = [](double y) {
    return [y](const Pt& a, const Pt& b) { return Pt{a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y), y}; };
  };
  pts = clip_side(pts, [&](const Pt& p) { return p.x >= x0; }, at_x(x0));
  pts = clip_side(pts, [&](const Pt& p) { return p.x <= x1; }, at_x(x1));
  pts = clip_side(pts, [&](const Pt& p) { return p.y >= y0; }, at_y(y0));
  pts = clip_side(pts, [&](const Pt& p) { return p.y <= y1; }, at_y(y1));
  return pts;
}

std::string path_of(const Area& area, const SvgCanvas& proj, double width, double height) {
  std::string d;
  for (const auto& polygon : area.polygons) {
    for (const auto& ring : polygon.rings) {
      const auto pts = clipped(ring, proj, width, height);
      if (pts.size() < 3) continue;
      double last_x = 1e18, last_y = 1e18;
      bool first = true;
      for (const auto& [x, y] : pts) {
        // Points closer than half a pixel add bytes, not shape.
        if (!first && std::abs(x - last_x) < 0.5 && std::abs(y - last_y) < 0.5) continue;
        fmt::format_to(std::back_inserter(d), "{}{:.1f},{:.1f}", first ? 'M' : 'L', x, y);
        first = false;
        last_x = x;
        last_y = y;
      }
      d += "Z";
    }
  }
  return d;
}

// One marker outline: a circle, or the path of another shape, with the attributes given.
std::string marker_element(const std::string& shape, double x, double y, double r, const std::string& attributes) {
  const auto d = marker_shape_path(shape, x, y, r);
  if (d.empty()) return fmt::format(R"(<circle cx="{:.1f}" cy="{:.1f}" r="{:.1f}" {}/>)", x, y, r, attributes);
  return fmt::format(R"(<path d="{}" {}/>)", d, attributes);
}

}  // namespace

std::string marker_shape_path(const std::string& shape, double x, double y, double r) {
  if (shape == "square") {
    const double h = r * 0.88;  // about the same area as the circle
    return fmt::format("M{:.1f},{:.1f}h{:.1f}v{:.1f}h{:.1f}Z", x - h, y - h, 2 * h, 2 * h, -2 * h);
  }
  if (shape == "diamond") {
    const double h = r * 1.2;
    return fmt::format("M{:.1f},{:.1f}L{:.1f},{:.1f}L{:.1f},{:.1f}L{:.1f},{:.1f}Z", x, y - h, x + h, y, x, y + h, x - h, y);
  }
  if (shape == "triangle") {
    const double h = r * 1.25;
    return fmt::format("M{:.1f},{:.1f}L{:.1f},{:.1f}L{:.1f},{:.1f}Z", x, y - h, x + h * 0.95, y + h * 0.7, x - h * 0.95, y + h * 0.7);
  }
  return "";
}

// Equirectangular projection scaled by cos(latitude): exact enough at the size of a city.
SvgCanvas::SvgCanvas(const BBox& view, SvgMapOptions options) : options_(std::move(options)) {
  constexpr double margin = 16;
  const double mid = (view.min_lat + view.max_lat) / 2 * std::numbers::pi / 180.0;
  x_scale_ = std::cos(mid);
  const double span_x = std::max((view.max_lng - view.min_lng) * x_scale_, 1e-6);
  const double span_y = std::max(view.max_lat - view.min_lat, 1e-6);
  scale_ = std::min((options_.width - 2 * margin) / span_x, (options_.height - 2 * margin) / span_y);
  origin_lng_ = view.min_lng;
  origin_lat_ = view.max_lat;
  offset_x_ = (options_.width - span_x * scale_) / 2;
  offset_y_ = (options_.height - span_y * scale_) / 2;
}

std::string SvgCanvas::open() const {
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="svg-map" viewBox="0 0 {0} {1}" width="{0}" height="{1}" role="{3}" aria-label="{2}">)"
      R"(<title>{2}</title><rect class="map-sea" width="{0}" height="{1}" fill="#f7f7f2"/>)",
      options_.width, options_.height, svg_escape(options_.title), options_.linked ? "group" : "img");
}

std::string SvgCanvas::start_marker(LatLng at, const std::string& label, const std::string& title, bool over) const {
  const double px = x(at.lng), py = y(at.lat);
  const double r = options_.marker_radius;
  if (!over) return fmt::format(R"(<circle class="map-start-dot" cx="{:.1f}" cy="{:.1f}" r="{:.1f}" fill="#111111"/>)", px, py, r * 0.35);
  const double font = options_.marker_font;
  // The label sits above the ring, or below it near the top edge; kept inside the frame.
  const double half = static_cast<double>(label.size()) / 3.0 * font / 2 + 4;  // UTF-8 kana/kanji: 3 bytes a full-width character
  const double lx = std::clamp(px, half, std::max(half, options_.width - half));
  const double ly = py - r - 10 - font < 0 ? py + r + 8 + font : py - r - 10;
  return fmt::format(
      R"(<g class="map-start"><title>{0}</title><circle cx="{1:.1f}" cy="{2:.1f}" r="{3:.1f}" fill="none" stroke="#ffffff" stroke-width="8"/>)"
      R"(<circle cx="{1:.1f}" cy="{2:.1f}" r="{3:.1f}" fill="none" stroke="#111111" stroke-width="4"/>)"
      R"(<text class="map-start-label" x="{4:.1f}" y="{5:.1f}" text-anchor="middle" font-size="{6:.0f}" font-weight="bold" fill="#111111" )"
      R"(paint-order="stroke" stroke="#ffffff" stroke-width="5">{7}</text></g>)",
      svg_escape(title), px, py, r + 7, lx, ly, font, svg_escape(label));
}

std::string SvgCanvas::areas(const std::vector<SvgArea>& areas) const {
  std::string svg;
  for (const auto& a : areas) {
    if (!a.area || a.area->empty()) continue;
    svg += fmt::format(R"(<path class="{}" fill-rule="evenodd" d="{}"/>)", svg_escape(a.css_class), path_of(*a.area, *this, options_.width, options_.height));
  }
  for (const auto& a : areas) {
    if (!a.area || a.area->empty() || a.label.empty()) continue;
    const auto at = a.label_at ? *a.label_at : label_point(*a.area);
    svg += fmt::format(R"(<text class="map-label" x="{:.1f}" y="{:.1f}" text-anchor="middle">{}</text>)", x(at.lng), y(at.lat), svg_escape(a.label));
  }
  return svg;
}

std::string SvgCanvas::points(const std::vector<SvgPoint>& points) const {
  std::string svg;
  if (points.size() > kCompactAbove) {
    // Thousands of points: plain dots, so the drawing stays small enough to send and print.
    for (const auto& p : points) {
      svg += marker_element(p.shape, x(p.at.lng), y(p.at.lat), 3.5 * p.scale,
                            fmt::format(R"(class="map-dot" fill="{}")", svg_escape(p.colour.empty() ? "#1d4ed8" : p.colour)));
    }
    return svg;
  }
  for (const auto& p : points) {
    const double px = x(p.at.lng), py = y(p.at.lat);
    const double r = options_.marker_radius * p.scale, font = options_.marker_font * p.scale;
    if (!p.href.empty()) svg += fmt::format(R"(<a href="{}" tabindex="-1" aria-label="{}">)", svg_escape(p.href), svg_escape(p.title));
    svg += fmt::format(R"(<g class="map-point"><title>{}</title>)", svg_escape(p.title));
    svg += marker_element(p.shape, px, py, r,
                          fmt::format(R"(fill="{}" stroke="#ffffff" stroke-width="2")", svg_escape(p.colour.empty() ? "#1d4ed8" : p.colour)));
    if (!p.label.empty()) {
      svg += fmt::format(R"(<text x="{:.1f}" y="{:.1f}" text-anchor="middle" fill="#ffffff" font-size="{:.0f}" font-weight="bold">{}</text>)", px,
                         py + font / 3, font, svg_escape(p.label));
    }
    svg += "</g>";
    if (!p.href.empty()) svg += "</a>";
  }
  return svg;
}

std::string render_svg(const std::vector<SvgArea>& areas, const std::vector<SvgPoint>& points, BBox view, const SvgMapOptions& options) {
  if (view.empty()) {
    for (const auto& a : areas) view.extend(bbox_of(*a.area));
    for (const auto& p : points) view.extend(p.at);
  }
  if (view.empty()) view.extend(LatLng{0, 0});
  const SvgCanvas canvas(view, options);
  return canvas.open() + canvas.areas(areas) + canvas.points(points) + SvgCanvas::close();
}

}  // namespace sasaeai::geo
