#include "store/postgres/migrations.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/assets.hpp"

namespace sasaeai::store::postgres {
namespace {

constexpr std::string_view kPrefix = "src/store/postgres/migrations/";
// One lock for every schema: CREATE EXTENSION and CREATE SCHEMA of two stores must not race
// either. Migrations run at start-up only, so taking turns costs nothing that matters.
constexpr std::int64_t kMigrationLock = 0x5a5a'e5a1'0000'0001;

struct Migration {
  int version = 0;
  std::string_view name;
  std::string_view sql;
};

std::vector<Migration> load_embedded() {
  std::vector<Migration> all;
  for (auto path : assets::list()) {
    if (!path.starts_with(kPrefix) || !path.ends_with(".sql")) continue;
    const auto base = path.substr(kPrefix.size());
    all.push_back({std::stoi(std::string(base.substr(0, 4))), base, *assets::find(path)});
  }
  std::sort(all.begin(), all.end(), [](const Migration& a, const Migration& b) { return a.version < b.version; });
  for (std::size_t i = 0; i < all.size(); ++i) {
    if (all[i].version != static_cast<int>(i + 1)) throw std::logic_error(fmt::format("migration {} is out of sequence", all[i].name));
  }
  return all;
}

const std::vector<Migration>& embedded() {
  static const std::vector<Migration> all = load_embedded();
  return all;
}

}  // namespace

void migrate(Connection& conn, const std::string& schema) {
  const auto quoted = quote_identifier(schema);
  conn.run(fmt::format("SELECT pg_advisory_lock({})", kMigrationLock));
  try {
    conn.run(fmt::format("CREATE SCHEMA IF NOT EXISTS {0}; SET search_path TO {0}, public; "
                         "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, name text NOT NULL, "
                         "applied_at text NOT NULL DEFAULT to_char(statement_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'))",
                         quoted));
    const auto seen = conn.run("SELECT version FROM schema_migrations");
    std::vector<std::int64_t> applied;
    for (int r = 0; r < seen.rows(); ++r) applied.push_back(seen.integer(r, 0));
    for (const auto& migration : embedded()) {
      if (std::find(applied.begin(), applied.end(), migration.version) != applied.end()) continue;
      conn.run("BEGIN");
      try {
        conn.run(std::string(migration.sql));
        // The name is an embedded file name (digits, letters, _ and .): safe as a literal.
        conn.run(fmt::format("INSERT INTO schema_migrations (version, name) VALUES ({}, '{}')", migration.version, migration.name));
        conn.run("COMMIT");
        spdlog::info("applied migration {} to schema {}", migration.name, schema);
      } catch (...) {
        try {
          conn.run("ROLLBACK");
        } catch (const PgError&) {
          // The connection is gone; the server rolled back with it.
        }
        throw;
      }
    }
    conn.run(fmt::format("RESET search_path; SELECT pg_advisory_unlock({})", kMigrationLock));
  } catch (...) {
    try {
      conn.run(fmt::format("RESET search_path; SELECT pg_advisory_unlock({})", kMigrationLock));
    } catch (const PgError&) {
      // A lost connection released its lock.
    }
    throw;
  }
}

}  // namespace sasaeai::store::postgres
