#include "io/mbtiles.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include "core/error.hpp"

namespace sasaeai::io {

MbTiles::MbTiles(const std::string& path) {
  try {
    db_ = std::make_unique<SQLite::Database>(path, SQLite::OPEN_READONLY);
    SQLite::Statement meta(*db_, "SELECT name, value FROM metadata");
    while (meta.executeStep()) {
      const std::string name = meta.getColumn(0).getString();
      const std::string value = meta.getColumn(1).getString();
      if (name == "format") format_ = value;
      else if (name == "attribution") attribution_ = value;
      else if (name == "minzoom") min_zoom_ = std::atoi(value.c_str());
      else if (name == "maxzoom") max_zoom_ = std::atoi(value.c_str());
    }
    SQLite::Statement probe(*db_, "SELECT zoom_level, tile_column, tile_row, tile_data FROM tiles LIMIT 1");
    probe.executeStep();
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("地図タイルのファイル {} を MBTiles として開けません: {}", path, e.what()));
  }
  if (format_ == "png") content_type_ = "image/png";
  else if (format_ == "jpg" || format_ == "jpeg") content_type_ = "image/jpeg";
  else if (format_ == "webp") content_type_ = "image/webp";
  else throw Error(ErrorKind::invalid, fmt::format("MBTiles の形式「{}」には対応していません（png・jpg・webp の画像タイルが必要です）", format_));
}

MbTiles::~MbTiles() = default;

std::optional<std::string> MbTiles::tile(int z, int x, int y) {
  if (z < 0 || z > 30 || x < 0 || y < 0) return std::nullopt;
  const long long size = 1LL << z;
  if (x >= size || y >= size) return std::nullopt;
  const long long tms_row = size - 1 - y;  // MBTiles counts rows from the south
  std::lock_guard lock(mutex_);
  SQLite::Statement query(*db_, "SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?");
  query.bind(1, z);
  query.bind(2, x);
  query.bind(3, static_cast<int64_t>(tms_row));
  if (!query.executeStep()) return std::nullopt;
  const auto column = query.getColumn(0);
  return std::string(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
}

}  // namespace sasaeai::io
