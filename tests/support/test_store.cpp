#include "support/test_store.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <cstdlib>

#include "store/open.hpp"

namespace sasaeai::test {

std::string test_database() {
  const char* url = std::getenv("SASAEAI_TEST_DATABASE");
  return url ? std::string(url) : std::string();
}

std::string test_schema(const std::string& sqlite_path) {
  // Temporary directories differ per test process, so their paths name schemas that no other
  // test uses in the same database.
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : sqlite_path) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return fmt::format("test_{:016x}", hash);
}

std::unique_ptr<store::Store> open_test_store(const std::string& sqlite_path, std::chrono::milliseconds busy_timeout) {
  const auto url = test_database();
  if (url.empty()) return store::open_sqlite(sqlite_path, store::SqliteOptions{busy_timeout});
  return store::open_store(url, store::OpenOptions{busy_timeout, test_schema(sqlite_path), {}});
}

std::string test_read_database() {
  const char* url = std::getenv("SASAEAI_TEST_READ_DATABASE");
  return url && on_postgres() ? std::string(url) : std::string();
}

std::unique_ptr<store::Store> open_test_store_reading_replica(const std::string& sqlite_path) {
  if (test_read_database().empty()) return open_test_store(sqlite_path);
  store::OpenOptions options;
  options.schema = test_schema(sqlite_path);
  options.read_database = test_read_database();
  return store::open_store(test_database(), options);
}

}  // namespace sasaeai::test
