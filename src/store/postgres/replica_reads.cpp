#include "store/postgres/replica_reads.hpp"

#include <libpq-fe.h>
#include <spdlog/spdlog.h>

#include <thread>

#include "core/error.hpp"
#include "store/postgres/errors.hpp"

namespace sasaeai::store::postgres {
namespace {

// A replica that failed is left alone this long before it is tried again, so that reads do not
// each wait for a connection that will not come.
constexpr std::chrono::seconds kRetryReplicaAfter{5};
// A replica streams what the primary flushes within a few milliseconds: a read waits for it this
// long, checking again after 1, 2, 4 and 8 ms, before it goes to the primary.
constexpr int kCatchUpChecks = 5;

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

// "host:port/dbname" of a libpq URL: what the log may say about it.
std::string described(const std::string& url) {
  char* error = nullptr;
  PQconninfoOption* options = PQconninfoParse(url.c_str(), &error);
  if (!options) {
    PQfreemem(error);
    return "(the read replica)";
  }
  std::string host, port, dbname;
  for (auto* o = options; o->keyword; ++o) {
    if (!o->val) continue;
    const std::string_view key = o->keyword;
    if (key == "host") host = o->val;
    if (key == "port") port = o->val;
    if (key == "dbname") dbname = o->val;
  }
  PQconninfoFree(options);
  return host + (port.empty() ? "" : ":" + port) + "/" + dbname;
}

}  // namespace

ReplicaReads::ReplicaReads(std::shared_ptr<Pool> primary, const std::string& replica_url)
    : primary_(std::move(primary)), replica_(Pool::shared(replica_url)), replica_name_(described(replica_url)) {}

std::string ReplicaReads::primary_position(std::chrono::milliseconds wait) {
  std::unique_lock lock(position_mutex_);
  const auto ticket = ++position_asked_;
  while (position_served_ < ticket && position_fetching_) position_done_.wait(lock);
  if (position_served_ >= ticket) return position_;
  // Every caller so far asked before this query starts: its answer is new enough for them all.
  position_fetching_ = true;
  const auto covers = position_asked_;
  lock.unlock();
  std::string position;
  try {
    Lease lease(*primary_, wait);
    lease->use_schema({});
    // An acknowledged commit is flushed (synchronous_commit on, the default, or any remote
    // level): the flushed position covers it, and the replica can reach it at once. With
    // asynchronous commit it may still be in the WAL buffers: only the insert position covers it.
    position = lease
                   ->query("SELECT CASE WHEN current_setting('synchronous_commit') = 'off' THEN pg_current_wal_insert_lsn() "
                           "ELSE pg_current_wal_flush_lsn() END::text")
                   .string(0, 0);
  } catch (...) {
    lock.lock();
    position_fetching_ = false;
    position_done_.notify_all();
    lock.unlock();
    // The primary's failures mean what they mean for any read of it (errors.hpp).
    try {
      throw;
    } catch (const PgError& e) {
      if (is_transient(e)) throw_busy();
      throw;
    }
  }
  lock.lock();
  position_ = position;
  position_served_ = covers;
  position_fetching_ = false;
  position_done_.notify_all();
  return position;
}

std::optional<Lease> ReplicaReads::lease_replica(std::chrono::milliseconds wait) {
  try {
    return std::optional<Lease>(std::in_place, *replica_, wait);
  } catch (const Error&) {
    // Unreachable, or every connection busy: the primary serves this read.
    return std::nullopt;
  }
}

std::optional<Lease> ReplicaReads::current_replica(std::chrono::milliseconds wait) {
  if (now_ms() < skip_until_ms_.load()) {
    ++on_primary_;
    return std::nullopt;
  }
  // Asked before the replica's position: the replica must have caught up with this one.
  const auto needed = primary_position(wait);
  auto lease = lease_replica(wait);
  if (!lease) {
    count_on_primary("cannot be reached");
    return std::nullopt;
  }
  try {
    Params p;
    p.text(needed);
    (*lease)->use_schema({});
    for (int check = 0;; ++check) {
      // Outside any transaction: the read's snapshot is taken later, when the replica has
      // replayed at least this far. NULL: the server is not a standby.
      const auto caught_up = (*lease)->query("SELECT pg_last_wal_replay_lsn() >= ?::pg_lsn, pg_is_in_recovery()", p);
      if (caught_up.text(0, 1) != "t") {
        count_on_primary("is not a standby (pg_is_in_recovery() is false)");
        return std::nullopt;
      }
      if (!caught_up.null(0, 0) && caught_up.text(0, 0) == "t") break;
      if (check + 1 == kCatchUpChecks) {
        ++on_primary_;  // still behind: the primary answers rather than keep the reader waiting
        return std::nullopt;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1 << check));
    }
  } catch (const PgError& e) {
    count_on_primary(e.what());
    return std::nullopt;
  }
  ++on_replica_;
  return lease;
}

void ReplicaReads::count_on_primary(const char* why) {
  ++on_primary_;
  skip_until_ms_.store(now_ms() + std::chrono::duration_cast<std::chrono::milliseconds>(kRetryReplicaAfter).count());
  const auto now = std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  auto last = warned_at_.load();
  // One warning a minute is enough to be noticed without filling the log.
  if (now - last >= 60 && warned_at_.compare_exchange_strong(last, now)) {
    spdlog::warn("PostgreSQL read replica {}: {}; reads go to the primary for now", replica_name_, why);
  }
}

}  // namespace sasaeai::store::postgres
