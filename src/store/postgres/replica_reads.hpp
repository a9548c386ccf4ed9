#pragma once
// Reads served by a streaming replica (a hot standby of the primary), never older than what the
// reader could already know: before a read starts there, the replica must have replayed the WAL
// up to the primary's position at the moment the read was asked for. A write acknowledged to
// anyone, on any application server, is therefore seen by every read that starts after it, and
// an answer cached under data_version() N is never computed from a state older than N. A
// replica that is behind, unreachable or not a standby leaves the read to the primary.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "store/postgres/pool.hpp"
#include "store/postgres/postgres_store.hpp"

namespace sasaeai::store::postgres {

class ReplicaReads {
 public:
  // `replica_url`: a libpq URL of one standby, or of several (host=a,b with
  // target_session_attrs=standby). Stores of one URL share its pool.
  ReplicaReads(std::shared_ptr<Pool> primary, const std::string& replica_url);

  // A connection of the replica that has replayed everything the primary had committed when this
  // was called; none when the read must go to the primary. Thread-safe.
  std::optional<Lease> current_replica(std::chrono::milliseconds wait);
  ReadRouting routing() const { return {on_replica_.load(), on_primary_.load()}; }

 private:
  // The primary's WAL position now. Concurrent callers share one query: a caller takes the
  // answer of a query that started after it asked, so the position is never older than its call.
  std::string primary_position(std::chrono::milliseconds wait);
  std::optional<Lease> lease_replica(std::chrono::milliseconds wait);
  void count_on_primary(const char* why);

  std::shared_ptr<Pool> primary_;
  std::shared_ptr<Pool> replica_;
  std::string replica_name_;  // for the log, without the password

  std::mutex position_mutex_;
  std::condition_variable position_done_;
  std::uint64_t position_asked_ = 0;   // callers so far
  std::uint64_t position_served_ = 0;  // callers up to this one have their answer
  bool position_fetching_ = false;
  std::string position_;

  std::atomic<std::uint64_t> on_replica_{0}, on_primary_{0};
  std::atomic<std::int64_t> skip_until_ms_{0};  // steady clock: the replica failed, left alone until then
  std::atomic<std::int64_t> warned_at_{0};  // seconds since the epoch of the last warning
};

}  // namespace sasaeai::store::postgres
