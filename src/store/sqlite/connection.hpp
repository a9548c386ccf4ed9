#pragma once
// One pooled SQLite connection and the prepared statements it keeps between transactions.
// Preparing a statement costs more than running most of ours, so each connection keeps the ones
// it has prepared, keyed by their SQL text, and hands them out again.
#include <SQLiteCpp/SQLiteCpp.h>

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

namespace sasaeai::store::sqlite {

class Connection;

// A prepared statement lent for one use. When the handle goes (however the work ends) the
// statement is reset and its bindings cleared: a statement left active would keep its read
// snapshot open past the transaction and stop a WAL checkpoint from finishing.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  SQLite::Statement& operator*() const { return *stmt_; }
  SQLite::Statement* operator->() const { return stmt_; }

 private:
  friend class Connection;
  Statement(SQLite::Statement* cached, bool* in_use) : stmt_(cached), in_use_(in_use) {}
  explicit Statement(std::unique_ptr<SQLite::Statement> own) : stmt_(own.get()), own_(std::move(own)) {}

  SQLite::Statement* stmt_;
  bool* in_use_ = nullptr;                 // the cache entry's flag, when the statement is cached
  std::unique_ptr<SQLite::Statement> own_;  // a one-off statement, when the cached one is busy
};

// REQUIRES: used by one thread at a time (the store leases each connection to one transaction).
class Connection {
 public:
  // More distinct statements than this (register lists with every filter combination) evict the
  // least recently used one.
  static constexpr std::size_t kCapacity = 256;

  Connection(const std::string& path, int flags, int busy_timeout_ms);

  // The statement for `sql`, prepared once per connection. A statement of the same text that is
  // still in use (a nested call) gets a fresh, uncached copy instead.
  Statement prepare(const std::string& sql);

  SQLite::Database& db() { return db_; }
  std::size_t cached() const { return entries_.size(); }

 private:
  struct Entry {
    std::string sql;
    std::unique_ptr<SQLite::Statement> stmt;
    bool in_use = false;
  };

  void evict_one();

  SQLite::Database db_;
  // Most recently used first. Declared after db_: statements are finalized before it closes.
  std::list<Entry> entries_;
  std::unordered_map<std::string_view, std::list<Entry>::iterator> index_;
};

}  // namespace sasaeai::store::sqlite
