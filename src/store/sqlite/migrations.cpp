#include "store/sqlite/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <string>

#include "core/assets.hpp"

namespace sasaeai::store {

namespace {
constexpr std::string_view kPrefix = "src/store/sqlite/migrations/";
}

void apply_migrations(SQLite::Database& db) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  std::vector<std::string_view> files;
  for (auto name : assets::list()) {
    if (name.starts_with(kPrefix) && name.ends_with(".sql")) files.push_back(name);
  }
  std::sort(files.begin(), files.end());
  for (auto file : files) {
    const auto base = file.substr(kPrefix.size());
    const int version = std::stoi(std::string(base.substr(0, 4)));
    SQLite::Statement seen(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
    seen.bind(1, version);
    if (seen.executeStep()) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(std::string(*assets::find(file)));
      SQLite::Statement record(db, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      record.bind(1, version);
      record.bind(2, std::string(base));
      record.exec();
      db.exec("COMMIT");
      spdlog::info("applied migration {}", base);
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
}

}  // namespace sasaeai::store
