#pragma once
// The engine the tests run on. Without SASAEAI_TEST_DATABASE they use SQLite files as always;
// with it (a PostgreSQL URL, set by scripts/with-postgres) every test that is about the store's
// behaviour rather than SQLite itself runs on PostgreSQL instead, each store in its own schema.
#include <chrono>
#include <memory>
#include <string>

#include "store/store.hpp"

namespace sasaeai::test {

// SASAEAI_TEST_DATABASE, or "" when the tests run on SQLite.
std::string test_database();
inline bool on_postgres() { return !test_database().empty(); }

// The schema open_test_store gives `sqlite_path` on PostgreSQL: the same path, the same schema,
// so a test can open its database again; another path, another schema.
std::string test_schema(const std::string& sqlite_path);

// An SQLite store at `sqlite_path`, or on PostgreSQL a store in test_schema(sqlite_path).
std::unique_ptr<store::Store> open_test_store(const std::string& sqlite_path,
                                              std::chrono::milliseconds busy_timeout = std::chrono::milliseconds(10000));

// SASAEAI_TEST_READ_DATABASE: the URL of a streaming replica of test_database() (scripts/with-postgres
// starts one), or "".
std::string test_read_database();

// As open_test_store; on PostgreSQL with a replica, the store reads from the replica whenever it
// has caught up (store/postgres/replica_reads.hpp).
std::unique_ptr<store::Store> open_test_store_reading_replica(const std::string& sqlite_path);

// Skips the test on PostgreSQL, saying why (SQLite files, backups, SQLite's own mechanisms).
#define SASAEAI_SQLITE_ONLY(reason)                                                   \
  do {                                                                               \
    if (::sasaeai::test::on_postgres()) GTEST_SKIP() << "SQLite only: " << (reason); \
  } while (false)

}  // namespace sasaeai::test
