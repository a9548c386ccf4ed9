#pragma once
// Connections to one PostgreSQL server, shared by every store opened on the same URL: a
// deployment serving many municipalities (one schema each) keeps one bounded set of
// connections, not one per schema.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

class Pool {
 public:
  Pool(std::string url, std::size_t size) : url_(std::move(url)), size_(size) {}

  // The pool of `url`, created on first use and kept while a store holds it. Its size is
  // SASAEAI_DB_POOL (default 16).
  static std::shared_ptr<Pool> shared(const std::string& url);

  // An idle connection, a new one while fewer than `size` are open, else the next one released
  // within `wait`. Throws Error(unavailable, database_busy) when none came or the server cannot
  // be reached. Thread-safe.
  std::unique_ptr<Connection> acquire(std::chrono::milliseconds wait);
  // Takes a connection back; a broken one is closed instead. Thread-safe.
  void release(std::unique_ptr<Connection> conn);

  const std::string& url() const { return url_; }

 private:
  std::string url_;
  std::size_t size_;
  std::mutex mutex_;
  std::condition_variable released_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t open_ = 0;
};

// A pooled connection, returned to the pool however the work ends.
class Lease {
 public:
  Lease(Pool& pool, std::chrono::milliseconds wait) : pool_(pool), conn_(pool.acquire(wait)) {}
  ~Lease() { pool_.release(std::move(conn_)); }
  Lease(Lease&& other) noexcept : pool_(other.pool_), conn_(std::move(other.conn_)) {}
  Lease(const Lease&) = delete;
  Lease& operator=(const Lease&) = delete;
  Connection& operator*() const { return *conn_; }
  Connection* operator->() const { return conn_.get(); }

 private:
  Pool& pool_;
  std::unique_ptr<Connection> conn_;
};

}  // namespace sasaeai::store::postgres
