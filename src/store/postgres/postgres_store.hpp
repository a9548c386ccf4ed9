#pragma once
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace sasaeai::store::postgres {

// The store in `schema` of the PostgreSQL database at `url` (a libpq URL), creating and migrating
// the schema if needed. Stores of one URL share its connection pool (pool.hpp). With `read_url`
// (a streaming replica of the same database), reads go there whenever it has caught up
// (replica_reads.hpp); writes, migrations and data_version() always go to `url`.
std::unique_ptr<Store> open_postgres(const std::string& url, const std::string& schema, std::chrono::milliseconds busy_timeout,
                                     const std::string& read_url = {});

// How the reads of a store were served since it opened.
struct ReadRouting {
  std::uint64_t on_replica = 0;
  std::uint64_t on_primary = 0;  // the replica was behind, unreachable or not a standby
};

// How the reads of a store opened by open_postgres with a replica were served; zeros for any
// other store.
ReadRouting read_routing(const Store& store);

}  // namespace sasaeai::store::postgres
