#include "store/open.hpp"

#include "store/postgres/postgres_store.hpp"

namespace sasaeai::store {

bool is_postgres(std::string_view database) {
  return database.starts_with("postgres://") || database.starts_with("postgresql://");
}

std::unique_ptr<Store> open_store(const std::string& database, const OpenOptions& options) {
  if (is_postgres(database)) return postgres::open_postgres(database, options.schema, options.busy_timeout, options.read_database);
  return open_sqlite(database, SqliteOptions{options.busy_timeout});
}

}  // namespace sasaeai::store
