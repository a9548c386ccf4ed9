#include "io/geojson_import.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace sasaeai::io {

using nlohmann::json;

namespace {

std::string cell_of(const json& v) {
  if (v.is_null()) return {};
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "はい" : "いいえ";
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  if (v.is_number()) return fmt::format("{}", v.get<double>());
  if (v.is_array()) {
    std::string joined;
    for (const auto& item : v) joined += (joined.empty() ? "" : "、") + cell_of(item);
    return joined;
  }
  return v.dump();
}

// Keys of the map's own GeoJSON that are not fields (or are the id twin of a named one).
bool is_bookkeeping(const std::string& key, const json& properties) {
  static const std::vector<std::string> ignored{"id", "url", "colour", "color", "approximate_location", "area"};
  if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) return true;
  // "category_id": 3 beside "category": "サロン": the name travels between databases, the id does not.
  constexpr std::string_view suffix = "_id";
  if (key.size() > suffix.size() && key.compare(key.size() - suffix.size(), suffix.size(), suffix) == 0) {
    return properties.contains(key.substr(0, key.size() - suffix.size()));
  }
  return false;
}

}  // namespace

bool looks_like_json(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  const auto first = bytes.find_first_not_of(" \t\r\n");
  return first != std::string_view::npos && bytes[first] == '{';
}

CsvTable table_from_geojson_points(std::string_view bytes) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  json doc = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw Error(ErrorKind::invalid, "GeoJSONとして読めません（JSONの形が正しくありません）", "file");
  json features = json::array();
  if (doc.value("type", "") == "FeatureCollection" && doc.contains("features") && doc["features"].is_array()) features = doc["features"];
  else if (doc.value("type", "") == "Feature") features.push_back(doc);
  else throw Error(ErrorKind::invalid, "GeoJSONの FeatureCollection か Feature にしてください", "file");

  std::vector<std::string> keys;  // property names in the order first seen
  std::map<std::string, std::size_t> position;
  std::vector<std::map<std::string, std::string>> cells;
  std::vector<std::size_t> numbers;
  for (std::size_t i = 0; i < features.size(); ++i) {
    const auto& f = features[i];
    const auto where = fmt::format("{}件目", i + 1);
    if (!f.is_object() || f.value("type", "") != "Feature") throw Error(ErrorKind::invalid, where + ": Feature ではありません", "file");
    std::map<std::string, std::string> row;
    const auto properties = f.contains("properties") && f["properties"].is_object() ? f["properties"] : json::object();
    for (const auto& [key, value] : properties.items()) {
      if (is_bookkeeping(key, properties)) continue;
      if (!position.count(key)) {
        position[key] = keys.size();
        keys.push_back(key);
      }
      row[key] = cell_of(value);
    }
    const auto& geometry = f.contains("geometry") ? f["geometry"] : json();
    if (!geometry.is_null()) {
      if (!geometry.is_object() || geometry.value("type", "") != "Point") {
        throw Error(ErrorKind::invalid, where + ": 位置は点（Point）にしてください（線や面は社会資源の位置になりません）", "file");
      }
      const auto& c = geometry.contains("coordinates") ? geometry["coordinates"] : json();
      if (!c.is_array() || c.size() < 2 || !c[0].is_number() || !c[1].is_number()) {
        throw Error(ErrorKind::invalid, where + ": 点の座標は [経度, 緯度] の数値にしてください", "file");
      }
      // A private home published by its area: the point is not where the place is.
      if (!properties.value("approximate_location", false)) {
        row["\x01latitude"] = fmt::format("{:.7f}", c[1].get<double>());
        row["\x01longitude"] = fmt::format("{:.7f}", c[0].get<double>());
      }
    }
    cells.push_back(std::move(row));
    numbers.push_back(i + 1);
  }
  CsvTable table;
  table.encoding = "UTF-8 (GeoJSON)";
  table.row_unit = "件目";
  CsvRow header{1, keys};
  header.cells.push_back("緯度");
  header.cells.push_back("経度");
  table.rows.push_back(std::move(header));
  for (std::size_t r = 0; r < cells.size(); ++r) {
    CsvRow row{numbers[r], {}};
    for (const auto& k : keys) row.cells.push_back(cells[r].count(k) ? cells[r].at(k) : std::string());
    row.cells.push_back(cells[r].count("\x01latitude") ? cells[r].at("\x01latitude") : std::string());
    row.cells.push_back(cells[r].count("\x01longitude") ? cells[r].at("\x01longitude") : std::string());
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace sasaeai::io
