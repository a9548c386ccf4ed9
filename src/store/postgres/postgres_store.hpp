#pragma once
#include <chrono>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace sasaeai::store::postgres {

// The store in `schema` of the PostgreSQL database at `url` (a libpq URL), creating and migrating
// the schema if needed. Stores of one URL share its connection pool (pool.hpp).
std::unique_ptr<Store> open_postgres(const std::string& url, const std::string& schema, std::chrono::milliseconds busy_timeout);

}  // namespace sasaeai::store::postgres
