#include "store/postgres/pool.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>
#include <map>

#include "store/postgres/errors.hpp"

namespace sasaeai::store::postgres {
namespace {

std::size_t configured_size() {
  const char* text = std::getenv("SASAEAI_DB_POOL");
  if (!text || !*text) return 16;
  const long n = std::strtol(text, nullptr, 10);
  return n >= 1 && n <= 1000 ? static_cast<std::size_t>(n) : 16;
}

}  // namespace

std::shared_ptr<Pool> Pool::shared(const std::string& url) {
  static std::mutex mutex;
  static std::map<std::string, std::weak_ptr<Pool>> pools;
  std::lock_guard lock(mutex);
  auto& slot = pools[url];
  if (auto pool = slot.lock()) return pool;
  auto pool = std::make_shared<Pool>(url, configured_size());
  slot = pool;
  return pool;
}

std::unique_ptr<Connection> Pool::acquire(std::chrono::milliseconds wait) {
  {
    std::unique_lock lock(mutex_);
    // A thread may hold a connection while it waits for another (a read inside a write): the
    // wait is bounded, so a pool exhausted that way answers "busy" instead of hanging.
    if (!released_.wait_for(lock, wait, [&] { return !idle_.empty() || open_ < size_; })) throw_busy();
    if (!idle_.empty()) {
      auto conn = std::move(idle_.back());
      idle_.pop_back();
      return conn;
    }
    ++open_;
  }
  try {
    return std::make_unique<Connection>(url_);
  } catch (const PgError& e) {
    {
      std::lock_guard lock(mutex_);
      --open_;
    }
    released_.notify_one();
    spdlog::warn("PostgreSQL: {}", e.what());
    throw_busy();
  }
}

void Pool::release(std::unique_ptr<Connection> conn) {
  if (!conn) return;
  {
    std::lock_guard lock(mutex_);
    // A connection still in a transaction (its ROLLBACK failed) would hand the next lease a
    // transaction already begun: closing it ends that transaction on the server too.
    if (conn->broken() || !conn->idle()) {
      --open_;
      conn.reset();
    } else {
      idle_.push_back(std::move(conn));
    }
  }
  released_.notify_one();
}

}  // namespace sasaeai::store::postgres
