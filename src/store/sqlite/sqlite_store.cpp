// SQLite engine of the store: a pool of connections to one WAL database, one writer at a time.
// This file holds the transaction machinery; each concern's SQL is in its own file
// (register_tx, account_tx, file_tx, audit_tx, job_tx), joined here into one transaction class.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <spdlog/spdlog.h>

#include <atomic>
#include <mutex>
#include <optional>
#include <thread>

#include "core/error.hpp"
#include "store/sqlite/account_tx.hpp"
#include "store/sqlite/audit_tx.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/file_tx.hpp"
#include "store/sqlite/job_tx.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/register_tx.hpp"
#include "store/store.hpp"

namespace sasaeai::store {
namespace {

// Every concern on one connection, so one transaction spans them all.
class SqliteTx final : public WriteTx, sqlite::Registers, sqlite::Accounts, sqlite::Files, sqlite::Audit, sqlite::Jobs {
 public:
  explicit SqliteTx(sqlite::Connection& conn)
      : sqlite::Registers(conn), sqlite::Accounts(conn), sqlite::Files(conn), sqlite::Audit(conn), sqlite::Jobs(conn) {}
};

bool is_busy(const SQLite::Exception& e) {
  // Primary codes: SQLITE_BUSY_SNAPSHOT, SQLITE_LOCKED_SHAREDCACHE … count too.
  const int code = e.getErrorCode() & 0xff;
  return code == SQLITE_BUSY || code == SQLITE_LOCKED;
}

class SqliteStore final : public Store {
 public:
  SqliteStore(std::string path, const SqliteOptions& options) : path_(std::move(path)), options_(options) {
    auto conn = open_connection();
    conn->db().exec("PRAGMA journal_mode = WAL");
    apply_migrations(conn->db());
    pool_.push_back(std::move(conn));
  }

  void read(const std::function<void(ReadTx&)>& work) override {
    Lease lease(*this);
    run_in_transaction(*lease.conn, "BEGIN", work);
  }

  void write(const std::function<void(WriteTx&)>& work) override { write_then(work, true); }

  void write_unversioned(const std::function<void(WriteTx&)>& work) override { write_then(work, false); }

 private:
  // `versioned`: the write also draws a new data_changes token, which data_version() compares
  // (see there).
  void write_then(const std::function<void(WriteTx&)>& work, bool versioned) {
    // The writer mutex is not recursive: a nested write would wait for itself forever.
    if (writer_thread_.load() == std::this_thread::get_id()) {
      throw std::logic_error("store: write() inside write() on the same thread; pass the WriteTx down instead");
    }
    Lease lease(*this);
    // One writer at a time in this process; BEGIN IMMEDIATE guards against other processes.
    std::lock_guard lock(writer_mutex_);
    writer_thread_.store(std::this_thread::get_id());
    struct ClearWriter {
      std::atomic<std::thread::id>& writer;
      ~ClearWriter() { writer.store(std::thread::id()); }
    } clear{writer_thread_};
    run_in_transaction(*lease.conn, "BEGIN IMMEDIATE", work, versioned ? "UPDATE data_changes SET token = random()" : nullptr);
  }

 public:

  std::string engine() const override { return "sqlite"; }

  std::uint64_t data_version() override {
    // SQLite's data_version changes on a connection when any other connection (of this process
    // or another) commits. One connection kept for asking only, so it never writes itself.
    // It cannot tell a change of data from bookkeeping (write_unversioned: a publication job's
    // progress, every half second while a PDF is built, on any server), so when it moved, the
    // token every write() draws in its transaction (data_changes) tells: the same token, no
    // change a cached answer could depend on. A restore brings its backup's token, which equals
    // the live one only if no write() came after the backup, i.e. the same data.
    std::lock_guard lock(version_mutex_);
    if (!version_db_) {
      version_db_ = open_connection();
      version_query_ = std::make_unique<SQLite::Statement>(version_db_->db(), "PRAGMA data_version");
      token_query_ = std::make_unique<SQLite::Statement>(version_db_->db(), "SELECT token FROM data_changes");
    }
    version_query_->reset();
    if (version_query_->executeStep()) {
      const auto seen = version_query_->getColumn(0).getInt64();
      if (seen != last_data_version_) {
        last_data_version_ = seen;
        token_query_->reset();
        const auto token = token_query_->executeStep() ? token_query_->getColumn(0).getInt64() : 0;
        token_query_->reset();
        if (!last_token_ || token != *last_token_) {
          last_token_ = token;
          ++generation_;
        }
      }
    }
    version_query_->reset();  // ends the read it started, so the WAL can be checkpointed
    return generation_;
  }

  void backup_to(const std::string& path) override {
    Lease lease(*this);
    SQLite::Database target(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, lease.conn->db());
    backup.executeStep(-1);  // all pages in one step: a consistent snapshot
  }

 private:
  template <class Work>
  void run_in_transaction(sqlite::Connection& conn, const char* begin, const Work& work, const char* before_commit = nullptr) {
    auto& db = conn.db();
    try {
      db.exec(begin);
      try {
        SqliteTx tx(conn);
        work(tx);
        if (before_commit) db.exec(before_commit);
        db.exec("COMMIT");
      } catch (...) {
        try {
          db.exec("ROLLBACK");
        } catch (const SQLite::Exception&) {
          // The transaction may already be rolled back by SQLite itself; nothing is kept either way.
        }
        throw;
      }
    } catch (const SQLite::Exception& e) {
      // Another connection (a restore, a second process) kept the database past the busy
      // timeout: not a bug, and the client may simply try again.
      if (!is_busy(e)) throw;
      throw Error(ErrorKind::unavailable, "データベースが他の処理で使用中です。しばらく待ってからもう一度お試しください。")
          .with_code(error_code::database_busy);
    }
  }

  std::unique_ptr<sqlite::Connection> open_connection() {
    // NOMUTEX: a connection is leased to one thread at a time, so SQLite's per-connection
    // mutex would only be taken and released uncontended on every call.
    auto conn = std::make_unique<sqlite::Connection>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                                                     static_cast<int>(options_.busy_timeout.count()));
    conn->db().exec("PRAGMA foreign_keys = ON");
    conn->db().exec("PRAGMA synchronous = NORMAL");  // with WAL: durable across process crashes
    // No memory mapping (PRAGMA mmap_size): measured on writes at 8 connections it cost a third
    // of the throughput (956 against 1,510 updates/s), remapping and TLB flushes on every commit
    // that grew the file, and gained reads nothing measurable.
    return conn;
  }

  // A pooled connection, returned to the pool however the work ends.
  struct Lease {
    explicit Lease(SqliteStore& store) : owner(store), conn(store.acquire()) {}
    ~Lease() { owner.release(std::move(conn)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SqliteStore& owner;
    std::unique_ptr<sqlite::Connection> conn;
  };

  std::unique_ptr<sqlite::Connection> acquire() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!pool_.empty()) {
        auto conn = std::move(pool_.back());
        pool_.pop_back();
        return conn;
      }
    }
    return open_connection();
  }

  void release(std::unique_ptr<sqlite::Connection> conn) {
    std::lock_guard lock(pool_mutex_);
    pool_.push_back(std::move(conn));
  }

  std::string path_;
  SqliteOptions options_;
  std::mutex pool_mutex_;
  std::mutex writer_mutex_;
  // The thread inside write(), to refuse a nested write instead of deadlocking on the mutex.
  std::atomic<std::thread::id> writer_thread_{};
  std::vector<std::unique_ptr<sqlite::Connection>> pool_;
  std::mutex version_mutex_;
  std::unique_ptr<sqlite::Connection> version_db_;
  std::unique_ptr<SQLite::Statement> version_query_;
  std::unique_ptr<SQLite::Statement> token_query_;
  std::optional<std::int64_t> last_token_;
  std::int64_t last_data_version_ = -1;
  std::uint64_t generation_ = 0;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path, const SqliteOptions& options) {
  if (path.empty() || path == ":memory:") throw std::invalid_argument("open_sqlite needs a file path");
  static std::once_flag configured;
  std::call_once(configured, [] {
    // SQLite counts every allocation under one process-wide mutex for sqlite3_memory_used(),
    // which nothing here reads; under load the threads queue on it. The setting only takes
    // before SQLite initialises (the first connection opened anywhere in the process): later it
    // is refused and SQLite keeps counting, slower but correct.
    if (sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) != SQLITE_OK) {
      spdlog::debug("SQLite was already initialised; its memory statistics stay on");
    }
  });
  return std::make_unique<SqliteStore>(path, options);
}

}  // namespace sasaeai::store
