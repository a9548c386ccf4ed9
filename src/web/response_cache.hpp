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
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

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
  ResponseCache(std::size_t budget_bytes, std::size_t largest_bytes) : budget_(budget_bytes), largest_(largest_bytes) {}

  // The answer kept for `key` under `version`, if any.
  std::shared_ptr<const CachedResponse> find(std::uint64_t version, const std::string& key);
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
  void clear_for(std::uint64_t version);  // REQUIRES: mutex_ held

  std::mutex mutex_;
  std::uint64_t version_ = 0;
  std::list<Entry> order_;  // most recently used first
  std::unordered_map<std::string, std::list<Entry>::iterator> index_;
  std::size_t bytes_ = 0;
  std::size_t budget_;
  std::size_t largest_;
  std::uint64_t hits_ = 0, misses_ = 0;
};

}  // namespace sasaeai::web
