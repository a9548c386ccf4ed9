#include "store/sqlite/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <string>

#include "core/assets.hpp"

namespace sasaeai::store {

namespace {
constexpr std::string_view kPrefix = "src/store/sqlite/migrations/";

std::vector<Migration> load_embedded() {
  std::vector<Migration> all;
  for (auto path : assets::list()) {
    if (!path.starts_with(kPrefix) || !path.ends_with(".sql")) continue;
    const auto base = path.substr(kPrefix.size());
    all.push_back({std::stoi(std::string(base.substr(0, 4))), base, *assets::find(path)});
  }
  std::sort(all.begin(), all.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  // Restore compares a backup of version V with the schema of migrations 1..V: a gap or a
  // duplicate number would make "version V" ambiguous.
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].version != static_cast<int>(i + 1)) throw std::logic_error(fmt::format("migration {} is out of sequence", all[i].name));
  }
  return all;
}

void apply(SQLite::Database& db, int up_to, bool announce) {
  db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
          "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')))");
  for (const auto& migration : embedded_migrations()) {
    if (migration.version > up_to) break;
    SQLite::Statement seen(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
    seen.bind(1, migration.version);
    if (seen.executeStep()) continue;
    db.exec("BEGIN IMMEDIATE");
    try {
      db.exec(std::string(migration.sql));
      SQLite::Statement record(db, "INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      record.bind(1, migration.version);
      record.bind(2, std::string(migration.name));
      record.exec();
      db.exec("COMMIT");
      if (announce) spdlog::info("applied migration {}", migration.name);
    } catch (...) {
      db.exec("ROLLBACK");
      throw;
    }
  }
}

}  // namespace

const std::vector<Migration>& embedded_migrations() {
  static const std::vector<Migration> all = load_embedded();
  return all;
}

void apply_migrations(SQLite::Database& db, int up_to) { apply(db, up_to, true); }

void build_schema(SQLite::Database& db, int version) { apply(db, version, false); }

}  // namespace sasaeai::store
