#include "pdf/map.hpp"

#include <algorithm>
#include <cmath>

namespace sasaeai::pdf {

namespace {

struct Projection {
  double min_lng = 0, max_lat = 0, x_scale = 1, y_scale = 1, x0 = 0, y0 = 0;
  std::pair<double, double> operator()(double lat, double lng) const { return {x0 + (lng - min_lng) * x_scale, y0 + (max_lat - lat) * y_scale}; }
};

Projection fit(const geo::BBox& bounds, const Box& frame) {
  const double middle = (bounds.min_lat + bounds.max_lat) / 2 * M_PI / 180;
  const double shrink = std::cos(middle);
  const double span_x = std::max((bounds.max_lng - bounds.min_lng) * shrink, 1e-6);
  const double span_y = std::max(bounds.max_lat - bounds.min_lat, 1e-6);
  const double scale = std::min(frame.width / span_x, frame.height / span_y);
  Projection p;
  p.min_lng = bounds.min_lng;
  p.max_lat = bounds.max_lat;
  p.x_scale = scale * shrink;
  p.y_scale = scale;
  p.x0 = frame.x + (frame.width - span_x * scale) / 2;
  p.y0 = frame.y + (frame.height - span_y * scale) / 2;
  return p;
}

// A round length for the scale bar: 1, 2 or 5 × 10^n metres, about a fifth of the width.
double round_length(double metres) {
  const double power = std::pow(10.0, std::floor(std::log10(metres)));
  for (double m : {5.0, 2.0, 1.0}) {
    if (m * power <= metres) return m * power;
  }
  return power;
}

using Ring = std::vector<std::pair<double, double>>;

// The part of a ring inside the box (Sutherland–Hodgman, one edge of the box at a time).
Ring clip(const Ring& ring, const Box& box) {
  Ring out = ring;
  const double left = box.x, right = box.x + box.width, top = box.y, bottom = box.y + box.height;
  for (int edge = 0; edge < 4 && !out.empty(); ++edge) {
    auto inside = [&](const std::pair<double, double>& p) {
      switch (edge) {
        case 0: return p.first >= left;
        case 1: return p.first <= right;
        case 2: return p.second >= top;
        default: return p.second <= bottom;
      }
    };
    auto cross = [&](const std::pair<double, double>& a, const std::pair<double, double>& b) {
      const bool vertical = edge < 2;
      const double at = edge == 0 ? left : edge == 1 ? right : edge == 2 ? top : bottom;
      const double t = vertical ? (at - a.first) / (b.first - a.first) : (at - a.second) / (b.second - a.second);
      return vertical ? std::make_pair(at, a.second + t * (b.second - a.second)) : std::make_pair(a.first + t * (b.first - a.first), at);
    };
    Ring in = std::move(out);
    out.clear();
    for (std::size_t i = 0; i < in.size(); ++i) {
      const auto& current = in[i];
      const auto& previous = in[(i + in.size() - 1) % in.size()];
      if (inside(current)) {
        if (!inside(previous)) out.push_back(cross(previous, current));
        out.push_back(current);
      } else if (inside(previous)) {
        out.push_back(cross(previous, current));
      }
    }
  }
  return out;
}

}  // namespace

int draw_map(Canvas& canvas, const Box& box, const std::vector<MapArea>& areas, const std::vector<MapMarker>& markers,
             const std::optional<geo::BBox>& view) {
  canvas.rect(box, kWhite, kGrey, 0.8);
  geo::BBox bounds;
  if (view && !view->empty()) bounds = *view;
  for (const auto& a : areas) {
    if (view && !view->empty()) break;
    bounds.extend(geo::bbox_of(a.area));
  }
  if (bounds.empty()) {
    for (const auto& m : markers) bounds.extend(m.at);
    if (!bounds.empty()) {  // room around lone markers
      const double pad = std::max({bounds.max_lat - bounds.min_lat, bounds.max_lng - bounds.min_lng, 0.004}) * 0.15;
      bounds.extend(geo::LatLng{bounds.min_lat - pad, bounds.min_lng - pad});
      bounds.extend(geo::LatLng{bounds.max_lat + pad, bounds.max_lng + pad});
    }
  }
  if (bounds.empty()) return static_cast<int>(markers.size());
  const double inset = 10;
  const Box frame{box.x + inset, box.y + inset, box.width - 2 * inset, box.height - 2 * inset};
  const auto project = fit(bounds, frame);

  for (const auto& a : areas) {
    for (const auto& polygon : a.area.polygons) {
      std::vector<std::vector<std::pair<double, double>>> rings;
      for (const auto& ring : polygon.rings) {
        auto& out = rings.emplace_back();
        out.reserve(ring.size());
        for (const auto& position : ring) out.push_back(project(position[1], position[0]));
        if (view) out = clip(out, box);
      }
      canvas.polygon(rings, a.fill, a.stroke, a.line_width);
    }
  }
  TextStyle area_label;
  area_label.size = 7;
  area_label.colour = kGrey;
  area_label.align = Align::centre;
  for (const auto& a : areas) {
    if (a.label.empty() || a.area.empty()) continue;
    const auto b = geo::bbox_of(a.area);
    const auto [x, y] = project((b.min_lat + b.max_lat) / 2, (b.min_lng + b.max_lng) / 2);
    if (view && (x - 40 < box.x || x + 40 > box.x + box.width || y - 5 < box.y || y + 5 > box.y + box.height)) continue;  // out of the view
    canvas.text({x - 40, y - 5, 80, 10}, a.label, area_label);
  }

  int left_out = 0;
  TextStyle marker_text;
  marker_text.size = 7;
  marker_text.bold = true;
  marker_text.colour = kWhite;
  marker_text.align = Align::centre;
  marker_text.line_spacing = 1.0;
  for (const auto& m : markers) {
    const auto [x, y] = project(m.at.lat, m.at.lng);
    if (x < box.x || x > box.x + box.width || y < box.y || y > box.y + box.height) {
      ++left_out;
      continue;
    }
    const double radius = m.label.size() > 3 ? 7 : 6;
    if (m.approximate) {
      canvas.circle(x, y, radius + 5, std::nullopt, m.colour, 0.8);
    }
    canvas.circle(x, y, radius, m.colour, kWhite, 1.0);
    if (!m.label.empty()) canvas.text({x - radius - 2, y - 5, 2 * radius + 4, 10}, m.label, marker_text);
  }

  // North arrow and scale bar in the corners.
  const double nx = box.x + box.width - 18, ny = box.y + 10;
  canvas.polygon({{{nx, ny}, {nx - 5, ny + 14}, {nx, ny + 10}, {nx + 5, ny + 14}}}, kBlack, std::nullopt);
  TextStyle small;
  small.size = 7;
  small.align = Align::centre;
  canvas.text({nx - 8, ny + 14, 16, 10}, "N", small);
  const double metres_per_point = 111320.0 / project.y_scale;
  const double length = round_length(metres_per_point * frame.width / 5);
  const double bar = length / metres_per_point;
  const double sx = box.x + 10, sy = box.y + box.height - 10;
  canvas.line(sx, sy, sx + bar, sy, kBlack, 1.5);
  canvas.line(sx, sy - 3, sx, sy, kBlack, 1.0);
  canvas.line(sx + bar, sy - 3, sx + bar, sy, kBlack, 1.0);
  small.align = Align::left;
  canvas.text({sx, sy - 12, 80, 10}, length >= 1000 ? std::to_string(static_cast<int>(length / 1000)) + " km" : std::to_string(static_cast<int>(length)) + " m",
              small);
  return left_out;
}

}  // namespace sasaeai::pdf
