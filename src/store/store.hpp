#pragma once
// The storage contract. Handlers and use cases speak only to these interfaces, so a
// PostgreSQL engine can fill them without touching anything above this layer.
//
// The contract is split by concern, one small interface pair (reads, writes) per header:
//   register_tx.hpp  records of the registers      RegisterReads / RegisterWrites
//   account_tx.hpp   accounts, sessions, tokens    AccountReads  / AccountWrites
//   file_tx.hpp      settings and stored files     FileReads     / FileWrites
//   audit_tx.hpp     the audit trail               AuditReads    / AuditWrites
//   job_tx.hpp       publication jobs              JobReads      / JobWrites
// ReadTx and WriteTx compose them, so one transaction spans every concern: a register change
// and its audit entry commit together. An engine may implement each concern in its own class
// (store/sqlite/ does) and join them in one transaction class; the concern interfaces are
// virtual bases for that reason.
//
// Errors are sasaeai::Error: conflict for constraint violations (still referenced, duplicate),
// not_found for unknown ids, unavailable (code database_busy) when another writer held the
// database longer than the busy timeout. Programming errors (below) throw std::logic_error.
//
// Contracts of every transaction:
// - REQUIRES: a ReadTx/WriteTx is used only inside the callback it was passed to, on the thread
//   that called read()/write(). The reference must not escape the callback (no storing it, no
//   handing it to another thread); it is dead once the callback returns.
// - Values returned by a transaction (records, accounts, files …) are copies the caller owns;
//   they stay valid after the transaction ends.
// - A write inside a write on the same thread is a programming error: write() throws
//   std::logic_error instead of waiting for itself forever. Pass the WriteTx down instead.
// - A read inside a write on the same thread is allowed but runs in its own transaction: it sees
//   the database as last committed, without the outer write's changes. Read through the WriteTx
//   (it is a ReadTx) when the changes matter.
// - A write inside a read on the same thread is allowed (WAL: readers do not block the writer);
//   the read keeps its snapshot and does not see the write.
// - Writes of all threads (and processes) are serialised; reads run in parallel with each
//   other and with the writer.
// - If the callback throws, nothing of the transaction is stored and the exception propagates.
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "store/account_tx.hpp"
#include "store/audit_tx.hpp"
#include "store/file_tx.hpp"
#include "store/job_tx.hpp"
#include "store/register_tx.hpp"

namespace sasaeai::store {

// A consistent snapshot of every concern.
class ReadTx : public virtual RegisterReads,
               public virtual AccountReads,
               public virtual FileReads,
               public virtual AuditReads,
               public virtual JobReads {};

// One transaction over every concern: all of it is stored, or nothing.
class WriteTx : public ReadTx,
                public virtual RegisterWrites,
                public virtual AccountWrites,
                public virtual FileWrites,
                public virtual AuditWrites,
                public virtual JobWrites {};

class Store {
 public:
  virtual ~Store() = default;
  // REQUIRES (both): see the contracts above. Thread-safe: any thread may call them at once.
  virtual void read(const std::function<void(ReadTx&)>& work) = 0;
  // Throws std::logic_error when called inside a write() on the same thread.
  virtual void write(const std::function<void(WriteTx&)>& work) = 0;
  // As write(), for bookkeeping that no cached answer is computed from (a publication job's
  // progress, written every half second while a PDF is built): data_version() does not change
  // for it, so the servers' response caches are not emptied by it. Only for tables no cached
  // answer reads. An engine that cannot tell such writes apart may count them as changes.
  virtual void write_unversioned(const std::function<void(WriteTx&)>& work) { write(work); }
  virtual std::string engine() const = 0;
  // A consistent copy of the whole database, taken while the server keeps running.
  virtual void backup_to(const std::string& path) = 0;
  // A number that changes whenever a write() was committed to the database since it was last
  // asked, by this process or another (a restore, a load from the command line), but not for
  // write_unversioned(), nor for SQL run on the database by other means. An answer
  // computed from a read that started after this returned N is current for as long as it still
  // returns N: caches key on it. Cheap enough to ask on every request. Thread-safe.
  virtual std::uint64_t data_version() = 0;
};

struct SqliteOptions {
  // How long a transaction waits for another writer (another process, a restore) before the
  // store throws Error(unavailable). Tests shorten it.
  std::chrono::milliseconds busy_timeout{10000};
};

// Opens (creating if needed) an SQLite database file and applies pending migrations.
// ":memory:" is not supported: connections of the pool must share one database.
std::unique_ptr<Store> open_sqlite(const std::string& path, const SqliteOptions& options = {});

}  // namespace sasaeai::store
