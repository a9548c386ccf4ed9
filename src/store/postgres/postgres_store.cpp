// PostgreSQL engine of the store: one schema of a database, through a connection pool shared by
// every store of the same server. This file holds the transaction machinery; each concern's SQL
// is in its own file (register_tx, account_tx, file_tx, audit_tx, job_tx), joined here into one class.
#include "store/postgres/postgres_store.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "core/error.hpp"
#include "store/postgres/account_tx.hpp"
#include "store/postgres/audit_tx.hpp"
#include "store/postgres/errors.hpp"
#include "store/postgres/file_tx.hpp"
#include "store/postgres/job_tx.hpp"
#include "store/postgres/migrations.hpp"
#include "store/postgres/pool.hpp"
#include "store/postgres/register_tx.hpp"
#include "store/postgres/replica_reads.hpp"

namespace sasaeai::store::postgres {
namespace {

// Every concern on one connection, so one transaction spans them all.
class PgTx final : public WriteTx, Registers, Accounts, Files, Audit, Jobs {
 public:
  explicit PgTx(Connection& conn) : Registers(conn), Accounts(conn), Files(conn), Audit(conn), Jobs(conn) {}
};

std::string sql_literal(std::string_view text) {
  std::string out = "'";
  for (const char c : text) {
    if (c == '\'') out += '\'';
    out += c;
  }
  out += '\'';
  return out;
}

// The advisory lock that serialises the writers of one schema, in every process: the same
// number for the same schema name (FNV-1a), whichever build computes it.
std::int64_t writer_lock_of(std::string_view schema) {
  std::uint64_t hash = 0xcbf29ce484222325ULL;
  for (const char c : std::string("sasaeai writer:") + std::string(schema)) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 0x100000001b3ULL;
  }
  return static_cast<std::int64_t>(hash);
}

class PostgresStore final : public Store {
 public:
  PostgresStore(const std::string& url, std::string schema, std::chrono::milliseconds busy_timeout, const std::string& read_url)
      : pool_(Pool::shared(url)), schema_(std::move(schema)), timeout_(std::max(busy_timeout, std::chrono::milliseconds(1))) {
    if (!read_url.empty()) replica_ = std::make_unique<ReplicaReads>(pool_, read_url);
    const auto quoted = quote_identifier(schema_);
    const auto settings = fmt::format("SET LOCAL search_path TO {}, public; SET LOCAL lock_timeout = {}; ", quoted, timeout_.count());
    begin_read_ = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY; " + settings;
    begin_write_ = "BEGIN; " + settings + fmt::format("SELECT pg_advisory_xact_lock({})", writer_lock_of(schema_));
    // After the COMMIT, never inside the transaction: a reader that saw the new number before
    // the commit would cache what it read then under it.
    const auto sequence = sql_literal(quoted + ".data_version");
    commit_write_ = fmt::format("COMMIT; SELECT nextval({})", sequence);
    version_sql_ = fmt::format("SELECT last_value + CASE WHEN is_called THEN 1 ELSE 0 END FROM {}.data_version", quoted);
    Lease lease(*pool_, timeout_);
    try {
      migrate(*lease, schema_);
    } catch (const PgError& e) {
      if (is_transient(e)) throw_busy();
      throw;
    }
  }

  void read(const std::function<void(ReadTx&)>& work) override {
    if (replica_) {
      if (auto on_replica = replica_->current_replica(timeout_)) {
        run_in_transaction(**on_replica, begin_read_, "COMMIT", work);
        return;
      }
    }
    Lease lease(*pool_, timeout_);
    run_in_transaction(*lease, begin_read_, "COMMIT", work);
  }

  void write(const std::function<void(WriteTx&)>& work) override { write_then(work, commit_write_); }

  // The data_version sequence is moved on only after the COMMIT of write(): a commit without it
  // is a change no cache hears of.
  void write_unversioned(const std::function<void(WriteTx&)>& work) override { write_then(work, "COMMIT"); }

 private:
  void write_then(const std::function<void(WriteTx&)>& work, const std::string& commit) {
    if (writer_thread_.load() == std::this_thread::get_id()) {
      throw std::logic_error("store: write() inside write() on the same thread; pass the WriteTx down instead");
    }
    // One writer of this store at a time in this process, before taking a connection: writers
    // queued on the schema's advisory lock would otherwise hold connections other schemas need.
    std::unique_lock lock(writer_mutex_, std::defer_lock);
    if (!lock.try_lock_for(timeout_)) throw_busy();
    writer_thread_.store(std::this_thread::get_id());
    struct ClearWriter {
      std::atomic<std::thread::id>& writer;
      ~ClearWriter() { writer.store(std::thread::id()); }
    } clear{writer_thread_};
    Lease lease(*pool_, timeout_);
    run_in_transaction(*lease, begin_write_, commit, work);
  }

 public:
  std::string engine() const override { return "postgresql"; }
  ReadRouting routing() const { return replica_ ? replica_->routing() : ReadRouting{}; }

  void backup_to(const std::string&) override {
    throw Error(ErrorKind::invalid,
                "PostgreSQL のデータベースはここではバックアップできません。バックアップは pg_dump で作成してください。");
  }

  std::uint64_t data_version() override {
    Lease lease(*pool_, timeout_);
    lease->use_schema({});  // schema-qualified, outside any transaction
    try {
      return static_cast<std::uint64_t>(lease->query(version_sql_).integer(0, 0));
    } catch (const PgError& e) {
      if (is_transient(e)) throw_busy();
      throw;
    }
  }

 private:
  template <class Work>
  void run_in_transaction(Connection& conn, const std::string& begin, const std::string& commit, const Work& work) {
    conn.use_schema(schema_);
    try {
      try {
        // Evicted statements go after the BEGIN: a statement before it in the same message would
        // start the transaction, and the isolation level could no longer be set.
        conn.run(begin + "; " + conn.take_deallocations());
        PgTx tx(conn);
        work(tx);
        // A statement failed and its error was caught and not rethrown: PostgreSQL undid the
        // whole transaction (SQLite only that statement), so reporting success would lose data.
        if (conn.failed()) throw std::logic_error("store: a statement of this transaction failed; nothing of it was stored");
        conn.run(commit);
      } catch (...) {
        try {
          if (!conn.broken()) conn.run("ROLLBACK");
        } catch (const PgError&) {
          // Nothing of the transaction is kept either way.
        }
        throw;
      }
    } catch (const PgError& e) {
      // A lock not granted in time, a conflict, a lost connection: the client may try again.
      if (is_transient(e)) throw_busy();
      throw;
    }
  }

  std::shared_ptr<Pool> pool_;
  std::unique_ptr<ReplicaReads> replica_;  // none: every read on the primary
  std::string schema_;
  std::chrono::milliseconds timeout_;
  std::string begin_read_, begin_write_, commit_write_, version_sql_;
  std::timed_mutex writer_mutex_;
  // The thread inside write(), to refuse a nested write instead of deadlocking on the mutex.
  std::atomic<std::thread::id> writer_thread_{};
};

}  // namespace

std::unique_ptr<Store> open_postgres(const std::string& url, const std::string& schema, std::chrono::milliseconds busy_timeout,
                                     const std::string& read_url) {
  return std::make_unique<PostgresStore>(url, schema.empty() ? std::string("public") : schema, busy_timeout, read_url);
}

ReadRouting read_routing(const Store& store) {
  const auto* pg = dynamic_cast<const PostgresStore*>(&store);
  return pg ? pg->routing() : ReadRouting{};
}

}  // namespace sasaeai::store::postgres
