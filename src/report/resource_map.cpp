#include "report/resource_map.hpp"

#include <algorithm>

#include "core/error.hpp"
#include "geo/geojson.hpp"
#include "pdf/map.hpp"

namespace sasaeai::report {

namespace {

pdf::Colour parse_colour(const std::string& hex) {
  if (hex.size() != 7 || hex[0] != '#') return pdf::kAccent;
  const auto channel = [&](std::size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0; };
  try {
    // Darkened so the white number inside stays readable.
    return {channel(1) * 0.8, channel(3) * 0.8, channel(5) * 0.8};
  } catch (const std::exception&) {
    return pdf::kAccent;
  }
}

// The outlines of one level the reader may see; none when they may not (a visitor and the
// 町内会, say): the map still shows the points.
std::vector<app::BoundaryFeature> outlines(app::Maps& maps, const app::Actor& actor, const std::string& level, std::optional<domain::Id> district_id) {
  try {
    return maps.boundaries(actor, level, district_id);
  } catch (const Error& e) {
    if (e.kind() == ErrorKind::unauthorized || e.kind() == ErrorKind::forbidden) return {};
    throw;
  }
}

}  // namespace

void draw_resource_map(pdf::Canvas& canvas, const pdf::Box& box, app::Maps& maps, const app::Actor& actor, std::optional<domain::Id> district_id,
                       const std::vector<app::MapResource>& numbered) {
  std::vector<pdf::MapArea> areas;
  if (district_id) {
    for (const auto& b : outlines(maps, actor, "neighbourhood", district_id)) {
      areas.push_back({geo::parse_area(b.geometry), std::nullopt, pdf::kLightGrey, 0.4, ""});
    }
    for (const auto& b : outlines(maps, actor, "district", district_id)) {
      areas.push_back({geo::parse_area(b.geometry), pdf::Colour{0.96, 0.97, 0.99}, pdf::kGrey, 1.2, ""});
    }
    // The district's own outline first (filled), its 町内会 drawn over it.
    std::stable_partition(areas.begin(), areas.end(), [](const pdf::MapArea& a) { return a.fill.has_value(); });
  } else {
    for (const auto& b : outlines(maps, actor, "municipality", std::nullopt)) {
      areas.push_back({geo::parse_area(b.geometry), pdf::Colour{0.96, 0.97, 0.99}, pdf::kGrey, 1.2, ""});
    }
    for (const auto& b : outlines(maps, actor, "district", std::nullopt)) areas.push_back({geo::parse_area(b.geometry), std::nullopt, pdf::kGrey, 0.5, b.name});
  }
  std::vector<pdf::MapMarker> markers;
  for (std::size_t i = 0; i < numbered.size(); ++i) {
    const auto& r = numbered[i];
    if (!r.at) continue;
    markers.push_back({*r.at, std::to_string(i + 1), parse_colour(r.colour), r.approximate});
  }
  pdf::draw_map(canvas, box, areas, markers);
}

std::string resource_map_note(const std::vector<app::MapResource>& numbered) {
  const bool approximate = std::any_of(numbered.begin(), numbered.end(), [](const app::MapResource& r) { return r.approximate; });
  const bool unplaced = std::any_of(numbered.begin(), numbered.end(), [](const app::MapResource& r) { return !r.at; });
  std::string note = "地図の番号は、一覧の番号です。";
  if (approximate) note += "外側に輪のある印は、個人のお宅などのため、おおよその場所です。";
  if (unplaced) note += "場所が登録されていないものは、地図にありません。";
  return note;
}

}  // namespace sasaeai::report
