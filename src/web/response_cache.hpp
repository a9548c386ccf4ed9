#pragma once
// Answers to GET requests kept while the data they were computed from is unchanged.
//
// A page or API answer is a function of the stored data, the caller, the URL and today's date
// (Asia/Tokyo). The store's data_version() changes whenever anything is committed, by this
// process or another, so an answer kept under one version is exactly what the handler would
// compute again as long as the version is the same. The whole cache is emptied when the version
// moves on: old entries could never be asked for again.
//
// Only routes declared with Reuse::while_data_unchanged use it, and only answers with status
// 200 and no Set-Cookie are kept. An answer whose computation changed the data (an audit entry
// for viewing personal data, say) is never kept, so such side effects happen on every request.
//
// While one request computes the answer for a key, others asking for the same key wait for it
// (at most `wait_limit`) instead of computing it too: after a change, a burst of requests for the
// dashboard costs one computation, not one per connection, in time and in memory.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <chrono>
#include <condition_variable>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>

namespace sasaeai::web {

struct CachedResponse {
  int status = 200;
  httplib::Headers headers;
  std::string body;
  std::string gzipped;  // the body compressed, when its type gains from it; else empty
  std::size_t bytes() const;
};

class ResponseCache {
 public:
  // `budget_bytes` bounds the bodies and headers kept; an answer larger than `largest_bytes`
  // (a whole city's GeoJSON, an export) is not kept at all.
  ResponseCache(std::size_t budget_bytes, std::size_t largest_bytes, std::chrono::milliseconds wait_limit = std::chrono::seconds(10))
      : budget_(budget_bytes), largest_(largest_bytes), wait_limit_(wait_limit) {}

  // The answer kept for `key` under `version`, if any.
  std::shared_ptr<const CachedResponse> find(std::uint64_t version, const std::string& key);

  // The answer kept for `key`, waiting while another request computes it. Without one, `lead`
  // tells whether this caller now computes it for the others: it must then call finish(),
  // whatever happens (a Lead does). A caller that does not lead (the wait ran out, or the
  // version moved on) computes the answer for itself and keeps nothing.
  struct Lookup {
    std::shared_ptr<const CachedResponse> kept;
    bool lead = false;
  };
  Lookup find_or_lead(std::uint64_t version, const std::string& key);
  // Ends a computation find_or_lead() handed out, keeping `response` when given.
  void finish(std::uint64_t version, const std::string& key, std::optional<CachedResponse> response);
  // Keeps `response` for `key`, computed from data of `version`, with its body compressed once
  // for clients that accept gzip.
  void put(std::uint64_t version, const std::string& key, CachedResponse response);

  struct Stats {
    std::size_t entries = 0, bytes = 0;
    std::uint64_t hits = 0, misses = 0;
  };
  Stats stats();

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const CachedResponse>>;
  // Moves on to a newer version, emptying the cache; false for an older one. REQUIRES: mutex_ held.
  bool current(std::uint64_t version);
  std::shared_ptr<const CachedResponse> hit(const std::string& key);  // REQUIRES: mutex_ held
  void keep(const std::string& key, std::shared_ptr<const CachedResponse> response, std::size_t size);  // REQUIRES: mutex_ held

  std::mutex mutex_;
  std::condition_variable computed_;
  std::unordered_set<std::string> computing_;
  std::uint64_t version_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::size_t budget_;
  std::size_t largest_;
  std::chrono::milliseconds wait_limit_;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace sasaeai::web
