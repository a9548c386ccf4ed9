#pragma once
#include <SQLiteCpp/Database.h>

#include <limits>
#include <string_view>
#include <vector>

namespace sasaeai::store {

// One embedded migration file, src/store/sqlite/migrations/NNNN_name.sql.
struct Migration {
  int version = 0;         // NNNN
  std::string_view name;   // file name as recorded in schema_migrations ("0002_accounts.sql")
  std::string_view sql;
};

// Every embedded migration, by version. Versions run 1, 2, 3 … without gaps.
const std::vector<Migration>& embedded_migrations();

// Applies the embedded migrations up to `up_to` that the database has not seen yet, each in its
// own transaction, recording them in schema_migrations.
void apply_migrations(SQLite::Database& db, int up_to = std::numeric_limits<int>::max());

// The same, silently, for a scratch database that only serves as the reference schema of
// `version` (what a fresh database has after migrations 1..version).
void build_schema(SQLite::Database& db, int version);

}  // namespace sasaeai::store
