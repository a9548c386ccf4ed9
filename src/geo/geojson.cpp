#include "geo/geojson.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace sasaeai::geo {

namespace {

using nlohmann::json;

// json::value() throws its own exception when the member is there but is not text, or when the
// value is not an object; a file of any shape must end in our Error, so read members this way.
std::string text_member(const json& value, const char* key) {
  if (!value.is_object()) return {};
  const auto found = value.find(key);
  return found != value.end() && found->is_string() ? found->get<std::string>() : std::string();
}

Position read_position(const json& value) {
  if (!value.is_array() || value.size() < 2 || !value[0].is_number() || !value[1].is_number()) {
    throw Error(ErrorKind::invalid, "座標は [経度, 緯度] の数の組で書いてください");
  }
  const double lng = value[0].get<double>();
  const double lat = value[1].get<double>();
  if (!valid_lat_lng(lat, lng)) throw Error(ErrorKind::invalid, fmt::format("座標 [{}, {}] が地球の範囲外です（経度, 緯度の順で書いてください）", lng, lat));
  return {lng, lat};
}

Ring read_ring(const json& value) {
  if (!value.is_array()) throw Error(ErrorKind::invalid, "多角形の輪が座標の配列になっていません");
  Ring ring;
  ring.reserve(value.size());
  for (const auto& p : value) ring.push_back(read_position(p));
  if (ring.size() < 4) throw Error(ErrorKind::invalid, "多角形の輪には4つ以上の座標が必要です（最初と最後は同じ点）");
  if (ring.front() != ring.back()) ring.push_back(ring.front());
  return ring;
}

Polygon read_polygon(const json& value) {
  if (!value.is_array() || value.empty()) throw Error(ErrorKind::invalid, "Polygon の coordinates が空です");
  Polygon polygon;
  for (const auto& ring : value) polygon.rings.push_back(read_ring(ring));
  return polygon;
}

Area read_area(const json& geometry) {
  if (!geometry.is_object()) throw Error(ErrorKind::invalid, "geometry がありません");
  const auto type = text_member(geometry, "type");
  const auto coordinates = geometry.find("coordinates");
  Area area;
  if (type == "Polygon" && coordinates != geometry.end()) {
    area.polygons.push_back(read_polygon(*coordinates));
  } else if (type == "MultiPolygon" && coordinates != geometry.end() && coordinates->is_array()) {
    for (const auto& polygon : *coordinates) area.polygons.push_back(read_polygon(polygon));
  } else {
    throw Error(ErrorKind::invalid, fmt::format("区域は Polygon か MultiPolygon で書いてください（「{}」は使えません）", type));
  }
  if (area.empty()) throw Error(ErrorKind::invalid, "区域に多角形がありません");
  return area;
}

json write_area(const Area& area) {
  json polygons = json::array();
  for (const auto& polygon : area.polygons) {
    json rings = json::array();
    for (const auto& ring : polygon.rings) {
      json positions = json::array();
      for (const auto& p : ring) positions.push_back({p[0], p[1]});
      rings.push_back(std::move(positions));
    }
    polygons.push_back(std::move(rings));
  }
  if (polygons.size() == 1) return {{"type", "Polygon"}, {"coordinates", std::move(polygons[0])}};
  return {{"type", "MultiPolygon"}, {"coordinates", std::move(polygons)}};
}

// Text and numbers as written; other values (objects, lists, true/false) name nothing.
std::map<std::string, std::string> text_properties(const json& properties) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : properties.items()) {
    if (value.is_string()) out.emplace(key, value.get<std::string>());
    else if (value.is_number()) out.emplace(key, value.dump());
  }
  return out;
}

}  // namespace

Area parse_area(std::string_view geometry) {
  const json doc = json::parse(geometry, nullptr, false);
  if (doc.is_discarded()) throw Error(ErrorKind::invalid, "区域の GeoJSON が読めません（JSON の形が正しくありません）");
  return read_area(doc);
}

std::string to_geometry(const Area& area) { return write_area(area).dump(); }

std::vector<Feature> parse_features(std::string_view text) {
  json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw Error(ErrorKind::invalid, "GeoJSON として読めません（JSON の形が正しくありません）");
  std::vector<const json*> items;
  const auto type = text_member(doc, "type");
  if (type == "FeatureCollection") {
    const auto features = doc.find("features");
    if (features == doc.end() || !features->is_array()) throw Error(ErrorKind::invalid, "FeatureCollection に features がありません");
    for (const auto& f : *features) items.push_back(&f);
  } else {
    items.push_back(&doc);
  }
  std::vector<Feature> out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = *items[i];
    try {
      Feature feature;
      if (text_member(item, "type") == "Feature") {
        if (auto props = item.find("properties"); props != item.end() && props->is_object()) feature.properties = text_properties(*props);
        const auto geometry = item.find("geometry");
        feature.area = read_area(geometry != item.end() ? *geometry : json());
      } else {
        feature.area = read_area(item);
      }
      out.push_back(std::move(feature));
    } catch (const Error& e) {
      throw Error(ErrorKind::invalid, fmt::format("{}番目の地物: {}", i + 1, e.what()));
    }
  }
  if (out.empty()) throw Error(ErrorKind::invalid, "GeoJSON に地物がありません");
  return out;
}

}  // namespace sasaeai::geo
