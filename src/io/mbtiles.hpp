#pragma once
// Map tiles from a local MBTiles file (an SQLite database of raster tiles, TMS row order), so a
// city on a closed network can show a base map with no request leaving the machine.
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace SQLite {
class Database;
}

namespace sasaeai::io {

class MbTiles {
 public:
  // Throws Error(invalid) when the file is not a raster MBTiles file.
  explicit MbTiles(const std::string& path);
  ~MbTiles();
  MbTiles(const MbTiles&) = delete;
  MbTiles& operator=(const MbTiles&) = delete;

  // The tile at zoom z, column x, row y in the XYZ scheme web maps use; empty when absent.
  std::optional<std::string> tile(int z, int x, int y);
  const std::string& format() const { return format_; }  // png, jpg or webp
  const std::string& content_type() const { return content_type_; }
  const std::string& attribution() const { return attribution_; }
  int min_zoom() const { return min_zoom_; }
  int max_zoom() const { return max_zoom_; }

 private:
  std::unique_ptr<SQLite::Database> db_;
  std::mutex mutex_;  // one connection, shared by the server's threads
  std::string format_ = "png";
  std::string content_type_ = "image/png";
  std::string attribution_;
  int min_zoom_ = 0;
  int max_zoom_ = 22;
};

}  // namespace sasaeai::io
