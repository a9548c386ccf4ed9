#pragma once
// The PostgreSQL schema of a store: src/store/postgres/migrations/NNNN_name.sql, embedded, applied
// in order and recorded in the schema's schema_migrations table, like the SQLite engine's.
#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

// Creates `schema` if missing and applies the migrations it has not seen, each in its own
// transaction. Processes migrating at the same time take turns (an advisory lock), so each
// migration runs once. REQUIRES: `conn` is not in a transaction.
void migrate(Connection& conn, const std::string& schema);

}  // namespace sasaeai::store::postgres
