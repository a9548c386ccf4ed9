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
  return store::open_store(url, store::OpenOptions{busy_timeout, test_schema(sqlite_path)});
}

}  // namespace sasaeai::test
