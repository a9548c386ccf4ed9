#pragma once
// Opening a store by the database's name: a PostgreSQL URL, or an SQLite file. The one entry
// point for the command line and for anything that does not care which engine it gets.
#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include "store/store.hpp"

namespace sasaeai::store {

struct OpenOptions {
  std::chrono::milliseconds busy_timeout{10000};  // SQLite busy timeout; PostgreSQL lock_timeout
  std::string schema;  // PostgreSQL only: the schema holding this store ("" = "public"). Created and migrated if missing.
  std::string read_database;  // PostgreSQL only: a URL of a streaming replica to read from ("" = none)
};

// Starts with postgres:// or postgresql://.
bool is_postgres(std::string_view database);

// A URL → PostgreSQL (stores of one URL share a connection pool of SASAEAI_DB_POOL connections,
// default 16), anything else → the SQLite database file of that path.
std::unique_ptr<Store> open_store(const std::string& database, const OpenOptions& options = {});

}  // namespace sasaeai::store
