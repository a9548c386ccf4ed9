#pragma once
// Reading resources from GeoJSON points (a FeatureCollection, or one Feature), as other systems
// and Sasaeai's own map (/map/resources.geojson) write them. Each feature becomes a row of a
// table for the register import: its properties by name (the form's labels, field names or
// common variants: 名称 or name, 分類 or category …) and its point as 緯度 and 経度. The register
// import then matches, previews and stores all or nothing.
#include <string_view>

#include "io/csv_table.hpp"

namespace sasaeai::io {

// Throws Error(invalid) naming the feature (「3件目」) that is not a point or not an object.
// A point marked approximate_location (a private home shown by its area) keeps no position.
CsvTable table_from_geojson_points(std::string_view bytes);

// Whether an upload is JSON rather than CSV (its first character after a BOM and spaces is {).
bool looks_like_json(std::string_view bytes);

}  // namespace sasaeai::io
