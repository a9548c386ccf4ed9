#include "store/sqlite/connection.hpp"

namespace sasaeai::store::sqlite {

Statement::Statement(Statement&& other) noexcept
    : stmt_(other.stmt_), in_use_(other.in_use_), own_(std::move(other.own_)) {
  other.stmt_ = nullptr;
  other.in_use_ = nullptr;
}

Statement::~Statement() {
  if (!stmt_) return;
  // The error a reset reports is the last step's, already thrown to whoever stepped it.
  stmt_->tryReset();
  try {
    stmt_->clearBindings();
  } catch (const SQLite::Exception&) {
    // sqlite3_clear_bindings cannot fail; SQLiteCpp merely declares that it may throw.
  }
  if (in_use_) *in_use_ = false;
}

Connection::Connection(const std::string& path, int flags, int busy_timeout_ms) : db_(path, flags, busy_timeout_ms) {}

Statement Connection::prepare(const std::string& sql) {
  if (auto found = index_.find(sql); found != index_.end()) {
    auto entry = found->second;
    if (entry->in_use) return Statement(std::make_unique<SQLite::Statement>(db_, sql));
    entries_.splice(entries_.begin(), entries_, entry);
    entry->in_use = true;
    return Statement(entry->stmt.get(), &entry->in_use);
  }
  auto stmt = std::make_unique<SQLite::Statement>(db_, sql);  // may throw: nothing cached then
  if (entries_.size() >= kCapacity) evict_one();
  if (entries_.size() >= kCapacity) return Statement(std::move(stmt));  // every entry in use
  entries_.push_front(Entry{sql, std::move(stmt), true});
  auto& entry = entries_.front();
  index_.emplace(entry.sql, entries_.begin());
  return Statement(entry.stmt.get(), &entry.in_use);
}

void Connection::evict_one() {
  for (auto it = entries_.end(); it != entries_.begin();) {
    --it;
    if (it->in_use) continue;
    index_.erase(it->sql);
    entries_.erase(it);
    return;
  }
}

}  // namespace sasaeai::store::sqlite
