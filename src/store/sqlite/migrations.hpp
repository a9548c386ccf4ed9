#pragma once
#include <SQLiteCpp/Database.h>

namespace sasaeai::store {
// Applies the embedded numbered migrations (src/store/sqlite/migrations/NNNN_*.sql) that the
// database has not seen yet, each in its own transaction, recording them in schema_migrations.
void apply_migrations(SQLite::Database& db);
}  // namespace sasaeai::store
